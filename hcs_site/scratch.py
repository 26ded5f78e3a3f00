"""Temporary folders that never outlive a run, the swap that puts an output in place, and disk
errors told as plain sentences.

An output is written into a temporary sibling of its target (same disk, so it can be renamed into
place) called `.<target>.hcs-<kind>-<pid>-<random>`. It is removed on every way out: errors,
Ctrl-C, SIGTERM and SIGHUP (turned into an exception so `finally` blocks run). A run killed with
SIGKILL cannot clean up, so each run first removes the siblings whose process is gone; a name
that does not match the pattern exactly, or whose process still runs, is never touched. The output
a swap replaces is renamed to such a sibling and removed by a detached child (`discard`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

from .file_modes import usual_mode
from .outputs import mark

KINDS = ("build", "old", "generate", "export", "serve", "publish", "pdf", "init")
_RANDOM = r"[a-z0-9_]{8}"
SIBLING = re.compile(rf"^\..+\.hcs-(?:{'|'.join(KINDS)})-(?P<pid>[1-9][0-9]{{0,9}})-{_RANDOM}$")
"""A temporary sibling of an output folder."""
SYSTEM = re.compile(rf"^hcs-site-(?:{'|'.join(KINDS)})-(?P<pid>[1-9][0-9]{{0,9}})-{_RANDOM}$")
"""A temporary folder in the system's temporary folder (`hcs-site serve`)."""

REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.EFBIG: "the file is too large for the file system",
    errno.EIO: "the disk reported an input/output error",
}
"""Errors of the disk rather than of hcs-site: reported as a sentence, exit 1, never as a bug."""


class WriteFailed(Exception):
    """The disk refused a write (full, read-only, no permission); nothing was replaced."""


class Stopped(KeyboardInterrupt):
    """A termination signal, raised where the program was so that every `finally` runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _raise(signum: int, _frame: FrameType | None) -> None:
    raise Stopped(signum)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP raise `Stopped` while inside; the previous handlers come back after.

    A signal that was ignored (`nohup`, a background job) stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}
    for signum in STOP_SIGNALS:
        current = signal.getsignal(signum)
        if current is signal.SIG_IGN:
            continue
        previous[signum] = current
        signal.signal(signum, _raise)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler if handler is not None else signal.SIG_DFL)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Cleanup is not cut short by a second Ctrl-C: signals wait until it is done."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # EPERM: it exists, owned by someone else
        return True
    return True


def sweep(folder: Path, pattern: re.Pattern[str] = SIBLING) -> list[Path]:
    """Remove the temporary folders a killed run left in `folder`; returns what was removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = pattern.match(entry.name)
        if m is None or not entry.is_dir(follow_symlinks=False) or _alive(int(m.group("pid"))):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed


def _new(parent: Path, prefix: str) -> Path:
    try:
        parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    except OSError as exc:
        words = reason(exc)
        if words is None:
            raise
        raise WriteFailed(f"could not write into {_display(parent)}: {words}") from exc


def _display(path: Path) -> str:
    try:
        rel = path.relative_to(Path.cwd().resolve())
    except ValueError:
        return str(path)
    return "the current folder" if str(rel) == "." else rel.as_posix()


@contextlib.contextmanager
def temporary(near: Path, kind: str) -> Iterator[Path]:
    """A fresh folder beside `near`, removed on every way out (after the stale ones are swept)."""
    assert kind in KINDS
    sweep(near.parent)
    work = _new(near.parent, f".{near.name}.hcs-{kind}-{os.getpid()}-")
    try:
        yield work
    finally:
        with _signals_held():
            shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def system_temporary(kind: str) -> Iterator[Path]:
    """The same in the system's temporary folder, for what has no output folder (serve)."""
    parent = Path(tempfile.gettempdir())
    sweep(parent, SYSTEM)
    work = _new(parent, f"hcs-site-{kind}-{os.getpid()}-").resolve()
    try:
        yield work
    finally:
        with _signals_held():
            shutil.rmtree(work, ignore_errors=True)


def swap_in(built: Path, target: Path, carried: tuple[str, ...] = (), released: tuple[str, ...] = ()) -> None:
    """Mark `built` and put it in place of `target` with two renames; if the second fails, the old
    folder goes back, so a failure never leaves the target missing or half written.

    `carried` names folders `built` lacks and the old target holds exactly as they must be
    (`adapters.carry_over`): they move from the old folder into `built` between the two renames,
    while no site is in place, and back if the swap fails. `released` names files `built` holds as
    hard links to the old target's (`adapters.api_links`): their old names are removed here, before
    the rest is discarded, so that no later removal changes the new files' ctime after the caller
    has taken the new site's listing."""
    mark(built)
    built.chmod(usual_mode(target, folder=True))  # mkdtemp's 0700 would stay once renamed
    if not target.exists():
        if carried:
            raise ValueError(f"{target} is gone: nothing to carry over")
        built.rename(target)
        return
    for name in carried:
        if (built / name).exists() or not (target / name).is_dir():
            raise ValueError(f"cannot carry {name}/ over into {built}")
        (built / name).parent.mkdir(parents=True, exist_ok=True)
    old = _new(target.parent, f".{target.name}.hcs-old-{os.getpid()}-")
    old.rmdir()
    moved: list[str] = []
    with _signals_held():
        target.rename(old)
        try:
            for name in carried:
                (old / name).rename(built / name)
                moved.append(name)
            built.rename(target)
        except BaseException:
            for name in moved:
                (built / name).rename(old / name)
            old.rename(target)
            raise
        for name in released:
            with contextlib.suppress(OSError):  # left: the caller finds the new file has two names
                (old / name).unlink()
    discard(old)


