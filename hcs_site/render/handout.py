"""What a printed handout adds to a course page: header and footer, link notes, a booklet's cover
and contents, the print date in words.

Paper cannot follow a link, and a long address printed inline breaks the sentence it sits in: each
link to another page gets a short note number (`[3]`) and the notes list the addresses at the end,
written without `https://`, the part every reader's browser adds; a link within the page gets no
note. Every content text (district, course titles, addresses) goes through `inert.text`, as on the
site: the header and footer templates are HTML too.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import urljoin, urlsplit

from ..model.framework import Course, Framework
from . import inert

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "page": "Page {page} of {pages}",
        "printed": "Printed {date}",
        "edition": "{edition} edition",
        "notes_title": "Where the links lead",
        "notes_intro": "A number in brackets in the text stands for a link; its address is below.",
        "notes_site": "Addresses that start with / are on the district's website, {site}: type the two "
        "together in a browser.",
        "catalog": "Course catalog",
        "contents": "Contents",
    },
    "es": {
        "page": "Página {page} de {pages}",
        "printed": "Impreso el {date}",
        "edition": "Edición {edition}",
        "notes_title": "Adónde llevan los enlaces",
        "notes_intro": "Un número entre corchetes en el texto indica un enlace; su dirección está abajo.",
        "notes_site": "Las direcciones que empiezan con / están en el sitio web del distrito, {site}: "
        "escriba las dos juntas en un navegador.",
        "catalog": "Catálogo de cursos",
        "contents": "Contenido",
    },
}

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"),
}

ARTICLE = '<article class="md-content__inner md-typeset">'
"""Material's content column: the handout marks it and appends the link notes inside it."""
HANDOUT_CLASS = "hcs-handout"
_LINK = re.compile(r"<a\s[^>]*>", re.IGNORECASE)
_HREF = re.compile(r'\shref="([^"]*)"', re.IGNORECASE)
_CLASS = re.compile(r'\sclass="([^"]*)"', re.IGNORECASE)


class LayoutUnknown(Exception):
    """The built page does not have the content column a handout prints."""


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["en"])


def date_words(day: dt.date, lang: str) -> str:
    """A date as a family writes it: "November 27, 2026", "27 de noviembre de 2026"."""
    if lang == "es":
        return f"{day.day} de {MONTHS['es'][day.month - 1]} de {day.year}"
    return f"{MONTHS['en'][day.month - 1]} {day.day}, {day.year}"


def course_label(course: Course, lang: str) -> str:
    return f"{course.id} {course.title.text(lang)}".strip()


def course_order(fw: Framework) -> list[Course]:
    """The catalog's courses in its order (school level, first grade, ID), retired ones left out."""
    bands = ("elementary", "middle", "high")

    def key(c: Course) -> tuple[int, int, str]:
        first = min((0 if g == "K" else int(g)) for g in c.grades) if c.grades else 99
        band = c.grade_bands[0] if c.grade_bands else "high"
        return (bands.index(band) if band in bands else len(bands), first, c.id)

    return sorted((c for c in fw.courses if c.status != "retired"), key=key)


_BAR = ("font-family:sans-serif;font-size:8pt;color:#333;width:100%;margin:0 0.6in;display:flex;"
        "justify-content:space-between;gap:12pt")


def header_template(district: str, edition: str, subject: str, lang: str) -> str:
    """Chromium's page header: the district and the edition on the left, what is printed on the right."""
    left = f"{inert.text(district)} · {inert.text(words(lang)['edition'].format(edition=edition))}"
    return (f'<div style="{_BAR}"><span>{left}</span>'
            f'<span style="text-align:right">{inert.text(subject)}</span></div>')


def footer_template(printed: str, lang: str, numbered: bool = True) -> str:
    """The print date on the left, "Page x of y" on the right (Chromium fills in the numbers);
    a booklet's numbers run over every course, so `booklet` writes them in afterwards."""
    date = inert.text(words(lang)["printed"].format(date=printed))
    number = ""
    if numbered:
        number = inert.text(words(lang)["page"]).replace(
            "&#123;page&#125;", '<span class="pageNumber"></span>').replace(
            "&#123;pages&#125;", '<span class="totalPages"></span>')
    return f'<div style="{_BAR}"><span>{date}</span><span>{number}</span></div>'


