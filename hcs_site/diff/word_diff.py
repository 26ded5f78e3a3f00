"""A rewording as the words that went and the words that came, so a reader sees what changed
without comparing two long sentences letter by letter."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

Segment = tuple[str, str]
"""("=", kept words), ("-", removed words) or ("+", added words), each with the space before it."""

_TOKEN = re.compile(r"[\w'’-]+|[^\w\s]")
"""Words and punctuation apart, so `add.` and `add and subtract.` share `add`."""
SIMILAR_ENOUGH = 0.3
"""Below this share of words in common, a rewording is shown as one text replaced by another."""


def _pieces(text: str) -> tuple[list[str], list[int]]:
    matches = list(_TOKEN.finditer(text))
    return [m.group() for m in matches], [m.end() for m in matches]


def _slice(text: str, ends: list[int], i1: int, i2: int) -> str:
    """Tokens i1..i2 of `text`, with the space before them."""
    return text[ends[i1 - 1] if i1 else 0:ends[i2 - 1]]


def word_diff(old: str, new: str) -> list[Segment]:
    """The segments that turn `old` into `new`, word by word (whitespace is not a change)."""
    old, new = " ".join(old.split()), " ".join(new.split())
    a, a_ends = _pieces(old)
    b, b_ends = _pieces(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if not a or not b or matcher.ratio() < SIMILAR_ENOUGH:
        return [(op, text) for op, text in (("-", old), ("+", f" {new}" if old else new)) if text.strip()]
    out: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("=", _slice(new, b_ends, j1, j2)))
            continue
        if i2 > i1:
            out.append(("-", _slice(old, a_ends, i1, i2)))
        if j2 > j1:
            out.append(("+", _slice(new, b_ends, j1, j2)))
    return out


def render(segments: list[Segment], removed: str, added: str, escape: Callable[[str], str] | None = None) -> str:
    """Segments joined, each changed one wrapped in `removed` or `added` (a format with `{}`)."""
    out = []
    for op, text in segments:
        core = text.lstrip()
        lead = text[: len(text) - len(core)]
        shown = escape(core) if escape else core
        out.append(lead + {"=": "{}", "-": removed, "+": added}[op].format(shown))
    return "".join(out)


def as_marked_text(segments: list[Segment]) -> str:
    """Plain text: [-removed-] {+added+}, as `git diff --word-diff` shows it."""
    return render(segments, "[-{}-]", "{{+{}+}}")
