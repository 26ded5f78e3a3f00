"""A hand-off from `hcs-site build` to the plugin: the checked content and a progress display.

The CLI checks (and reports) the content before MkDocs starts, so the plugin must not check it
again nor print the same diagnostics twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..check.pipeline import CheckResult
from .progress import Progress, Silent


@dataclass
class Handoff:
    result: CheckResult
    progress: Progress


_waiting: dict[Path, Handoff] = {}


def give(result: CheckResult, progress: Progress | None = None) -> None:
    _waiting[result.root.resolve()] = Handoff(result, progress or Silent())


def take(root: Path) -> Handoff | None:
    return _waiting.pop(root.resolve(), None)
