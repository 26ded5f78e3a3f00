"""The build cache's entries written by a thread of their own, beside the build.

A cold build with an empty cache creates about 25,000 entry files; creating a file is a system
call that waits on the file system (a quarter of a millisecond on a busy disk), and one after the
other they were a third of what such a build spent on its cache. The build's own work (rendering,
which holds the interpreter) goes on meanwhile: the thread waits on the disk, not on Python.
`flush` waits until every entry queued is on disk; a build calls it before it prunes, before a
`--jobs` worker ends and before the command returns. An entry still queued is read from memory
(`pending`): what was stored is what is read. A forked child starts with an empty queue and no
thread: its parent's queued entries are the parent's to write.
"""

from __future__ import annotations

import atexit
import os
import queue
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

Job = tuple[Path, str, Sequence[bytes], Callable[[], None]]
"""Where an entry goes, its key (the temporary file's prefix), its bytes in pieces (the API's
500 MB are never joined into one), what to call if it fails."""


def write_entry(target: Path, key: str, data: Sequence[bytes]) -> bool:
    """One entry: into a temporary file beside it, then renamed into place (atomic on POSIX).
    False when it could not be written (disk full, no permission)."""
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f"{key}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.writelines(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        return True
    except OSError:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        return False


QUEUED = 256
"""Entries waiting for the disk at most: a build that makes them faster than the disk takes them
waits, rather than holding every page of the site in memory (a page's entry is tens of kB)."""


class Writer:
    """One thread writing the entries queued by `put`, in order: one per process (`WRITER`)."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._queue: queue.Queue[Job] = queue.Queue(maxsize=QUEUED)
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._pending: dict[Path, Sequence[bytes]] = {}

    def pending(self, target: Path) -> bytes | None:
        """The bytes queued for `target` and not yet on disk, if any."""
        with self._lock:
            found = self._pending.get(target)
        return b"".join(found) if found is not None else None

    def put(self, target: Path, key: str, data: Sequence[bytes], failed: Callable[[], None]) -> None:
        """Queue an entry; `failed` is called (in the writer's thread) when it cannot be written."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="hcs-cache-writer", daemon=True)
            self._thread.start()
        with self._lock:
            self._pending[target] = data
        self._queue.put((target, key, data, failed))

    def flush(self) -> None:
        """Wait until every queued entry is written (or given up after a failed write)."""
        if self._thread is not None:
            self._queue.join()

    def _run(self) -> None:
        while True:
            target, key, data, failed = self._queue.get()
            try:
                if not write_entry(target, key, data):
                    failed()
            except Exception:  # never leave the build waiting on a thread that died
                failed()
            finally:
                with self._lock:
                    if self._pending.get(target) is data:  # a later put of the same entry stays
                        del self._pending[target]
                self._queue.task_done()


WRITER = Writer()
os.register_at_fork(after_in_child=WRITER._reset)
atexit.register(WRITER.flush)
