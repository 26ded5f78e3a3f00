"""A site folder's listing: one digest of every entry as it is on disk, folder by folder.

A file changed in any way changes its ctime (an edit whose mtime was put back included), so the
digest of (name, mode, size, mtime, ctime, inode) of every entry says whether a site is exactly as
a build left it (`up_to_date`, `carry_over`). It is a tree of digests: each folder's digest covers
its entries and its subfolders' digests, so the listing of a new site can take the digest of a
folder moved into it from the old site (`carry_over`) instead of reading its entries again: moving
a folder changes its own times, which its parent's digest covers, never its entries'.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Mapping


def listing(target: os.PathLike[str] | str, known: Mapping[str, str] | None = None,
            record: Collection[str] = (), recorded: dict[str, str] | None = None) -> str:
    """The digest of every entry under `target` ("" when it is empty or cannot be read whole).
    `known`: folders (paths relative to `target`) whose digest is given; `record`: folders whose
    digest is put into `recorded`."""
    found = _folder(os.fspath(target), "", known or {}, record, recorded if recorded is not None else {})
    return found or ""


def _folder(path: str, rel: str, known: Mapping[str, str], record: Collection[str],
            recorded: dict[str, str]) -> str | None:
    if rel in known:
        return known[rel]
    try:
        with os.scandir(path) as found:
            entries = sorted(found, key=lambda e: e.name)
    except OSError:
        return None
    if not entries and not rel:
        return None
    h = hashlib.sha256()
    for entry in entries:
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            return None
        times = f" {st.st_mode} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_ino}"
        line = os.fsencode(entry.name) + times.encode("ascii")
        h.update(len(line).to_bytes(8, "big") + line)
        if entry.is_dir(follow_symlinks=False):
            sub_rel = f"{rel}/{entry.name}" if rel else entry.name
            sub = _folder(entry.path, sub_rel, known, record, recorded)
            if sub is None:
                return None
            if sub_rel in record:
                recorded[sub_rel] = sub
            h.update(b"D" + sub.encode("ascii"))
    return h.hexdigest()
