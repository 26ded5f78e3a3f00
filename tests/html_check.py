"""A strict reading of HTML as written, for the validity of hcs-site's own markup.

No validator (the W3C's needs Java and a large jar no registry package of this project ships), so
this checks the mistakes a validator reports that matter here, from the source text rather than
from a browser's repaired tree: a `<p>` holding a block (`<p><p>`, `<p><div>`), an end tag with
nothing to close, an element left open, a duplicate `id`, an attribute HTML does not have
(`markdown="0"` left by Markdown), a missing doctype. Findings in the theme's own markup are
excluded by rule in the tests (`MATERIAL`), each with its reason.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
OPTIONAL_END = {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
                "colgroup", "caption", "rt", "rp"}
BLOCKS = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure",
          "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre",
          "section", "table", "ul", "menu", "dialog", "hgroup", "search"}
"""Elements whose start tag closes an open `<p>`: written inside one, the page does not nest as written."""
GLOBAL = {"accesskey", "autocapitalize", "autofocus", "class", "contenteditable", "dir", "draggable", "enterkeyhint",
          "hidden", "id", "inert", "inputmode", "is", "itemid", "itemprop", "itemref", "itemscope", "itemtype", "lang",
          "nonce", "popover", "role", "slot", "spellcheck", "style", "tabindex", "title", "translate"}
ELEMENT = {"abbr", "accept", "accept-charset", "action", "allow", "alt", "as", "async", "autocomplete", "charset",
           "checked", "cite", "cols", "colspan", "content", "controls", "coords", "crossorigin", "data", "datetime",
           "decoding", "default", "defer", "dirname", "disabled", "download", "enctype", "fetchpriority", "for",
           "form", "formaction", "headers", "height", "high", "href", "hreflang", "http-equiv", "integrity",
           "label", "list", "loading", "loop", "low", "max", "maxlength", "media", "method", "min", "minlength",
           "multiple", "muted", "name", "novalidate", "open", "optimum", "pattern", "ping", "placeholder",
           "playsinline", "poster", "preload", "readonly", "referrerpolicy", "rel", "required", "reversed", "rows",
           "rowspan", "sandbox", "scope", "selected", "shape", "size", "sizes", "span", "src", "srcdoc", "srclang",
           "srcset", "start", "step", "target", "type", "usemap", "value", "width", "wrap", "xmlns", "viewbox",
           "d", "fill", "stroke", "focusable", "version", "x", "y", "cx", "cy", "r", "points", "transform",
           "xmlns:xlink", "fill-rule", "clip-rule", "stroke-width", "stroke-linecap", "stroke-linejoin", "aria"}


@dataclass(frozen=True)
class Finding:
    line: int
    rule: str
    text: str

    def __str__(self) -> str:
        return f"{self.line}: {self.rule}: {self.text}"


def _known(name: str) -> bool:
    return name in GLOBAL or name in ELEMENT or name.startswith(("aria-", "data-", "on"))


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, int]] = []
        self.found: list[Finding] = []
        self.ids: Counter[str] = Counter()
        self.doctype = False
        self.foreign = 0  # inside <svg> or <math>: their own attribute names

    def add(self, rule: str, text: str) -> None:
        self.found.append(Finding(self.getpos()[0], rule, text))

    def handle_decl(self, decl: str) -> None:
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids[value] += 1
                if self.ids[value] == 2:
                    self.add("duplicate-id", f'id="{value}" is used twice')
            elif not self.foreign and not _known(name):
                self.add("unknown-attribute", f'<{tag} {name}="{value}">: HTML has no attribute {name}')
        if tag in BLOCKS and self.open and self.open[-1][0] == "p":
            self.add("block-in-p", f"<{tag}> inside <p> (opened on line {self.open[-1][1]})")
        if tag in ("svg", "math"):
            self.foreign += 1
        if tag not in VOID:
            self.open.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.open and self.open[-1][0] == tag:
            self.open.pop()  # <path/> in SVG
            if tag in ("svg", "math"):
                self.foreign -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.add("void-end", f"</{tag}>: a void element has no end tag")
            return
        names = [name for name, _ in self.open]
        if tag not in names:
            self.add("stray-end", f"</{tag}> closes nothing")
            return
        while self.open:
            name, line = self.open.pop()
            if name == tag:
                break
            if name not in OPTIONAL_END:
                self.add("unclosed", f"<{name}> (line {line}) is still open at </{tag}>")
        if tag in ("svg", "math"):
            self.foreign -= 1


def check(html: str) -> list[Finding]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    if not reader.doctype:
        reader.found.insert(0, Finding(1, "doctype", "no <!doctype html>"))
    for name, line in reader.open:
        if name not in OPTIONAL_END | {"html", "body", "head"}:
            reader.found.append(Finding(line, "unclosed", f"<{name}> is never closed"))
    return reader.found
