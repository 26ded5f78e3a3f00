"""What a single line of YAML gets wrong, in a teacher's words: quotes, brackets, colons, the
first character of a value, a line out of line with its neighbours. yaml_syntax.py decides which
line to look at; this module says what is wrong with it and how to fix it."""

from __future__ import annotations

import re

from .yaml_lines import Frame, Open, close_quote, flow

Finding = tuple[int, int, str, str, str]
"""line (1-based, in `text`), column (1-based), code, message, hint."""

_BLOCK = re.compile(r"[|>][-+0-9]*\s*(#.*)?$")
_BAD_START = "@`%*"


class LineChecks:
    """The findings so far, and the state a value leaves for the next line."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.found: list[Finding] = []
        self.opened: int | None = None  # column the next line may go deeper than
        self.plain = False  # the line just read ends with plain text, which may go on below
        self.block: int | None = None  # inside a block scalar owned by this column
        self.open: Open | None = None  # a quote or bracket that goes on over the next lines
        self.after_block: str | None = None  # the line just read opened a block scalar (`key: |`)

    def add(self, no: int, col: int, message: str, hint: str, code: str = "yaml-syntax") -> None:
        self.found.append((no, col, code, message, hint))

    def next_indent(self, no: int) -> int | None:
        for raw in self.lines[no:]:
            if raw.strip() and not raw.lstrip().startswith("#"):
                return len(raw) - len(raw.lstrip(" "))
        return None

    def never_closed(self, found: Open) -> None:
        text = found.text[: found.first]
        if found.kind == "flow":
            _depth, _extra, quote, _end = flow(text, 0)
            if quote < 0:
                close = "]" if text[0] == "[" else "}"
                what = "list" if close == "]" else "group"
                self.add(found.line, found.col, f"the {text[0]} that opens here is never closed",
                         f"end the {what} with {close} on this line, as in `{found.label} {text.rstrip(', ')}{close}`")
                return
            text, col = text[quote:], found.col + quote
        else:
            col = found.col
        q = text[0]
        more = " (an apostrophe inside '...' is written twice: '')" if q == "'" else ""
        self.add(found.line, col, f"the quote {q} that opens here is never closed",
                 f"end the text with {q} on this line{more}")

    def item_moved(self, no: int, indent: int, token: str, seq: Frame, mapping: Frame) -> None:
        how = "more" if mapping.indent > indent else "less"
        gap = abs(mapping.indent - indent)
        self.add(seq.line, seq.indent + 1, f"this \"- \" is indented {how} than the lines of its item below; "
                 f"line up `{mapping.keys[0]}:` with `{token}`",
                 f"{'remove' if how == 'more' else 'add'} {gap} space{'s' if gap != 1 else ''} at the start of "
                 f"line {seq.line}, so `{mapping.keys[0]}:` starts in the same column as `{token}` on line {no}")

    def first_moved(self, no: int, indent: int, token: str, first: Frame) -> None:
        how = "more" if first.indent > indent else "less"
        gap = abs(first.indent - indent)
        mine = "the \"- \"" if token == "- " else f"`{token}`"
        self.add(first.line, first.indent + 1, f"this line is indented {how} than the one below; line up "
                 f"{first.label} with {mine}",
                 f"{'remove' if how == 'more' else 'add'} {gap} space{'s' if gap != 1 else ''} at the start of "
                 f"line {first.line}, so {first.label} starts in the same column as {mine} on line {no}")

    def misplaced(self, no: int, indent: int, token: str, frame: Frame, how: str) -> None:
        if token == "- " and frame.kind == "seq":
            gap = abs(frame.indent - indent)
            self.add(no, indent + 1, f"this \"- \" is indented {how} than the \"- \" of the item before "
                     f"(line {frame.line}); line them up",
                     f"{'add' if how == 'less' else 'remove'} {gap} space{'s' if gap != 1 else ''} at the start "
                     f"of line {no}")
            return
        other = "the \"- \"" if frame.kind == "seq" else f"`{frame.last}:`"
        mine = "the \"- \"" if token == "- " else f"`{token}`"
        gap = abs(frame.indent - indent)
        verb = "add" if how == "less" else "remove"
        self.add(no, indent + 1, f"this line is indented {how} than the one above; line up {mine} with {other}",
                 f"{verb} {gap} space{'s' if gap != 1 else ''} at the start of line {no}, so {mine} starts "
                 f"in the same column as {other} on line {frame.line}")

    def no_key(self, no: int, indent: int, token: str, text: str | None = None) -> None:
        text = text or self.lines[no - 1].strip()
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

    def value(self, no: int, owner: int, at: int, value: str, label: str) -> None:
        if not value:
            if label.endswith(":"):
                self.opened = owner
            return
        self.plain = value[0] not in "\"'[{|>"
        where = f"after `{label}`" if label else "here"
        if value[0] in "\"'":
            self.quoted(no, owner, at, value, label)
        elif value[0] in "[{":
            depth, extra, quote, end = flow(value, 0)
            if extra >= 0:
                self.add(no, at + extra + 1, f"there is one {value[extra]} too many",
                         f"remove this {value[extra]}, or add the matching opening bracket")
            elif depth > 0 or quote >= 0:
                self.open = Open("flow", no, at + 1, value, owner, label, len(value))
            elif value[end:].strip():
                self.add(no, at + end + 1, f"text follows the closing {value[end - 1]}",
                         f"put the whole text {where} in double quotes: \"{value}\"")
        elif value[0] in "|>" and not _BLOCK.match(value):
            self.add(no, at + 1, f"a value cannot start with {value[0]} followed by text",
                     f"put the whole text {where} in double quotes: \"{value}\", or start the text on the "
                     f"next line, indented, after `{label} {value[0]}`")
        elif value.startswith(("- ", "? ")) or value in ("-", "?"):
            self.add(no, at + 1, f"a value cannot start with \"{value[0]} \"",
                     f"put the whole text {where} in double quotes: \"{value}\"; a list goes on the next "
                     "lines, one \"- \" item per line, indented")
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

    def quoted(self, no: int, owner: int, at: int, value: str, label: str) -> None:
        q = value[0]
        end = close_quote(value, 0)
        if end < 0:
            self.open = Open("quote", no, at + 1, value, owner, label, len(value))
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
