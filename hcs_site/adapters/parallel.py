"""`--jobs N`: the shards of one site built in forked processes at the same time.

Each worker is a forked child given its shard as arguments: it inherits the checked content
without pickling it, builds through the same driver as a single build, and sends back one line
(None when all went well), the seconds it took and its CPU seconds (which show the balance of the
parts even on a busy machine).
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .. import scratch
from ..check.pipeline import CheckResult
from ..selection import Selection, ShardError
from .cache_store import CacheStore
from .driver import build_shard
from .progress import Progress, Shared, Silent, relayed
from .shards import describe

log = logging.getLogger("mkdocs.plugins.hcs")
DISK = "disk: "


class DiskFull(ShardError):
    """A shard could not be written (disk full, read-only, no permission): not a content problem."""


@dataclass(frozen=True)
class Job:
    result: CheckResult
    config_file: Path
    strict: bool
    build_date: int
    target: Path | None
    """The final folder, named in disk error messages instead of the worker's own."""
    cache: CacheStore | None = None
    """The build cache, shared by every worker (its entries are written atomically)."""


def _child_signals() -> None:
    """Workers die on SIGTERM and leave Ctrl-C to the parent, which stops them and cleans up."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def _build_one(job: Job, selection: Selection, site_dir: Path, progress: Shared) -> str | None:
    try:
        build_shard(job.result, job.config_file, site_dir, job.strict, selection, progress, job.build_date,
                    job.cache)
    except OSError as exc:
        words = scratch.reason(exc)
        if words is None:
            return f"shard {selection.spec()}: {exc}"
        where = scratch.shown(exc.filename, site_dir.parent, job.target or site_dir)
        return f"{DISK}could not write {where}: {words}"
    except Exception as exc:  # reported by the parent; the child must not die with a traceback
        return f"shard {selection.spec()}: {exc}"
    return None


def _worker(job: Job, slot: int, selection: Selection, site_dir: Path, progress: Shared,
            answer: Connection) -> None:
    """In a forked child: build one shard and answer (error or None, seconds, CPU seconds)."""
    _child_signals()
    if job.cache is not None:
        job.cache.marks_on_disk = True  # the parent prunes: it sees this worker's reads by their times
    progress.slot = slot
    began, cpu = time.monotonic(), time.process_time()
    error = _build_one(job, selection, site_dir, progress)
    if job.cache is not None:
        job.cache.flush()  # this process ends without its exit handlers: its entries are written now
    answer.send((error, time.monotonic() - began, time.process_time() - cpu))
    answer.close()


Answer = tuple[str | None, float, float]
"""A worker's error line (None: built), the seconds it took and its CPU seconds."""


def _run(job: Job, tasks: list[tuple[int, Selection, Path]], shared: Shared, jobs: int) -> list[Answer]:
    answers: list[Answer] = []
    if jobs <= 1 or len(tasks) == 1:
        for slot, selection, out in tasks:
            shared.slot = slot
            began, cpu = time.monotonic(), time.process_time()
            error = _build_one(job, selection, out, shared)
            answers.append((error, time.monotonic() - began, time.process_time() - cpu))
        return answers
    fork = multiprocessing.get_context("fork")
    for first in range(0, len(tasks), jobs):
        running: list[tuple[Any, Connection]] = []
        try:
            for slot, selection, out in tasks[first:first + jobs]:
                receive, send = fork.Pipe(duplex=False)
                child = fork.Process(target=_worker, args=(job, slot, selection, out, shared, send), daemon=True)
                child.start()
                send.close()
                running.append((child, receive))
            for child, receive in running:
                try:
                    answers.append(receive.recv())
                except EOFError:  # killed, or died before it could answer
                    child.join()
                    answers.append((f"a worker stopped with exit code {child.exitcode}", 0.0, 0.0))
                child.join()
        finally:
            for child, _receive in running:
                if child.is_alive():
                    child.terminate()
                    child.join()
    return answers


def build_parallel(result: CheckResult, config_file: Path, work: Path, strict: bool,
                   selections: list[Selection], jobs: int, progress: Progress | None = None,
                   target: Path | None = None, build_date: int = 0,
                   cache: CacheStore | None = None) -> list[Path]:
    """Build each selection into its own folder under `work`, in up to `jobs` processes at once;
    `progress` shows the pages done by all of them. `target` names the final folder in disk error messages."""
    outputs = [work / f"part-{i}" for i in range(len(selections))]
    tasks = [(i, sel, out) for i, (out, sel) in enumerate(zip(outputs, selections, strict=True))]
    shared = Shared(len(tasks))
    job = Job(result, config_file, strict, build_date, target, cache)
    with relayed(shared, progress or Silent()):
        answers = _run(job, tasks, shared, jobs)
    for selection, (_error, seconds, cpu) in zip(selections, answers, strict=True):
        log.info(f"hcs: shard {describe(selection)} built in {seconds:.1f} s ({cpu:.1f} s CPU)")
    problems = [e for e, _seconds, _cpu in answers if e]
    disk = [e.removeprefix(DISK) for e in problems if e.startswith(DISK)]
    if disk:
        raise DiskFull(disk[0])
    if problems:
        raise ShardError("; ".join(problems))
    return outputs
