"""Text stays text: every text field of every file holds an attack, and no page runs or links it.

The hostile repository (`hostile_corpus`) is built for real with the sample site's Markdown
extensions plus a dozen pymdownx ones, with a previous edition whose every field was hostile too,
so the "What changed" page shows hostile text on both sides of every change. Every built page is
then read with an HTML parser, as a browser would. The unit tests pin each kind of field to its
inert form, and check that front matter survives any string.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import nh3
import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from markdown import Markdown
from markupsafe import Markup

from hcs_site.render import inert
from hcs_site.render.context import block_text, front_matter_value, inline_text, plain_text
from hcs_site.render.sanitize import markdown_to_html
from hcs_site.render.templating import finalize
from tests.hostile_corpus import SECRET, payload, two_editions
from tests.sitecheck import build

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background")
BAD_SCHEME = re.compile(r"(javascript|vbscript|data):", re.I)
THEME_SCRIPT = re.compile(r"^(/hd/(es/)?|(\.\./)*)(assets/|search/)")
"""The only <script src> a page may have: Material's and hcs-site's own, from the site's assets."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Edition A (tagged), then edition B in the working tree: every field changed, both hostile."""
    root = two_editions(tmp_path_factory.mktemp("hostile-text") / "repo")
    result = build(root)
    assert result.exit_code == 0, result.output
    return root / "site"


def pages(site: Path) -> Iterator[tuple[str, str, BeautifulSoup]]:
    for path in sorted(site.rglob("*.html")):
        raw = path.read_text(encoding="utf-8")
        if path.relative_to(site).parts[0] == "api":  # CASE document lists: JSON, with no markup at all
            assert "<" not in raw and ">" not in raw, path
            continue
        yield path.relative_to(site).as_posix(), raw, BeautifulSoup(raw, "html.parser")


def _url(value: str) -> str:
    """What a browser takes the scheme from: no whitespace or control characters anywhere."""
    return "".join(ch for ch in value if ord(ch) > 0x20)


def test_every_page_with_content_was_built(site: Path) -> None:
    built = {p for p, _raw, _doc in pages(site)}
    for page in ("courses/math-7/index.html", "competencies/math/index.html", "courses/index.html",
                 "competencies/index.html", "assessment-types/index.html", "crosswalk/index.html",
                 "what-changed/index.html", "es/courses/math-7/index.html",
                 "portfolios/index.html", "portfolios/bethlehem-elementary/index.html",
                 "portfolios/bethlehem-elementary/p-0001/index.html",
                 "portfolios/bethlehem-elementary/p-0001/mastery/index.html",
                 "portfolios/bethlehem-elementary/p-0001/ratio-recipes/index.html"):
        assert page in built, page
    raw = (site / "what-changed" / "index.html").read_text(encoding="utf-8")
    changed = BeautifulSoup(raw, "html.parser").get_text()
    assert "A-obj2-statement" in changed and "B-obj2-statement" in changed  # both sides of a change
    assert "B-crit" in changed and "A-at-desc" in changed and "B-ind3" in changed


def test_no_handler_no_script_no_dangerous_url_on_any_page(site: Path) -> None:
    checked = 0
    for page, _raw, doc in pages(site):
        for el in doc.find_all(True):
            for attr, value in el.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not attr.lower().startswith("on"), (page, el.name, attr, text)
                if attr.lower() in URL_ATTRIBUTES:
                    assert not BAD_SCHEME.match(_url(text)), (page, el.name, attr, text)
                assert attr.lower() not in ("style", "autofocus", "formaction", "srcdoc"), (page, el.name, attr)
        for script in doc.find_all("script"):
            assert "__pwned" not in script.get_text() and "PWNED" not in script.get_text(), page
            src = script.get("src")
            assert src is None or THEME_SCRIPT.match(str(src)), (page, src)
        article = doc.find("article")
        assert isinstance(article, Tag), page
        for bad in ("script", "style", "iframe", "object", "embed", "svg", "math", "input", "textarea",
                    "ins", "del", "mark", "kbd", "sup", "sub", "details"):
            found = [el for el in article.find_all(bad) if not _ours(el)]
            assert not found, (page, bad, found[:1])
        checked += 1
    assert checked >= 20


def _ours(el: Tag) -> bool:
    """Material's inline icons (the edit button) and the search boxes of the catalog and the home page."""
    if el.name == "input":
        return el.get("id") in ("hcs-filter-text", "hcs-home-q")  # the catalog filter, the home search box
    return el.name == "svg" and el.find_parent(class_=re.compile(r"md-content__button|md-icon")) is not None


def test_no_markup_made_from_content_syntax(site: Path) -> None:
    for page, raw, doc in pages(site):
        assert SECRET not in raw and "root:x:0" not in raw, page  # no snippet was included
        assert "6150" not in raw and "5535" not in raw, page  # Jinja never ran on content ({{ 123*45 }})
        for a in doc.find_all("a", href=True):
            assert "evil.example" not in str(a["href"]), (page, a)  # no magic link made of text
        for img in doc.find_all("img"):
            assert "twemoji" not in " ".join(img.get("class") or []), page
        assert not doc.select(".arithmatex, .critic, .task-list-item, .keys, .emojione, .twemoji"), page
        for abbr in doc.find_all("abbr"):  # `*[HTML]: ...` in content defines no abbreviation
            assert abbr.get_text() != "HTML", page
        for box in doc.select(".admonition"):
            assert "admonition body" not in box.get_text(), page


