"""A hand-off from `hcs-site build` to the plugin: the checked content and a progress display.

The CLI checks (and reports) the content before MkDocs starts, so the plugin must not check it
again nor print the same diagnostics twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..check.pipeline import CheckResult
from .progress import Progress, Silent
from .shards import Selection


@dataclass
class Handoff:
    result: CheckResult
    progress: Progress
    selection: Selection = field(default_factory=Selection)


_waiting: dict[Path, Handoff] = {}


def give(result: CheckResult, progress: Progress | None = None, selection: Selection | None = None) -> None:
    _waiting[result.root.resolve()] = Handoff(result, progress or Silent(), selection or Selection())


def take(root: Path) -> Handoff | None:
    return _waiting.pop(root.resolve(), None)
