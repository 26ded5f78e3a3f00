"""Markdown to HTML that cannot carry script: a restricted renderer plus an allowlist sanitizer.

Used for every text field a person wrote (committee text and student text alike), so nothing in
the content repository can inject markup into a page the district publishes. The HTML made here is
then made inert to MkDocs' own Markdown parse by `inert` (through `context`), never handed back
to Markdown as it is.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3

from ..load.text_limits import literal_html, within_limits

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong", "b", "i",
    "code", "pre", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "a", "img", "del",
    "sup", "sub", "abbr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "scope"},
    "td": {"align"},
    "abbr": {"title"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "sane_lists", "fenced_code"]
"""No attr_list, no raw-HTML extensions, no snippets/includes: text cannot reach the file system."""


def _renderer() -> markdown.Markdown:
    md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")
    md.preprocessors.deregister("html_block")  # raw HTML blocks are escaped, not passed through
    md.inlinePatterns.deregister("html")
    return md


_MD = _renderer()

CACHE_SIZE = 65536
"""Texts remembered per function. A framework repeats the same short texts on thousands of pages
(scale labels in every rubric, competency titles, shared rubrics, assessment types): measured at 300
courses, 180,000 conversions of 16,000 distinct texts, a third of the build of the framework pages.
The conversions are pure functions of the text, so a cached result is byte-identical."""


def clean(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


_PROSE = re.compile(r"[^\W\d_](?:[^\W_]|[ ,.;:?!'’“”\"()/–—¿¡-])*(?<! )\Z")
"""One line of prose that Markdown and the sanitizer leave as it is: it starts with a letter (never
a list, heading, code block or rule) and holds only letters, digits, single-line spaces and
punctuation that no Markdown syntax, HTML tag or entity starts with (no underscore, asterisk,
bracket, backtick, backslash, `<`, `&` or `#`)."""


def prose_html(text: str) -> str | None:
    """What Markdown and the sanitizer make of plain prose (paragraphs of one `_PROSE` line each,
    separated by one blank line), without running them; None for anything else.

    Most text a person writes is plain sentences: at district scale, Markdown and the sanitizer on
    every title, statement and reflection are a large share of the build. Checked equal to the
    full path (`markdown_to_html`, and `StudentRenderer.block`, whose link policy has nothing to
    act on without links or images) on every text of a generated district and on 200,000
    generated strings."""
    paragraphs = text.rstrip("\n").split("\n\n")
    if all(_PROSE.match(p) for p in paragraphs):
        return "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return None


@lru_cache(maxsize=CACHE_SIZE)
def markdown_to_html(text: str) -> str:
    """Block Markdown -> sanitized HTML."""
    fast = prose_html(text)
    if fast is not None:
        return fast
    if not within_limits(text):  # validation refused it (text-too-complex): never format it
        return literal_html(text)
    _MD.reset()
    try:
        return clean(_MD.convert(text))
    except RecursionError:
        return literal_html(text)


_P = re.compile(r"^<p>(.*)</p>$", re.S)


@lru_cache(maxsize=CACHE_SIZE)
def inline_html(text: str) -> str:
    """Inline Markdown (a title, a statement) -> sanitized HTML without the wrapping paragraph."""
    out = markdown_to_html(text).strip()
    m = _P.match(out)
    return m.group(1) if m and "<p>" not in m.group(1) else out


@lru_cache(maxsize=CACHE_SIZE)
def plain(text: str) -> str:
    """Text with Markdown and HTML removed, for headings, attributes and search data."""
    stripped = nh3.clean(markdown_to_html(text), tags=set())
    return " ".join(html.unescape(stripped).split())
