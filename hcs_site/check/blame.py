"""Which of two clashing items a change introduced, so the error lands on the file a person edited.

When a new course reuses an ID of an adopted one, the error belongs on the new course: in a pull
request that is the file in the diff, and the adopted file was not touched. Without a base
revision the status tells (a draft or a course in vetting is newer than an adopted one); with one
(`validate --base REV`), whether the ID was in that file at the base.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..load.yaml_reader import read_yaml
from ..model.framework import UNDER_REVIEW


class BaseError(Exception):
    """The base revision cannot be used (a usage error: exit 2)."""


def _git(root: Path, *args: str) -> str:
    try:
        out = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=120, check=False)
    except OSError as exc:
        raise BaseError(f"git is not available: {exc}") from exc
    if out.returncode != 0:
        raise BaseError(out.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return out.stdout.decode("utf-8", "replace")


def _ids(value: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            found.add(value["id"])
        for child in value.values():
            found |= _ids(child)
    elif isinstance(value, list):
        for child in value:
            found |= _ids(child)
    return found


@dataclass
class BaseRevision:
    """The files a change touches since `ref` (where it branched off), and what they held there."""

    root: Path
    ref: str
    commit: str
    changed: frozenset[str]
    _ids: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path, ref: str) -> BaseRevision:
        if ref.startswith("-"):
            raise BaseError(f"'{ref}' is not a revision")
        try:
            commit = _git(root, "merge-base", "--end-of-options", ref, "HEAD").strip()
        except BaseError as exc:
            raise BaseError(f"'{ref}' is not a Git revision of {root} ({exc}); in a pull request's "
                            "workflow, fetch the base branch first (actions/checkout with fetch-depth: 0)") from exc
        changed = set(_git(root, "diff", "--name-only", "--no-renames", "--relative", commit, "--").splitlines())
        changed |= set(_git(root, "ls-files", "--others", "--exclude-standard").splitlines())
        return cls(root, ref, commit, frozenset(changed))

    def had(self, path: str, item_id: str) -> bool:
        """Whether `path` already held `item_id` at the base."""
        if path not in self.changed:
            return True
        if path not in self._ids:
            try:
                text = _git(self.root, "show", f"{self.commit}:./{path}")
            except BaseError:
                text = ""  # a file the change added
            doc, _problems = read_yaml(text, path) if text else (None, [])
            self._ids[path] = frozenset(_ids(doc.data) if doc is not None else ())
        return item_id in self._ids[path]


def newer(first: tuple[str, str, str], second: tuple[str, str, str], base: BaseRevision | None) -> int:
    """0 or 1: which of two (path, ID, status) a change introduced; 1 (the later) when nothing tells."""
    if base is not None:
        new = [not base.had(path, item_id) for path, item_id, _status in (first, second)]
        if new[0] != new[1]:
            return 0 if new[0] else 1
    review = [status in UNDER_REVIEW for _path, _id, status in (first, second)]
    if review[0] != review[1]:
        return 0 if review[0] else 1
    return 1
