"""When each content file last changed, without ever asking the clock.

CASE wants a `lastChangeDateTime` on everything. "Now" would make every export differ from the
last one, so the date comes from what the repository says:

1. the committer date of the last commit that touched the file (`git log -1 --format=%cI`), when
   the root is a Git work tree and the file is tracked (uncommitted edits keep the date of the
   last commit: the date moves when the change is committed);
2. otherwise the first day of the edition (`edition: 2026-27` -> `2026-07-01T00:00:00+00:00`);
3. otherwise (an edition that is not a school year) 2000-01-01T00:00:00+00:00.

One `git log` call covers every file, so an export costs one process, not one per file.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

_EDITION = re.compile(r"^(\d{4})(?:[-/](\d{2}|\d{4}))?$")
FALLBACK = "2000-01-01T00:00:00+00:00"


def edition_dates(edition: str) -> tuple[str, str] | None:
    """`2026-27` -> ('2026-07-01', '2027-06-30'); `2026` -> the calendar year; else None."""
    m = _EDITION.match(edition.strip())
    if not m:
        return None
    start = int(m.group(1))
    if m.group(2) is None:
        return f"{start:04d}-01-01", f"{start:04d}-12-31"
    return f"{start:04d}-07-01", f"{start + 1:04d}-06-30"


def edition_start(edition: str) -> str:
    dates = edition_dates(edition)
    return f"{dates[0]}T00:00:00+00:00" if dates else FALLBACK


def git_dates(root: Path, rel_paths: Iterable[str]) -> dict[str, str]:
    """{repository-relative path: ISO 8601 committer date} for the tracked files among `rel_paths`."""
    wanted = set(rel_paths)
    if not wanted:
        return {}
    try:
        top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, timeout=20, check=False)
        if top.returncode != 0:
            return {}
        prefix = root.resolve().relative_to(Path(top.stdout.strip()).resolve()).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        out = subprocess.run(
            ["git", "-C", str(root), "log", "--format=#%cI", "--name-only", "--no-renames",
             "--", *sorted(wanted)],
            capture_output=True, text=True, timeout=60, check=False,
        )
    except (OSError, subprocess.SubprocessError, ValueError):
        return {}
    if out.returncode != 0:
        return {}
    found: dict[str, str] = {}
    current = ""
    for line in out.stdout.splitlines():
        if line.startswith("#"):
            current = line[1:].strip()
        elif line.strip() and current:
            rel = line.strip()
            rel = rel[len(prefix):] if prefix and rel.startswith(prefix) else rel
            if rel in wanted:
                found.setdefault(rel, current)  # newest first: the first date seen is the last change
    return found


class ChangeDates:
    """`ChangeDates(root, edition, files)[path]` -> the last-change date-time of that file."""

    def __init__(self, root: Path | None, edition: str, files: Iterable[str], use_git: bool = True) -> None:
        self.default = edition_start(edition)
        self.dates = git_dates(root, files) if root is not None and use_git else {}

    def __getitem__(self, rel: str) -> str:
        return self.dates.get(rel, self.default)

    def latest(self, rels: Iterable[str]) -> str:
        return max((self[r] for r in rels), key=_sortable, default=self.default)


def _sortable(stamp: str) -> str:
    """ISO dates with offsets do not sort as text; normalise to UTC for comparison only."""
    from datetime import UTC, datetime

    try:
        return datetime.fromisoformat(stamp).astimezone(UTC).isoformat()
    except ValueError:
        return stamp
