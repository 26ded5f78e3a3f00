"""A student's pages in the build cache are keyed on the courses the student names, not on every
course file: a course no student names changes, and every student's pages are read back; a course
one student names changes, and that student's pages alone are rendered again; an area, the
district or a file under content/courses/ that is not a course still renders everyone again. The
site is always a clean build's."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from hcs_site.adapters.markdown_cache import context_key, course_files
from hcs_site.check.pipeline import check_repository
from tests.conftest import COURSE_MATH_7, TODAY, write_files
from tests.sitecheck import build
from tests.test_course_cache import sub
from tests.test_markdown_cache import rebuild_and_compare, students_from_cache

MATH_6 = "content/courses/math-6.yml"
MATH_8 = "content/courses/math-8.yml"
LEO = "portfolios/bethlehem-elementary/p-0002/{page}/index.html"


def course(number: int) -> str:
    return (COURSE_MATH_7.replace("MATH-7", f"MATH-{number}").replace("Grade 7", f"Grade {number}")
            .replace("grades: [7]", f"grades: [{number}]").replace('"27.02200"', f'"27.02{number}00"'))


def objective(number: int, title: str) -> str:
    return (f"  - id: MATH-8.{number}\n    title: {title}\n    statement: I can use {title.lower()}.\n"
            "    aligns: [MATH.RP.4]\n    dok: 2\n    assessment_types: [project]\n    rubric: MATH.RP\n")


MATH_8_TEXT = course(8) + objective(4, "Percents")


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCS_TODAY", "2026-10-15")


@pytest.fixture
def repo(two_students: Path) -> Path:
    """Maya and Leo both name MATH-7; Leo's learning path also names MATH-8 (four objectives);
    nobody names MATH-6."""
    write_files(two_students, {MATH_6: course(6), MATH_8: MATH_8_TEXT})
    sub(two_students, "portfolios/p-0002/portfolio.md", "  - {course: MATH-7, status: planned, year: 2026-27}\n",
        "  - {course: MATH-7, status: planned, year: 2026-27}\n  - {course: MATH-8, status: planned, year: 2027-28}\n")
    return two_students


Edit = Callable[[Path], object]
EDITS: dict[str, tuple[Edit, int, str | None]] = {
    # name: (the edit, students' pages read back of 2, words Leo's mastery map shows after it)
    "unnamed course's statement": (lambda r: sub(r, MATH_6, "I can compute unit rates.", "I can compute rates."),
                                   2, None),
    "unnamed course's title": (lambda r: sub(r, MATH_6, "title: Grade 6 Mathematics", "title: Sixth Grade"), 2, None),
    "unnamed course removed": (lambda r: write_files(r, {MATH_6: None}), 2, None),
    "course added": (lambda r: write_files(r, {"content/courses/math-5.yml": course(5)}), 2, None),
    "named course's statement": (lambda r: sub(r, MATH_8, "I can compute unit rates.", "I can compute rates."),
                                 1, None),
    "named course's title": (lambda r: sub(r, MATH_8, "title: Grade 8 Mathematics", "title: Eighth Grade"),
                             1, "Eighth Grade"),
    "named course's objective added": (lambda r: write_files(r, {MATH_8: MATH_8_TEXT + objective(5, "Discounts")}),
                                       1, "Discounts"),
    "named course's objective removed": (lambda r: write_files(r, {MATH_8: course(8)}), 1, "0 of 3"),
    "named course's assessment types": (lambda r: sub(r, MATH_8, "assessment_types: [written-test, presentation]",
                                                      "assessment_types: [written-test]"), 1, None),
    "everyone's course": (lambda r: sub(r, "content/courses/math-7.yml", "title: Grade 7 Mathematics",
                                        "title: Seventh Grade"), 0, "Seventh Grade"),
    "competency title": (lambda r: sub(r, "content/competencies/math.yml", "title: Ratios and proportional reasoning",
                                       "title: Ratios and proportions"), 0, None),
    "district": (lambda r: sub(r, "content/district.yml", "label: Meets,", "label: Meets it,"), 0, "Meets it"),
    "not a course under content/courses": (lambda r: write_files(r, {"content/courses/README.md": "Notes.\n"}),
                                           0, None),
}


@pytest.mark.parametrize("name", sorted(EDITS))
def test_a_students_pages_are_rendered_again_when_what_they_name_changes(repo: Path, tmp_path: Path,
                                                                        name: str) -> None:
    edit, hits, shown = EDITS[name]
    cache = tmp_path / "cache"
    first = build(repo, "-v", "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site"))
    assert students_from_cache(first.output) == (0, 2)
    edit(repo)
    assert rebuild_and_compare(repo, tmp_path, cache) == (hits, 2)
    if shown is not None:
        assert shown in (tmp_path / "site" / LEO.format(page="mastery")).read_text(encoding="utf-8")


def test_the_course_files_are_left_out_of_the_shared_key_only_while_every_one_was_read(repo: Path) -> None:
    """A course file read is keyed by its course (in the students' keys that name it); when one
    could not be read, it may hold any course, and every file under content/ counts again."""
    fw = check_repository(repo, today=TODAY).framework
    assert fw is not None
    unread = dataclasses.replace(fw, unread=frozenset({"course"}))
    assert course_files(fw) == {MATH_6, "content/courses/math-7.yml", MATH_8}
    assert course_files(unread) == frozenset()
    before = (context_key(repo, None, {}, True, fw), context_key(repo, None, {}, True, unread))
    sub(repo, MATH_6, "I can compute unit rates.", "I can compute rates.")
    assert context_key(repo, None, {}, True, fw) == before[0]
    assert context_key(repo, None, {}, True, unread) != before[1]
    assert before[0] != before[1]
