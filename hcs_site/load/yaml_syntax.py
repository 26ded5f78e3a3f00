"""YAML syntax errors at the line a person must fix, in words a teacher uses.

PyYAML reports where its parser gave up, which is often far from the mistake: an unclosed quote
shows up at the end of the file, a line moved left shows up on the next one. When the parser
fails, this module reads the lines itself, the way a person would, and names the first line that
breaks the file's shape (every tab, since each one must be fixed). It only runs on a file the
parser refused, so its guesses never reject a valid file.
"""

from __future__ import annotations

import re

from .yaml_checks import Finding, LineChecks
from .yaml_lines import Frame, close_quote, strip_comment

_KEY = re.compile(r"""([^\s#'"\[\]{},:&*!|>%@`-][^#]*?|-[^\s#][^#]*?)\s*:(?=\s|$)""")


def _usual_step(lines: list[str]) -> int:
    """How many spaces this file indents a block under its `key:` (2 in every file hcs-site writes)."""
    steps: dict[int, int] = {}
    previous: tuple[int, str] | None = None
    for raw in lines:
        text = strip_comment(raw)
        if not text.strip():
            continue
        indent = len(text) - len(text.lstrip(" "))
        if previous is not None and previous[1].endswith(":") and indent > previous[0]:
            steps[indent - previous[0]] = steps.get(indent - previous[0], 0) + 1
        previous = (indent, text)
    return max(sorted(steps), key=lambda k: steps[k]) if steps else 2


