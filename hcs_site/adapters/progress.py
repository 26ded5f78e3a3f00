"""Build progress: a live bar on a terminal, plain periodic lines in CI logs."""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Protocol


class Progress(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, pages: float = 1.0) -> None:
        """`pages` more done; a page read but not yet written counts as half."""
    def show(self, done: float, total: int) -> None:
        """Jump to `done` of `total` (the sum over parallel workers)."""
    def finish(self) -> None: ...


class Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, pages: float = 1.0) -> None:
        pass

    def show(self, done: float, total: int) -> None:
        pass

    def finish(self) -> None:
        pass


class Shared:
    """The progress of forked workers (`--jobs`), counted in shared memory, one slot per shard, and
    shown by the parent: a worker cannot draw on the terminal without garbling the others."""

    def __init__(self, slots: int) -> None:
        fork = multiprocessing.get_context("fork")
        self.done = fork.Array("d", slots, lock=False)
        self.total = fork.Array("q", slots, lock=False)
        self.slot = 0
        """This process's slot: each slot is written by one worker only, so no lock is needed."""

    def start(self, total: int) -> None:
        self.total[self.slot] += total  # a worker's later builds (other languages) add theirs

    def advance(self, pages: float = 1.0) -> None:
        self.done[self.slot] += pages

    def show(self, done: float, total: int) -> None:
        pass

    def finish(self) -> None:
        pass

    def sums(self) -> tuple[float, int]:
        return sum(self.done), sum(self.total)


@contextmanager
def relayed(shared: Shared, shown: Progress, every: float = 0.5) -> Iterator[None]:
    """While the workers run, show their summed progress on `shown` every `every` seconds."""
    stop = threading.Event()

    def relay() -> None:
        while not stop.wait(every):
            shown.show(*shared.sums())

    watcher = threading.Thread(target=relay, name="hcs-progress", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        stop.set()
        watcher.join()
        shown.show(*shared.sums())
        shown.finish()


class PlainLines:
    """One line every `every` seconds: readable in a CI log, where a redrawn bar is noise."""

    def __init__(self, stream: IO[str] | None = None, every: float = 5.0, minimum: int = 200) -> None:
        self.stream = stream or sys.stderr
        self.every = every
        self.minimum = minimum
        self.total = 0
        self.done = 0.0
        self.began = self.last = 0.0

    def start(self, total: int) -> None:
        self.total, self.done = total, 0.0
        self.began = self.last = time.monotonic()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.began, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else 0.0
        pct = int(100 * self.done // max(self.total, 1))
        return f"built {int(self.done)}/{self.total} pages ({pct}%), {rate:.0f} pages/s, about {left:.0f} s left"

    def advance(self, pages: float = 1.0) -> None:
        self.show(self.done + pages, self.total)

    def show(self, done: float, total: int) -> None:
        if not self.began:
            self.began = self.last = time.monotonic()
        self.done, self.total = done, total
        now = time.monotonic()
        if self.total >= self.minimum and now - self.last >= self.every:
            self.last = now
            print(self.line(), file=self.stream, flush=True)

    def finish(self) -> None:
        if self.total >= self.minimum:
            print(self.line(), file=self.stream, flush=True)


def _rate_column_type() -> type:
    from rich.progress import ProgressColumn, Task
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed:.0f} pages/s" if task.speed else "")

    return RateColumn


class Bar:
    """rich's live bar with pages done, rate and time left."""

    def __init__(self, minimum: int = 200) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TaskID,
            TaskProgressColumn,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        _RateColumn = _rate_column_type()
        self.minimum = minimum
        self.rich = RichProgress(
            TextColumn("building pages"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
            _RateColumn(), TimeRemainingColumn(),
        )
        self.task: TaskID | None = None

    def start(self, total: int) -> None:
        if total >= self.minimum:
            self.rich.start()
            self.task = self.rich.add_task("pages", total=total)

    def advance(self, pages: float = 1.0) -> None:
        if self.task is not None:
            self.rich.advance(self.task, pages)

    def show(self, done: float, total: int) -> None:
        if self.task is None:
            self.start(total)
        if self.task is not None:
            self.rich.update(self.task, completed=done, total=total)

    def finish(self) -> None:
        if self.task is not None:
            self.rich.stop()


def for_terminal(stream: IO[str] | None = None) -> Progress:
    stream = stream or sys.stderr
    return Bar() if stream.isatty() else PlainLines(stream)
