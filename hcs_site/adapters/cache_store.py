"""The build cache's folder: content-addressed entries that are either whole or ignored.

Every entry is a file named by the hash of everything its content depends on, so two builds (or
two `--jobs` workers) that write the same name write the same bytes: no locks are needed. An entry
is written into a temporary file beside it and renamed into place, and it carries the hash of its
own payload: a build killed half way, or a disk that lost the end of a file, leaves an entry that
fails the check and is simply rebuilt. Deleting the folder only makes the next build a cold one.

Where the folder may be, and when it may be deleted: cache_folder.py.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from . import forked
from .cache_folder import (
    GITIGNORE,
    GITIGNORE_TEXT,
    TAG,
    TAG_TEXT,
    CacheRefused,
    cache_file,
    is_tagged,
)
from .cache_writer import WRITER

FORMAT = 2
"""The layout and meaning of entries; a new number makes every older entry unreachable (2: a page
is a two-part entry, `put_parts`)."""
STORING = "storing entries in the build cache"
APART = 200
"""Entries from which `later` (and the HTML layer) forks a child to store them: forking a build of
a gigabyte costs it a fault on every page it writes afterwards, which a few entries do not repay
(a one-course rebuild stores 30 students' pages and 2 pages' HTML: 1 s slower with children)."""
PRUNED = ("pages", "api", "markdown", "checked")
"""The layers `prune` empties of what a build did not use; "state" holds one small entry per site
folder (adapters/up_to_date.py), which a build of another folder must not forget."""
_MAGIC = b"hcs-cache\n"
_PARTS = b"hcs-parts\n"
_PARTS_HEAD = len(_PARTS) + 2 * (64 + 1 + 16 + 1)
"""Magic, then `<sha256 of head> <length of head>` and the same of the body, fixed width."""


_STORING: list[forked.Child] = []
"""The children of `CacheStore.later` not yet waited for (this process's: a forked child has none)."""
os.register_at_fork(after_in_child=_STORING.clear)


class CacheStore:
    """One cache folder: `get`/`put` of entries by layer and key (a sha256 in hex)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.failed = False
        """A write failed (disk full, no permission): the build goes on without storing more."""
        self.used: dict[str, set[str]] = {}
        """The entries this process read, by layer: `prune` keeps them (one set, not 20,000 utimes)."""
        self.marks_on_disk = False
        """A forked `--jobs` worker marks what it reads by the entry's time: its `used` dies with it."""

    @classmethod
    def open(cls, folder: Path) -> CacheStore:
        """The cache in `folder`, made and tagged when new or empty; CacheRefused when the folder
        holds something else (it may be someone's files)."""
        if folder.exists() and not folder.is_dir():
            raise CacheRefused(f"refusing to use {folder} as the build cache: it is a file; Fix: name a folder")
        if folder.is_dir() and not is_tagged(folder) and any(folder.iterdir()):
            raise CacheRefused(f"refusing to use {folder} as the build cache: it is not empty and holds no "
                               f"{TAG} written by hcs-site; Fix: name a new or empty folder with --cache-dir")
        if not is_tagged(folder):
            folder.mkdir(parents=True, exist_ok=True)
            (folder / GITIGNORE).write_text(GITIGNORE_TEXT, encoding="utf-8", newline="\n")
            (folder / TAG).write_text(TAG_TEXT, encoding="utf-8", newline="\n")  # last: the folder is whole
        WRITER.start()  # while the command is small: the writer is a copy of this process
        return cls(folder)

    def path(self, layer: str, key: str) -> Path:
        return self.folder / f"v{FORMAT}" / layer / key[:2] / key

    def empty(self, layer: str) -> bool:
        """Whether the layer holds no entry at all (a new cache's: nothing to look for), on disk
        or handed to the writer."""
        return not _scan(self.folder / f"v{FORMAT}" / layer) and not WRITER.holds(self.folder)

    def get(self, layer: str, key: str) -> bytes | None:
        """The payload stored under `key`, or None when absent, unreadable or not whole."""
        data = _read(self.path(layer, key))
        if data is None:
            return None
        head = len(_MAGIC) + 65
        if not data.startswith(_MAGIC) or len(data) < head:
            return None
        payload = data[head:]
        if data[len(_MAGIC):head - 1].decode("ascii", "replace") != hashlib.sha256(payload).hexdigest():
            return None
        return payload

    def clock(self) -> float:
        """Now, by the file system's clock (the one entries' times come from): the tag's new time."""
        tag = self.folder / TAG
        try:
            os.utime(tag)
            return tag.stat().st_mtime
        except OSError:
            return time.time()

    def touch(self, layer: str, key: str) -> None:
        """Mark an entry as used by this build, so `prune` keeps it."""
        if self.marks_on_disk:
            with contextlib.suppress(OSError):
                os.utime(self.path(layer, key))
        else:
            self.used.setdefault(layer, set()).add(key)

    def prune(self, before: float) -> int:
        """Delete the entries this process has not used (`used`) and no build has used or written
        since `before` (a time.time()), and temporary files of builds that were killed, and every
        entry of another format: what a whole-site build did not need. Called after a successful
        build of the whole site, so the cache holds one site, not every past one."""
        self.flush()
        removed = 0
        for layer in PRUNED:
            used = self.used.get(layer, set())
            for folder in _scan(self.folder / f"v{FORMAT}" / layer):
                if len(folder.name) != 2 or not folder.is_dir(follow_symlinks=False):
                    continue
                for entry in _scan(Path(folder.path)):
                    if entry.name in used:
                        continue
                    try:
                        if entry.stat(follow_symlinks=False).st_mtime < before:
                            os.unlink(entry.path)
                            removed += 1
                    except OSError:
                        continue
        return removed + self._prune_formats()

    def _prune_formats(self) -> int:
        """Delete the entries of other formats (no build of this version reads them): after an
        upgrade the last format's pages would otherwise stay beside the new ones for good."""
        removed, real = 0, self.folder.resolve()
        others = sorted(p for p in self.folder.glob("v*") if p.name != f"v{FORMAT}")
        for path in sorted(p for other in others for p in other.glob("*/??/*")):
            rel = path.relative_to(self.folder).as_posix()
            if rel.split("/", 1)[0] != f"v{FORMAT}" and cache_file(rel) and path.resolve() == real / rel:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        return removed

    def put(self, layer: str, key: str, payload: bytes | Sequence[bytes]) -> None:
        """Store `payload` (bytes, or their pieces in order) under `key`: into a temporary file,
        then renamed (atomic on POSIX)."""
        pieces = [payload] if isinstance(payload, bytes) else list(payload)
        h = hashlib.sha256()
        for piece in pieces:
            h.update(piece)
        self._write(layer, key, [_MAGIC, h.hexdigest().encode("ascii"), b"\n", *pieces])

    def put_parts(self, layer: str, key: str, head: bytes, body: bytes) -> None:
        """Store an entry of two parts, each with its own hash and length, so that `get_head` reads
        and checks the small head alone and the body is read only by `get_parts` when it is needed."""
        sums = b"".join(_sha(part) + b" %016d\n" % len(part) for part in (head, body))
        self._write(layer, key, [_PARTS + sums, head, body])

    def get_head(self, layer: str, key: str) -> bytes | None:
        """The head of a two-part entry, checked; None when absent, unreadable, not whole (the file
        is shorter or longer than its two parts) or the head fails its hash. The body is not read:
        `get_parts` checks it before it is used."""
        path = self.path(layer, key)
        queued = WRITER.pending(path)
        if queued is not None:
            parts = _split(queued)
            return parts[0] if parts is not None else None
        try:
            with path.open("rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                sums = _sums(fh.read(_PARTS_HEAD))
                if sums is None or not sums.whole(size):
                    return None
                head = fh.read(sums.head_size)
        except OSError:
            return None
        return head if _sha(head) == sums.head_sum else None

    def get_parts(self, layer: str, key: str) -> tuple[bytes, bytes] | None:
        """Both parts of a two-part entry, each checked against its hash; None as for `get`."""
        data = _read(self.path(layer, key))
        return _split(data) if data is not None else None

    def later(self, work: Callable[[], object], entries: int, what: str = STORING) -> None:
        """Have `work` store its `entries` in a child forked now, while this process goes on:
        encoding a cold build's checked students and students' pages was 2 s of its one core. The
        build waits for the child before the swap (`settle`), `flush` waits for it too. Fewer than
        `APART` entries, or where no child can be made, `work` runs here. `what` names the child
        in the message of a build it stopped."""
        if self.failed:
            return
        child = forked.fork(work, what) if entries >= APART else None
        if child is None:
            work()
        else:
            _STORING.append(child)

    @staticmethod
    def settle(quiet: bool = False) -> None:
        """Wait for the children of `later`; what one raised is raised here, before the swap, as
        it was when the entries were stored in the build's own process (`quiet`: a build that
        already failed only waits, so that the build after the fix reads what was stored)."""
        while _STORING:
            try:
                _STORING.pop(0).wait()
            except Exception:
                if not quiet:
                    raise

    @staticmethod
    def abandon() -> None:
        """The build failed: the children of `later` stop (what they stored is whole or ignored)."""
        while _STORING:
            _STORING.pop().abort()

    def _write(self, layer: str, key: str, data: Sequence[bytes]) -> None:
        if not self.failed:
            WRITER.put(self.path(layer, key), data, self._failed)

    def _failed(self) -> None:
        self.failed = True

    def flush(self) -> None:
        """Wait until every entry stored so far is on disk (`later`, `cache_writer`)."""
        self.settle(quiet=True)
        WRITER.flush()


atexit.register(CacheStore.settle, True)  # before the writer closes (atexit runs in reverse order)


class _Sums(NamedTuple):
    """What the start of a two-part entry says of its parts."""

    head_sum: bytes
    head_size: int
    body_sum: bytes
    body_size: int

    def whole(self, size: int) -> bool:
        return size == _PARTS_HEAD + self.head_size + self.body_size


def _sums(start: bytes) -> _Sums | None:
    if not start.startswith(_PARTS):
        return None
    found = re.fullmatch(rb"([0-9a-f]{64}) ([0-9]{16})\n([0-9a-f]{64}) ([0-9]{16})\n", start[len(_PARTS):])
    return _Sums(found[1], int(found[2]), found[3], int(found[4])) if found else None


def _read(path: Path) -> bytes | None:
    """An entry's bytes: still queued for the disk (`cache_writer`), or on it."""
    queued = WRITER.pending(path)
    if queued is not None:
        return queued
    try:
        return path.read_bytes()
    except OSError:
        return None


def _split(data: bytes) -> tuple[bytes, bytes] | None:
    """Both parts of a two-part entry, each checked against its hash."""
    sums = _sums(data[:_PARTS_HEAD])
    if sums is None or not sums.whole(len(data)):
        return None
    head, body = data[_PARTS_HEAD:_PARTS_HEAD + sums.head_size], data[_PARTS_HEAD + sums.head_size:]
    return (head, body) if _sha(head) == sums.head_sum and _sha(body) == sums.body_sum else None


def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).hexdigest().encode("ascii")


def _scan(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as found:
            return list(found)
    except OSError:
        return []
