"""Course pages in the build cache: read back while nothing they print changed, rendered again when
anything did (the course, another course it names, an area, the district, standards, exemplars, the
previous edition, templates, words), and the site is always a clean build's."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from hcs_site.adapters.cache_store import FORMAT, CacheStore
from hcs_site.adapters.markdown_cache import LAYER
from tests.conftest import COURSE_MATH_7, write_files
from tests.sitecheck import build, tree_digest

MKDOCS = """\
site_name: T
theme:
  name: material
plugins:
  - search
  - hcs:
      templates: hcs-templates
      strings:
        en: {summary: In short}
"""
MATH_6 = (COURSE_MATH_7.replace("MATH-7", "MATH-6").replace("Grade 7 Mathematics", "Grade 6 Mathematics")
          .replace("grades: [7]", "grades: [6]").replace("status: adopted", "status: retired"))
"""A retired course that MATH-7 replaces: its page names MATH-7 by its title."""
STANDARDS = (
    '{"format": "hcs-site/standards/v1", "id": "gse-math", "source": "x", "retrieved": "2026-09-01", '
    '"caseVersion": "1.1", "document": {}, "items": [{"identifier": "6f1d2c3a-0000-4000-8000-000000000001", '
    '"uri": "https://case.example.org/CFItems/6f1d2c3a-0000-4000-8000-000000000001", "code": "MGSE7.EE.4", '
    '"statement": "Solve equations."}]}')
MATH_7 = "content/courses/math-7.yml"
COURSES = ("courses/math-6/index.html", "courses/math-7/index.html",
           "es/courses/math-6/index.html", "es/courses/math-7/index.html")


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCS_TODAY", "2026-10-15")


@pytest.fixture
def repo(two_students: Path) -> Path:
    """Two students (both exemplars of MATH-7.1), MATH-7 replacing the retired MATH-6, a state
    standard, the plugin's templates folder and words."""
    write_files(two_students, {"mkdocs.yml": MKDOCS, "hcs-templates/.keep": "",
                               "content/courses/math-6.yml": MATH_6,
                               "content/standards/gse-math.json": STANDARDS})
    sub(two_students, MATH_7, "status: adopted\n", "status: adopted\nreplaces: MATH-6\n")
    sub(two_students, MATH_7, "    dok: 2\n", "    dok: 2\n    standards: [gse-math:MGSE7.EE.4]\n")
    return two_students