def test_the_text_is_shown_as_written(site: Path) -> None:
    doc = BeautifulSoup((site / "competencies" / "math" / "index.html").read_text(encoding="utf-8"), "html.parser")
    text = " ".join(doc.get_text(" ").split())
    assert "*e*{: autofocus onfocus=\"window.__pwned=1;document.title='PWNED'\" }" in text
    assert "[j7](javascript:alert(7))" in text and "{% raw %}raw{% endraw %}" in text and "{!secret.txt!}" in text
    assert "{++ins++} {--del--}" in text and "==mark== ^^caret^^ ~~tilde~~ ++ctrl+alt+del++ :smile:" in text
    assert "&lt;b onclick=alert(1)&gt;entity&lt;/b&gt;" not in text and "<b onclick=alert(1)>entity</b>" in text
    assert '--8<-- "secret.txt"' in text  # the area summary is a block field: the line is text
    assert "*[HTML]: <script>" in text
    h2 = doc.find(id="math-rp")
    assert isinstance(h2, Tag) and h2.name == "h2" and "B-comp-title" in h2.get_text()


def test_portfolio_pages_keep_search_exclude(site: Path) -> None:
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "B-about" not in index and "B-reflection" not in index and "B-goal" not in index
    assert "B-course-title" in index  # the framework is searchable; the student is not


# Unit tests: one function per kind of field, and what each returns.

EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "abbr", "toc", "def_list", "footnotes",
              "pymdownx.magiclink", "pymdownx.tasklist", "pymdownx.critic", "pymdownx.keys", "pymdownx.caret",
              "pymdownx.mark", "pymdownx.tilde", "pymdownx.smartsymbols", "pymdownx.betterem"]

SAMPLES = [
    "\\*x\\*{: autofocus onfocus=alert(1) }", "\\[y\\]\\(javascript:alert(2)\\)", "*x*{: onclick=alert(1) }",
    "*x*{: onclick }", "[x](y){: onmouseover }", "*x*{ onfocus autofocus }", "# h {: #i onclick }",
    "`code` **b** _i_ [ok](https://example.org/a_b*c)", "a\n\n- list\n- items\n\n```\ncode\n\n<b>x</b>\n```",
    "{++a++} ==b== ^^c^^ ~~d~~ ++e++ :f: $g$ www.h.example", "1. one\n2. two\n\n> quote\n\n# heading",
    "line one  \nline two", "| a | b |\n|---|---|\n| 1 | 2 |", "&amp; &#106; &lt;", "tab\there",
]


@pytest.mark.parametrize("source", SAMPLES)
def test_a_second_markdown_parse_changes_nothing(source: str) -> None:
    """What the context emits is a fixed point of Markdown with every extension: parsed again, the
    same HTML comes out (the one difference is the <p> around a paragraph)."""
    md = Markdown(extensions=EXTENSIONS)
    for emitted in (inline_text(source), block_text(source), plain_text(source)):
        assert "\n" not in emitted
        md.reset()
        again = md.convert(f"<div>{emitted}</div>" if emitted.startswith("<") else emitted)
        again = again.removeprefix("<p>").removesuffix("</p>")
        expected = f"<div>{emitted}</div>" if emitted.startswith("<") else emitted
        assert again == expected, (source, emitted, again)
        md.reset()
        inline = md.convert(f"- x {emitted} y")  # inline in a list item: the inline patterns run on it
        assert inline == f"<ul>\n<li>x {emitted} y</li>\n</ul>", (source, inline)


@pytest.mark.parametrize("source", [*SAMPLES, payload("p"), payload("q", block=True), "<p>a &amp; b &nbsp;</p>"])
def test_the_fast_path_gives_what_the_parser_gives(source: str) -> None:
    for sanitized in (markdown_to_html(source), nh3.clean(source)):
        assert inert.fragment.__wrapped__(sanitized) == inert.reserialize(sanitized), sanitized


def test_every_ascii_punctuation_character_is_a_reference() -> None:
    punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    out = inert.text(punctuation + "\n\t\r\u2028\u2029\ufeff\x00\x1b\x85\x9f")
    assert re.fullmatch(r"(&(#\d+|amp|lt|gt|quot);| )+", out), out
    assert out.count(" ") == 4  # NUL, ESC, NEL, APC: dropped as spaces, never &#133; (which reads as …)
    assert inert.fragment('<p title="a{b}">x*y</p>\n<pre><code>1\n2</code></pre>') == \
        '<p title="a&#123;b&#125;">x&#42;y</p>&#10;<pre><code>1&#10;2</code></pre>'


def test_a_template_cannot_print_content_raw() -> None:
    assert finalize("*x*{: onclick=alert(1) }") == "&#42;x&#42;&#123;&#58; onclick&#61;alert&#40;1&#41; &#125;"
    assert finalize(Markup("<b>ok</b>")) == "<b>ok</b>" and finalize(7) == "7"


CONTROL = "".join(chr(c) for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]) + "\u2028\u2029\ufeff\ufffe\uffff"


@pytest.mark.parametrize("value", [
    CONTROL, "a\u2028search: {exclude: false}\nb", "\"quoted\" \\ back", "# not a comment", "x: y", "- item",
    "\ufeffbom", "emoji 😀 and \U0001F600", "\x85next line\u2029para", "{{ 7*7 }}", "'; --- \n---\nsearch: 1",
])
def test_front_matter_survives_any_string(value: str) -> None:
    line = front_matter_value(value)
    assert "\n" not in line and "\r" not in line
    doc = "---\ntitle: " + line + "\nsearch:\n  exclude: true\n---\n"
    data = yaml.safe_load(doc.split("---\n")[1])
    assert data["search"] == {"exclude": True}
    assert isinstance(data["title"], str) and not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", data["title"])
    assert yaml.safe_load("v: " + inert.yaml_string(value))["v"] == value  # any string reads back as written
