"""A rewording as the words that went and the words that came, so a reader sees what changed
without comparing two long sentences letter by letter."""

from __future__ import annotations

import difflib
import re

Segment = tuple[str, str]
"""("=", kept words), ("-", removed words) or ("+", added words); joined, each side is its text."""

_TOKEN = re.compile(r"\S+")
SIMILAR_ENOUGH = 0.3
"""Below this share of words in common, a rewording is shown as one text replaced by another."""


def word_diff(old: str, new: str) -> list[Segment]:
    """The segments that turn `old` into `new`, word by word (whitespace is not a change)."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < SIMILAR_ENOUGH:
        return [("-", " ".join(a)), ("+", " ".join(b))]
    out: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return out


def as_marked_text(segments: list[Segment]) -> str:
    """Plain text: [-removed-] {+added+}, as `git diff --word-diff` shows it."""
    marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
    return " ".join(marks[op].format(text) for op, text in segments)