def sub(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def course_pages_from_cache(output: str) -> tuple[int, int]:
    """Course pages read back, of those rendered whole, over both languages' builds."""
    found = re.findall(r"hcs: ([0-9]+) of ([0-9]+) course pages from the build cache", output)
    assert len(found) == 2, output  # the default language's build and the "es" build
    return sum(int(h) for h, _ in found), sum(int(t) for _, t in found)


def rebuild_and_compare(root: Path, tmp_path: Path, cache: Path) -> tuple[int, int]:
    """A cached build into site/ against a build without the cache."""
    result = build(root, "-v", "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    assert build(root, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    site, clean = tree_digest(tmp_path / "site"), tree_digest(tmp_path / "clean")
    assert [k for k in site.keys() | clean.keys() if site.get(k) != clean.get(k)] == []
    return course_pages_from_cache(result.output)


def first_build(root: Path, tmp_path: Path, cache: Path) -> None:
    result = build(root, "-v", "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    assert course_pages_from_cache(result.output) == (0, 4)


def test_an_evidence_edit_reads_every_course_page_back(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first_build(repo, tmp_path, cache)
    sub(repo, "portfolios/p-0002/evidence/ratio-recipes.md", "what I would do differently.",
        "what I would do differently, next time.")
    assert rebuild_and_compare(repo, tmp_path, cache) == (4, 4)


def test_course_pages_are_read_from_the_cache(repo: Path, tmp_path: Path) -> None:
    """Every course entry altered (validly): the next build prints the altered words."""
    cache = tmp_path / "cache"
    first_build(repo, tmp_path, cache)
    store = CacheStore(cache)
    for path in (cache / f"v{FORMAT}" / LAYER).rglob("*"):
        entry = json.loads(store.get(LAYER, path.name) or b"") if path.is_file() else {"pages": [{"path": ""}]}
        if entry["pages"][0]["path"].startswith(("courses/", "es/courses/")):
            entry["pages"][0]["content"] += "\n\nRead from the cache.\n"
            store.put(LAYER, path.name, json.dumps(entry).encode("utf-8"))
    result = build(repo, "-v", "--cache-dir", str(cache), "--site-dir", str(tmp_path / "two"))
    assert course_pages_from_cache(result.output) == (4, 4)
    for page in COURSES:
        assert "Read from the cache." in (tmp_path / "two" / page).read_text(encoding="utf-8"), page


def _previous_edition(root: Path) -> None:
    """The previous edition, a folder, where MATH-7.2 said something else; it has this edition's
    name, so the flag on MATH-7.2 names it by the folder ("Changed since previous")."""
    shutil.copytree(root / "content", root / "previous" / "content")
    sub(root, "previous/" + MATH_7, "I can compute unit rates.", "I can compute a unit rate.")
    sub(root, "mkdocs.yml", "      templates:", "      previous_edition: previous\n      templates:")


def _rename_previous_edition(root: Path) -> None:
    """The same changes, the previous edition named otherwise: only the flags' words change."""
    (root / "previous").rename(root / "last-year")
    sub(root, "mkdocs.yml", "previous_edition: previous", "previous_edition: last-year")


def _course_template(root: Path) -> None:
    """A district's course page that prints another course's description (`ctx.fw`)."""
    text = (Path(__file__).resolve().parents[1] / "hcs_site/render/templates/course.md.j2").read_text("utf-8")
    write_files(root, {"hcs-templates/course.md.j2": text + "\n{{ ctx.plain(ctx.fw.course_index['MATH-6']"
                                                            ".description) }}\n"})


Edit = Callable[[Path], None]
NOTHING: Edit = lambda root: None  # noqa: E731
EDITS: dict[str, tuple[Edit, Edit, int]] = {
    # name: (before the first build, the edit, course pages read back of 4)
    "course file": (NOTHING, lambda r: sub(r, MATH_7, "I can compute unit rates.", "I can compute rates."), 2),
    "replacement's title": (NOTHING, lambda r: sub(r, MATH_7, "title: Grade 7 Mathematics",
                                                   "title: Seventh-grade Mathematics"), 0),
    "area": (NOTHING, lambda r: sub(r, "content/competencies/math.yml", "title: Ratios and proportional reasoning",
                                    "title: Ratios and proportions"), 0),
    "district file": (NOTHING, lambda r: sub(r, "content/district.yml", "label: Meets,", "label: Meets it,"), 0),
    "standard": (NOTHING, lambda r: sub(r, "content/standards/gse-math.json", "Solve equations.",
                                        "Solve linear equations."), 0),
    "exemplar": (NOTHING, lambda r: sub(r, "portfolios/p-0002/evidence/ratio-recipes.md", "title: Ratio recipes",
                                        "title: Recipes by ratio"), 2),  # the "es" site shows none
    "strings": (NOTHING, lambda r: sub(r, "mkdocs.yml", "summary: In short", "summary: Briefly"), 0),
    "template override": (lambda r: write_files(r, {"hcs-templates/_banner.md.j2": "Reviewed.\n"}),
                          lambda r: write_files(r, {"hcs-templates/_banner.md.j2": "Reviewed again.\n"}), 0),
    "template reading another course": (
        _course_template, lambda r: sub(r, "content/courses/math-6.yml", "What a family should know",
                                        "What a family must know"), 0),
    "previous edition's name": (_previous_edition, _rename_previous_edition, 0),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_what_a_course_page_shows_renders_it_again(repo: Path, tmp_path: Path, name: str) -> None:
    setup, edit, hits = EDITS[name]
    setup(repo)
    cache = tmp_path / "cache"
    first_build(repo, tmp_path, cache)
    before = {page: (tmp_path / "site" / page).read_bytes() for page in COURSES}
    edit(repo)
    assert rebuild_and_compare(repo, tmp_path, cache) == (hits, 4)
    assert any((tmp_path / "site" / page).read_bytes() != before[page] for page in COURSES), "the edit shows nowhere"


def overview_from_cache(output: str) -> int:
    """Of the two languages' builds, how many read their overview pages back."""
    return len(re.findall(r"hcs: [0-9]+ overview pages from the build cache", output))


OVERVIEW_EDITS: dict[str, Edit] = {
    "a course's title (the catalog, the crosswalk)": lambda r: sub(r, MATH_7, "title: Grade 7 Mathematics",
                                                                   "title: Seventh-grade Mathematics"),
    "a course's grades (the catalog's filters)": lambda r: sub(r, MATH_7, "grades: [7]", "grades: [7, 8]"),
    "an objective's assessment types (the assessment types page)": lambda r: sub(
        r, MATH_7, "assessment_types: [written-test, presentation]", "assessment_types: [written-test]"),
    "a new course": lambda r: write_files(r, {"content/courses/math-8.yml": COURSE_MATH_7.replace(
        "MATH-7", "MATH-8").replace("Grade 7", "Grade 8").replace("grades: [7]", "grades: [8]")}),
}


@pytest.mark.parametrize("name", sorted(OVERVIEW_EDITS))
def test_the_overview_pages_are_read_back_until_a_course_changes(repo: Path, tmp_path: Path, name: str) -> None:
    """The catalog, areas, crosswalk, assessment types, glossary and family pages: one entry per
    language, read back after an evidence edit, made again when any course changed."""
    cache = tmp_path / "cache"
    first_build(repo, tmp_path, cache)
    sub(repo, "portfolios/p-0002/evidence/ratio-recipes.md", "what I would do differently.",
        "what I would do differently, next time.")
    again = build(repo, "-v", "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site"))
    assert again.exit_code == 0 and overview_from_cache(again.output) == 2, again.output
    before = tree_digest(tmp_path / "site")
    OVERVIEW_EDITS[name](repo)
    result = build(repo, "-v", "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 0 and overview_from_cache(result.output) == 0, result.output
    assert build(repo, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    assert tree_digest(tmp_path / "site") == tree_digest(tmp_path / "clean") != before
