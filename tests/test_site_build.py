"""The framework site as a family sees it: built with `hcs-site build`, read from the HTML."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.sitecheck import broken_links, build, copy_repo, resolve, soup, tree_digest

MINI = Path(__file__).parent / "fixtures" / "mini"
SCALE = ["Emerging", "Progressing", "Meets", "Exceeds"]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_repo(MINI, tmp_path_factory.mktemp("mini") / "repo")
    result = build(root, "--strict")
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture(scope="module")
def site(repo: Path) -> Path:
    return repo / "site"


def _objective_section(doc: BeautifulSoup, anchor: str) -> list[Tag]:
    """The elements from an objective's heading up to the next heading."""
    heading = doc.find(id=anchor)
    assert heading is not None and heading.name == "h3"
    out = []
    for el in heading.find_next_siblings():
        if el.name in ("h2", "h3"):
            break
        out.append(el)
    return out


def test_course_page_lists_every_objective_with_types_and_rubric(site: Path) -> None:
    doc = soup(site, "courses/math-7/index.html")
    assert doc.h1 is not None and doc.h1.get_text(strip=True) == "Grade 7 Mathematics"
    expected = {
        "math-7-1": ("MATH-7.1", ["Written test", "Project", "Presentation"]),
        "math-7-2": ("MATH-7.2", ["Written test"]),
        "math-7-3": ("MATH-7.3", ["Presentation", "Project"]),
    }
    for anchor, (obj_id, types) in expected.items():
        section = _objective_section(doc, anchor)
        text = " ".join(el.get_text() for el in section)
        assert obj_id in doc.find(id=anchor).get_text()  # type: ignore[union-attr]
        links = [a.get_text(strip=True) for el in section for a in el.find_all("a")
                 if "assessment-types" in str(a.get("href"))]
        assert links == types
        if len(types) == 1:
            assert "(only)" in text and "This is the only way to show this objective." in text
        else:
            assert "(only)" not in text
        table = next(t for el in section for t in el.find_all("table"))
        headers = [th.get_text(" ", strip=True) for th in table.find("thead").find_all("th")]
        assert headers[0] == "Criterion"
        assert [h.split(" ")[0] for h in headers[1:]] == SCALE
        assert all(th.get("scope") == "col" for th in table.find("thead").find_all("th"))
        mastery = table.find("thead").find_all("th", class_="hcs-mastery")
        assert len(mastery) == 1 and mastery[0].get_text(" ", strip=True) == "Meets 3 (mastery)"
        assert table.caption is not None and obj_id in table.caption.get_text()
        region = table.parent
        # A named region, not a tab stop: a rubric never scrolls (it fits, or becomes cards).
        assert region.get("role") == "region" and region.get("tabindex") is None and region.get("aria-label")
        for row in table.find("tbody").find_all("tr"):
            assert row.th is not None and row.th.get("scope") == "row"
            # Every cell names its level too, for the phone layout where the header row is hidden.
            levels = [td.find(class_="hcs-cell-level").get_text(" ", strip=True) for td in row.find_all("td")]
            assert [lv.split(" ")[0] for lv in levels] == SCALE and "Meets 3 (mastery)" in levels


def test_course_page_links_competencies_that_exist(site: Path) -> None:
    page = "courses/math-7/index.html"
    doc = soup(site, page)
    section = _objective_section(doc, "math-7-1")
    hrefs = [str(a["href"]) for el in section for a in el.find_all("a", href=True)
             if "competencies" in str(a["href"])]
    assert hrefs == ["../../competencies/math/#math-rp", "../../competencies/math/#math-rp-2"]
    for href in hrefs:
        found = resolve(site, page, href)
        assert found is not None
        path, fragment = found
        assert path.is_file()
        assert BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find(id=fragment)


def test_course_page_shows_pacing_credit_and_checkpoints(site: Path) -> None:
    doc = soup(site, "courses/math-7/index.html")
    text = doc.get_text(" ", strip=True)
    assert "A student earns this course when they show mastery — Meets (level 3)" in text
    assert "on every one of its 3 Objectives for Mastery" in text
    assert "Pacing: about 36 weeks." in text
    checkpoints = doc.find(id="checkpoints")
    assert checkpoints is not None
    items = checkpoints.find_next("ul").find_all("li")
    assert [li.a.get_text(strip=True) for li in items] == ["COLLAB Collaboration"]


