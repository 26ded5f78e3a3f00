"""Edit a content file in place: only the values that changed are rewritten.

A committee reviews a spreadsheet import as a `git diff`, so a file must not be rewritten when
one cell changed. `patch` compares the data a file holds (its PyYAML node tree, with the position
of every value) with the data it should hold and replaces only the text of the values that
differ: comments, blank lines, wrapping, quoting, key order, line endings (LF or CRLF) and a
byte-order mark stay as they were everywhere else. Lists of items with an `id` are matched by ID,
so a new objective is inserted, and a deleted one removed, in the style of its neighbours.

Texts are compared after `normalise_text`, so a spreadsheet's curly quotes, non-breaking spaces
and trailing spaces never count as a change (the file keeps its own form of an unchanged text).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

import yaml

from ..load.yaml_reader import resolve_plain
from ..scaffold import yaml_out

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                         "\u00ab": '"', "\u00bb": '"',
                         "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'"})
_SPACES = re.compile(r"[^\S\n]+")
_LINE_ENDS = re.compile(r"[^\S\n]*\n[^\S\n]*")


def normalise_text(text: str) -> str:
    """The form two texts are compared in: typographic quotes as straight quotes, every kind of
    space (non-breaking, thin, ideographic, tab...) as one plain space, no spaces at line ends
    or at either end, and Unicode NFC (an accent typed as one character or as two is the same)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).translate(_QUOTES)
    return _SPACES.sub(" ", _LINE_ENDS.sub("\n", text)).strip()


