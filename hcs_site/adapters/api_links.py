"""The JSON API's unchanged files as hard links to the site a build replaces, instead of writes.

One course changed changes a few dozen of the API's 85,000 files, yet its key (every file under
content/) changes, so the API cannot be carried over whole (`carry_over`) and writing it all again
took 8 of a rebuild's seconds. When the old site is intact (its listing matched the last build's
snapshot), the file of the old site whose sha256 in the last API's record (`api_cache.recorded`)
is the sha256 of this build's file is linked into the new site (85,000 links and reading them back:
about 2 s on an idle disk). The record only chooses: every link is then read back through the new
name and kept only if it holds this build's bytes and did not change while being read, so a record
that lies, or a file of the old site edited (even with its size and time put back) before it was
linked, is written instead. A link that fails (another file system, no hard links, too many links)
is a write too.

A link changes the shared file's ctime, which the old site's listing reads: `replaced` tells the
listing (`site_listing`) to count each such file as it was, only while it is exactly as the link
left it. `held` is each linked file's state once verified: that listing, or `edited` when no folder
is carried and it is not read, finds any later edit before the swap (SiteChanged); after the swap
the old site's names are removed (`scratch.swap_in`) before the new site's listing is taken, since
removing them changes the ctime again; that listing (`up_to_date.remember`) then checks that
nothing but that ctime moved.
Links are made after MkDocs has written the site, only in the API's folders, where nothing writes
afterwards; a file found there is left as it is.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .api_address import API_FOLDERS
from .api_cache import SiteApi
from .site_listing import FileState, Stat, line, state

log = logging.getLogger("mkdocs.plugins.hcs")

NO_LINKS = frozenset({errno.EXDEV, errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS})
"""A link refused for the whole file system (another disk, no hard links): the rest are written."""


@dataclass
class Links:
    old_site: Path
    files: Mapping[str, bytes]
    """This build's API: the bytes every file must hold, linked or written."""
    names: list[str]
    """The files the last API's record gives the same sha256 as this build's: to be linked."""
    replaced: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)
    """An old site's file this build linked -> its listing line after the link, and before."""
    held: dict[str, FileState] = field(default_factory=dict)
    """Each file linked into the new site -> its state once its bytes were read back."""
    made: bool = False
    """The links are made (by the child that wrote the API: `api_writer`)."""


def plan(old_site: Path, api: SiteApi, last: Mapping[str, str] | None) -> Links | None:
    """The files to link: same sha256 in `last` (the record of the API the old site holds) as in
    this build's API; None when there is no record or nothing to link."""
    if last is None:
        return None
    names = sorted(name for name, sha in api.digests().items()
                   if last.get(name) == sha and name.split("/", 1)[0] in API_FOLDERS)
    return Links(old_site, api.files(), names) if names else None


def _link(old: str, new: str) -> None:
    os.link(old, new, follow_symlinks=False)


def _same(a: Stat, b: Stat, ctime: bool = True) -> bool:
    return ((a.st_dev, a.st_ino, a.st_mode, a.st_size, a.st_mtime_ns) == (b.st_dev, b.st_ino, b.st_mode,
                                                                           b.st_size, b.st_mtime_ns)
            and (not ctime or a.st_ctime_ns == b.st_ctime_ns))


def _read_back(path: str, expected: bytes) -> os.stat_result | None:
    """The state of the regular file at `path` when it holds `expected` and did not change while
    it was read; else None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        first = os.fstat(fd)
        if not stat.S_ISREG(first.st_mode) or first.st_size != len(expected):
            return None
        chunks = []
        while chunk := os.read(fd, len(expected) + 1):
            chunks.append(chunk)
        second = os.fstat(fd)
    except OSError:
        return None
    finally:
        os.close(fd)
    return second if b"".join(chunks) == expected and _same(first, second) else None


def link(links: Links, built: Path, quiet: bool = False) -> None:
    """Link each planned file from the old site into `built`, or write it: see the module.
    `quiet`: the caller logs how many were linked."""
    can_link, folders = True, set()
    for name in links.names:
        old, new = os.path.join(links.old_site, name), os.path.join(built, name)
        folder = os.path.dirname(new)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        expected = links.files[name]
        if can_link:
            try:
                before = os.lstat(old)
                _link(old, new)
            except FileExistsError:
                continue  # written by the build after MkDocs: left as it is
            except OSError as exc:
                if exc.errno in NO_LINKS:
                    can_link = False
                    log.info(f"hcs: the JSON API cannot be linked from {links.old_site} ({os.strerror(exc.errno)}): "
                             "written instead")
            else:
                held = _read_back(new, expected)
                base = os.path.basename(name)
                if held is not None and _same(before, held, ctime=False):
                    links.held[name] = state(held)
                    links.replaced[name] = (line(base, held), line(base, before))
                    continue
                os.unlink(new)  # never written into: the inode is the old site's
                try:
                    now = os.lstat(old)
                except OSError:
                    now = before
                if _same(before, now, ctime=False):  # the old file's ctime moved by this build's link
                    links.replaced[name] = (line(base, now), line(base, before))
        with open(new, "xb") as fh:
            fh.write(expected)
    links.made = True
    if not quiet:
            log.info(f"hcs: the JSON API ({len(links.files)} files): {len(links.held)} linked from the site it "
                 f"replaces, {len(links.files) - len(links.held)} written")


def edited(links: Links, built: Path) -> list[str]:
    """The linked files changed since they were read back (edited through the old site's name)."""
    changed = []
    for name, held in links.held.items():
        try:
            now = os.lstat(built / name)
        except OSError:
            changed.append(name)
            continue
        if not _same(held, now):
            changed.append(name)
    return changed