def test_family_pages_have_no_edit_link(site: Path) -> None:
    # mini/mkdocs.yml has repo_url, edit_uri and content.action.edit: only staff guides keep the
    # pencil (test_csp.py); the pages hcs generates and the hand-written home page never show one.
    for page in ("courses/math-7/index.html", "competencies/math/index.html", "courses/index.html",
                 "glossary/index.html", "portfolios/index.html", "index.html", "mastery/index.html",
                 "contact/index.html"):
        if (site / page).is_file():
            doc = soup(site, page)
            assert doc.select("a[rel=edit], a.md-content__button") == [], page
    assert (site / "mastery/index.html").is_file() and (site / "contact/index.html").is_file()


def test_competency_page_lists_the_courses_that_build_it(site: Path) -> None:
    doc = soup(site, "competencies/math/index.html")
    heading = doc.find(id="math-rp-courses")
    assert heading is not None
    items = heading.find_next("ul").find_all("li")
    texts = [li.get_text(" ", strip=True) for li in items]
    assert texts == ["Grade 7 Mathematics : MATH-7.1 Proportional relationships ; "
                     "MATH-7.2 Equations"] or texts[0].startswith("Grade 7 Mathematics")
    links = [a["href"] for a in items[0].find_all("a")]
    assert links[0] == "../../courses/math-7/"
    assert "../../courses/math-7/#math-7-1" in links
    # Retired courses do not count as building a competency.
    assert "MATH-7-OLD" not in heading.find_next("ul").get_text()
    indicators = doc.find(id="math-rp-indicators")
    assert indicators is not None and doc.find(id="math-rp-2") is not None


def test_catalog_lists_active_courses_with_progressive_filters(site: Path) -> None:
    doc = soup(site, "courses/index.html")
    items = doc.select("ul.hcs-catalog > li")
    titles = [li.a.get_text(strip=True) for li in items]
    assert titles == ["Grade 7 Mathematics", "Algebra I"]
    assert "Grade 7 Mathematics (2020)" not in doc.get_text()
    form = doc.find("form", class_="hcs-filters")
    assert form is not None and form.has_attr("data-hcs-pending")  # invisible until JavaScript runs (hcs.css)
    assert {s["data-filter"] for s in form.find_all(["select", "input"])} == {"area", "band", "program", "text"}
    for control in form.find_all(["select", "input"]):
        assert form.find("label", attrs={"for": control["id"]}) is not None
    alg = items[1]
    assert alg["data-band"] == "middle high" and alg["data-area"] == "MATH"
    assert "Under review" in alg.get_text()


def test_status_banners_and_retired_replacement(site: Path) -> None:
    draft = soup(site, "courses/alg-1/index.html")
    banner = draft.find(class_="admonition")
    assert banner is not None and "Under review" in banner.get_text()
    assert "still drafting" in banner.get_text()
    vetting = soup(site, "competencies/xc/index.html").find(class_="admonition")
    assert vetting is not None and "reviewing this before the district adopts it" in vetting.get_text()
    retired = soup(site, "courses/math-7-old/index.html")
    note = retired.find(class_="admonition")
    assert note is not None and "This course is retired" in note.get_text()
    assert note.a is not None and note.a["href"] == "../math-7/"
    assert soup(site, "courses/math-7/index.html").find(class_="admonition") is None


def test_assessment_types_page_lists_objectives_per_type(site: Path) -> None:
    doc = soup(site, "assessment-types/index.html")
    written = doc.find(id="written-test")
    assert written is not None
    items = written.find_next("ul").find_all("li")
    text = " ".join(li.get_text() for li in items)
    assert "MATH-7.1" in text and "MATH-7.2 Equations (only)" in text and "ALG-1.1" in text
    assert "MATH-7-OLD" not in text


def test_crosswalk_has_a_readable_table_per_area(site: Path) -> None:
    doc = soup(site, "crosswalk/index.html")
    table = doc.find(id="math").find_next("table")
    headers = [th.get_text(strip=True) for th in table.thead.find_all("th")]
    assert headers == ["Course", "MATH.RP", "MATH.EE"]
    rows = {tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in table.tbody.find_all("tr")}
    assert rows["Grade 7 Mathematics"] == ["MATH-7.1", "MATH-7.2 , MATH-7.3"]
    assert rows["Algebra I"] == ["—", "ALG-1.1 , ALG-1.2 , ALG-1.3"]


