"""What a template sees: the framework, the page's language, and safe ways to print content.

Templates produce Markdown, so every piece of content goes through one of these methods: `html`
(sanitized, language-marked), `plain` (escaped for Markdown) or `attr` (for HTML attributes and
front matter). Nothing a person wrote reaches a page unescaped.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from ..model.framework import Criterion, District, Framework
from ..model.text import Text
from . import glossary, links
from .sanitize import escape_markdown, inline_html, markdown_to_html, plain
from .student_text import page_url, url_between


@lru_cache(maxsize=65536)
def _relative_url(from_page: str, to_page: str, directory_urls: bool) -> str:
    here, there = page_url(from_page, directory_urls), page_url(to_page, directory_urls)
    return url_between(here, there) if there != here else ""


@dataclass
class PageContext:
    fw: Framework
    lang: str
    page: str
    """Language-neutral path of the page being written, e.g. `courses/math-7.md`."""
    words: dict[str, str]
    directory_urls: bool = True
    """MkDocs' use_directory_urls: needed to write final URLs into raw HTML."""

    @property
    def district(self) -> District:
        return self.fw.district

    @property
    def default_language(self) -> str:
        return self.fw.district.default_language

    def t(self, key: str, **values: Any) -> str:
        word = self.words.get(key, key)
        return word.format(**values) if values else word

    def fallback(self, text: Text) -> str | None:
        """The language `text` is shown in when this page's language is missing, else None."""
        value, used = text.get(self.lang)
        return used if value and used != self.lang else None

    def html(self, text: Text, note: bool = True) -> Markup:
        """Inline content (titles, statements, descriptors) as sanitized HTML, language-marked."""
        rendered = inline_html(text.text(self.lang))
        used = self.fallback(text)
        if used is None:
            return Markup(rendered)
        small = f' <small class="hcs-not-translated">({html.escape(self.t("not_translated"))})</small>'
        return Markup(f'<span lang="{html.escape(used)}">{rendered}</span>{small if note else ""}')

    def lang_attr(self, *texts: Text) -> str:
        """` lang=en` for an attr_list when a heading or link shows untranslated text."""
        for text in texts:
            used = self.fallback(text)
            if used:
                return f" lang={used}"
        return ""

    def heading(self, text: Text, anchor: str = "") -> str:
        """`Title { #anchor lang=en }`: a Markdown heading that says which language it is in."""
        attrs = (f"#{anchor}" if anchor else "") + self.lang_attr(text)
        return f"{self.plain(text)} {{ {attrs.strip()} }}" if attrs.strip() else self.plain(text)

    def term(self, key: str, label: str | None = None) -> str:
        """A link to the glossary entry of `key`, for the first use of a term on a page."""
        name, _definition = glossary.term(key, self.lang)
        return f"[{escape_markdown(label or name)}]({self.to(glossary.GLOSSARY, glossary.anchor(key))})"

    def block(self, text: Text) -> Markup:
        """Block content (descriptions, summaries) as sanitized HTML paragraphs."""
        value, used = text.get(self.lang)
        rendered = markdown_to_html(value)
        if used == self.lang or not value:
            return Markup(f'<div class="hcs-text">{rendered}</div>')
        note = html.escape(self.t("not_translated"))
        return Markup(
            f'<div class="hcs-text hcs-fallback" lang="{html.escape(used)}">{rendered}'
            f'<p><small class="hcs-not-translated" lang="{self.lang}">({note})</small></p></div>'
        )

    def plain(self, text: Text | str) -> str:
        """Content as literal Markdown text (headings, link labels)."""
        value = text if isinstance(text, str) else text.text(self.lang)
        return escape_markdown(plain(value))

    def attr(self, text: Text | str) -> str:
        value = text if isinstance(text, str) else text.text(self.lang)
        return html.escape(plain(value), quote=True)

    def yaml(self, text: Text | str) -> str:
        """A front-matter value (JSON is valid YAML and always safely quoted)."""
        value = text if isinstance(text, str) else text.text(self.lang)
        # Material prints the title unescaped into <title> and the header: escape it here.
        return json.dumps(html.escape(plain(value), quote=True), ensure_ascii=False)

    def link(self, item_id: str) -> str:
        target = links.item_target(self.fw, item_id)
        if target is None:
            return ""
        return links.relative(self.page, *target)

    def to(self, page: str, fragment: str = "") -> str:
        return links.relative(self.page, page, fragment)

    def ref(self, item_id: str) -> str:
        """A Markdown link to any ID, labelled like `label`, marked when untranslated."""
        item = self.fw.index.get(item_id)
        title = getattr(item, "title", None)
        attrs = self.lang_attr(title) if isinstance(title, Text) else ""
        return f"[{self.label(item_id)}]({self.link(item_id)})" + (f"{{ {attrs.strip()} }}" if attrs else "")

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
        label = html.escape(item_id)
        lang = ""
        if with_title and isinstance(title, Text) and title:
            label += " " + html.escape(plain(title.text(self.lang)))
            used = self.fallback(title)
            lang = f' lang="{used}"' if used else ""
        return Markup(f'<a href="{html.escape(self.href(item_id), quote=True)}"{lang}>{label}</a>')

    def title_a(self, item_id: str) -> Markup:
        """`<a href=...>Grade 7 Mathematics</a>`: a course or competency by its title alone."""
        item = self.fw.index.get(item_id)
        title = getattr(item, "title", None)
        text = plain(title.text(self.lang)) if isinstance(title, Text) else item_id
        used = self.fallback(title) if isinstance(title, Text) else None
        lang = f' lang="{used}"' if used else ""
        return Markup(f'<a href="{html.escape(self.href(item_id), quote=True)}"{lang}>{html.escape(text)}</a>')

    def label(self, item_id: str) -> str:
        """`MATH.RP Ratios and proportional reasoning` (indicators: the ID), escaped for Markdown."""
        item = self.fw.index.get(item_id)
        title = getattr(item, "title", None)
        if isinstance(title, Text) and title:
            return escape_markdown(item_id) + " " + self.plain(title)
        return escape_markdown(item_id)

    def scale_label(self, level: int) -> str:
        found = self.district.level(level)
        return found.label.text(self.lang) if found else str(level)

    def mastery_label(self) -> str:
        return self.scale_label(self.district.mastery_level)

    def rubric_table(self, criteria: list[Criterion], caption: str, region: str) -> Markup:
        """An accessible rubric: header cells with scope, a caption, mastery marked in words."""
        mastery = self.district.mastery_level
        head = [f'<th scope="col">{html.escape(self.t("criterion"))}</th>']
        cells_text = [crit.name for crit in criteria] + [d for c in criteria for d in c.levels.values()]
        if any(self.fallback(t) for t in cells_text):
            caption += f" ({self.t('not_translated_parts')})"
        for s in self.district.scale:
            label = self.html(s.label, note=False)
            mark = ""
            cls = ""
            if s.level == mastery:
                cls = ' class="hcs-mastery"'
                mark = f' <span class="hcs-mastery-mark">({html.escape(self.t("mastery"))})</span>'
            head.append(f'<th scope="col"{cls}>{label} <span class="hcs-level">{s.level}</span>{mark}</th>')
        rows = []
        for crit in criteria:
            cells = [f'<th scope="row">{self.html(crit.name, note=False)}</th>']
            for s in self.district.scale:
                cls = ' class="hcs-mastery"' if s.level == mastery else ""
                descriptor = crit.levels.get(s.level)
                cells.append(f"<td{cls}>{self.html(descriptor, note=False) if descriptor else ''}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        return Markup(
            f'<div class="hcs-scroll" role="region" tabindex="0" aria-label="{html.escape(region, quote=True)}">'
            f'<table class="hcs-rubric"><caption>{html.escape(caption)}</caption>'
            f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )

    def grades(self, grades: list[str | int]) -> str:
        shown = [self.t("kindergarten") if g == "K" else str(g) for g in grades]
        if len(shown) > 2 and all(isinstance(g, int) for g in grades):
            nums = [int(g) for g in grades]
            if nums == list(range(nums[0], nums[-1] + 1)):
                return f"{nums[0]}–{nums[-1]}"
        return ", ".join(shown)

    def credit(self, credit: float) -> str:
        if credit == 0:
            return self.t("credit_none")
        number = f"{credit:g}"
        return f"{number} {self.t('credits_unit' if credit == 1 else 'credits_units')}"
