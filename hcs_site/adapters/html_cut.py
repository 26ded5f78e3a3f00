"""Cut whole elements out of a published HTML (or sitemap XML) file and leave every other byte alone.

Withdrawal edits pages published months ago: re-serialising them through a DOM would rewrite
entities and whitespace on every page it touches, and a regular expression cannot tell where an
element ends. The standard library's tokenizer gives each tag's position; the tree built from it
(void elements, implicitly closed elements) says where each element ends; the cuts are made in
the original text.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                  "track", "wbr"})


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str]
    start: int
    end: int = -1
    tag_end: int = -1
    """Where the start tag ends."""
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    text: str = ""
    """The text directly inside this element (not its children's)."""

    def ancestors(self) -> list[Node]:
        found, node = [], self.parent
        while node is not None:
            found.append(node)
            node = node.parent
        return found

    def descendants(self) -> list[Node]:
        found = []
        for child in self.children:
            found.append(child)
            found.extend(child.descendants())
        return found


class _TreeBuilder(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = text
        self.lines = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.lines.append(i + 1)
        self.root = Node("#document", {}, 0, len(text))
        self.stack = [self.root]
        self.nodes: list[Node] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.lines[line - 1] + col

    def _open(self, tag: str, attrs: list[tuple[str, str | None]]) -> Node:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        node = Node(tag, {k: v or "" for k, v in attrs}, start, start + len(raw), start + len(raw), self.stack[-1])
        self.stack[-1].children.append(node)
        self.nodes.append(node)
        return node

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = self._open(tag, attrs)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        close = self.source.find(">", start)
        end = len(self.source) if close < 0 else close + 1
        if not any(n.tag == tag for n in self.stack[1:]):
            return  # a stray end tag closes nothing
        while self.stack[-1].tag != tag:  # elements left open end where their parent ends
            self.stack.pop().end = start
        self.stack.pop().end = end

    def handle_data(self, data: str) -> None:
        self.stack[-1].text += data

    def finish(self) -> Node:
        self.close()
        while len(self.stack) > 1:
            self.stack.pop().end = len(self.source)
        return self.root


def parse(text: str) -> list[Node]:
    """Every element of `text`, in document order."""
    builder = _TreeBuilder(text)
    builder.feed(text)
    builder.finish()
    return builder.nodes


def _whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a cut to whole lines when the element stands on lines of its own (no blank leftovers)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end + 1
    if text[line_start:start].strip() or text[end:line_end].strip():
        return start, end
    return line_start, line_end


def _emptied(node: Node, gone: set[int]) -> bool:
    """A list whose every item goes, or an exemplar box whose every entry goes: left, they would
    show an empty box or a heading over nothing. Lists that were already empty are left alone."""
    if node.tag in ("ul", "ol"):
        items = [c for c in node.children if c.tag == "li"]
        return bool(items) and all(id(c) in gone for c in items) and not node.text.strip()
    if "hcs-exemplars" in node.attrs.get("class", "").split():
        items = [d for d in node.descendants() if d.tag == "li"]
        return bool(items) and all(id(d) in gone or any(id(a) in gone for a in d.ancestors()) for d in items)
    return False


def start_tag(node: Node, attrs: dict[str, str]) -> str:
    """A start tag written anew (only for an element whose attributes change)."""
    written = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
    return f"<{node.tag}{written}>"


def cut(text: str, doomed: Callable[[Node], bool],
        retag: Callable[[Node], dict[str, str] | None] | None = None) -> str:
    """`text` without every element `doomed` selects, nor the lists and boxes that leaves empty;
    `retag` gives new attributes for a kept element (None: unchanged)."""
    nodes = parse(text)
    gone = {id(n) for n in nodes if n.end >= 0 and doomed(n)}
    changed = {id(n): a for n in nodes if retag and id(n) not in gone and (a := retag(n)) is not None}
    if not gone and not changed:
        return text
    for node in reversed(nodes):  # inner lists first, so that an emptied outer box is seen too
        if id(node) not in gone and _emptied(node, gone):
            gone.add(id(node))
    spans: list[tuple[int, int, str]] = []
    for node in nodes:
        if spans and node.start < spans[-1][1]:
            continue  # inside the previous cut (a retagged element lies before its children)
        if id(node) in gone:
            spans.append((*_whole_lines(text, node.start, node.end), ""))
        elif id(node) in changed:
            spans.append((node.start, node.tag_end, start_tag(node, changed[id(node)])))
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text