def short_address(url: str, site: str) -> str:
    """An address as a reader types it: without `https://`, within the site without the site."""
    if site and url.startswith(site):
        return "/" + url[len(site):]
    for scheme in ("https://", "mailto:", "tel:"):
        if url.lower().startswith(scheme):
            return url[len(scheme):]
    return url


_ADDRESS_PART = re.compile(r"[^/?&#]*[/?&#]?")


def address_html(address: str) -> str:
    """An address that breaks over lines only after `/`, `?`, `&` or `#`: never at a hyphen, where
    a reader could not tell whether the hyphen belongs to the address."""
    parts = [p for p in _ADDRESS_PART.findall(address) if p]
    return "<wbr>".join(f'<span class="hcs-address">{inert.text(p)}</span>' for p in parts)


def _in_page(target: str, page_url: str) -> bool:
    a, b = urlsplit(target), urlsplit(page_url)
    return (a.scheme, a.netloc, a.path, a.query) == (b.scheme, b.netloc, b.path, b.query)


def with_link_notes(page_html: str, page_url: str, site: str, lang: str) -> str:
    """The built page with a note number after each link to elsewhere and the notes at its end.

    `page_url` is the page's address (absolute when the site has one), `site` the address of the
    edition's root ('' when the site has none): notes within the site leave it out."""
    start = page_html.find(ARTICLE)
    end = page_html.find("</article>", start)
    if start < 0 or end < 0:
        raise LayoutUnknown("the page has no content column (<article class=\"md-content__inner md-typeset\">)")
    article = page_html[start + len(ARTICLE):end]
    numbers: dict[str, int] = {}
    out: list[str] = []
    pos = 0
    for m in _LINK.finditer(article):
        href_m = _HREF.search(m.group())
        named = _CLASS.search(m.group())
        classes = named.group(1).split() if named else []
        if href_m is None or "headerlink" in classes:
            continue
        target = urljoin(page_url, html.unescape(href_m.group(1)).strip())
        if _in_page(target, page_url):
            continue
        close = article.find("</a>", m.end())
        if close < 0:
            continue
        number = numbers.setdefault(target, len(numbers) + 1)
        out.append(article[pos:close + len("</a>")])
        out.append(f'<sup class="hcs-note-ref">[{number}]</sup>')
        pos = close + len("</a>")
    out.append(article[pos:])
    body = "".join(out)
    if numbers:
        w = words(lang)
        intro = inert.text(w["notes_intro"])
        if site:
            before, _, after = w["notes_site"].partition("{site}")
            intro += (" " + inert.text(before) + address_html(short_address(site, "").rstrip("/"))
                      + inert.text(after))
        items = "".join(f'<li value="{n}">{address_html(short_address(url, site))}</li>'
                        for url, n in numbers.items())
        body += (f'<section class="hcs-link-notes"><h2>{inert.text(w["notes_title"])}</h2>'
                 f'<p>{intro}</p><ol>{items}</ol></section>')
    marked = f'<article class="md-content__inner md-typeset {HANDOUT_CLASS}">'
    return page_html[:start] + marked + body + page_html[end:]


def booklet_front(page_html: str, district: str, edition: str, printed: str, lang: str,
                  entries: list[tuple[str, int]]) -> str:
    """A built page whose content column is replaced by the booklet's cover and contents
    (entries: each course's label and first page)."""
    start = page_html.find(ARTICLE)
    end = page_html.find("</article>", start)
    if start < 0 or end < 0:
        raise LayoutUnknown("the page has no content column (<article class=\"md-content__inner md-typeset\">)")
    w = words(lang)
    rows = "".join(f'<li><span class="hcs-toc-title">{inert.text(label)}</span>'
                   f'<span class="hcs-toc-page">{page}</span></li>' for label, page in entries)
    front = (f'<section class="hcs-cover"><p class="hcs-cover-district">{inert.text(district)}</p>'
             f'<h1>{inert.text(w["catalog"])}</h1>'
             f'<p class="hcs-cover-edition">{inert.text(w["edition"].format(edition=edition))}</p>'
             f'<p class="hcs-cover-date">{inert.text(w["printed"].format(date=printed))}</p></section>'
             f'<section class="hcs-toc"><h2>{inert.text(w["contents"])}</h2><ol>{rows}</ol></section>')
    marked = f'<article class="md-content__inner md-typeset {HANDOUT_CLASS} hcs-booklet-front">'
    return page_html[:start] + marked + front + page_html[end:]