class _Reader(LineChecks):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.stack: list[Frame] = []
        self.parent: int | None = None  # the block the current line starts: its `key:` column
        self.first_line = 0
        self.previous = 0  # the line read before this one
        self.emptied: tuple[int, int, int, str] | None = None  # a field right after an empty `key:`
        self.closed: tuple[int, int, str] | None = None  # a field that ended a deeper block: line, its column, key
        self.lone: tuple[int, int, int] | None = None  # a block's first line with no key: line, column, parent
        self.step = _usual_step(self.lines)
        self.plain_item: tuple[int, int, str] | None = None  # `- some words`: line, dash column, text

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
            if self.open is not None:
                if indent > self.open.owner:
                    self.open.text += " " + raw.strip()
                    if self.open.closed():
                        self.open = None
                    continue
                self.never_closed(self.open)
                self.open = None
            if self.block is not None:
                if indent > self.block:
                    self.after_block = None
                    continue
                self.block = None
            self.first_line = self.first_line or no
            self.line(no, raw, indent)
            self.previous = no
            if self.block is None:
                self.after_block = None
        if self.open is not None:
            self.never_closed(self.open)
        return self.found

    # ------------------------------------------------------------ one line

    def line(self, no: int, raw: str, indent: int) -> None:
        pos, dashes = indent, []
        while raw.startswith("-", pos) and (pos + 1 == len(raw) or raw[pos + 1] == " "):
            dashes.append(pos)
            pos += 1
            while pos < len(raw) and raw[pos] == " ":
                pos += 1
        rest = strip_comment(raw[pos:])
        key_match = _KEY.match(rest)
        key = key_match.group(1) if key_match and not rest.startswith(("'", '"')) else None
        if rest.startswith(("'", '"')):
            end = close_quote(rest, 0)
            if end > 0 and rest[end:].lstrip().startswith(":"):
                key = rest[:end]
                key_match = re.match(re.escape(rest[:end]) + r"\s*:", rest)
        token = "- " if dashes else (f"{key}:" if key else rest.split(" ")[0])
        if not dashes and key is not None and re.match(r"-[^\s-]", key):
            self.add(no, indent + 2, "a list item needs a space after the dash",
                     f"write `- {rest[1:]}`, with a space between \"-\" and `{key[1:]}:`")
            return
        plain_item, self.plain_item = self.plain_item, None
        lone, self.lone = self.lone, None
        if dashes and lone is not None and indent in (lone[1], lone[1] - 2) and indent - lone[2] == self.step:
            self.add(lone[0], lone[1] + 1, "this line starts the first item of the list but has no \"- \"",
                     f"write \"- \" at the start of line {lone[0]}, lined up with the \"- \" on line {no}")
            return
        if not dashes and key is None and re.match(r"[\w-]+:[^\s/]", rest):
            self.no_key(no, indent, token)  # `title:Equations`
            return
        if plain_item is not None and key is not None and indent == plain_item[1] + 2:
            self.no_key(plain_item[0], plain_item[1] + 2, "", plain_item[2])  # `- id A`, then its fields
            return
        plain, self.plain = self.plain, False
        if not self.place(no, indent, token, key, bool(dashes), plain):
            return
        if self.parent is not None and not dashes and key is None:
            self.lone = (no, indent, self.parent)
        frames_at = [*dashes, pos]
        for i, col in enumerate(dashes):
            if i == 0 and self.stack and self.stack[-1].kind == "seq" and self.stack[-1].indent == col:
                self.stack[-1].line = no  # the next item of the same list
                self.stack[-1].items += 1
                continue
            self.push(Frame(col, "seq", no, "- ", parent=self.parent if i == 0 else None))
        self.opened = None
        if key is not None and key_match is not None:
            self.push(Frame(pos, "map", no, key, [key], parent=None if dashes else self.parent))
            self.note_key(key)
            value_at = pos + key_match.end()
            value = rest[key_match.end():].lstrip()
            value_at += len(rest[key_match.end():]) - len(rest[key_match.end():].lstrip())
            self.value(no, pos, value_at, value, f"{key}:")
        elif rest:
            self.value(no, frames_at[-1], pos, rest, "- " if dashes else "")
            if dashes and (" " in rest or re.match(r"[\w-]+:\S", rest)) and rest[0] not in "\"'[{":
                self.plain_item = (no, dashes[-1], rest)
        if not rest and dashes:
            self.opened = dashes[-1]

    def push(self, frame: Frame) -> None:
        if frame.kind == "map" and self.stack and self.stack[-1].kind == "seq":
            seq = self.stack[-1]
            seq.item_keys = []
            seq.item_line, seq.item_col = frame.line, frame.indent
            seq.first_item_key = seq.first_item_key or frame.last
        self.stack.append(frame)

    def note_key(self, key: str) -> None:
        if len(self.stack) >= 2 and self.stack[-2].kind == "seq":
            self.stack[-2].item_keys.append(key)

    def place(self, no: int, indent: int, token: str, key: str | None, dash: bool, plain: bool) -> bool:
        """Find the frame this line belongs to; report a line out of place. False: stop here.

        `plain`: the line above ended with plain text, which this line may continue."""
        opened, self.opened = self.opened, None
        emptied, self.emptied = self.emptied, None
        self.parent = None
        if opened is not None and (indent > opened or (dash and self.stack and indent == opened
                                                       and self.stack[-1].kind == "map")):
            self.parent = opened
            return True
        if opened is not None and key is not None:  # `pacing:` then a field at its own level
            self.emptied = (no, opened, indent, key)
        popped: Frame | None = None
        while self.stack and self.stack[-1].indent > indent:
            popped = self.stack.pop()
        closed, self.closed = self.closed, None
        if popped is not None and key is not None and popped.kind == "map":
            self.closed = (no, popped.indent, key)
        if not self.stack:
            if popped is not None and popped.parent is None and popped.line == self.first_line:
                self.add(popped.line, popped.indent + 1, "the first line is indented; the fields of the file "
                         "start in the first column", f"remove the spaces at the start of line {popped.line}")
                return False
            return True
        top = self.stack[-1]
        item = self.first_item(popped, indent) if popped is not None and key is not None else None
        if item is not None and popped is not None:
            self.item_moved(no, indent, token, item, popped)  # the list's first "- " is the odd one
            return False
        if dash and popped is not None and popped.kind == "map" and popped.parent is not None \
                and popped.indent == indent + 2 and indent - popped.parent == self.step:
            self.add(popped.line, popped.indent + 1, "this line starts the first item of the list but has no "
                     f"\"- \" before `{popped.keys[0]}:`",
                     f"write \"- {popped.keys[0]}: ...\", with the \"- \" lined up with the one on line {no}")
            return False
        if top.indent < indent:
            moved = popped if popped is not None else top
            item = self.first_item(moved, indent)
            if (key is not None or dash) and item is not None:
                self.item_moved(no, indent, token, item, moved)  # the list's first "- " is the odd one
            elif (key is not None or dash) and moved.parent is not None and moved.alone \
                    and indent - moved.parent == self.step and moved.indent - moved.parent != self.step:
                self.first_moved(no, indent, token, moved)  # the block's first line is the odd one
            elif emptied is not None and key is not None and emptied[0] == self.previous \
                    and indent == emptied[1] + self.step:
                self.first_moved(no, indent, token, Frame(emptied[2], "map", emptied[0], emptied[3]))
            elif closed is not None and key is not None and closed[0] == self.previous and indent == closed[1]:
                # `2:` moved out of its block, so `3:` below it seems too deep: the line above is the odd one
                self.first_moved(no, indent, token, Frame(top.indent, "map", closed[0], closed[2]))
            elif popped is not None and dash and top.kind == "seq":
                self.misplaced(no, indent, token, top, "more")
            elif popped is not None:
                self.misplaced(no, indent, token, popped, "less")
            elif key is not None or dash or not plain:
                if not plain and top.kind == "seq" and token[:1] in "[{\"'":
                    self.add(no, indent + 1, "this line looks like an item of the list above but has no \"- \"",
                             f"write \"- \" before it, lined up with the \"- \" on line {top.line}")
                else:
                    self.misplaced(no, indent, token, top, "more")
            else:
                return True  # plain text going on from the line above
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

    def key_in_list(self, no: int, indent: int, token: str, key: str | None, seq: Frame) -> bool:
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

    def first_item(self, mapping: Frame, indent: int) -> Frame | None:
        """The list whose first `- key:` line is out of line with the keys below it, if any."""
        below = [f for f in self.stack if f.kind == "seq" and f.line == mapping.line and f is not mapping]
        if mapping.kind != "map" or not below or mapping.indent == indent:
            return None
        seq = below[-1]
        if seq.parent is None or not seq.alone or seq.indent - seq.parent == self.step:
            return None
        return seq if indent == seq.parent + self.step + 2 else None


def explain(text: str) -> list[Finding]:
    """Where and why a file the parser refused is broken; [] when the lines look fine."""
    return _Reader(text).read()
