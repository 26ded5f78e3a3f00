"""Mutations of a regular expression: the loosened pattern a careless edit would leave behind.

A validation pattern fails open when a bound moves by one, a lookaround or an anchor goes, or a
character class lets everything through; each such edit is one mutant. Edits that do not compile
are dropped here, so every mutant the tool runs is a pattern Python accepts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BOUNDS = re.compile(r"\{(\d*)(,?)(\d*)\}")
LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")
ANYTHING = r"[\s\S]"
ESCAPES = {"d": r"\w", "w": ANYTHING, "s": ANYTHING}
"""Escaped classes and what each is loosened to."""


@dataclass(frozen=True)
class PatternEdit:
    label: str
    pattern: str


def _class_end(p: str, i: int) -> int:
    """The index after the `]` that closes the class opened at `p[i]`, or -1."""
    j = i + 1
    if p.startswith("^", j):
        j += 1
    if p.startswith("]", j):
        j += 1
    while j < len(p):
        if p[j] == "\\":
            j += 2
        elif p[j] == "]":
            return j + 1
        else:
            j += 1
    return -1


def _group_end(p: str, i: int) -> int:
    """The index after the `)` that closes the group opened at `p[i]`, or -1."""
    depth, j = 0, i
    while j < len(p):
        c = p[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(p, j)
            if j < 0:
                return -1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return -1


def _bound_edits(low: str, comma: str, high: str) -> list[str]:
    """`{7,10}` becomes `{8,10}`, `{6,10}`, `{7,9}` and `{7,11}` (those that stay valid)."""
    out: list[str] = []
    if not comma:
        n = int(low)
        out += [f"{{{n + 1}}}"] + ([f"{{{n - 1}}}"] if n > 0 else [])
        return out
    if low:
        n = int(low)
        out += [f"{{{n + 1},{high}}}"] + ([f"{{{n - 1},{high}}}"] if n > 0 else [])
    if high:
        n = int(high)
        out += [f"{{{low},{n - 1}}}", f"{{{low},{n + 1}}}"]
    return out


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except (re.error, OverflowError):
        return False
    return True


def pattern_edits(p: str) -> list[PatternEdit]:
    """Every loosening of pattern `p`, in pattern order, without duplicates."""
    edits: list[PatternEdit] = []

    def add(label: str, start: int, end: int, text: str) -> None:
        mutated = p[:start] + text + p[end:]
        if mutated != p and _compiles(mutated) and all(e.pattern != mutated for e in edits):
            edits.append(PatternEdit(label, mutated))

    i = 0
    while i < len(p):
        c = p[i]
        if c == "\\":
            esc = p[i + 1: i + 2]
            if esc in ("A", "Z", "b"):
                add("regex-anchor", i, i + 2, "")
            elif esc in ESCAPES:
                add("regex-class", i, i + 2, ESCAPES[esc])
            i += 2
        elif c == "[":
            end = _class_end(p, i)
            if end < 0:
                break
            add("regex-class", i, end, ANYTHING)
            i = end
        elif c == "(" and p.startswith(LOOKAROUNDS, i):
            end = _group_end(p, i)
            if end > 0:
                add("regex-lookaround", i, end, "")
            i += 4 if p.startswith("(?<", i) else 3
        elif c in "^$":
            add("regex-anchor", i, i + 1, "")
            i += 1
        elif c == "+" and i > 0 and p[i - 1] not in "(|":
            add("regex-quantifier", i, i + 1, "*")
            i += 1
        elif c == "{" and (m := BOUNDS.match(p, i)) and (m.group(1) or m.group(3)):
            for text in _bound_edits(m.group(1), m.group(2), m.group(3)):
                add("regex-bound", i, m.end(), text)
            i = m.end()
        else:
            i += 1
    return edits
