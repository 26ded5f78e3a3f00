"""What a reference in a content file stands for: the ID itself, or an item named another way.

Committees know assessment types, programs and areas by their titles ("Written test",
"Mathematics"), and `import csv` accepts titles; YAML files accept them too, and the same ID in
other capitals (`math`), with a warning that names the ID to write. The rules replace the
reference by the ID in the model, so pages, exports and diffs see one spelling.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..diagnostics import Loc, Report
from .suggest import choices, did_you_mean

NORMALISED = "ref-normalised"


def _words(value: str) -> str:
    """Compare as a person reads: capitals, repeated spaces and typographic quotes do not count."""
    value = value.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", value).strip().casefold()


def resolve(ref: str, index: Mapping[str, Any]) -> str | None:
    """The ID `ref` names: the same ID in other capitals, or an item whose title (in any language)
    is `ref`; None when no item, or more than one, answers to it."""
    if ref in index:
        return ref
    wanted = _words(ref)
    found = {item_id for item_id in index if _words(item_id) == wanted}
    if not found:
        for item_id, item in index.items():
            title = getattr(item, "title", None)
            values = getattr(title, "values", ())
            if any(_words(text) == wanted for _lang, text in values):
                found.add(item_id)
    return found.pop() if len(found) == 1 else None


def lookup(report: Report, loc: Loc, what: str, ref: str, kind: str, index: Mapping[str, Any],
           hint: str) -> str | None:
    """The ID `ref` stands for, with a warning when it was written another way; None (and an
    error that lists the choices) when nothing answers to it."""
    found = resolve(ref, index)
    if found == ref:
        return ref
    if found is not None:
        how = "in other capitals" if _words(found) == _words(ref) else "by its title"
        report.warning(loc, NORMALISED, f"{what} names {kind} '{ref}' {how}; its ID is {found}",
                       f"write {found}: IDs never change, while titles and spellings may")
        return found
    listed = choices(ref, index)
    report.error(loc, "unknown-ref", f"{what} refers to {kind} '{ref}', which does not exist"
                 f"{did_you_mean(ref, index)}", f"{hint}: {listed}" if listed else hint)
    return None