def clean_cell(text: str) -> str:
    """What is written for a text that did change: spaces normalised as in `normalise_text`, the
    quotes kept as the person typed them (a district may well want typographic quotes)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _SPACES.sub(" ", _LINE_ENDS.sub("\n", text)).strip()


def cleaned(value: Any) -> Any:
    """`clean_cell` on every text of `value` (a new objective is written as a changed text is)."""
    if isinstance(value, str):
        return clean_cell(value)
    if isinstance(value, dict):
        return {k: cleaned(v) for k, v in value.items()}
    if isinstance(value, list):
        return [cleaned(v) for v in value]
    return value


def same(old: Any, new: Any, lang: str) -> bool:
    """Equal as content: texts after `normalise_text`, numbers by value, a text in the default
    language alone equal to the plain text (`title: {en: X}` is `title: X`)."""
    if isinstance(new, str) and isinstance(old, dict) and set(old) == {lang}:
        old = old[lang]
    if isinstance(old, str) and isinstance(new, dict) and set(new) == {lang}:
        new = new[lang]
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    if isinstance(old, str) and isinstance(new, str):
        return normalise_text(old) == normalise_text(new)
    if isinstance(old, int | float) and isinstance(new, int | float):
        return old == new
    if isinstance(old, dict) and isinstance(new, dict):
        return set(map(str, old)) == set(map(str, new)) and all(
            same(old[k], {str(j): w for j, w in new.items()}[str(k)], lang) for k in old)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(same(a, b, lang) for a, b in zip(old, new, strict=True))
    return bool(old == new)


def value_of(node: yaml.Node, cache: dict[int, Any] | None = None) -> Any:
    """The data a node holds, read as the content loader reads it (keys as text, YAML 1.2 scalars)."""
    if cache is not None and id(node) in cache:
        return cache[id(node)]
    if isinstance(node, yaml.MappingNode):
        value: Any = {str(value_of(k, cache)): value_of(v, cache) for k, v in node.value}
    elif isinstance(node, yaml.SequenceNode):
        value = [value_of(v, cache) for v in node.value]
    else:
        value = resolve_plain(node.value) if not getattr(node, "style", None) else node.value
    if cache is not None:
        cache[id(node)] = value
    return value


class Patcher:
    """Collects text replacements (start, end, new text) on the original, then applies them."""

    def __init__(self, text: str, lang: str) -> None:
        self.text, self.lang = text, lang
        self.nl = "\r\n" if "\r\n" in text else "\n"
        self.edits: list[tuple[int, int, str]] = []
        self.values: dict[int, Any] = {}
        """The data of each node, read once (the tree is walked from the top at every level)."""

    # -- positions -------------------------------------------------------------------------------
    def line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def next_line(self, index: int) -> int:
        end = self.text.find("\n", index)
        return len(self.text) if end < 0 else end + 1

    def content_end(self, node: yaml.Node) -> int:
        """Where the node's own text ends (before trailing blank lines and comments)."""
        if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
            end = node.end_mark.index
            while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
                end -= 1
            if getattr(node, "style", None) in (">", "|"):  # a block text owns its last line's spaces
                while end < len(self.text) and self.text[end] in " \t":
                    end += 1
            return end
        last = node.value[-1]
        return self.content_end(last[1] if isinstance(node, yaml.MappingNode) else last)

    def entry_start(self, index: int, indent: int) -> int:
        """The start of the line at `index`, moved up over comment lines written right above it."""
        start = self.line_start(index)
        while start > 0:
            above = self.line_start(start - 1)
            line = self.text[above:start].strip()
            if not line.startswith("#") or self.text[above:start].index("#") < indent:
                break
            start = above
        return start

    def blank_before(self, start: int) -> bool:
        return start > 0 and not self.text[self.line_start(start - 1):start].strip()

    # -- rendering -------------------------------------------------------------------------------
    def block(self, data: Any, indent: int) -> str:
        """`data` (a one-key mapping or a one-item list) as block lines at `indent` columns."""
        data = cleaned(data)
        if isinstance(data, list) and not isinstance(data[0], dict):  # `- text`, never `[text]`
            text = "-" + yaml_out.dump({"k": data[0]}, width=max(40, 92 - indent))[2:]
        else:
            text = yaml_out.dump(data, width=max(40, 92 - indent))
        return "".join(" " * indent + line + self.nl if line else self.nl for line in text.splitlines())

    def scalar(self, node: yaml.Node, value: Any, indent: int) -> str:
        """`value` written where `node` was: a quoted text keeps its quotes, a flow list stays a
        flow list; otherwise as `hcs-site new` writes it (long texts folded, as the samples are)."""
        style = node.style if isinstance(node, yaml.ScalarNode) else None
        end = self.content_end(node)
        if isinstance(value, str) and self.text[end:self.next_line(end)].strip() and (
                "\n" in value or "\n" in yaml_out.dump({"k": value}, width=max(40, 92 - indent)).rstrip("\n")):
            # a comment follows on the line: the text stays on that line, or the comment would join it
            style = "'" if style == "'" and "\n" not in value else '"'
        if isinstance(value, str) and (style == '"' or (style == "'" and "\n" not in value)):
            text = yaml.dump(value, default_style=style, width=1_000_000, allow_unicode=True)
        elif isinstance(node, yaml.SequenceNode | yaml.MappingNode) and node.flow_style \
                and isinstance(value, list | dict) \
                and not any(isinstance(v, list | dict) for v in (value if isinstance(value, list) else value.values())):
            text = yaml_out.flow(value)
        else:
            text = yaml_out.dump({"k": value}, width=max(40, 92 - indent))[2:]
        keep = text.split("\n", 1)[0].strip().endswith("+")  # `|+`: its last line breaks are text
        first, *rest = (text if keep else text.rstrip("\n")).split("\n")
        lines = [first.strip()] + [" " * indent + line if line else "" for line in rest]
        return self.nl.join(lines)

    # -- walking ---------------------------------------------------------------------------------
    def walk(self, node: yaml.Node, new: Any, indent: int) -> None:
        old = value_of(node, self.values)
        if same(old, new, self.lang):
            return
        if isinstance(node, yaml.MappingNode) and isinstance(new, str):
            new = {self.lang: new}
        if isinstance(node, yaml.MappingNode) and isinstance(new, dict) and not node.flow_style and node.value \
                and any(str(value_of(k, self.values)) in map(str, new) for k, _v in node.value):
            self.mapping(node, {str(k): v for k, v in new.items()})
        elif isinstance(node, yaml.SequenceNode) and isinstance(new, list) and not node.flow_style \
                and node.value and new:
            self.sequence(node, new)
        else:
            new = cleaned(new)
            start, text = node.start_mark.index, self.scalar(node, new, indent)
            if text.startswith(self.nl) and self.text[self.line_start(start):start].strip() == "-":
                text = text[len(self.nl):].lstrip(" ")  # a list item: its first line stays on the dash line
            elif text.startswith(self.nl):  # a block now (a text that gained a translation): no space after `key:`
                while start > 0 and self.text[start - 1] in " \t":
                    start -= 1
            end = self.content_end(node)
            if text.split(self.nl, 1)[0].endswith("+"):  # a `|+` text replaces the old one's line breaks too
                end = node.end_mark.index
            self.edits.append((start, end, text))

    def mapping(self, node: yaml.MappingNode, new: dict[str, Any]) -> None:
        col = node.value[0][0].start_mark.column
        keys = [str(value_of(k, self.values)) for k, _v in node.value]
        kept = [i for i, key in enumerate(keys) if key in new]
        first = node.value[0][0].start_mark.index
        if self.text[self.line_start(first):first].strip() == "-" and kept[0] > 0:
            # the first field shares its line with the list's "- ": the fields before the first one
            # kept go, and the kept one moves up onto the dash line
            self.edits.append((first, node.value[kept[0]][0].start_mark.index, ""))
        for i, (_k, v) in enumerate(node.value):
            if keys[i] in new:
                self.walk(v, new[keys[i]], col)
            elif i > kept[0] or self.text[self.line_start(first):first].strip() != "-":
                self.remove(node.value, i, col, lambda pair: pair[0], lambda pair: pair[1])
        self.insert_new(list(new), keys, node.value, col,
                        lambda key: {key: new[key]}, lambda pair: pair[0], lambda pair: pair[1], True)

    def sequence(self, node: yaml.SequenceNode, new: list[Any]) -> None:
        items = node.value
        col = self.dash_column(items[0])
        old_ids = [_id(value_of(item, self.values)) for item in items]
        new_ids = [_id(value) for value in new]
        if None in old_ids or None in new_ids or len(set(new_ids)) < len(new_ids) \
                or len(set(old_ids)) < len(old_ids):
            old_ids = [str(i) for i in range(len(items))]  # matched by position
            new_ids = [str(i) for i in range(len(new))]
        kept_old = [i for i in old_ids if i in new_ids]
        if kept_old != [i for i in new_ids if i in old_ids]:  # reordered: the list is written afresh
            start = self.line_start(self.dash_index(items[0]))
            end = self.next_line(self.content_end(node))
            self.edits.append((start, end, self.block(new, col)))
            return
        by_id = dict(zip(new_ids, new, strict=True))
        for i, item in enumerate(items):
            if old_ids[i] in by_id:
                self.walk(item, by_id[old_ids[i]], col)
            else:
                self.remove(items, i, col, lambda it: it, lambda it: it)
        self.insert_new([str(i) for i in new_ids], [str(i) for i in old_ids], items, col,
                        lambda key: [by_id[key]], lambda it: it, lambda it: it, False)

    def dash_index(self, item: yaml.Node) -> int:
        i = item.start_mark.index - 1
        while i > 0 and self.text[i] in " \t\r\n":
            i -= 1
        return i if self.text[i] == "-" else item.start_mark.index

    def dash_column(self, item: yaml.Node) -> int:
        i = self.dash_index(item)
        return i - self.line_start(i)

    def span(self, entries: list[Any], i: int, col: int, first: Callable[[Any], yaml.Node],
             value: Callable[[Any], yaml.Node]) -> tuple[int, int]:
        """The lines of entry i: from its comments above to the next entry (or its own last line)."""
        start = self.entry_start(self.head(first(entries[i])), col)
        if i + 1 < len(entries):
            return start, self.entry_start(self.head(first(entries[i + 1])), col)
        return start, self.next_line(self.content_end(value(entries[i])))

    def head(self, node: yaml.Node) -> int:
        return self.dash_index(node) if self.text[self.dash_index(node)] == "-" and \
            self.dash_index(node) != node.start_mark.index else node.start_mark.index

    def remove(self, entries: list[Any], i: int, col: int, first: Callable[[Any], yaml.Node],
               value: Callable[[Any], yaml.Node]) -> None:
        start, end = self.span(entries, i, col, first, value)
        if i + 1 == len(entries) and i > 0:
            while self.blank_before(start):  # the blank line that separated it from the one above
                start = self.line_start(start - 1)
        self.edits.append((start, end, ""))

    def insert_new(self, new_keys: list[str], old_keys: list[str], entries: list[Any], col: int,
                   render: Callable[[str], Any], first: Callable[[Any], yaml.Node],
                   value: Callable[[Any], yaml.Node], is_map: bool) -> None:
        spaced = len(entries) > 1 and self.blank_before(self.span(entries, 1, col, first, value)[0])
        gap = self.nl if spaced else ""
        for n, key in enumerate(new_keys):
            if key in old_keys:
                continue
            before = [k for k in new_keys[:n] if k in old_keys]
            if before:
                i = old_keys.index(before[-1])
                at = self.next_line(self.content_end(value(entries[i])))
                self.edits.append((at, at, gap + self.block(render(key), col)))
            else:
                head = first(entries[0]).start_mark.index
                if is_map and self.text[self.line_start(head):head].strip() == "-":  # `- id:`: after the dash
                    kept = next(first(e).start_mark.index for e, k in zip(entries, old_keys, strict=True)
                                if k in new_keys)
                    self.edits.append((kept, kept, self.block(render(key), col).lstrip(" ") + " " * col))
                    continue
                at = self.span(entries, 0, col, first, value)[0]
                self.edits.append((at, at, self.block(render(key), col) + gap))

    def result(self) -> str:
        """The text with every edit applied; two insertions at one place keep the order they were
        found in (an objective added at the end of the list comes before a field added after it)."""
        merged: list[list[int]] = []  # deletions that touch (two items removed in a row) become one
        for start, end in sorted((s, e) for s, e, t in self.edits if not t and e > s):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        edits = [(s, e, "") for s, e in merged]
        for start, end, text in self.edits:
            if not text and end > start:
                continue
            inside = next((m for m in merged if m[0] < start < m[1] or m[0] < end < m[1]), None)
            if inside is not None and start == end:
                start = end = inside[0]  # an insertion inside removed lines goes where they were
            elif inside is not None:
                continue  # a change inside removed lines is removed with them
            edits.append((start, end, text))
        out = self.text
        order = sorted(range(len(edits)), key=lambda i: (edits[i][0], edits[i][1], i), reverse=True)
        for start, end, text in (edits[i] for i in order):
            out = out[:start] + text + out[end:]
        return out


def _id(value: Any) -> str | None:
    return str(value["id"]) if isinstance(value, dict) and isinstance(value.get("id"), str) else None


def patch(text: str, new: dict[str, Any], lang: str) -> str | None:
    """`text` edited so that it holds `new`, or None when the file is not a block mapping that can
    be edited in place (the caller then writes it afresh)."""
    try:
        # libyaml is ten times faster and gives the same positions, except past a BOM or a CR
        fast = getattr(yaml, "CSafeLoader", None) if "\r" not in text and "\ufeff" not in text else None
        root = yaml.compose(text, Loader=fast or yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode) or root.flow_style or not root.value:
        return None
    nl = "\r\n" if "\r\n" in text else "\n"
    missing = not text.endswith("\n")  # a last line without a line break: one is added while editing
    patcher = Patcher(text + nl if missing else text, lang)
    patcher.walk(root, new, 0)
    out = patcher.result()
    if missing and not any(start >= len(text) for start, _end, _text in patcher.edits):
        out = out[: -len(nl)]  # nothing was added at the end: the file ends as it did
    return out
