"""A site folder's listing: one digest of every entry as it is on disk, folder by folder.

A file changed in any way changes its ctime (an edit whose mtime was put back included), so the
digest of (name, mode, size, mtime, ctime, inode) of every entry says whether a site is exactly as
a build left it (`up_to_date`, `carry_over`). It is a tree of digests: each folder's digest covers
its entries and its subfolders' digests, so the listing of a new site can take the digest of a
folder moved into it from the old site (`carry_over`) instead of reading its entries again: moving
a folder changes its own times, which its parent's digest covers, never its entries'. A file the
build hard-linked into the new site (`api_links`) changed its ctime by that link alone: `linked`
lets the old site's listing count it as it was, only while it is exactly as the link left it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Collection, Mapping
from typing import NamedTuple

_DONE = b"listed "


class FileState(NamedTuple):
    """What the listing and the links' checks read of a file's `os.stat_result`: a plain tuple,
    which a child hands back in a fraction of the time 85,000 stat results take to pickle."""

    st_dev: int
    st_ino: int
    st_mode: int
    st_size: int
    st_mtime_ns: int
    st_ctime_ns: int


Stat = os.stat_result | FileState


def state(st: Stat) -> FileState:
    return FileState(st.st_dev, st.st_ino, st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def listing(target: os.PathLike[str] | str, known: Mapping[str, str] | None = None,
            record: Collection[str] = (), recorded: dict[str, str] | None = None,
            linked: Mapping[str, tuple[bytes, bytes]] | None = None,
            held: Mapping[str, Stat] | None = None, strayed: list[str] | None = None) -> str:
    """The digest of every entry under `target` ("" when it is empty or cannot be read whole).
    `known`: folders (paths relative to `target`) whose digest is given; `record`: folders whose
    digest is put into `recorded`; `linked`: files whose `line` is the first of a pair, counted as
    the second (the line they had before this build linked them); `held`: files that must be
    their only name and as they were but for their ctime (the new site's links once the old
    names are removed: `api_links`): those that are not, or are missing, go into `strayed`."""
    walk = _Walk(known or {}, record, recorded if recorded is not None else {}, linked or {}, held or {},
                 strayed if strayed is not None else [])
    found = walk.folder(os.fspath(target), "")
    if walk.held and found is not None:
        walk.strayed.extend(sorted(set(walk.held) - walk.seen))
    return found or ""


def folder_digest(path: os.PathLike[str] | str) -> str | None:
    """The digest a `listing` of the site that holds the folder at `path` takes for it (None when
    it cannot be read whole): a build's child lists the folders it wrote, while the pages are built."""
    return _Walk({}, (), {}, {}, {}, []).folder(os.fspath(path), "folder")


def kept(st: os.stat_result, was: Stat) -> bool:
    """The file is its only name and unchanged since `was` but for its ctime."""
    return st.st_nlink == 1 and ((st.st_dev, st.st_ino, st.st_mode, st.st_size, st.st_mtime_ns)
                                 == (was.st_dev, was.st_ino, was.st_mode, was.st_size, was.st_mtime_ns))


def line(name: str, st: Stat) -> bytes:
    """What the listing reads of one entry: its name, mode, size, mtime, ctime and inode."""
    times = f" {st.st_mode} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino}"
    return os.fsencode(name) + times.encode("ascii")


class _Walk:
    def __init__(self, known: Mapping[str, str], record: Collection[str], recorded: dict[str, str],
                 linked: Mapping[str, tuple[bytes, bytes]], held: Mapping[str, Stat],
                 strayed: list[str]) -> None:
        self.known, self.record, self.recorded, self.linked = known, record, recorded, linked
        self.held, self.strayed, self.seen = held, strayed, set[str]()

    def folder(self, path: str, rel: str) -> str | None:
        if rel in self.known:
            return self.known[rel]
        try:
            with os.scandir(path) as found:
                entries = sorted(found, key=lambda e: e.name)
        except OSError:
            return None
        if not entries and not rel:
            return None
        h = hashlib.sha256()
        linked, held = self.linked, self.held
        for entry in entries:
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                return None
            seen = line(entry.name, st)
            sub_rel = f"{rel}/{entry.name}" if rel else entry.name
            if linked and sub_rel in linked and linked[sub_rel][0] == seen:
                seen = linked[sub_rel][1]
            if held and sub_rel in held:
                self.seen.add(sub_rel)
                if not kept(st, held[sub_rel]):
                    self.strayed.append(sub_rel)
            h.update(len(seen).to_bytes(8, "big") + seen)
            if entry.is_dir(follow_symlinks=False):
                sub = self.folder(entry.path, sub_rel)
                if sub is None:
                    return None
                if sub_rel in self.record:
                    self.recorded[sub_rel] = sub
                h.update(b"D" + sub.encode("ascii"))
        return h.hexdigest()


def listing_later(target: os.PathLike[str] | str) -> Callable[[], str]:
    """`listing(target)`, made by a forked child while this process does other work (a build hashes
    the repository meanwhile: two cores, one reading the site, one the repository). Call the result
    to wait for it; a child that could not be made or did not finish leaves the listing to this
    process, so the answer is always the listing."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return lambda: listing(target)
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return lambda: listing(target)
    if pid == 0:  # the child: list, answer in one write (under PIPE_BUF), and leave without clean-up
        code = 1
        try:
            os.close(read_end)
            os.write(write_end, _DONE + listing(target).encode("ascii"))
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    answer: list[str] = []

    def result() -> str:
        if not answer:
            with os.fdopen(read_end, "rb") as pipe:
                data = pipe.read()
            os.waitpid(pid, 0)
            answer.append(data[len(_DONE):].decode("ascii") if data.startswith(_DONE) else listing(target))
        return answer[0]

    return result
