"""The changes of this edition since the previous one, for the site's "What changed" page.

A previous edition that cannot be loaded is a warning (so `--strict` fails): the setting was
written on purpose, and a silent "first edition" page would hide a missing tag or a shallow clone.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..model.framework import Framework
from .compare import compare
from .model import ChangeSet, Side
from .revisions import RevisionError, load_side

log = logging.getLogger("mkdocs.plugins.hcs")

THIS_EDITION = "this edition"


def previous_edition(root: Path, spec: str | None, framework: Framework) -> ChangeSet | None:
    """None when no previous edition is set, or (with a warning) when it cannot be compared."""
    if not spec:
        return None
    folder = root / spec
    try:
        loaded = load_side(root, str(folder) if folder.is_dir() else spec)
    except RevisionError as exc:
        log.warning(f"hcs: previous_edition: {exc}; the What changed page says this is the first edition "
                    "(in CI, check out with fetch-depth: 0 so tags are there)")
        return None
    if not loaded.ok or loaded.framework is None:
        log.warning(f"hcs: previous_edition {spec}: its content has errors ({loaded.report.summary()}); "
                    "nothing is compared")
        return None
    head = Side(THIS_EDITION, None, framework.district.edition)
    return compare(loaded.framework, framework, Side(spec, loaded.side.commit, loaded.side.edition), head)
