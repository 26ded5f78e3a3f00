"""Load the framework of one side of a comparison: a Git revision, a directory, or the working tree.

Only `content/` is read (`git archive REV content/`), so student portfolios can never reach a diff,
and a revision is loaded through the same checks as `hcs-site validate`: content with errors is
reported, never compared.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..check.pipeline import check_repository
from ..diagnostics import Report
from ..model.framework import Framework
from .compare import compare
from .model import ChangeSet, Side

WORKING_TREE = "working tree"


class RevisionError(Exception):
    """The side named cannot be found (a usage error: exit 2)."""


@dataclass
class Loaded:
    side: Side
    framework: Framework | None
    report: Report

    @property
    def ok(self) -> bool:
        return self.framework is not None and not self.report.errors


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=120, check=False)
    except OSError as exc:
        raise RevisionError(f"git is not available: {exc}") from exc


def resolve(root: Path, rev: str) -> str:
    """The full commit ID of `rev`, or RevisionError with a message a person can act on."""
    if rev.startswith("-"):
        raise RevisionError(f"'{rev}' is not a revision")
    out = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if out.returncode != 0:
        inside = _git(root, "rev-parse", "--is-inside-work-tree")
        if inside.returncode != 0:
            raise RevisionError(f"'{rev}' is not a directory, and {root.resolve()} is not a Git repository")
        raise RevisionError(f"'{rev}' is neither a directory nor a Git revision (branch, tag or commit) "
                            f"of {root.resolve()}; for a branch of the remote, fetch it first "
                            "(git fetch origin) and write origin/BRANCH")
    return out.stdout.decode().strip()


def _extract(root: Path, commit: str, rev: str, target: Path) -> None:
    # Run from `root`, git archive takes paths relative to it and writes them relative to it too.
    out = _git(root, "archive", "--format=tar", commit, "--", "content")
    if out.returncode != 0:
        raise RevisionError(f"revision '{rev}' has no content/ folder")
    with tarfile.open(fileobj=io.BytesIO(out.stdout)) as archive:
        archive.extractall(target, filter="data")


def _edition(fw: Framework | None) -> str:
    return fw.district.edition if fw is not None else ""


def load_side(root: Path, spec: str | None) -> Loaded:
    """`spec`: None for the working tree of `root`, a directory holding content/, or a Git revision."""
    if spec is None:
        result = check_repository(root, portfolios=False)
        return Loaded(Side(WORKING_TREE, None, _edition(result.framework)), result.framework, result.report)
    folder = Path(spec)
    if folder.is_dir():
        if not (folder / "content").is_dir():
            raise RevisionError(f"directory {spec} has no content/ folder")
        result = check_repository(folder, portfolios=False)
        return Loaded(Side(spec, None, _edition(result.framework)), result.framework, result.report)
    commit = resolve(root, spec)
    with tempfile.TemporaryDirectory(prefix="hcs-diff-") as tmp:
        _extract(root, commit, spec, Path(tmp))
        result = check_repository(Path(tmp), portfolios=False)
    return Loaded(Side(spec, commit, _edition(result.framework)), result.framework, result.report)


def diff(root: Path, base: str, head: str | None) -> tuple[ChangeSet | None, list[Loaded]]:
    """The changes from `base` to `head`, or None and the sides whose content has errors."""
    sides = [load_side(root, base), load_side(root, head)]
    broken = [s for s in sides if not s.ok]
    if broken:
        return None, broken
    old, new = sides
    assert old.framework is not None and new.framework is not None
    return compare(old.framework, new.framework, old.side, new.side), []
