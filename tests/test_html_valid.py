"""The site's own markup is valid HTML, and its head tells search engines the truth: checked on
one page of each type of the sample site, in both languages (tests/html_check.py says what a
finding is; the theme's own findings are excluded below by rule, each with its reason)."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from tests.html_check import Finding, check
from tests.sitecheck import build

REPO = Path(__file__).parent.parent
SITE_URL = "https://henry-county-schools.github.io/competencies/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
PAGES = {
    "home": "index.html", "home (es)": "es/index.html", "families": "families/index.html",
    "families (es)": "es/families/index.html", "guide": "portfolio-guide/index.html",
    "catalog": "courses/index.html", "catalog (es)": "es/courses/index.html", "course": "courses/math-7/index.html",
    "course (es)": "es/courses/math-7/index.html", "areas": "competencies/index.html",
    "area": "competencies/math/index.html", "area (es)": "es/competencies/math/index.html",
    "assessment types": "assessment-types/index.html", "glossary": "glossary/index.html",
    "crosswalk": "crosswalk/index.html", "what changed": "what-changed/index.html",
    "portfolios": "portfolios/index.html", "school": "portfolios/luella-high/index.html",
    "portfolio": "portfolios/luella-high/p-6e1d58/index.html",
    "portfolio (Spanish text)": "portfolios/flippen-elementary/p-51c0a7/index.html",
    "mastery map": "portfolios/luella-high/p-6e1d58/mastery/index.html",
    "evidence": "portfolios/luella-high/p-6e1d58/yeast-temperature/index.html",
    "evidence (PDF)": "portfolios/stockbridge-high/p-94b2e0/creek-water/index.html",
    "404": "404.html", "404 (es)": "es/404.html",
}
MATERIAL = {
    "Safari's autocorrect on the theme's search box (not an HTML attribute; Material writes it)":
        lambda f: f.rule == "unknown-attribute" and f.text.startswith('<input autocorrect="off">'),
}
"""Findings in Material's own templates, which hcs-site does not write: excluded by rule."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("valid") / "site"
    result = build(REPO, "--strict", "--site-dir", str(out))
    assert result.exit_code == 0, result.output
    return out


def ours(findings: list[Finding]) -> list[str]:
    return [str(f) for f in findings if not any(rule(f) for rule in MATERIAL.values())]


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_our_markup_is_valid(site: Path, kind: str) -> None:
    html = (site / PAGES[kind]).read_text(encoding="utf-8")
    assert ours(check(html)) == []
    assert 'markdown="' not in html and "<p><p" not in html


def test_the_material_exclusions_still_match_something(site: Path) -> None:
    """An exclusion that matches nothing any more is removed, so it cannot hide a finding of ours."""
    html = (site / PAGES["course"]).read_text(encoding="utf-8")
    for reason, rule in MATERIAL.items():
        assert any(rule(f) for f in check(html)), reason


@pytest.mark.parametrize(("html", "rule"), [
    ("<p><p>Mathematics has 5 competencies.</p></p>", "block-in-p"),
    ('<p>x</p><div class="hcs-student-text" lang="en" markdown="0"><p>y</p></div>', "unknown-attribute"),
    ('<h2 id="goals">Goals</h2><span id="goals"></span>', "duplicate-id"),
    ("<div><span>x</div>", "unclosed"),
    ("<p>x</p></div>", "stray-end"),
    ("<p>x<ul><li>y</li></ul></p>", "block-in-p"),
])
def test_the_checker_finds_each_kind_of_mistake(html: str, rule: str) -> None:
    found = check("<!doctype html><html><body>" + html + "</body></html>")
    assert rule in {f.rule for f in found}, found


def sitemap_alternates(site: Path) -> dict[str, dict[str, str]]:
    """Each page's hreflang alternates, from both languages' sitemap.xml: {page URL: {lang: URL}}."""
    found: dict[str, dict[str, str]] = {}
    for sitemap in (site / "sitemap.xml", site / "es" / "sitemap.xml"):
        for url in ElementTree.parse(sitemap).getroot().findall("s:url", NS):
            found[url.findtext("s:loc", "", NS)] = {
                link.attrib["hreflang"]: link.attrib["href"] for link in url.findall("x:link[@rel='alternate']", NS)}
    return found


def served_file(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    path = url[len(SITE_URL):]
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def canonical(site: Path, page: str) -> str:
    link = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").select_one('link[rel="canonical"]')
    assert link is not None
    return str(link["href"])


@pytest.mark.parametrize("kind", ["home", "home (es)", "families", "families (es)", "catalog", "course",
                                  "course (es)", "area (es)", "glossary"])
def test_hreflang_names_the_same_page_in_every_language(site: Path, kind: str) -> None:
    page = PAGES[kind]
    links = sitemap_alternates(site)[canonical(site, page)]
    assert set(links) == {"en", "es", "x-default"}
    assert links["x-default"] == links["en"]
    english = page.removeprefix("es/")
    assert served_file(site, links["en"]) == site / english
    assert served_file(site, links["es"]) == site / ("es/" + english)


@pytest.mark.parametrize("kind", ["guide", "portfolio", "evidence"])
def test_no_hreflang_where_the_other_language_has_no_such_page(site: Path, kind: str) -> None:
    assert sitemap_alternates(site)[canonical(site, PAGES[kind])] == {}


def test_every_alternate_is_absolute_and_exists(site: Path) -> None:
    every = sitemap_alternates(site)
    assert sum(len(links) for links in every.values()) > 50
    missing = [f"{page} -> {url}" for page, links in every.items() for url in links.values()
               if not url.startswith(SITE_URL) or not served_file(site, url).is_file()]
    assert missing == []


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_no_hreflang_link_in_a_page(site: Path, kind: str) -> None:
    """Material's script fetches sitemap.xml below every <link rel="alternate"> of a page, taking it
    for a language's home: a same-page link there is a 404 in every reader's console."""
    doc = BeautifulSoup((site / PAGES[kind]).read_text(encoding="utf-8"), "html.parser")
    assert doc.select('link[rel="alternate"]') == []


def test_no_edition_selector_outside_mike(site: Path) -> None:
    """Material fetches ../versions.json for its edition selector: outside a mike deployment
    there is none, a 404 in every reader's console. Only `hcs-site publish` turns it on."""
    for page in ("index.html", "courses/math-7/index.html", "es/index.html", "404.html"):
        doc = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        config = json.loads(doc.select_one("script#__config").string or "{}")
        assert config["version"] is None, page
