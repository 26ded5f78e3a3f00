"""Numbers a content file may hold: finite, and small enough to mean the same everywhere.

`1e309` reads as infinity in Python, and `json.dumps` writes infinity as `Infinity`, which is not
JSON; `.inf` and `.nan` are YAML's own spellings of the same. An integer past 2**53 - 1 is
rounded by every JavaScript reader of the JSON API, and past 4,300 digits Python refuses to read
it at all. Refused where the file is read, whatever the field, so no later layer sees one.
"""

from __future__ import annotations

import math
import re

MAX_SAFE_INTEGER = 2**53 - 1
"""The largest integer JSON readers in browsers (JavaScript numbers) read exactly."""

_INT = re.compile(r"[-+]?[0-9]+\Z")
_SHOWN = 24


def _shown(raw: str) -> str:
    if len(raw) <= _SHOWN:
        return f"'{raw}'"
    return f"'{raw[:12]}...' ({len(raw):,} characters)"


FINITE_HINT = "write the number itself; if this is text, put it in quotes"
LARGE_HINT = "correct the number; if it is a code or text, put it in quotes"


def number_problem(raw: str, value: object) -> tuple[str, str, str] | None:
    """(code, message, hint) when the unquoted scalar `raw`, read as `value`, cannot be a number
    in a content file; None when it is fine (or not a number at all)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value) and not _INT.match(raw):
        spelled = raw.lstrip("+-").lower()
        why = ("means 'not a number'" if spelled == ".nan" else "means infinity" if spelled == ".inf"
               else "is too large to be a number (it would be read as infinity)")
        return "number-not-finite", f"a number must be finite, but {_shown(raw)} {why}", FINITE_HINT
    if not abs(value) <= MAX_SAFE_INTEGER:
        return ("number-too-large", f"the number {_shown(raw)} is too large: numbers in content files are "
                f"between -{MAX_SAFE_INTEGER:,} and {MAX_SAFE_INTEGER:,}", LARGE_HINT)
    return None
