"""Reading content/standards/*.json, the state standards `hcs-site import case` stored."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..diagnostics import Loc, Report
from .standards import FORMAT, STANDARDS_DIR, StandardSet, standard_set

MAX_BYTES = 256 * 1024 * 1024
SET_ID = re.compile(r"[a-z][a-z0-9-]*")
HINT = "import it again with `hcs-site import case FILE --id ID --force`; do not edit the file by hand"


def load_standards(root: Path, report: Report) -> dict[str, StandardSet]:
    folder = root / STANDARDS_DIR
    if not folder.is_dir() or folder.is_symlink():
        return {}
    out: dict[str, StandardSet] = {}
    for path in sorted(folder.iterdir()):
        rel = f"{STANDARDS_DIR}/{path.name}"
        if path.suffix != ".json" or path.is_symlink() or not path.is_file():
            report.warning(Loc(rel, 0, 0), "ignored-file", f"{rel} is not read",
                           "content/standards/ holds only the .json files `hcs-site import case` writes")
            continue
        if path.stat().st_size > MAX_BYTES:
            report.error(Loc(rel, 0, 0), "standards-invalid", f"{rel} is larger than 256 MB", HINT)
            continue
        try:
            data = json.loads(path.read_bytes().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            line = getattr(exc, "lineno", 0)
            report.error(Loc(rel, line, getattr(exc, "colno", 0)), "standards-invalid",
                         f"{rel} is not JSON: {exc}", HINT)
            continue
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("items"), list):
            report.error(Loc(rel, 1, 1), "standards-invalid", f"{rel} is not a standards file of hcs-site ({FORMAT})",
                         HINT)
            continue
        if data.get("id") != path.stem or not SET_ID.fullmatch(path.stem):
            report.error(Loc(rel, 1, 1), "standards-invalid",
                         f"{rel}: its id '{data.get('id')}' is not its file name '{path.stem}'", HINT)
            continue
        out[path.stem] = standard_set(data, rel)
    return out
