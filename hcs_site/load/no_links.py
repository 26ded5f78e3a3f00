"""Reading a repository file without ever following a link: consent is decided per folder, so a
file may only be read through the folder it is listed in.

A symlink in a consented portfolio pointing into a portfolio without consent (or at /etc/passwd
from a course file) would otherwise publish what it points at. Every component of the path is
opened relative to the one before it with O_NOFOLLOW, so a link anywhere on the path (the
portfolio folder, evidence/, the file itself) is refused, even one swapped in after discovery.
A file under portfolios/ with a second hard link is refused too: the other name may be in a
portfolio without consent, and a Git checkout never creates hard links.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

PORTFOLIOS_PREFIX = "portfolios/"
FIX_HINT = ("replace the link with a copy of the file itself (`cp --remove-destination TARGET LINK`, "
            "or delete it): every file must really be in its own folder")

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


class LinkRefused(OSError):
    """A path that goes through a link, or names something other than one regular file."""

    def __init__(self, rel: str, reason: str) -> None:
        super().__init__(errno.ELOOP, reason, rel)
        self.rel, self.reason = rel, reason


def link_problem(st: os.stat_result, rel: str) -> str | None:
    """Why the file with this lstat result cannot be read, or None when it is a plain file."""
    if stat.S_ISLNK(st.st_mode):
        return "it is a symbolic link"
    if not stat.S_ISREG(st.st_mode):
        return "it is not a regular file (a pipe, socket or device)"
    if st.st_nlink > 1 and rel.startswith(PORTFOLIOS_PREFIX):
        return f"it is a hard link ({st.st_nlink} names for the same file)"
    return None


def read_bytes(root: Path, rel: str, limit: int | None = None) -> bytes:
    """The bytes of `root/rel` (at most `limit` + 1 of them); raises LinkRefused or OSError."""
    parts = rel.split("/")
    if any(p in ("", ".", "..") for p in parts):
        raise LinkRefused(rel, "its name leaves its folder")
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    try:
        for i, part in enumerate(parts[:-1]):
            try:
                nxt = os.open(part, _DIR_FLAGS, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise LinkRefused(rel, f"the folder {'/'.join(parts[: i + 1])} is a link") from exc
                raise
            os.close(fd)
            fd = nxt
        try:
            nxt = os.open(parts[-1], _FILE_FLAGS, dir_fd=fd)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise LinkRefused(rel, "it is a symbolic link") from exc
            raise
        os.close(fd)
        fd = nxt
        problem = link_problem(os.fstat(fd), rel)
        if problem:
            raise LinkRefused(rel, problem)
        chunks = []
        left = None if limit is None else limit + 1
        while left is None or left > 0:
            chunk = os.read(fd, 1 << 20 if left is None else min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            if left is not None:
                left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
