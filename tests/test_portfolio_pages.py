"""Portfolio pages of the sample repository, built with `hcs-site build --strict` and read as HTML.

The sample content is copied, a unique secret is planted in every portfolio that must not be
published (no consent, publish: false, no guardian, expired), and the built site is searched
byte by byte for it: nothing from those folders may reach any file.
"""

from __future__ import annotations

import io
import json
import shutil
import uuid
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from PIL import Image, PngImagePlugin

from tests.sitecheck import broken_links, build, resolve, soup

REPO = Path(__file__).resolve().parent.parent
SECRET = "planted-secret-" + uuid.uuid4().hex.translate(str.maketrans("0123456789", "ghijklmnop"))
"""Unique per run; letters only, so it is not mistaken for a student number."""
HIDDEN_KEYS = ("p-e5f812", "p-47d9aa", "p-0ff001", "p-0ff002")
HIDDEN_NAMES = ("Rosa Q.", "Theo V.", "Quinn Z.", "Yara X.")


def _hidden(display: str, consent: str) -> str:
    return f"""---
display_name: {display}
school: ola-middle
grade: 7
consent:
{consent}
goals:
  - goal: A goal that says {SECRET}
    status: planned
---
About me: {SECRET}
"""


def _plant(root: Path) -> None:
    """Put SECRET everywhere a hidden portfolio holds text, and inside its artifact's bytes."""
    for key in ("p-e5f812", "p-47d9aa"):
        folder = root / "portfolios" / key
        for md in [folder / "portfolio.md", *sorted((folder / "evidence").glob("*.md"))]:
            text = md.read_text(encoding="utf-8")
            md.write_text(text.replace("HIDDEN-", f"{SECRET}-"), encoding="utf-8")
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SECRET)
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 120, 0)).save(out, "PNG", pnginfo=info)
    (root / "portfolios/p-e5f812/secret-drawing.png").write_bytes(out.getvalue())
    for key, display, consent in (
        ("p-0ff001", "Quinn Z.", "  publish: false\n  guardian: true"),
        ("p-0ff002", "Yara X.", "  publish: true\n  guardian: false"),
    ):
        (root / "portfolios" / key).mkdir()
        (root / "portfolios" / key / "portfolio.md").write_text(_hidden(display, consent), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("sample") / "repo"
    for name in ("content", "portfolios", "docs"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    _plant(root)
    result = build(root, "--strict")
    assert result.exit_code == 0, result.output
    return root / "site", result.output


@pytest.fixture(scope="module")
def site(built: tuple[Path, str]) -> Path:
    return built[0]


def test_secret_of_unpublished_portfolios_is_in_no_file(site: Path) -> None:
    files = [p for p in site.rglob("*") if p.is_file()]
    assert len(files) > 100
    assert (site / "search" / "search_index.json").is_file() and (site / "sitemap.xml").is_file()
    for path in files:
        data = path.read_bytes()
        assert SECRET.encode() not in data, path
        for key in HIDDEN_KEYS:
            assert key.encode() not in data, (key, path)
        for name in HIDDEN_NAMES:
            assert name.encode() not in data, (name, path)
    assert not [p for p in site.rglob("*") if any(key in p.as_posix() for key in HIDDEN_KEYS)]


def test_skipped_portfolios_are_one_summary_line(built: tuple[Path, str]) -> None:
    """build is quiet: a committee cannot act on each portfolio (validate -v lists them)."""
    _site, output = built
    assert ("4 portfolios not published: 1 consent expired, 2 no consent, 1 no guardian consent "
            "(-v lists them)") in output
    assert "portfolio-skipped" not in output
    assert "0 errors, 0 warnings, 4 info" in output


def test_portfolio_pages_stay_out_of_search_and_navigation(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"]
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("portfolios/")]
    text = json.dumps(index, ensure_ascii=False)
    assert "Mateo R." not in text and "Ratio recipes" not in text  # exemplars are excluded too
    page = "portfolios/ola-middle/p-c7e03b/index.html"
    nav = soup(site, page).find("nav", class_="md-nav--primary")
    assert isinstance(nav, Tag)
    targets = [found[0].relative_to(site).as_posix() for a in nav.find_all("a", href=True)
               if (found := resolve(site, page, str(a["href"])))]
    assert [t for t in targets if t.startswith("portfolios/")] == ["portfolios/index.html"]


def _rows(doc: BeautifulSoup, anchor: str) -> dict[str, list[str]]:
    """Objective ID -> [status, level, scores] from the mastery table under heading `anchor`."""
    heading = doc.find(id=anchor)
    assert isinstance(heading, Tag), anchor
    table = heading.find_next("table")
    assert isinstance(table, Tag)
    rows = {}
    for tr in table.find_all("tr")[1:]:
        cells = [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        rows[cells[0].split()[0]] = [c.split(": ", 1)[-1] for c in cells[1:]]
    return rows


def test_mastery_map_of_a_student_who_earned_a_course(site: Path) -> None:
    # Mateo R. (latest rule): MATH-3.1 scored 2 then 3; 3.2 scored 4; 3.3-3.5 scored 3 -> credit.
    # He writes in Spanish (`language: es`): his pages are in Spanish, dates written out.
    doc = soup(site, "portfolios/flippen-elementary/p-51c0a7/mastery/index.html")
    rows = _rows(doc, "math-3")
    assert rows["MATH-3.1"] == ["✔ Dominado", "3 Cumple", "2 · 2 de octubre de 2025 → 3 · 13 de noviembre de 2025"]
    assert rows["MATH-3.2"][:2] == ["✔ Dominado", "4 Supera"]
    assert all(r[0] == "✔ Dominado" for r in rows.values()) and len(rows) == 5
    status = doc.find(id="math-3").find_next("p")  # type: ignore[union-attr]
    assert "Curso aprobado" in status.get_text()
    sci = _rows(doc, "sci-4")
    assert sci["SCI-4.1"][:2] == ["✔ Dominado", "3 Cumple"]
    assert sci["SCI-4.2"][:2] == ["Todavía no", "2 En progreso"]
    assert sci["SCI-4.3"] == ["Sin calificación del maestro", "—", "—"]
    times = [t["datetime"] for t in doc.select(f"#{'math-3'} ~ div time")][:2]
    assert times == ["2025-10-02", "2025-11-13"]  # machines still read ISO dates


def test_mastery_map_ignores_self_scores_and_lists_checkpoints(site: Path) -> None:
    doc = soup(site, "portfolios/ola-middle/p-b61e04/mastery/index.html")
    rows = _rows(doc, "math-6")
    assert rows["MATH-6.1"][0] == "No teacher score yet"  # only a self-score of 4
    assert rows["MATH-6.3"][:2] == ["Not yet", "1 Emerging"]
    checkpoints = _rows(doc, "checkpoints")
    assert set(checkpoints) == {"COLLAB", "CRIT"}  # every universal competency, for every student
    assert checkpoints["COLLAB"][:2] == ["✔ Mastered", "3 Meets"]
    assert checkpoints["CRIT"][0] == "No teacher score yet"


def test_school_index_lists_display_names_sorted(site: Path) -> None:
    doc = soup(site, "portfolios/ola-middle/index.html")
    links = doc.select("article li a")
    assert [a.get_text(strip=True) for a in links] == ["Ana B.", "D'Andre L."]
    for a in links:
        found = resolve(site, "portfolios/ola-middle/index.html", str(a["href"]))
        assert found is not None and found[0].is_file()
    top = soup(site, "portfolios/index.html").get_text(" ", strip=True)
    assert "Ola Middle School : 2 portfolios" in top and "Flippen Elementary School : 1 portfolio" in top


def test_home_page_shows_goals_path_and_evidence(site: Path) -> None:
    doc = soup(site, "portfolios/ola-middle/p-c7e03b/index.html")
    text = doc.get_text(" ", strip=True)
    assert doc.find("h1").get_text(strip=True).rstrip("¶") == "D'Andre L."  # type: ignore[union-attr]
    for expected in ("Ola Middle School", "basketball, cooking, video editing", "In progress Finish Grade 7",
                     "2027-28 ALG-1 Algebra I Planned", "I edited a video for our science fair team."):
        assert expected in text
    about = doc.find("div", class_="hcs-student-text")
    assert isinstance(about, Tag) and about["lang"] == "en"
    evidence = [a.get_text(strip=True) for a in doc.select(".hcs-evidence-list td a[href$='/']")]
    assert evidence[0] == "Should school start later?"  # newest first
    # A student's page never links to its source (a pencil would point into the repository).
    assert doc.select("a[rel=edit], a.md-content__button") == []


def test_evidence_page_links_the_framework_and_shows_an_accessible_figure(site: Path) -> None:
    page = "portfolios/ola-middle/p-c7e03b/ratio-recipes/index.html"
    doc = soup(site, page)
    text = doc.get_text(" ", strip=True)
    assert "4 Exceeds" in text and "Scored by Teacher" in text and "counts toward mastery" in text
    objective = doc.find("a", string="MATH-7.1 Proportional relationships")
    assert isinstance(objective, Tag)
    assert resolve(site, page, str(objective["href"])) == (site / "courses/math-7/index.html", "math-7-1")
    figure = doc.find("figure", class_="hcs-artifact")
    assert isinstance(figure, Tag)
    img, caption = figure.find("img"), figure.find("figcaption")
    assert isinstance(img, Tag) and isinstance(caption, Tag)
    assert str(img["alt"]).startswith("Bar chart poster comparing the cost per serving")
    assert caption.get_text(strip=True) == img["alt"]
    found = resolve(site, page, str(img["src"]))
    assert found is not None
    with Image.open(found[0]) as published:
        assert published.format == "JPEG" and not published.getexif() and "exif" not in published.info
    self_scored = soup(site, "portfolios/ola-middle/p-b61e04/ratio-comic/index.html").get_text(" ", strip=True)
    assert "it does not count toward mastery" in self_scored


def test_exemplars_link_published_teacher_scored_mastery_only(site: Path) -> None:
    page = "courses/ela-k/index.html"
    doc = soup(site, page)
    blocks = doc.select(".hcs-exemplars")
    labels = [a.get_text(strip=True) for b in blocks for a in b.find_all("a")]
    assert labels == ["Letter sounds with my teacher, Amara K. (Meets)"]  # not the 2, not the self-score
    for page in ("courses/ela-k/index.html", "competencies/xc/index.html", "courses/math-3/index.html"):
        doc = soup(site, page)
        links = [a for b in doc.select(".hcs-exemplars") for a in b.find_all("a", href=True)]
        assert links, page
        for a in links:
            found = resolve(site, page, str(a["href"]))
            assert found is not None and found[0].is_file(), (page, a["href"])
    collab = soup(site, "competencies/xc/index.html").find(id="collab")
    assert isinstance(collab, Tag)
    block = collab.find_next("div", class_="hcs-exemplars")
    assert isinstance(block, Tag) and len(block.find_all("a")) <= 5
    assert "Rosa Q." not in soup(site, "courses/math-6/index.html").get_text()


def test_spanish_build_has_no_portfolio_pages_and_no_dead_links(site: Path) -> None:
    assert (site / "es" / "courses" / "ela-k" / "index.html").is_file()
    assert not (site / "es" / "portfolios").exists()
    assert not soup(site, "es/courses/ela-k/index.html").select(".hcs-exemplars")


def _inside(site: Path, problem: str) -> bool:
    page, rest = problem.split(": ", 1)
    found = resolve(site, page, rest.rsplit(" (", 1)[0])
    return found is not None and found[0].resolve().is_relative_to(site.resolve())


def test_every_internal_link_resolves(site: Path) -> None:
    # Links that leave this build (`../..` from the root: the versions root of mike) are not ours.
    assert [p for p in broken_links(site) if _inside(site, p)] == []
