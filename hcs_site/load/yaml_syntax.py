"""YAML syntax errors at the line a person must fix, in words a teacher uses.

PyYAML reports where its parser gave up, which is often far from the mistake: an unclosed quote
shows up at the end of the file, a line moved left shows up on the next one. When the parser
fails, this module reads the lines itself, the way a person would, and names the first line that
breaks the file's shape (every tab, since each one must be fixed). It only runs on a file the
parser refused, so its guesses never reject a valid file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

Finding = tuple[int, int, str, str, str]
"""line (1-based, in `text`), column (1-based), code, message, hint."""

_KEY = re.compile(r"""([^\s#'"\[\]{},:&*!|>%@`-][^#]*?|-[^\s#][^#]*?)\s*:(?=\s|$)""")
_BLOCK = re.compile(r"[|>][-+0-9]*\s*(#.*)?$")
_BAD_START = "@`%*"


@dataclass
class _Frame:
    indent: int
    kind: str  # "map" or "seq"
    line: int
    last: str = ""  # last key written (map) or "- " (seq)
    keys: list[str] = field(default_factory=list)
    first_item_key: str = ""  # seq: the first key of its first mapping item
    item_keys: list[str] = field(default_factory=list)  # seq: keys of its current mapping item
    item_line: int = 0  # seq: line and column of the first key of its current mapping item
    item_col: int = 0


def _close_quote(text: str, start: int) -> int:
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


def _strip_comment(text: str) -> str:
    match = re.search(r"(^|\s)#", text)
    return text[: match.start()].rstrip() if match else text.rstrip()


def _flow(text: str, start: int) -> tuple[int, int, int]:
    """Scan a flow list or mapping from `start`: (depth left open, index of an extra closer or
    -1, index of an unclosed quote or -1)."""
    depth, i = 0, start
    while i < len(text):
        ch = text[i]
        if ch in "\"'" and (i == start or text[i - 1] in "[{, :"):
            end = _close_quote(text, i)
            if end < 0:
                return depth, -1, i
            i = end
            continue
        if ch == "#" and text[i - 1] == " ":
            break
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth < 0:
                return depth, i, -1
        i += 1
    return depth, -1, -1


class _Reader:
    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.found: list[Finding] = []
        self.stack: list[_Frame] = []
        self.opened: int | None = None  # column the next line may go deeper than
        self.block: int | None = None  # inside a block scalar owned by this column
        self.after_block: str | None = None  # the line just read opened a block scalar (`key: |`)

    def add(self, no: int, col: int, message: str, hint: str, code: str = "yaml-syntax") -> None:
        self.found.append((no, col, code, message, hint))

    def next_indent(self, no: int) -> int | None:
        for raw in self.lines[no:]:
            if raw.strip() and not raw.lstrip().startswith("#"):
                return len(raw) - len(raw.lstrip(" "))
        return None

    def read(self) -> list[Finding]:
        for no, raw in enumerate(self.lines, 1):
            lead = raw[: len(raw) - len(raw.lstrip(" \t"))]
            if "\t" in lead and raw.strip():
                self.add(no, lead.index("\t") + 1, "a tab character is used for indentation",
                         "YAML indentation must use spaces; replace the tab with spaces", "yaml-tab")
        if self.found:
            return self.found
        for no, raw in enumerate(self.lines, 1):
            if not raw.strip() or raw.lstrip().startswith("#") or raw.startswith(("---", "...")):
                continue
            indent = len(raw) - len(raw.lstrip(" "))
            if self.block is not None:
                if indent > self.block:
                    self.after_block = None
                    continue
                self.block = None
            self.line(no, raw, indent)
            if self.block is None:
                self.after_block = None
        return self.found

    # ------------------------------------------------------------ one line

    def line(self, no: int, raw: str, indent: int) -> None:
        pos, dashes = indent, []
        while raw.startswith("-", pos) and (pos + 1 == len(raw) or raw[pos + 1] == " "):
            dashes.append(pos)
            pos += 1
            while pos < len(raw) and raw[pos] == " ":
                pos += 1
        rest = _strip_comment(raw[pos:])
        key_match = _KEY.match(rest)
        key = key_match.group(1) if key_match and not rest.startswith(("'", '"')) else None
        if rest.startswith(("'", '"')):
            end = _close_quote(rest, 0)
            if end > 0 and rest[end:].lstrip().startswith(":"):
                key = rest[:end]
                key_match = re.match(re.escape(rest[:end]) + r"\s*:", rest)
        token = "- " if dashes else (f"{key}:" if key else rest.split(" ")[0])
        if not self.place(no, indent, token, key, bool(dashes)):
            return
        frames_at = [*dashes, pos]
        for i, col in enumerate(dashes):
            if i == 0 and self.stack and self.stack[-1].kind == "seq" and self.stack[-1].indent == col:
                self.stack[-1].line = no  # the next item of the same list
                continue
            self.push(_Frame(col, "seq", no, "- "))
        self.opened = None
        if key is not None and key_match is not None:
            self.push(_Frame(pos, "map", no, key, [key]))
            self.note_key(key)
            value_at = pos + key_match.end()
            value = rest[key_match.end():].lstrip()
            value_at += len(rest[key_match.end():]) - len(rest[key_match.end():].lstrip())
            self.value(no, pos, value_at, value, f"{key}:")
        elif rest:
            self.value(no, frames_at[-1], pos, rest, "- " if dashes else "")
        if not rest and dashes:
            self.opened = dashes[-1]

    def push(self, frame: _Frame) -> None:
        if frame.kind == "map" and self.stack and self.stack[-1].kind == "seq":
            seq = self.stack[-1]
            seq.item_keys = []
            seq.item_line, seq.item_col = frame.line, frame.indent
            seq.first_item_key = seq.first_item_key or frame.last
        self.stack.append(frame)

    def note_key(self, key: str) -> None:
        if len(self.stack) >= 2 and self.stack[-2].kind == "seq":
            self.stack[-2].item_keys.append(key)

    def place(self, no: int, indent: int, token: str, key: str | None, dash: bool) -> bool:
        """Find the frame this line belongs to; report a line out of place. False: stop here."""
        opened, self.opened = self.opened, None
        if opened is not None and (indent > opened or (dash and self.stack and indent == opened
                                                       and self.stack[-1].kind == "map")):
            return True
        popped: _Frame | None = None
        while self.stack and self.stack[-1].indent > indent:
            popped = self.stack.pop()
        if not self.stack:
            return True
        top = self.stack[-1]
        if top.indent < indent:
            if popped is not None:
                self.misplaced(no, indent, token, popped, "less")
            elif key is not None or dash:
                self.misplaced(no, indent, token, top, "more")
            else:
                return True  # a plain text continuing on the next line
            return False
        if top.kind == "seq" and not dash:
            return self.key_in_list(no, indent, token, key, top)
        if top.kind == "map" and dash:
            self.add(no, indent + 1, "a list item (\"- \") where a field (\"name: value\") is expected",
                     "remove the \"- \"; a list goes under a field that ends with \":\", "
                     "indented two spaces more than that field")
            return False
        if top.kind == "map" and key is None:
            self.no_key(no, indent, token)
            return False
        if key is not None:
            top.last = key
            top.keys.append(key)
            self.note_key(key)
        return True

    def key_in_list(self, no: int, indent: int, token: str, key: str | None, seq: _Frame) -> bool:
        parent = self.stack[-2] if len(self.stack) >= 2 else None
        same_column = parent is not None and parent.indent == indent
        deeper_next = (self.next_indent(no) or 0) > indent
        new_item = key is not None and (key == seq.first_item_key or key in seq.item_keys)
        if new_item and (not same_column or deeper_next):
            self.add(no, indent + 1, f"this line starts a new item of the list but has no \"- \" before `{token}`",
                     f"write \"- {token} ...\", with the \"- \" lined up with the one on line {seq.line}")
            return False
        if same_column:
            self.stack.pop()  # `key:` then `- item` at the same column: the list is over
            return self.place_again(no, indent, token, key)
        if seq.first_item_key:
            other = seq.item_keys[0] if seq.item_keys else seq.first_item_key
            gap = seq.item_col - indent
            self.add(no, indent + 1, f"this line is indented less than the one above; line up `{token}` "
                     f"with `{other}:`",
                     f"add {gap} space{'s' if gap != 1 else ''} at the start of line {no}, so `{token}` starts "
                     f"in the same column as `{other}:` on line {seq.item_line}")
        elif parent is not None:
            self.add(no, indent + 1, f"this line is indented more than `{parent.last}:`, so it would be part of "
                     f"that list; line up `{token}` with `{parent.last}:`",
                     f"remove {indent - parent.indent} spaces before `{token}`")
        else:
            self.add(no, indent + 1, "a list item needs \"- \" here", f"write \"- {token}\"")
        return False

    def place_again(self, no: int, indent: int, token: str, key: str | None) -> bool:
        top = self.stack[-1]
        if key is None:
            self.no_key(no, indent, token)
            return False
        top.last = key
        top.keys.append(key)
        return True

    def misplaced(self, no: int, indent: int, token: str, frame: _Frame, how: str) -> None:
        other = "the \"- \"" if frame.kind == "seq" else f"`{frame.last}:`"
        mine = "the \"- \"" if token == "- " else f"`{token}`"
        gap = abs(frame.indent - indent)
        verb = "add" if how == "less" else "remove"
        self.add(no, indent + 1, f"this line is indented {how} than the one above; line up {mine} with {other}",
                 f"{verb} {gap} space{'s' if gap != 1 else ''} at the start of line {no}, so {mine} starts "
                 f"in the same column as {other} on line {frame.line}")

    def no_key(self, no: int, indent: int, token: str) -> None:
        text = self.lines[no - 1].strip()
        glued = re.match(r"([\w-]+):(\S.*)", text)
        if glued:
            name, value = glued.groups()
            self.add(no, indent + len(name) + 2, "there is no space after the colon",
                     f"write a space after `{name}:`, as in `{name}: {value}`")
        elif self.after_block is not None:
            self.add(no, indent + 1, f"the text after `{self.after_block}` must be indented more than that line",
                     f"add two spaces at the start of each line of the text under `{self.after_block}`")
        else:
            name, _, words = text.partition(" ")
            example = f"`{name}: {words}`" if words else f"`{name}: ...`"
            self.add(no, indent + 1, "this line is not a field: it has no colon after the field name",
                     f"write the field name, a colon and a space before the value, as in {example}, "
                     "or indent the line if it continues the text above")

    # ------------------------------------------------------------ values

    def value(self, no: int, owner: int, at: int, value: str, label: str) -> None:
        if not value:
            if label.endswith(":"):
                self.opened = owner
            return
        where = f"after `{label}`" if label else "here"
        if value[0] in "\"'":
            self.quoted(no, owner, at, value)
        elif value[0] in "[{":
            depth, extra, quote = _flow(value, 0)
            close = "]" if value[0] == "[" else "}"
            if quote >= 0 and (self.next_indent(no) or 0) <= owner:
                self.add(no, at + quote + 1, f"the quote {value[quote]} that opens here is never closed",
                         f"end the quoted text with {value[quote]} on this line")
            elif extra >= 0:
                self.add(no, at + extra + 1, f"there is one {value[extra]} too many",
                         f"remove this {value[extra]}, or add the matching opening bracket")
            elif depth > 0 and (self.next_indent(no) or 0) <= owner:
                what = "list" if close == "]" else "group"
                self.add(no, at + 1, f"the {value[0]} that opens here is never closed",
                         f"end the {what} with {close} on this line, as in `{label} {value}{close}`")
            elif depth > 0:
                self.block = owner  # a list that goes on over the next, deeper lines
        elif _BLOCK.match(value):
            self.block = owner
            self.after_block = f"{label} {value[0]}"
        elif value[0] in _BAD_START:
            self.add(no, at + 1, f"a value cannot start with {value[0]}",
                     f"put the whole text {where} in double quotes: \"{value}\"")
        else:
            colon = re.search(r":(\s|$)", value)
            if colon:
                self.add(no, at + colon.start() + 1,
                         "the text contains \": \", which YAML reads as the start of another field",
                         f"a value containing ': ' must be quoted: put the whole text {where} in double "
                         f"quotes, \"{value}\"")

    def quoted(self, no: int, owner: int, at: int, value: str) -> None:
        q = value[0]
        end = _close_quote(value, 0)
        if end < 0:
            if (self.next_indent(no) or 0) <= owner:
                more = " (an apostrophe inside '...' is written twice: '')" if q == "'" else ""
                self.add(no, at + 1, f"the quote {q} that opens here is never closed",
                         f"end the text with {q} on this line{more}")
            else:
                self.block = owner  # quoted text that goes on over the next, deeper lines
            return
        after = value[end:].strip()
        if after:
            if q == "'" and value[end - 2].isalpha() and value[end:end + 1].isalpha():
                self.add(no, at + end, "the apostrophe ends the text quoted with '",
                         f"write the apostrophe twice inside '...', or use double quotes: \"{value[1:-1]}\"")
            else:
                whole = (value[1:end - 1] + value[end:]).replace(q, "").strip()
                self.add(no, at + end + 1, f"text follows the closing quote {q}",
                         f"put the quotes around the whole text: {q}{whole}{q}")


def explain(text: str) -> list[Finding]:
    """Where and why a file the parser refused is broken; [] when the lines look fine."""
    return _Reader(text).read()
