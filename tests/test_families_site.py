"""A site for families: the language selector keeps the reader on the same page whenever that page exists in the other
language: generated pages, and hand-written pages translated in docs/<lang>/ (a parent on the
Families page who picks Español lands on the Spanish Families page, not on the Spanish home page)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MakeRepo
from tests.sitecheck import build, soup


def _switch(site: Path, page: str) -> dict[str, str]:
    doc = soup(site, page)
    return {str(a.get("hreflang")): str(a.get("href")) for a in doc.select("a.md-select__link")}


def test_selector_keeps_translated_hand_written_pages(make_repo: MakeRepo) -> None:
    root = make_repo({
        "mkdocs.yml": "site_name: Test District\ntheme:\n  name: material\nplugins:\n  - search\n  - hcs\n",
        "docs/index.md": "# Home\n",
        "docs/families.md": "# Help for families\n",
        "docs/es/families.md": "# Ayuda para familias\n",
        "docs/staff/guide.md": "# Staff guide\n",
        "docs/es/staff/guide.md": "# Guía\n",
        "docs/only-english.md": "# Only in English\n",
    })
    result = build(root, "--strict")
    assert result.exit_code == 0, result.output
    site = root / "site"
    assert _switch(site, "families/index.html")["es"] == ".././es/families/"
    assert _switch(site, "es/families/index.html")["en"] == "../../families/"
    assert _switch(site, "staff/guide/index.html")["es"] == "../.././es/staff/guide/"
    # No Spanish twin: the Spanish home page, never a page that does not exist.
    assert _switch(site, "only-english/index.html")["es"] == ".././es/"
    assert _switch(site, "courses/math-7/index.html")["es"] == "../.././es/courses/math-7/"


def test_no_generator_credit_unless_the_district_asks(make_repo: MakeRepo) -> None:
    """A district's site does not advertise the tools it was built with (Material's footer credit)."""
    config = "site_name: Test District\ntheme:\n  name: material\nplugins:\n  - search\n  - hcs\n"
    root = make_repo({"mkdocs.yml": config, "docs/index.md": "# Home\n"})
    assert build(root, "--strict").exit_code == 0
    pages = list((root / "site").rglob("*.html"))
    assert len(pages) > 10
    assert not [p for p in pages if "Made with" in p.read_text(encoding="utf-8")]
    root = make_repo({"mkdocs.yml": config + "extra:\n  generator: true\n", "docs/index.md": "# Home\n"})
    assert build(root, "--strict").exit_code == 0
    assert "Made with" in (root / "site" / "index.html").read_text(encoding="utf-8")


def test_untranslated_titles_are_marked_where_they_are_seen(make_repo: MakeRepo) -> None:
    """On the Spanish site, a course or subject whose title has no Spanish yet says so in Spanish,
    visibly (not only with lang="en"): in the catalog, beside links to it, and under its page title."""
    config = "site_name: Test District\ntheme:\n  name: material\nplugins:\n  - search\n  - hcs\n"
    root = make_repo({"mkdocs.yml": config, "docs/index.md": "# Home\n"})
    assert build(root, "--strict").exit_code == 0
    site = root / "site"
    note = "(todavía sin traducir)"
    catalog = soup(site, "es/courses/index.html").select_one("ul.hcs-catalog li")
    assert catalog is not None
    link = catalog.select_one("a[lang=en]")
    assert link is not None and link.get_text() == "Grade 7 Mathematics"
    assert link.find_next_sibling("small", class_="hcs-not-translated").get_text() == note  # type: ignore[union-attr]
    for page in ("es/courses/math-7/index.html", "es/competencies/math/index.html"):
        doc = soup(site, page)
        assert doc.h1 is not None and doc.h1.get("lang") == "en"
        title_note = doc.select_one("h1 + p.hcs-title-note")
        assert title_note is not None and title_note.get_text() == note, page
    # The English site, and a translated title, carry no note.
    assert not soup(site, "courses/math-7/index.html").select(".hcs-title-note, .hcs-not-translated")
