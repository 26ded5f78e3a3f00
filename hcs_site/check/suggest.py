"""Near-miss suggestions and the list of valid choices: a refusal that names the way out.

"did you mean MATH.RP.2?" turns a dead end into a one-keystroke fix; when the near miss is the
wrong one (`SOC` is closer to `SCI` than to the intended `SS`), the list of choices still is not.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

ALL_CHOICES_UP_TO = 10
"""Up to this many valid IDs are all listed; beyond, the 5 nearest."""
NEAREST = 5


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    pool = list(candidates)
    if not pool:
        return None
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    if found:
        return found[0]
    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[found[0]] if found else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """'; did you mean X?' or '' (ready to append to a message)."""
    match = closest(word, candidates)
    return f"; did you mean {match}?" if match and match != word else ""


def nearest(word: str, candidates: Iterable[str], n: int = NEAREST) -> list[str]:
    """The `n` candidates most like `word` (case does not count), most alike first."""
    pool = sorted(set(candidates))
    low = word.lower()

    def likeness(c: str) -> tuple[float, str]:
        return (-difflib.SequenceMatcher(None, low, c.lower()).ratio(), c)

    return sorted(pool, key=likeness)[:n]


def choices(word: str, candidates: Iterable[str]) -> str:
    """'one of: A, B, C' (every choice, when few) or 'the nearest: ...' (5 of many); '' for none."""
    pool = sorted(set(candidates))
    if not pool:
        return ""
    if len(pool) <= ALL_CHOICES_UP_TO:
        return "one of: " + ", ".join(pool)
    return f"the nearest of {len(pool)}: " + ", ".join(nearest(word, pool))
