"""What a template sees: the framework, the page's language, and one way to print each kind of field.

Templates produce Markdown that MkDocs parses again, with whatever extensions the district enabled.
So every piece of content is turned into HTML exactly once, here, and comes out *inert* (see
`inert`): one method per kind of field, each returning `Markup` that no further Markdown parse
changes.

- `html`: inline text (titles, statements, descriptors), sanitized and language-marked;
- `block`: block text (descriptions, summaries), sanitized, in one `<div class="hcs-text">`;
- `heading`: the plain text of a heading, with an explicit `{ #id }` anchor;
- `plain`: plain text for link labels and table cells; `attr`: the same, for attribute values;
- `yaml`: a front-matter value (any string, control characters included);
- student blocks are `portfolio_pages.PortfolioRenderer.student_html`.

Whatever else a template prints is encoded as text by the environment (`templating.finalize`):
forgetting a method shows the text literally, it never makes it live.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from ..model.framework import Criterion, District, Framework
from ..model.standards import WEB_ADDRESS, split_ref
from ..model.text import Text
from . import glossary, inert, links
from .plain_words import PlainWords
from .sanitize import inline_html, markdown_to_html, plain
from .student_text import page_url, url_between


@lru_cache(maxsize=inert.CACHE_SIZE)
def inline_text(value: str) -> Markup:
    """Inline Markdown as inert HTML."""
    return Markup(inert.fragment(inline_html(value)))


@lru_cache(maxsize=inert.CACHE_SIZE)
def block_text(value: str) -> Markup:
    """Block Markdown as inert HTML, on one line."""
    return Markup(inert.fragment(markdown_to_html(value)))


@lru_cache(maxsize=inert.CACHE_SIZE)
def plain_text(value: str) -> Markup:
    """Markdown (or inert HTML) as its plain text, made inert. (Returned as `Markup`, cached: never
    add a `str` to it with `+`, which would escape the `str`; use an f-string.)"""
    return Markup(inert.text(plain(value)))


_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def front_matter_value(value: str) -> str:
    """A front-matter value: the plain text, HTML-escaped (Material prints `title` raw into
    <title> and the header, and `description` raw into an attribute), quoted so that YAML always
    reads it back (see `inert.yaml_string`)."""
    text = " ".join(_CONTROLS.sub(" ", plain(value)).split())
    return inert.yaml_string(html.escape(text, quote=True))


def _html(value: str) -> str:
    """A fragment as it goes into raw HTML: inert already when it is Markup, else plain text."""
    return str(value) if isinstance(value, Markup) else inert.text(value)


_ANCHOR = re.compile(r"[A-Za-z0-9_-]+\Z")

_marked = lru_cache(maxsize=inert.CACHE_SIZE)(Markup)
"""`Markup(x)` for strings made of UI words and generated URLs, which repeat on every page."""


@lru_cache(maxsize=65536)
def _relative_url(from_page: str, to_page: str, directory_urls: bool) -> str:
    here, there = page_url(from_page, directory_urls), page_url(to_page, directory_urls)
    return url_between(here, there) if there != here else ""


@dataclass
class PageContext(PlainWords):
    fw: Framework
    lang: str
    page: str
    """Language-neutral path of the page being written, e.g. `courses/math-7.md`."""
    words: dict[str, str]
    directory_urls: bool = True
    """MkDocs' use_directory_urls: needed to write final URLs into raw HTML."""
    glossary_links: bool = True
    """False where this language's glossary is not in the page's tree (a portfolio written in a
    language other than the default one): terms are then printed, not linked."""
    linked: set[str] = field(default_factory=set)
    """Glossary terms this page has linked already: a term is linked on its first use only."""

    @property
    def district(self) -> District:
        return self.fw.district

    @property
    def default_language(self) -> str:
        return self.fw.district.default_language

    def word(self, key: str) -> str:
        """A UI word as written (trusted: shipped with hcs-site or set in mkdocs.yml)."""
        return self.words.get(key, key)

    def t(self, key: str, **values: Any) -> Markup:
        """A UI word, which may hold Markdown, with `values` filled in. A value that is not
        already inert (`Markup` from one of the methods below) is encoded as text."""
        word = self.words.get(key)
        if word is None:
            return inert.markup(key)  # an unknown key may be built from content (`status_<x>`)
        if not values:
            return _marked(word)
        return Markup(word.format(**{k: v if isinstance(v, Markup) else inert.text(str(v))
                                     for k, v in values.items()}))

    def fallback(self, text: Text) -> str | None:
        """The language `text` is shown in when this page's language is missing, else None."""
        value, used = text.get(self.lang)
        return used if value and used != self.lang else None

    def html(self, text: Text, note: bool = True) -> Markup:
        """Inline content (titles, statements, descriptors) as inert sanitized HTML, language-marked."""
        rendered = inline_text(text.text(self.lang))
        used = self.fallback(text)
        if used is None:
            return rendered
        return Markup(f'<span lang="{inert.text(used)}">{rendered}</span>{self.untranslated_note() if note else ""}')

    def lang_attr(self, *texts: Text) -> str:
        """` lang=en` for an attr_list when a heading or link shows untranslated text."""
        for text in texts:
            code = inert.lang_code(self.fallback(text))
            if code:
                return f" lang={code}"
        return ""

    def lang_code(self, code: str | None) -> Markup:
        """A language code as written in an attribute list (`{ lang=es }`), "" when it is not one."""
        return Markup(inert.lang_code(code))

    def heading(self, text: Text | str, anchor: str = "") -> Markup:
        """`Title { #anchor lang=en }`: inert plain text, an explicit anchor, its language."""
        attrs = (f"#{anchor}" if anchor and _ANCHOR.match(anchor) else "")
        attrs += self.lang_attr(text) if isinstance(text, Text) else ""
        title = self.plain(text)
        return Markup(f"{title} {{ {attrs.strip()} }}") if attrs.strip() else title

    def term(self, key: str, label: str | None = None, raw: bool = False) -> Markup:
        """`label` (else the term's name) linked to the glossary entry of `key` the first time the
        page uses the term, and as plain text after that. `raw` writes an HTML link, for raw HTML
        blocks that Markdown does not read. `label` is inert `Markup` or plain text."""
        shown = _html(label if label is not None else self.term_name(key))
        if key in self.linked or not self.glossary_links:
            return Markup(shown)
        self.linked.add(key)
        fragment = glossary.anchor(key)
        if raw:
            url = _relative_url(self.page, glossary.GLOSSARY, self.directory_urls) or "./"
            return Markup(f'<a href="{html.escape(url, quote=True)}#{fragment}" class="hcs-term">{shown}</a>')
        return Markup(f"[{shown}]({self.to(glossary.GLOSSARY, fragment)})")

    def term_name(self, key: str) -> str:
        """The name of a glossary entry in this page's language (scale levels: the district's)."""
        if key.startswith("level_"):
            return self.scale_label(int(key.removeprefix("level_")))
        return glossary.term(key, self.lang)[0]

    def level_term(self, level: int, raw: bool = False) -> Markup:
        """A scale level's name, linked to its glossary entry on first use."""
        return self.term(glossary.level_key(level), self.plain(self.scale_label(level)), raw)

    def block(self, text: Text) -> Markup:
        """Block content (descriptions, summaries) as inert sanitized HTML, on one line."""
        value, used = text.get(self.lang)
        rendered = block_text(value)
        if used == self.lang or not value:
            return Markup(f'<div class="hcs-text">{rendered}</div>')
        note = inert.text(self.word("not_translated"))
        return Markup(
            f'<div class="hcs-text hcs-fallback" lang="{inert.text(used)}">{rendered}'
            f'<p><small class="hcs-not-translated" lang="{inert.text(self.lang)}">({note})</small></p></div>'
        )

    def plain(self, text: Text | str) -> Markup:
        """Content as inert plain text (headings, link labels, table cells)."""
        value = text if isinstance(text, str) else text.text(self.lang)
        return plain_text(value)

    def attr(self, text: Text | str) -> Markup:
        """Content as an inert attribute value (also fine as element text)."""
        value = text if isinstance(text, str) else text.text(self.lang)
        return plain_text(value)

    def yaml(self, text: Text | str) -> Markup:
        """A front-matter value that YAML always reads back whole (see `front_matter_value`)."""
        value = text if isinstance(text, str) else text.text(self.lang)
        return Markup(front_matter_value(value))

    def link(self, item_id: str) -> Markup:
        target = links.item_target(self.fw, item_id)
        if target is None:
            return Markup("")
        return _marked(links.relative(self.page, *target))

    def to(self, page: str, fragment: str = "") -> Markup:
        """A relative .md link between generated pages (paths and anchors are made of IDs)."""
        return _marked(links.relative(self.page, page, fragment))

    def ref(self, item_id: str) -> Markup:
        """A Markdown link to any ID, labelled like `label`, marked when untranslated."""
        item = self.fw.index.get(item_id)
        title = getattr(item, "title", None) or getattr(item, "statement", None)
        attrs = self.lang_attr(title) if isinstance(title, Text) else ""
        return Markup(f"[{self.label(item_id)}]({self.link(item_id)})" + (f"{{ {attrs.strip()} }}" if attrs else ""))

    def title_ref(self, item_id: str, fragment: str | None = None) -> Markup:
        """A Markdown link to a course or competency by its title alone, marked when untranslated;
        `fragment` links to an anchor of this page instead."""
        item = self.fw.index.get(item_id)
        title = getattr(item, "title", None)
        if not isinstance(title, Text):
            return self.ref(item_id)
        attrs = self.lang_attr(title)
        target = f"#{fragment}" if fragment else self.link(item_id)
        return Markup(f"[{self.plain(title)}]({target})" + (f"{{ {attrs.strip()} }}" if attrs else ""))

    def href(self, item_id: str) -> str:
        """The final relative URL of any ID, for raw HTML (long lists and tables that Markdown
        would take seconds to parse at district scale)."""
        target = links.item_target(self.fw, item_id)
        if target is None:
            return ""
        page, fragment = target
        url = _relative_url(self.page, page, self.directory_urls)
        return f"{url}#{fragment}" if fragment else url or "./"

    def a(self, item_id: str, with_title: bool = True) -> Markup:
        """`<a href=...>MATH.RP Ratios ...</a>`: the HTML twin of a Markdown `ref`."""
        item = self.fw.index.get(item_id)
        title = getattr(item, "title", None)
        label = inert.text(item_id)
        lang = ""
        if with_title and isinstance(title, Text) and title:
            label = f"{label} {plain_text(title.text(self.lang))}"
            used = self.fallback(title)
            lang = f' lang="{inert.text(used)}"' if used else ""
        return Markup(f'<a href="{html.escape(self.href(item_id), quote=True)}"{lang}>{label}</a>')

    def title_a(self, item_id: str) -> Markup:
        """`<a href=...>Grade 7 Mathematics</a>`: a course or competency by its title alone."""
        item = self.fw.index.get(item_id)
        title = getattr(item, "title", None)
        text = plain_text(title.text(self.lang)) if isinstance(title, Text) else inert.text(item_id)
        used = self.fallback(title) if isinstance(title, Text) else None
        lang = f' lang="{inert.text(used)}"' if used else ""
        return Markup(f'<a href="{html.escape(self.href(item_id), quote=True)}"{lang}>{text}</a>'
                      + (self.untranslated_note() if used else ""))

    def untranslated_note(self) -> str:
        """` (not yet translated)` after a title shown in another language: seen, not only `lang`."""
        return f' <small class="hcs-not-translated">({inert.text(self.word("not_translated"))})</small>'

    def title_note(self, text: Text) -> Markup:
        """A line under a page title shown in another language, saying so in this page's language."""
        if not self.fallback(text):
            return Markup("")
        return Markup(f'<p class="hcs-title-note">{self.untranslated_note().strip()}</p>\n')

    def standard(self, ref: str) -> Markup:
        """A state standard (`gse-math:MGSE7.RP.1`): its code, linked to its CASE URI when that is a
        web address, then its statement as plain text (a state's text is never read as markup)."""
        set_id, code = split_ref(ref)
        found = self.fw.standards.get(set_id)
        std = found.find(code) if found else None
        if std is None:
            return inert.markup(ref)
        label = inert.text(std.label)
        if WEB_ADDRESS.fullmatch(std.uri):
            label = f'<a href="{inert.text(std.uri)}" class="hcs-standard">{label}</a>'
        return Markup(f"{label} {plain_text(std.statement)}")

    def label(self, item_id: str) -> Markup:
        """`MATH.RP Ratios and proportional reasoning`, inert: a code never comes without its
        words (an indicator, which has no title, comes with its statement)."""
        item = self.fw.index.get(item_id)
        title = getattr(item, "title", None)
        if not isinstance(title, Text) and isinstance(statement := getattr(item, "statement", None), Text):
            words = statement.text(self.lang).strip().removesuffix(".")  # a label, not a sentence
            return Markup(f"{inert.text(item_id)} {plain_text(words)}")
        if isinstance(title, Text) and title:
            return Markup(f"{inert.text(item_id)} {self.plain(title)}")  # never str + Markup: that escapes
        return inert.markup(item_id)

    def scale_label(self, level: int) -> str:
        """The label of a scale level as written (Markdown source: print it with `plain`)."""
        found = self.district.level(level)
        return found.label.text(self.lang) if found else str(level)

    def mastery_label(self) -> Markup:
        return self.plain(self.scale_label(self.district.mastery_level))

    def rubric_table(self, criteria: list[Criterion], caption: str, region: str) -> Markup:
        """An accessible rubric: header cells with scope, a caption, mastery marked in words.
        `caption` and `region` are inert `Markup` or plain text.

        Each cell also carries its level's name (`hcs-cell-level`), hidden while the rubric is a
        table: on a phone the stylesheet turns every criterion into a card of stacked levels, where
        the column headers are out of sight (docs/accessibility.md, "Rubrics on every screen")."""
        mastery = self.district.mastery_level
        mastery_word = inert.text(self.word("mastery"))
        head = [f'<th scope="col">{inert.text(self.word("criterion"))}</th>']
        cells_text = [crit.name for crit in criteria] + [d for c in criteria for d in c.levels.values()]
        shown = _html(caption)
        if any(self.fallback(t) for t in cells_text):
            shown += f" ({inert.text(self.word('not_translated_parts'))})"
        names: dict[int, str] = {}
        for s in self.district.scale:
            label = self.html(s.label, note=False)
            mark = ""
            cls = ""
            names[s.level] = f"{label} <span class=\"hcs-level\">{s.level}</span>"
            if s.level == mastery:
                cls = ' class="hcs-mastery"'
                mark = f' <span class="hcs-mastery-mark">({mastery_word})</span>'
                names[s.level] += mark
            head.append(f'<th scope="col"{cls}>{label} <span class="hcs-level">{s.level}</span>{mark}</th>')
        rows = []
        for crit in criteria:
            cells = [f'<th scope="row">{self.html(crit.name, note=False)}</th>']
            for s in self.district.scale:
                classes = ["hcs-mastery"] if s.level == mastery else []
                descriptor = crit.levels.get(s.level)
                if not descriptor:
                    classes.append("hcs-empty")
                cls = f' class="{" ".join(classes)}"' if classes else ""
                text = self.html(descriptor, note=False) if descriptor else ""
                cells.append(f'<td{cls}><span class="hcs-cell-level">{names[s.level]}</span>{text}</td>')
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return Markup(
            f'<div class="hcs-rubric-box" role="region" aria-label="{_html(region)}">'
            f'<table class="hcs-rubric"><caption>{shown}</caption>'
            f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )

    def search_words(self, *texts: Text | str) -> Markup:
        """Words a catalog filter matches, as an inert attribute value: every language's version of
        each text, so a Spanish reader finds a course by its Spanish or its English name (hcs.js
        also ignores case and accents)."""
        words: list[str] = []
        for text in texts:
            values = [text] if isinstance(text, str) else [text.text(code) for code in text.languages]
            words += [str(plain_text(v)) for v in values if v]
        return Markup(" ".join(dict.fromkeys(words)).lower())

    def credit(self, credit: float) -> Markup:
        """`0.5 Carnegie units`: a number and UI words, nothing from a person."""
        if credit == 0:
            return Markup(self.word("credit_none"))
        number = f"{float(credit):g}"
        return Markup(f"{number} {self.word('credits_unit' if credit == 1 else 'credits_units')}")
