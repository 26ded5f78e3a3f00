"""Plans an upgrade in memory, then writes the changed files, each replaced whole."""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..check.content_format import CURRENT_FORMAT, DOCS, Found, read_format
from ..load.discover import discover
from .format_line import with_format
from .steps import STEPS, Texts, UpgradeError


@dataclass
class Plan:
    found: Found
    changes: dict[str, str] = field(default_factory=dict)
    """Path -> new text of every file that changes."""
    notes: list[str] = field(default_factory=list)


def plan(root: Path) -> Plan:
    """What the upgrade would change; raises UpgradeError when it cannot run."""
    files = discover(root, portfolios=True)
    if files.district is None:
        raise UpgradeError("content/district.yml is missing; run `hcs-site validate` to see what to fix")
    found = read_format(root, files.district)
    if found is None:
        raise UpgradeError("content/district.yml cannot be read, or its `format:` is not a whole number; run "
                           "`hcs-site validate` and fix it first")
    if found.value > CURRENT_FORMAT:
        raise UpgradeError(f"content/district.yml is in content format {found.value}, newer than this hcs-site's "
                           f"({CURRENT_FORMAT}): install the hcs-site version it was written for ({DOCS})")
    texts = Texts(root, files)
    notes = []
    for source in range(found.value, CURRENT_FORMAT):
        step = STEPS.get(source)
        if step is None:
            raise UpgradeError(f"this hcs-site has no upgrade from content format {source}; upgrade with the "
                               f"versions {DOCS} lists, one after the other")
        notes += step.rewrite(texts)
    if not found.written or found.value != CURRENT_FORMAT:
        new = with_format(texts[files.district], files.district, CURRENT_FORMAT)
        if new is None:
            raise UpgradeError(f"could not write `format: {CURRENT_FORMAT}` into content/district.yml by "
                               f"changing one line; add the line `format: {CURRENT_FORMAT}` at its top by hand")
        texts[files.district] = new
        notes.append(f"{files.district}: format: {CURRENT_FORMAT}"
                     + (" written (it had none: format 1 implied)" if not found.written else ""))
    return Plan(found, texts.changed(), notes)


def uncommitted(root: Path, paths: list[str]) -> list[str]:
    """Which of `paths` have changes Git has not committed; none outside a Git work tree."""
    try:
        out = subprocess.run(["git", "-C", str(root), "status", "--porcelain=v1", "-z", "--", *paths],
                             capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    if out.returncode != 0:
        return []
    return sorted(entry[3:].decode("utf-8", "surrogateescape") for entry in out.stdout.split(b"\0") if entry)


def write(root: Path, changes: dict[str, str]) -> None:
    """Each file replaced whole by a rename, keeping its permissions; a link is never followed."""
    for rel, text in sorted(changes.items()):
        target = root / rel
        mode = target.lstat().st_mode & 0o7777
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".hcs-upgrade", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