def test_every_internal_link_resolves(site: Path) -> None:
    assert broken_links(site) == []


def test_nothing_is_written_into_docs(repo: Path) -> None:
    assert sorted(p.name for p in (repo / "docs").rglob("*")) == ["index.md"]


def test_navigation_has_sections_not_one_entry_per_course(site: Path) -> None:
    doc = soup(site, "index.html")
    nav = doc.find("nav", class_="md-nav--primary")
    links = [a.get_text(" ", strip=True) for a in nav.find_all("a")]
    assert "Course catalog" in links
    assert "Grade 7 Mathematics" not in links and "Algebra I" not in links


def test_two_builds_are_byte_identical(repo: Path, tmp_path: Path) -> None:
    other = copy_repo(repo, tmp_path / "again")
    result = build(other, "--strict")
    assert result.exit_code == 0, result.output
    assert tree_digest(other / "site") == tree_digest(repo / "site")


def test_broken_course_fails_and_keeps_the_previous_site(repo: Path, tmp_path: Path) -> None:
    root = copy_repo(repo, tmp_path / "broken")
    before = tree_digest(root / "site")
    course = root / "content" / "courses" / "math-7.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("aligns: [MATH.RP, MATH.RP.2]",
                                                                 "aligns: [MATH.RP, MATH.RP.22]"))
    result = build(root)
    assert result.exit_code == 1
    assert ("content/courses/math-7.yml:18:23: error unknown-ref objective MATH-7.1 refers to "
            "competency or performance indicator 'MATH.RP.22', which does not exist; "
            "did you mean MATH.RP.2?") in result.output
    assert "the previous site was left as it was" in result.output
    assert tree_digest(root / "site") == before
    assert not [p for p in root.iterdir() if p.name.startswith(".site.")]


def test_warnings_fail_only_under_strict(repo: Path, tmp_path: Path) -> None:
    root = copy_repo(repo, tmp_path / "warn")
    area = root / "content" / "competencies" / "math.yml"
    text = area.read_text(encoding="utf-8").replace(
        "      - {id: MATH.EE.4, statement: Model with equations., dok: 3}\n", "")
    area.write_text(text, encoding="utf-8")
    strict = build(root, "--strict")
    assert strict.exit_code == 1
    assert "warning indicator-count competency MATH.EE has 3 performance indicators" in strict.output
    lenient = build(root)
    assert lenient.exit_code == 1  # MATH-7.3 aligned to the removed indicator: an error either way
    assert "MATH.EE.4" in lenient.output


def test_plain_mkdocs_build_strict_works(repo: Path, tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    out = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "plain")],
        cwd=repo, capture_output=True, text=True, env=env, check=False,
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "plain" / "courses" / "math-7" / "index.html").is_file()


def test_plain_mkdocs_build_fails_with_the_same_diagnostic(repo: Path, tmp_path: Path) -> None:
    root = copy_repo(repo, tmp_path / "plain-broken")
    course = root / "content" / "courses" / "alg-1.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("status: draft", "status: drafted"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    out = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "x")],
                         cwd=root, capture_output=True, text=True, env=env, check=False)
    assert out.returncode == 1
    assert "content/courses/alg-1.yml:7:9: error invalid-value 'drafted' is not allowed for 'status'" in out.stderr


def test_committee_titles_cannot_inject_markup(repo: Path, tmp_path: Path) -> None:
    root = copy_repo(repo, tmp_path / "hostile")
    course = root / "content" / "courses" / "alg-1.yml"
    course.write_text(course.read_text(encoding="utf-8").replace(
        "title: Algebra I", 'title: "Algebra </title><script>alert(1)</script> I"'), encoding="utf-8")
    area = root / "content" / "competencies" / "xc.yml"
    area.write_text(area.read_text(encoding="utf-8").replace(
        "title: Cross-curricular competencies", 'title: "Cross <img src=x onerror=alert(2)>"'), encoding="utf-8")
    result = build(root, "--strict")
    assert result.exit_code == 0, result.output
    pages = list((root / "site").rglob("*.html"))
    assert pages
    for page in pages:
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert not [s for s in doc.find_all("script") if "alert" in s.get_text()], page
        assert not doc.find_all(attrs={"onerror": True}), page
    doc = soup(root / "site", "courses/alg-1/index.html")
    assert doc.title is not None and doc.title.get_text().startswith("Algebra </title><script>alert(1)</script> I")
