"""Every generated word in Spanish on the Spanish site, and a Spanish-speaking student's pages in
Spanish (issue 15, item 3): an English UI word is found wherever it reaches a page, outside what
is marked `lang="en"` (untranslated content)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EVIDENCE, PORTFOLIO
from tests.sitecheck import build, soup
from tests.spanish_scan import english_on_page, scan, ui_fragments

CONFIG = ("site_name: Test District\ntheme:\n  name: material\nplugins:\n  - search\n  - hcs\n"
          "markdown_extensions:\n  - toc:\n      permalink: true\n")
STUDENT = "portfolios/bethlehem-elementary/p-0001"
SCALE_ES = """\
scale:
  - {level: 1, label: {en: Emerging, es: En inicio}}
  - {level: 2, label: {en: Progressing, es: En progreso}}
  - {level: 3, label: {en: Meets, es: Cumple}, mastery: true}
  - {level: 4, label: {en: Exceeds, es: Supera}}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose student writes in Spanish, with a course for kindergarten and a
    checkpoint competency, built in English and Spanish."""
    from tests.conftest import BASE, COURSE_MATH_7, DISTRICT, write_files

    root = tmp_path_factory.mktemp("spanish") / "repo"
    district = DISTRICT.replace(DISTRICT[DISTRICT.index("scale:"):DISTRICT.index("mastery_rule")], SCALE_ES)
    write_files(root, BASE)
    write_files(root, {
        "mkdocs.yml": CONFIG,
        "docs/index.md": "# Home\n",
        "content/district.yml": district,
        # A translated title (a page's <title> cannot say which language it is in); the rest of the
        # course is untranslated, so its English must come marked.
        "content/courses/math-7.yml": COURSE_MATH_7.replace(
            "title: Grade 7 Mathematics", "title: {en: Grade 7 Mathematics, es: Matemáticas de 7.º grado}", 1),
        # The student writes in Spanish, as they said.
        "portfolios/p-0001/portfolio.md": PORTFOLIO.replace("language: en", "language: es").replace(
            "About me, in my own words.", "Sobre mí, con mis propias palabras."),
        "portfolios/p-0001/evidence/ratio-recipes.md": EVIDENCE.replace("level: 3", "level: 2").replace(
            "Reflection: what I did, what I learned, what I would do differently.", "Lo que aprendí."),
    })
    result = build(root, "--strict")
    assert result.exit_code == 0, result.output
    return root / "site"


def _spanish_pages(site: Path) -> list[str]:
    pages = sorted(p.relative_to(site).as_posix() for p in (site / "es").rglob("*.html"))
    pages += sorted(p.relative_to(site).as_posix() for p in (site / STUDENT).rglob("*.html"))
    return pages


def test_no_english_ui_word_on_spanish_pages(site: Path) -> None:
    pages = _spanish_pages(site)
    kinds = {"es/courses/math-7/index.html", "es/courses/index.html", "es/competencies/math/index.html",
             "es/glossary/index.html", "es/what-changed/index.html", "es/404.html",
             "es/assessment-types/index.html", f"{STUDENT}/index.html", f"{STUDENT}/mastery/index.html",
             f"{STUDENT}/ratio-recipes/index.html"}
    assert kinds <= set(pages)
    for page in pages:  # the scan reads what is in Spanish: every page's content must say it is
        doc = soup(site, page)
        assert doc.html is not None and (doc.html.get("lang") == "es" or doc.select_one("article div[lang=es]")), page
    assert scan(site, pages, ui_fragments("es")) == {}


def test_untranslated_headings_are_marked_in_the_table_of_contents(site: Path) -> None:
    """A Spanish page's table of contents repeats its headings: an English one says so there too,
    and the heading links say "Enlace permanente"."""
    doc = soup(site, "es/courses/math-7/index.html")
    entry = doc.select_one('nav.md-nav--secondary a[href="#math-7-1"] span')
    assert entry is not None and entry.get("lang") == "en" and "Proportional relationships" in entry.get_text()
    translated = doc.select_one('nav.md-nav--secondary a[href="#objectives"] span')
    assert translated is not None and translated.get("lang") is None
    assert {a["title"] for a in doc.select("a.headerlink")} == {"Enlace permanente"}
    assert {a["title"] for a in soup(site, "courses/math-7/index.html").select("a.headerlink")} == {"Permanent link"}


def test_the_scan_finds_an_english_word(site: Path) -> None:
    """The scan itself: an English word in a Spanish heading, label or aria-label is found, and the
    same word inside `lang="en"` is not."""
    fragments = ui_fragments("es")
    assert {"Not yet", "No teacher score yet", "Grades", "courses shown", "Mastery map"} <= fragments
    assert english_on_page('<h2>Mastery map</h2>', fragments)
    assert english_on_page('<div aria-label="Grades">x</div>', fragments)
    assert not english_on_page('<p lang="en">Mastery map <b>Not yet</b></p>', fragments)
    assert not english_on_page('<html lang="en"><h1>Mastery map</h1><div lang="es">Mapa</div></html>', fragments)
    assert english_on_page('<html lang="en"><div lang="es"><h1>Mastery map</h1></div></html>', fragments)
    page = (site / "es/courses/math-7/index.html").read_text(encoding="utf-8")
    assert english_on_page(page.replace("Objetivos de dominio", "Objectives for Mastery", 1), fragments)


def test_a_student_who_writes_in_spanish_gets_spanish_headings(site: Path) -> None:
    home = soup(site, f"{STUDENT}/index.html")
    article = home.select_one("article div[lang=es]")
    assert article is not None, "the content is marked as Spanish"
    headings = [h.get_text(strip=True).rstrip("¶") for h in article.select("h2")]
    assert headings == ["Sobre mí", "Mis metas", "Mi trayectoria de aprendizaje", "Mi evidencia"]
    cells = [td.get_text(" ", strip=True) for td in article.select("table td")][:1]
    assert cells == ["12 de octubre de 2026"]
    evidence = soup(site, f"{STUDENT}/ratio-recipes/index.html")
    facts = {dt.get_text(strip=True): dd.get_text(" ", strip=True)
             for dt, dd in zip(evidence.select("dl dt"), evidence.select("dl dd"), strict=True)}
    assert facts["Fecha"] == "12 de octubre de 2026"
    assert facts["Nivel"] == "2 En progreso"
    time = evidence.select_one("dl time")
    assert time is not None and time["datetime"] == "2026-10-12"
    mastery = soup(site, f"{STUDENT}/mastery/index.html").get_text(" ", strip=True)
    assert "Todavía no significa que un maestro calificó el trabajo, pero todavía no al nivel de dominio" in mastery
    # The school's and the framework's pages stay in the site's language.
    assert soup(site, "portfolios/index.html").h1.get_text(strip=True).startswith("Student portfolios")  # type: ignore[union-attr]


def _switch(site: Path, page: str) -> dict[str, str]:
    return {str(a.get("hreflang")): str(a.get("href")) for a in soup(site, page).select("a.md-select__link")}


@pytest.mark.parametrize("page", ["", "mastery/", "ratio-recipes/"])
def test_language_selector_stays_on_a_students_pages(site: Path, page: str) -> None:
    """A student's pages exist once, in the student's language: no choice leads to a home page."""
    links = _switch(site, f"{STUDENT}/{page}index.html")
    depth = "../" * (3 + page.count("/"))
    assert links == {"en": f"{depth}{STUDENT}/{page}", "es": f"{depth}{STUDENT}/{page}"}


def test_language_selector_keeps_every_generated_page_kind(site: Path) -> None:
    for page in ("what-changed/index.html", "glossary/index.html", "courses/index.html",
                 "competencies/math/index.html", "assessment-types/index.html"):
        folder = page.removesuffix("index.html")
        up = "../" * folder.count("/")
        assert _switch(site, page)["es"] == f"{up}./es/{folder}", page
        assert _switch(site, f"es/{page}")["en"] == f"{up}../{folder}", page
    # A 404 page leads to the other language's 404 page (its search, in that language).
    assert _switch(site, "404.html") == {"en": "/./404.html", "es": "/./es/404.html"}
    assert _switch(site, "es/404.html") == {"en": "/es/../404.html", "es": "/es/./404.html"}


def test_what_changed_and_standards_pages_in_spanish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The two page kinds a first edition without state standards does not have: a "What changed"
    page with one change (its count in the singular) and a state standards coverage page, with
    its retrieval date written out."""
    from click.testing import CliRunner

    from hcs_site.cli import main
    from tests.sitecheck import copy_repo
    from tests.test_diff import MINI, edit
    from tests.test_diff_site import set_previous

    monkeypatch.setenv("HCS_TODAY", "2026-09-01")
    root = copy_repo(MINI, tmp_path / "repo")
    copy_repo(MINI, root / "editions" / "2025-26")
    edit(root / "content" / "courses" / "alg-1.yml", "credit: 1.0", "credit: 0.5")
    set_previous(root, "editions/2025-26")
    package = Path(__file__).parent / "fixtures" / "case" / "opensalt" / "Utf8TestFramework.json"
    imported = CliRunner().invoke(main, ["import", "case", str(package), "--id", "utf8", "--root", str(root)])
    assert imported.exit_code == 0, imported.output
    result = build(root, "--strict")
    assert result.exit_code == 0, result.output
    site = root / "site"
    pages = ["es/what-changed/index.html", "es/standards/utf8/index.html"]
    assert scan(site, pages, ui_fragments("es")) == {}
    changed = soup(site, "es/what-changed/index.html").get_text(" ", strip=True)
    assert "1 cambio, que" in changed and "1 cambios" not in changed
    english = soup(site, "what-changed/index.html").get_text(" ", strip=True)
    assert "1 change, which" in english and "1 changes" not in english
    standards = soup(site, "es/standards/utf8/index.html")
    time = standards.select_one("article time")
    assert time is not None and time["datetime"] == "2026-09-01" and time.get_text() == "1 de septiembre de 2026"