REMOVER = """
import os, re, shutil, sys
path = os.fsdecode(sys.stdin.buffer.readline().rstrip(b"\\n"))
if path and re.fullmatch(sys.argv[1], os.path.basename(path)):
    shutil.rmtree(path, ignore_errors=True)
"""
"""The child that removes a replaced output, named on its standard input: it refuses any name but
a temporary sibling's."""


DETACH_FROM = 1000
"""Entries from which a replaced output is removed by a detached child (fewer take under 0.3 s)."""


def _fewer_entries_than(folder: Path, limit: int) -> bool:
    seen, stack = 0, [folder]
    while stack:
        try:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    seen += 1
                    if seen >= limit:
                        return False
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(Path(entry.path))
        except OSError:
            continue
    return True


def discard(old: Path) -> None:
    """Remove a replaced output (a temporary sibling, already out of the way) without making the
    command wait: at 20,000 pages the old site is 100,000 files, seconds of unlinking that no
    reader needs. A detached child removes it, under a name carrying the child's pid; if it dies,
    the next run sweeps the folder. A small output, or where no child can start, is
    removed here."""
    if SIBLING.match(old.name) is None:
        raise ValueError(f"{old} is not a temporary sibling")
    if _fewer_entries_than(old, DETACH_FROM):
        with _signals_held():
            shutil.rmtree(old, ignore_errors=True)
        return
    _REMOVERS[:] = [child for child in _REMOVERS if child.poll() is None]  # reaped, no zombies
    try:
        child = subprocess.Popen([sys.executable, "-I", "-c", REMOVER, SIBLING.pattern], stdin=subprocess.PIPE,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True, close_fds=True)
    except OSError:
        with _signals_held():
            shutil.rmtree(old, ignore_errors=True)
        return
    _REMOVERS.append(child)  # held, so that no warning says it still runs when this process moves on
    old = _named_for(old, child.pid)
    try:
        assert child.stdin is not None
        child.stdin.write(os.fsencode(old) + b"\n")
        child.stdin.close()
    except OSError:
        with _signals_held():
            shutil.rmtree(old, ignore_errors=True)


def _named_for(old: Path, pid: int) -> Path:
    """`old` renamed to carry `pid` (the remover's): a run that starts while it still removes the
    folder sees a live owner and leaves it alone, instead of removing it too and waiting for that."""
    m = SIBLING.match(old.name)
    assert m is not None
    renamed = old.with_name(old.name[:m.start("pid")] + str(pid) + old.name[m.end("pid"):])
    if renamed.exists():
        return old
    try:
        old.rename(renamed)
    except OSError:
        return old
    return renamed


_REMOVERS: list[subprocess.Popen[bytes]] = []


def reason(exc: OSError) -> str | None:
    """The plain words for a disk error, None for an error that is not the disk's."""
    return REASONS.get(exc.errno) if exc.errno is not None else None


def shown(path: str | os.PathLike[str] | None, work: Path, target: Path) -> str:
    """Where a file would have gone: a path in the temporary folder is told as one in the target."""
    if path is None:
        return _display(target)
    p = Path(os.fsdecode(path))
    try:
        rel = p.relative_to(work)
    except ValueError:
        return _display(p)
    parts = rel.parts
    if parts and (parts[0] in ("site", "out") or re.fullmatch(r"part-\d+", parts[0])):
        parts = parts[1:]
    return _display(target.joinpath(*parts))


@contextlib.contextmanager
def disk_errors(work: Path, target: Path) -> Iterator[None]:
    """Turn a disk error while writing `target` (through `work`) into WriteFailed."""
    try:
        yield
    except OSError as exc:
        _refail(exc, shown(exc.filename, work, target))


@contextlib.contextmanager
def file_errors(target: Path) -> Iterator[None]:
    """The same for a single file written in place of `target`."""
    try:
        yield
    except OSError as exc:
        _refail(exc, _display(target))


def _refail(exc: OSError, where: str) -> NoReturn:
    """A disk's refusal as one sentence (WriteFailed); anything else goes on as it was."""
    words = reason(exc)
    if words is None:
        raise exc
    raise WriteFailed(f"could not write {where}: {words}") from exc


def write_tree(files: dict[str, bytes], target: Path, kind: str = "export") -> int:
    """Replace the folder `target` (already allowed by `outputs.check_folder`) by exactly `files`."""
    with temporary(target, kind) as work, disk_errors(work, target):
        out = work / "out"
        out.mkdir()
        for rel, data in sorted(files.items()):
            path = out / rel
            if out not in path.resolve().parents:
                raise ValueError(f"{rel} would be written outside the output folder")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        swap_in(out, target)
    return len(files)


def write_atomic(target: Path, text: str | bytes) -> None:
    """The one way hcs-site writes a single file: into a temporary file in the same folder, then
    renamed over the target, so a reader never sees it half written (text as UTF-8, or bytes)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, usual_mode(target))  # mkstemp's 0600 would stay once renamed
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def create_exclusive(target: Path, text: str) -> bool:
    """Write a new file; False (and nothing written) when it already exists."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, usual_mode(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.link(tmp, target)  # fails if the target exists, even when another process just wrote it
        return True
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links: exclusive creation, then write
        try:
            with open(target, "x", encoding="utf-8", newline="\n") as out:
                out.write(text)
        except FileExistsError:
            return False
        return True
    finally:
        Path(tmp).unlink(missing_ok=True)
