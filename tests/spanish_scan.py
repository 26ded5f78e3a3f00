"""Find English UI words on pages of another language: the visible text and the attributes a
reader meets (labels, titles, alternative texts), outside anything marked `lang="en"`."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from hcs_site.render.i18n import STRINGS

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_READ_ATTRS = ("aria-label", "title", "alt", "placeholder", "data-label", "data-one", "data-none")


class _Reader(HTMLParser):
    """The text and read attributes of a page whose language (inherited from the nearest `lang`,
    `<html lang>` included) is not `skip_lang`, leaving out scripts and styles."""

    def __init__(self, skip_lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_lang = skip_lang
        self.stack: list[tuple[str, str, bool]] = []
        """(tag, language, hidden) of each open element."""
        self.text: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        lang = found.get("lang") or (self.stack[-1][1] if self.stack else "")
        hidden = (bool(self.stack) and self.stack[-1][2]) or tag in ("script", "style")
        if not hidden and lang.split("-")[0] != self.skip_lang:
            self.attrs += [found[k] for k in _READ_ATTRS if found.get(k)]
        if tag not in _VOID:
            self.stack.append((tag, lang, hidden))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.stack and not self.stack[-1][2] and self.stack[-1][1].split("-")[0] != self.skip_lang:
            self.text.append(data)


def ui_fragments(lang: str, source: str = "en") -> set[str]:
    """The pieces of every `source` UI word that `lang` writes differently, split at the values
    filled in (`{count}`) and without Markdown emphasis: what must never show on a `lang` page."""
    found: set[str] = set()
    for key, word in STRINGS[source].items():
        if STRINGS[lang].get(key) == word:
            continue
        for piece in re.split(r"\{[a-z_]+\}", word.replace("*", "")):
            piece = piece.strip(" .,:;()—-–\n")
            if len(piece) >= 4 and not piece.isdigit():
                found.add(piece)
    return found


def english_on_page(html: str, fragments: set[str], skip_lang: str = "en") -> list[str]:
    """`fragment: context` for each UI fragment found as whole words outside `skip_lang` parts."""
    reader = _Reader(skip_lang)
    reader.feed(html)
    text = " ".join(" ".join(reader.text).split())
    attrs = " | ".join(reader.attrs)
    hits = []
    for fragment in sorted(fragments):
        pattern = re.compile(r"(?<!\w)" + re.escape(fragment) + r"(?!\w)")
        for where in (text, attrs):
            if m := pattern.search(where):
                hits.append(f"{fragment!r}: …{where[max(0, m.start() - 50):m.end() + 50]}…")
    return hits


def scan(site: Path, pages: list[str], fragments: set[str]) -> dict[str, list[str]]:
    """Page -> hits, for the pages that have any."""
    found = {}
    for page in pages:
        hits = english_on_page((site / page).read_text(encoding="utf-8"), fragments)
        if hits:
            found[page] = hits
    return found
