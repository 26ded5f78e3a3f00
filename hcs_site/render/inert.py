"""HTML that a second Markdown parse leaves exactly as it is.

Generated pages are Markdown, and MkDocs parses them with whatever extensions the district enabled
(attr_list, md_in_html, abbr, admonition, toc, pymdownx.*, ...). Content is therefore turned into
HTML once (Markdown, then the nh3 allowlist), and that HTML is then made *inert*: every ASCII
punctuation character of every text node and attribute value is written as a character reference.

Why this and not backslash escapes or a context-aware escaper: every Markdown construct and every
extension we know of (emphasis, links, autolinks, attribute lists `{: }`, abbreviations `*[x]:`,
admonitions `!!!`, critic `{++ ++}`, snippets `--8<--`, keys `++`, caret, mark, tilde, emoji
`:x:`, magiclink URLs, arithmatex `$`, tables `|`, Jinja `{{ }}` of a macros plugin) is spelled
with ASCII punctuation, and a character reference is text to all of them: Python-Markdown stashes
`&#42;` as an entity and no extension decodes one. A browser decodes the references, so the text a
reader sees is unchanged. One rule for every context (paragraph, list item, table cell, heading,
link label, attribute, `markdown="1"` block) needs no knowledge of the context, nor of the
extensions, and cannot be half-applied.

The fragment also stays on one line (a newline is `&#10;`, which a browser reads as a newline,
also inside `<pre>`), so no line of a page ever starts with content: no content can open a block
construct (list, heading, fence, definition, admonition, snippet line). Control characters other
than tab and newline are dropped as spaces (`&#128;`-`&#159;` would decode as Windows-1252 letters).
Letters and digits are left alone, except a digit before a letter (smartsymbols' ordinals): what
remains reads the same to every extension (abbreviations apply only to definitions on the same
page, which content cannot write).
"""

from __future__ import annotations

import html
import re
import string
from functools import lru_cache
from html.parser import HTMLParser

from markupsafe import Markup

_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_TABLE: dict[int, str] = {ord(c): _NAMED.get(c, f"&#{ord(c)};") for c in string.punctuation}
_TABLE.update({ord("\n"): "&#10;", ord("\t"): "&#9;", ord("\r"): "&#13;",
               0x2028: "&#8232;", 0x2029: "&#8233;", 0xFEFF: "&#65279;"})
_TABLE.update({c: " " for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if c not in _TABLE})
_TABLE.update({c: "\ufffd" for c in (0xFFFE, 0xFFFF)})

CACHE_SIZE = 65536


_ORDINAL = re.compile(r"[0-9](?=[A-Za-z])")
"""A digit before a letter (`1st`): smartsymbols would make `1<sup>st</sup>` of it."""


@lru_cache(maxsize=CACHE_SIZE)
def text(value: str) -> str:
    """Plain text as inert HTML text, valid both as element content and as an attribute value.
    (Cached: IDs, labels and scale words repeat on thousands of pages.)"""
    out = value.translate(_TABLE)
    return _ORDINAL.sub(lambda m: f"&#{ord(m.group())};", out) if _ORDINAL.search(out) else out


_NAME = re.compile(r"[a-z][a-z0-9-]*\Z")
VOID = frozenset({"br", "hr", "img", "wbr", "col", "area", "source", "track", "input", "embed", "link", "meta"})


class _Inert(HTMLParser):
    """Sanitized HTML in, the same elements out with inert text and attribute values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not _NAME.match(tag):
            return
        kept = "".join(f' {k}="{text(v or "")}"' for k, v in attrs if _NAME.match(k))
        self.out.append(f"<{tag}{kept}>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)
        if tag not in VOID and _NAME.match(tag):
            self.out.append(f"</{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if _NAME.match(tag) and tag not in VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(text(data))


def reserialize(sanitized: str) -> str:
    """`fragment` through a real HTML parser: every element, attribute and text node."""
    parser = _Inert()
    parser.feed(sanitized)
    parser.close()
    return "".join(parser.out)


_BARE_TAG = re.compile(r"(</?[a-z][a-z0-9]*>)")
_OTHER_MARKUP = re.compile(r"<(?![a-z][a-z0-9]*>|/[a-z][a-z0-9]*>)")


@lru_cache(maxsize=CACHE_SIZE)
def fragment(sanitized: str) -> str:
    """Sanitized HTML (the output of nh3) as one inert line. Comments and declarations, which nh3
    already removed, are dropped.

    Most fragments are paragraphs and emphasis: tags without attributes. Those are split on
    their tags and each text piece is encoded, which gives what `reserialize` gives (tested) at a
    fraction of the cost; anything else (an attribute, a comment) goes through the parser."""
    if "<" not in sanitized and "&" not in sanitized:
        return text(sanitized)
    if _OTHER_MARKUP.search(sanitized) is None and ">" not in _BARE_TAG.sub("", sanitized):
        parts = _BARE_TAG.split(sanitized)
        return "".join(part if i % 2 else text(html.unescape(part)) for i, part in enumerate(parts))
    return reserialize(sanitized)


@lru_cache(maxsize=CACHE_SIZE)
def markup(value: str) -> Markup:
    """Plain text as inert HTML, marked as such for the templates."""
    return Markup(text(value))


_LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\Z")


def lang_code(code: str | None) -> str:
    """A language code fit for an attribute list (`{ lang=es-MX }`), where a character reference
    would be taken literally; "" for anything that is not one."""
    return code if code and _LANG.match(code) else ""


_YAML_TABLE: dict[int, str] = {ord('"'): '\\"', ord("\\"): "\\\\", ord("\t"): "\\t", ord("\n"): "\\n", ord("\r"): "\\r"}
_YAML_TABLE.update({c: f"\\x{c:02x}" for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if c not in _YAML_TABLE})
_YAML_TABLE.update({c: f"\\u{c:04x}" for c in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)})
_YAML_SPECIAL = re.compile("[" + re.escape("".join(map(chr, _YAML_TABLE))) + "\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def yaml_string(value: str) -> str:
    """Any string as a YAML double-quoted scalar on one line that reads back as the same string.

    Every character YAML or a line splitter could read as a line break or refuse (C0 and C1
    controls, DEL, U+2028/2029, BOM, non-characters) is written as an escape, so the front matter
    always parses and a page never loses a key such as `search: exclude`. A lone surrogate (which
    no UTF-8 file can hold) becomes U+FFFD."""
    if _YAML_SPECIAL.search(value) is None:
        return f'"{value}"'
    return '"' + _SURROGATE.sub("\ufffd", value).translate(_YAML_TABLE) + '"'
