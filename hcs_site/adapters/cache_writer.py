"""The build cache's entries written by a process of their own, beside the build.

A cold build with an empty cache creates about 25,000 entry files (a gigabyte at 20,000 pages).
Creating and writing a file are system calls that wait on the file system; a thread of this
process making them had to take the interpreter back after each one, and the build, which renders
pages and holds the interpreter, was stopped for it tens of thousands of times (a third of what
such a build spent on its cache). So a child forked at the first entry writes them: this process
hands each entry over in one write to a pipe and goes on. The child answers each entry with its
number and whether it was written; this process reads the answers as it stores more.

An entry not yet answered is read from memory (`pending`): what was stored is read back, as
stored. `flush` waits until every entry handed over is answered; a build calls it before it
prunes, before a `--jobs` worker ends and before the command returns. At most `QUEUED` entries
are unanswered: a build that makes them faster than the disk takes them waits, rather than holding
the site in memory. A child that dies (killed, out of memory) fails every entry it did not answer
and every later one: the build goes on without storing (`CacheStore.failed`). The child ends when
this process does (its pipe closes) and ignores Ctrl-C, so an entry it has begun is finished; an
entry is written into a temporary file and renamed, so one cut short is never read. A process
forked from this one (a `--jobs` worker, the API's writer) starts with nothing queued and its own
child. Without `os.fork` the entries are written in this process, one after the other.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import os
import signal
import struct
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

Job = tuple[Path, Sequence[bytes], Callable[[], None]]
"""Where an entry goes, its bytes in pieces (the API's 500 MB are never joined into one), what
to call if it fails."""

_FRAME = struct.Struct("<QII")
"""An entry handed over: its number, the length of its path, the length of its bytes."""
_ANSWER = struct.Struct("<Q?")
"""The child's answer: the entry's number, and whether it is on disk."""
_PIPE_SIZE = 1 << 20
"""Bytes a pipe holds before a write to it waits (F_SETPIPE_SZ; Linux allows a megabyte)."""
QUEUED = 256
"""Entries handed over and not yet answered at most (a page's entry is tens of kB)."""


def write_entry(target: Path, data: Iterable[bytes]) -> bool:
    """One entry: into a temporary file beside it, then renamed into place (atomic on POSIX).
    False when it could not be written (disk full, no permission); `data` is read to its end
    either way (the child reads it from the pipe)."""
    tmp = f"{target}.{os.getpid()}.w.tmp"  # one writer per process: the name is this one's alone
    fd = -1
    pieces = iter(data)
    try:
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        for piece in pieces:
            _write_all(fd, [piece])
        os.fchmod(fd, 0o644)  # whatever the umask: every build that shares the cache reads it
        os.close(fd)
        fd = -1
        os.replace(tmp, target)
        return True
    except OSError:
        for _piece in pieces:
            pass
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False


def _write_all(fd: int, pieces: Sequence[bytes]) -> None:
    """Every byte of `pieces` into `fd`, however many calls the system makes of it."""
    views = [memoryview(piece) for piece in pieces if piece]
    first = 0
    while first < len(views):
        done = os.writev(fd, views[first:first + 1024])
        while done:
            if done >= len(views[first]):
                done -= len(views[first])
                first += 1
            else:
                views[first] = views[first][done:]
                done = 0


def _chunks(pipe: BinaryIO, size: int) -> Iterator[bytes]:
    """The next `size` bytes of the pipe, a megabyte at a time (the API's pack is 300 MB)."""
    while size:
        chunk = pipe.read(min(size, _PIPE_SIZE))
        if not chunk:
            raise EOFError
        size -= len(chunk)
        yield chunk


class Writer:
    """The child writing the entries handed over by `put`, in order: one per process (`WRITER`),
    used by the build's one thread."""

    def __init__(self) -> None:
        self._pid = 0
        self._jobs = self._answers = -1
        self._reset()

    def _reset(self) -> None:
        """Nothing handed over, no child: in a forked process, the parent's pipes are closed."""
        for fd in (self._jobs, self._answers):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._pid, self._jobs, self._answers, self._number = 0, -1, -1, 0
        self._dead = self._blocking = self._inline = False
        self._unread = b""
        self._pending: dict[Path, tuple[int, Sequence[bytes]]] = {}
        self._waiting: dict[int, Job] = {}

    def pending(self, target: Path) -> bytes | None:
        """The bytes handed over for `target` and not yet answered, if any."""
        found = self._pending.get(target)
        return b"".join(found[1]) if found is not None else None

    def holds(self, folder: Path) -> bool:
        """Whether an entry under `folder` is handed over and not yet answered."""
        return any(folder in target.parents for target in self._pending)

    def put(self, target: Path, data: Sequence[bytes], failed: Callable[[], None]) -> None:
        """Hand an entry over; `failed` is called when it cannot be written."""
        if self._dead:
            failed()
            return
        if not self._start():
            if not write_entry(target, data):
                failed()
            return
        self._number += 1
        self._pending[target] = (self._number, data)
        self._waiting[self._number] = (target, data, failed)
        path = os.fsencode(target)
        try:
            _write_all(self._jobs, [_FRAME.pack(self._number, len(path), sum(map(len, data))), path, *data])
        except OSError:  # the child is gone
            self._lost()
            return
        except BaseException:  # interrupted half way: the child reads no frame after a cut one
            self._lost()
            raise
        self._collect(wait=len(self._waiting) > QUEUED)

    def flush(self) -> None:
        """Wait until every entry handed over is answered (written, or failed)."""
        while self._waiting and not self._dead:
            self._collect(wait=True)

    def close(self) -> None:
        """At exit: every entry on disk, then the child ends and is reaped (its time is the command's)."""
        self.flush()
        if self._pid and not self._dead:
            self._dead = True
            with contextlib.suppress(OSError):
                os.close(self._jobs)
            self._jobs = -1
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)

    def start(self) -> None:
        """Fork the child now, while this process is small: a child forked later starts with a copy
        of everything the build holds by then, which it never reads (a cache opened at the start
        of a command calls this)."""
        self._start()

    def write_here(self) -> None:
        """Write every later entry in this process: a forked child of the build (the API's, the
        pages' store) is itself beside the build, and a writer of its own would be a copy of it."""
        if not self._pid:
            self._inline = True

    def _start(self) -> bool:
        """The child, forked now if need be; False when it cannot be (entries are written here)."""
        if self._pid or self._inline:
            return not self._inline
        try:
            jobs_read, jobs_write = os.pipe()
            answers_read, answers_write = os.pipe()
        except OSError:
            self._inline = True
            return False
        for fd in (jobs_write, answers_write):
            with contextlib.suppress(OSError):
                fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), _PIPE_SIZE)
        try:
            pid = os.fork()
        except (OSError, AttributeError):
            for fd in (jobs_read, jobs_write, answers_read, answers_write):
                os.close(fd)
            self._inline = True
            return False
        if pid == 0:
            _child(jobs_read, answers_write)
        os.close(jobs_read)
        os.close(answers_write)
        os.set_blocking(answers_read, False)
        self._pid, self._jobs, self._answers = pid, jobs_write, answers_read
        return True

    def _collect(self, wait: bool) -> None:
        """Read the child's answers so far (`wait`: at least one)."""
        if wait != self._blocking:
            os.set_blocking(self._answers, wait)
            self._blocking = wait
        try:
            data = os.read(self._answers, _ANSWER.size * 4096)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._lost()
            return
        data = self._unread + data
        whole = len(data) - len(data) % _ANSWER.size
        self._unread = data[whole:]
        for number, written in _ANSWER.iter_unpack(data[:whole]):
            target, _data, failed = self._waiting.pop(number)
            if self._pending.get(target, (0,))[0] == number:  # a later put of the same entry stays
                del self._pending[target]
            if not written:
                failed()

    def _lost(self) -> None:
        """The child is gone (or its pipe cut): what it did not answer failed, and so does every
        later entry."""
        self._dead = True
        with contextlib.suppress(OSError):
            os.close(self._jobs)  # a child still reading sees the end and stops
        self._jobs = -1
        for _target, _data, failed in self._waiting.values():
            failed()
        self._waiting.clear()
        self._pending.clear()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self._pid, os.WNOHANG)


def _child(jobs: int, answers: int) -> None:
    """Write each entry handed over and answer it, until the parent closes the pipe."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the build's Ctrl-C: finish what was handed over
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # a reader of the build's output must not wait for this process
            os.dup2(null, fd)
        low, high = sorted((jobs, answers))
        os.closerange(3, low)
        os.closerange(low + 1, high)
        os.closerange(high + 1, os.sysconf("SC_OPEN_MAX"))
        with os.fdopen(jobs, "rb", buffering=_PIPE_SIZE) as pipe:
            while len(frame := pipe.read(_FRAME.size)) == _FRAME.size:
                number, path_size, size = _FRAME.unpack(frame)
                path = pipe.read(path_size)
                data = _chunks(pipe, size)
                try:
                    written = write_entry(Path(os.fsdecode(path)), data)
                except EOFError:
                    break
                except Exception:  # a bug in writing fails the entry, not the child
                    written = False
                    for _chunk in data:
                        pass
                _write_all(answers, [_ANSWER.pack(number, written)])
        code = 0
    finally:
        os._exit(code)


WRITER = Writer()
os.register_at_fork(after_in_child=WRITER._reset)
atexit.register(WRITER.close)
