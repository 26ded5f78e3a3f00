"""Reading YAML lines the way a person does: where a quote or a bracket closes, where a comment
starts, and what is still open at the end of a line. Used by yaml_syntax.py, only on files the
parser refused."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Frame:
    indent: int
    kind: str  # "map" or "seq"
    line: int
    last: str = ""  # last key written (map) or "- " (seq)
    keys: list[str] = field(default_factory=list)
    first_item_key: str = ""  # seq: the first key of its first mapping item
    item_keys: list[str] = field(default_factory=list)  # seq: keys of its current mapping item
    item_line: int = 0  # seq: line and column of the first key of its current mapping item
    item_col: int = 0
    parent: int | None = None  # the column of the `key:` line whose block this frame starts
    items: int = 1  # seq: how many items so far

    @property
    def label(self) -> str:
        return "the \"- \"" if self.kind == "seq" else f"`{self.last}:`"

    @property
    def alone(self) -> bool:
        """Only its first line read so far: the one line that set this block's indentation."""
        return self.items == 1 and len(self.keys) <= 1


def close_quote(text: str, start: int) -> int:
    """Index just after the quote that closes the one at `start`, or -1."""
    q, i = text[start], start + 1
    while i < len(text):
        if q == "'" and text.startswith("''", i):
            i += 2
            continue
        if q == '"' and text[i] == "\\":
            i += 2
            continue
        if text[i] == q:
            return i + 1
        i += 1
    return -1


def strip_comment(text: str) -> str:
    match = re.search(r"(^|\s)#", text)
    return text[: match.start()].rstrip() if match else text.rstrip()


def flow(text: str, start: int) -> tuple[int, int, int, int]:
    """Scan a flow list or mapping from `start`: (depth left open, index of an extra closer or
    -1, index of an unclosed quote or -1, index just after the first bracket's closer or -1)."""
    depth, i, end = 0, start, -1
    while i < len(text):
        ch = text[i]
        if ch in "\"'" and (i == start or text[i - 1] in "[{, :"):
            closed = close_quote(text, i)
            if closed < 0:
                return depth, -1, i, end
            i = closed
            continue
        if ch == "#" and text[i - 1] == " ":
            break
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth < 0:
                return depth, i, -1, end
            if depth == 0 and end < 0:
                end = i + 1
        i += 1
    return depth, -1, -1, end


@dataclass
class Open:
    """A quoted text or a bracketed list still open at the end of its line: legal when the next
    lines are indented deeper and close it, a mistake when a line at its own level comes first."""

    kind: str  # "quote" or "flow"
    line: int
    col: int  # 1-based column of the value
    text: str  # the value so far, continuation lines joined with a space
    owner: int
    label: str
    first: int = 0  # length of the value on its first line

    def closed(self) -> bool:
        if self.kind == "quote":
            return close_quote(self.text, 0) >= 0
        depth, _extra, quote, _end = flow(self.text, 0)
        return depth <= 0 and quote < 0
