"""The sanitizer's allowlists and the prose fast path, one behaviour at a time.

Every text a person writes reaches a page through `sanitize` (Markdown, then the nh3 allowlist)
and `inert` (the HTML made text to a second Markdown parse). These tests pin what each allowlist
lets through and, above all, what it must not: every dangerous URL scheme, every event-handler and
style attribute, every element that can run or load something. The fast path for plain prose is
checked against the full renderer on generated text that mixes prose with markup.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hcs_site.render import sanitize
from hcs_site.render.sanitize import clean, inline_html, markdown_to_html, plain, prose_html
from hcs_site.render.student_text import StudentRenderer, Targets

REL = 'rel="noopener noreferrer nofollow"'

# --- tags ------------------------------------------------------------------------------------------

ALLOWED = {
    "p": "<p>x</p>", "br": "a<br>b", "hr": "a<hr>b", "h1": "<h1>x</h1>", "h2": "<h2>x</h2>",
    "h3": "<h3>x</h3>", "h4": "<h4>x</h4>", "h5": "<h5>x</h5>", "h6": "<h6>x</h6>",
    "ul": "<ul><li>x</li></ul>", "ol": "<ol><li>x</li></ol>", "li": "<ul><li>x</li></ul>",
    "em": "<em>x</em>", "strong": "<strong>x</strong>", "b": "<b>x</b>", "i": "<i>x</i>",
    "code": "<code>x</code>", "pre": "<pre>x</pre>", "blockquote": "<blockquote>x</blockquote>",
    "table": "<table><tbody><tr><td>x</td></tr></tbody></table>",
    "thead": "<table><thead><tr><th>x</th></tr></thead></table>",
    "tbody": "<table><tbody><tr><td>x</td></tr></tbody></table>",
    "tr": "<table><tbody><tr><td>x</td></tr></tbody></table>",
    "th": "<table><thead><tr><th>x</th></tr></thead></table>",
    "td": "<table><tbody><tr><td>x</td></tr></tbody></table>",
    "a": f'<a href="https://example.org/" {REL}>x</a>', "img": '<img src="https://example.org/a.png">',
    "del": "<del>x</del>", "sup": "<sup>x</sup>", "sub": "<sub>x</sub>", "abbr": "<abbr>x</abbr>",
}


@pytest.mark.parametrize("tag", sorted(ALLOWED))
def test_every_allowed_tag_survives_the_sanitizer(tag: str) -> None:
    assert clean(ALLOWED[tag]) == ALLOWED[tag]


def test_the_allowed_tags_are_exactly_the_ones_tested() -> None:
    assert set(ALLOWED) == sanitize.ALLOWED_TAGS


DANGEROUS_TAGS = [
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
    "form", "input", "button", "textarea", "select", "option", "link", "meta", "base", "template",
    "noscript", "video", "audio", "source", "track", "canvas", "dialog", "details", "marquee",
    "xmp", "noembed", "portal", "div", "span", "font", "center", "title", "head", "body", "html",
]


@pytest.mark.parametrize("tag", DANGEROUS_TAGS)
def test_a_tag_off_the_allowlist_never_reaches_the_page(tag: str) -> None:
    out = clean(f'<{tag} src="https://evil.example/x.js" href="https://evil.example/">alert(1)</{tag}>')
    assert f"<{tag}" not in out and "evil.example" not in out
    assert "<" not in out  # neither the element nor anything it wrapped as markup


def test_script_and_style_content_is_dropped_not_shown() -> None:
    assert clean("a<script>alert(1)</script>b<style>p{}</style>c") == "abc"


# --- attributes -------------------------------------------------------------------------------------

KEPT_ATTRIBUTES = [
    ('<a href="https://example.org/" title="t">x</a>', f'<a href="https://example.org/" title="t" {REL}>x</a>'),
    ('<img src="https://example.org/a.png" alt="a" title="t" width="3" height="4">',
     '<img src="https://example.org/a.png" alt="a" title="t" width="3" height="4">'),
    ('<table><thead><tr><th align="left" scope="col">h</th></tr></thead>'
     '<tbody><tr><td align="right">d</td></tr></tbody></table>',
     '<table><thead><tr><th align="left" scope="col">h</th></tr></thead>'
     '<tbody><tr><td align="right">d</td></tr></tbody></table>'),
    ('<abbr title="Hypertext">HT</abbr>', '<abbr title="Hypertext">HT</abbr>'),
    ('<ol start="3"><li>x</li></ol>', '<ol start="3"><li>x</li></ol>'),
]


@pytest.mark.parametrize(("given_html", "expected"), KEPT_ATTRIBUTES)
def test_every_allowed_attribute_survives(given_html: str, expected: str) -> None:
    assert clean(given_html) == expected


ATTRIBUTES = {
    "a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "scope"}, "td": {"align"}, "abbr": {"title"}, "ol": {"start"},
}
"""The allowlist as reviewed: a change to sanitize.ALLOWED_ATTRIBUTES must change this too."""


def test_the_allowed_attributes_are_exactly_the_ones_tested() -> None:
    assert ATTRIBUTES == sanitize.ALLOWED_ATTRIBUTES


DANGEROUS_ATTRIBUTES = [
    "onclick", "onerror", "onload", "onmouseover", "onfocus", "onanimationstart", "onpointerenter",
    "style", "class", "id", "srcset", "formaction", "action", "background", "poster", "xlink:href",
    "data-x", "target", "rel", "ping", "download", "script", "dir", "contenteditable",
    "autofocus", "tabindex", "hidden", "is", "slot", "name", "form", "href", "src", "align",
]
"""(nh3 keeps `lang` and `title` on every element: harmless text, not tested here.)"""


@pytest.mark.parametrize("attribute", DANGEROUS_ATTRIBUTES)
@pytest.mark.parametrize("tag", sorted(ALLOWED))
def test_no_tag_keeps_an_attribute_it_is_not_allowed(tag: str, attribute: str) -> None:
    if attribute in ATTRIBUTES.get(tag, set()):
        return
    inner = ALLOWED[tag]
    hostile = inner.replace(f"<{tag}", f'<{tag} {attribute}="alert(1)"', 1)
    out = clean(hostile)
    assert f'{attribute}="' not in out.replace(REL, "")
    assert "alert(1)" not in out


# --- URL schemes ------------------------------------------------------------------------------------

BAD_URLS = [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "jav&#x09;ascript:alert(1)", "&#106;avascript:alert(1)", "javascript&colon;alert(1)",
    "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>", "data:image/svg+xml;base64,PHN2Zz4=",
    "file:///etc/passwd", "blob:https://example.org/x", "filesystem:https://example.org/x",
    "ftp://example.org/x", "livescript:x", "mocha:x", "jar:x", "view-source:https://example.org/",
    "intent://x", "ms-its:x", "tel:123", "sms:123",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_link_or_image_with_a_scheme_off_the_allowlist_loses_its_url(url: str) -> None:
    out = clean(f'<a href="{url}">x</a><img src="{url}" alt="i">')
    assert out == f'<a {REL}>x</a><img alt="i">'


@pytest.mark.parametrize("url", ["https://example.org/a?b=c", "http://example.org/", "mailto:a@example.org",
                                 "/relative/page/", "../up/", "#anchor"])
def test_allowed_schemes_and_relative_urls_are_kept(url: str) -> None:
    out = clean(f'<a href="{url}">x</a>')
    assert out == f'<a href="{url.replace("&", "&amp;")}" {REL}>x</a>'


def test_the_url_schemes_are_exactly_the_ones_tested() -> None:
    assert {"http", "https", "mailto"} == sanitize.URL_SCHEMES


def test_comments_are_stripped_so_nothing_hides_in_the_source_of_a_page() -> None:
    assert clean("a<!-- secret: the student's address --><p>b</p>") == "a<p>b</p>"


# --- the Markdown renderer --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ("<div onclick=alert(1)>hi</div>", "<p>&lt;div onclick=alert(1)&gt;hi&lt;/div&gt;</p>"),
    ("<!-- hidden -->", "<p>&lt;!-- hidden --&gt;</p>"),
    ("I like <b onmouseover=alert(1)>maths</b>.", "<p>I like &lt;b onmouseover=alert(1)&gt;maths&lt;/b&gt;.</p>"),
    ("I like maths.\n\n<script>alert(1)</script>",
     "<p>I like maths.</p>\n<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
])
def test_raw_html_in_text_is_shown_as_text(text: str, expected: str) -> None:
    assert markdown_to_html(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("| a | b |\n|---|---|\n| 1 | 2 |",
     "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n"
     "</tr>\n</tbody>\n</table>"),
    ("1. a\n* b", "<ol>\n<li>a\n* b</li>\n</ol>"),  # sane_lists: a bullet does not continue a numbered list
    ("```\ncode <x>\n```", "<pre><code>code &lt;x&gt;\n</code></pre>"),
    ("[a link](javascript:alert(1)) and ![i](data:image/png;base64,AA)",
     f'<p><a {REL}>a link</a> and <img alt="i"></p>'),
    ("[a link](https://example.org/)", f'<p><a href="https://example.org/" {REL}>a link</a></p>'),
])
def test_the_markdown_extensions_a_person_may_use(text: str, expected: str) -> None:
    assert markdown_to_html(text) == expected


def test_text_past_the_limits_is_shown_literally() -> None:
    assert markdown_to_html("> " * 20 + "deep") == "<p>" + "&gt; " * 20 + "deep</p>"


def test_one_text_cannot_define_a_link_for_the_next() -> None:
    assert markdown_to_html("[ref]: https://evil.example/\n\nFirst text.") == "<p>First text.</p>"
    assert markdown_to_html("See [ref] here.") == "<p>See [ref] here.</p>"


def test_a_text_too_deep_for_markdown_is_shown_literally(monkeypatch: pytest.MonkeyPatch) -> None:
    def too_deep(text: str) -> str:
        raise RecursionError

    monkeypatch.setattr(sanitize._MD, "convert", too_deep)
    assert markdown_to_html.__wrapped__("a *b* <c>") == "<p>a *b* &lt;c&gt;</p>"


@pytest.mark.parametrize(("text", "expected"), [
    ("A *title*", "A <em>title</em>"),
    ("A title", "A title"),
    ("a\n\n* b", "<p>a</p>\n<ul>\n<li>b</li>\n</ul>"),  # not one paragraph: kept whole
    ("a\n\nb", "<p>a</p>\n<p>b</p>"),
    ("* b", "<ul>\n<li>b</li>\n</ul>"),
])
def test_inline_html_unwraps_only_a_single_paragraph(text: str, expected: str) -> None:
    assert inline_html(text) == expected


def test_plain_text_keeps_the_words_and_drops_the_markup() -> None:
    assert plain("**Hello**  _world_\n\nagain") == "Hello world again"


# --- the prose fast path ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("I like maths.", "<p>I like maths.</p>"),
    ("I like maths.\n", "<p>I like maths.</p>"),
    ("First, this.\n\nThen (that) – “quoted”?", "<p>First, this.</p>\n<p>Then (that) – “quoted”?</p>"),
])
def test_plain_prose_takes_the_fast_path(text: str, expected: str) -> None:
    assert prose_html(text) == expected


@pytest.mark.parametrize("text", [
    "I like maths.\n\n<script>alert(1)</script>", "<script>alert(1)</script>\n\nI like maths.",
    "1. a list", "# heading", "a *b*", "a <b>", "a &amp; b", "trailing space ", "a_b", "a\nb", "",
    "Ok.\n\n\n\nOk.", "Fine.\n\n- item",
])
def test_anything_but_plain_prose_takes_the_full_path(text: str) -> None:
    assert prose_html(text) is None


PROSE_WORDS = ["I", "like", "maths", "Ça", "va", "año", "x2", "Ünïcödé", "(yes)", "“q”", "a/b", "–", "¿Qué?",
               "it's", "end.", "so,", "well;", "2024"]
MARKUP = ["<script>alert(1)</script>", "*em*", "_u_", "`c`", "[l](javascript:x)", "# h", "1. n", "- b",
          "&amp;", "&#60;", "<!-- c -->", "\\", "> q", "    code", "---", "|a|b|", "<b onclick=x>", "  ",
          "a  ", " ", "\n", "\t", "!", "<", "~~~", "***"]

word = st.sampled_from(PROSE_WORDS)
prose_line = st.lists(word, min_size=1, max_size=6).map(" ".join)
markup_line = st.lists(st.one_of(word, st.sampled_from(MARKUP)), min_size=1, max_size=6).map(
    lambda parts: " ".join(parts))
generated_text = st.lists(st.one_of(prose_line, markup_line), min_size=1, max_size=4).map("\n\n".join)


@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(generated_text, st.sampled_from(["", "\n", "\n\n"]))
def test_the_prose_fast_path_gives_what_the_full_renderer_gives(text: str, tail: str) -> None:
    text += tail
    fast = prose_html(text)
    if fast is None:
        return
    sanitize._MD.reset()
    assert fast == clean(sanitize._MD.convert(text))
    assert fast == StudentRenderer().block(text, Targets(source="portfolios/ana/reflection.md"))
