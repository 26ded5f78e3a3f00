"""The students' rules are given the framework as `student_view` keeps it: they say exactly what
they say given the whole framework, and what the view leaves out of a course changes no student's
entry in the build cache."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hcs_site.adapters.cache_store import CacheStore
from hcs_site.check import pipeline, rules_portfolio
from hcs_site.check.cache import FileCache
from hcs_site.check.pipeline import check_repository
from hcs_site.check.student_view import student_view, view_key
from hcs_site.diagnostics import Report
from hcs_site.load.discover import discover
from hcs_site.model.framework import Framework
from tests.conftest import COURSE_MATH_7, EVIDENCE, PORTFOLIO, MakeRepo
from tests.test_student_cache import EVIDENCE_FILE, MARK, checked, mark, read_back

COURSE_FILE = "content/courses/math-7.yml"
SCIENCE = COURSE_MATH_7.replace("id: MATH-7\ntitle: Grade 7 Mathematics",
                                "id: SCI-7\ntitle: {en: Life Science, es: Ciencias}") \
    .replace("MATH-7.", "SCI-7.").replace("title: Equations", "title: Cells")


def evidence(name: str, front: str) -> tuple[str, str]:
    day = f"2026-10-0{len(name) % 9 + 1}"
    return f"portfolios/p-0001/evidence/{name}.md", f"---\ntitle: {name}\ndate: {day}\n{front}---\nText.\n"


REFERENCES = dict([
    evidence("by-title", "course: Grade 7 Mathematics\nobjectives: [Unit rates]\nassessment_type: Written test\n"),
    evidence("capitals", "course: math-7\nobjectives: [math-7.3]\nassessment_type: PROJECT\nlevel: 3\n"
                         "scored_by: teacher\n"),
    evidence("spanish-title", "course: Ciencias\nobjectives: [Cells]\nassessment_type: Proyecto\n"),
    evidence("wrong-course", "course: SCI-7\nobjectives: [MATH-7.1]\nassessment_type: project\n"),
    evidence("not-allowed", "course: MATH-7\nobjectives: [MATH-7.2]\nassessment_type: presentation\n"),
    evidence("unknown", "course: MATH-8\nobjectives: [MATH-7.7, SCI-7.9]\nassessment_type: essay\nlevel: 9\n"),
    evidence("competencies", "course: MATH-7\nobjectives: [MATH-7.1]\ncompetencies: [Expressions and equations, "
                             "math.rp.2, MATH.XX]\nassessment_type: project\n"),
])
STUDENT = PORTFOLIO.replace("school: bethlehem-elementary", "school: Bethlehem Elementary School") \
    .replace("aligns: [MATH.RP]", "aligns: [Ratios and proportional reasoning, MATH.QQ]") \
    .replace("- {course: MATH-7, status: planned, year: 2026-27}",
             "- {course: Grade 7 Mathematics, status: planned, year: 2026-27}\n"
             "  - {course: Life Science, status: planned, year: 2027-28}\n  - {course: ART-1, status: planned}")


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCS_TODAY", "2026-10-15")


def judged(root: Path, whole: bool) -> tuple[list[str], str]:
    files = discover(root)
    report = Report()
    fw = pipeline.load_framework(root, files, report)
    assert fw is not None
    everyone, published = pipeline.load_portfolios(root, files, fw if whole else student_view(fw), report,
                                                   pipeline.build_date(None))
    return [str(d) for d in report.sorted()], repr(everyone) + repr(published)


def test_the_rules_say_the_same_given_the_view_as_given_the_whole_framework(make_repo: MakeRepo) -> None:
    root = make_repo({"content/courses/sci-7.yml": SCIENCE, "portfolios/p-0001/portfolio.md": STUDENT, **REFERENCES})
    said, models = judged(root, whole=True)
    for code in ("ref-normalised", "unknown-ref", "objective-not-in-course", "assessment-not-allowed",
                 "unknown-level"):
        assert code in "\n".join(said), code  # every rule that reads the framework had its say
    assert "course='SCI-7'" in models and "'MATH-7.2'" in models  # references rewritten to IDs
    assert judged(root, whole=False) == (said, models)


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


UNREAD = {
    "an objective's statement": ("I can compute unit rates.", "I can compute and compare unit rates."),
    "the course description": ("What a family should know about this course.", "Something else."),
    "a rubric's level": ("3: Models the relationship correctly.", "3: Models it."),
    "the pacing": ("suggested_weeks: 36", "suggested_weeks: 30"),
    "an objective's alignment": ("aligns: [MATH.RP.1]", "aligns: [MATH.RP.3]"),
    "the grades": ("grades: [7]", "grades: [7, 8]"),
}


@pytest.mark.parametrize("what", sorted(UNREAD))
def test_what_the_rules_never_read_of_a_course_judges_no_student_again(
        what: str, make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo()
    store = CacheStore.open(tmp_path / "cache")
    before = checked(root, store)
    assert mark(store) == 1
    course = root / COURSE_FILE
    course.write_text(replace(course.read_text(encoding="utf-8"), *UNREAD[what]), encoding="utf-8")
    cached, clean = check_repository(root, cache=FileCache(store, "v")), check_repository(root)
    said = [str(d) for d in cached.report.sorted()]
    assert any(MARK in line for line in said)  # the student's entry was read back...
    assert [line for line in said if MARK not in line] == [str(d) for d in clean.report.sorted()] == before[0]
    assert repr(cached.published) == repr(clean.published) == before[1]  # ...and says what the check says


READ = {
    "the course's title, by which evidence may name it": (
        "course: MATH-7", "course: Seventh Grade Mathematics",
        "title: Grade 7 Mathematics", "title: Seventh Grade Mathematics"),
    "an objective's title, by which evidence may name it": (
        "objectives: [MATH-7.1]", "objectives: [MATH-7.1, Rates]", "title: Unit rates", "title: Rates"),
    "an objective's assessment types": (
        "level: 3", "level: 3", "assessment_types: [written-test, project]", "assessment_types: [written-test]"),
    "an objective's ID": ("level: 3", "level: 3", "id: MATH-7.1", "id: MATH-7.8"),
}


@pytest.mark.parametrize("what", sorted(READ))
def test_what_the_rules_read_of_a_course_judges_the_student_again(
        what: str, make_repo: MakeRepo, tmp_path: Path) -> None:
    was, written, old, new = READ[what]
    root = make_repo({EVIDENCE_FILE: replace(EVIDENCE, was, written)})
    store = CacheStore.open(tmp_path / "cache")
    before = checked(root, store)
    assert mark(store) == 1  # stored (a reference the rules rewrite would store nothing)
    course = root / COURSE_FILE
    course.write_text(replace(course.read_text(encoding="utf-8"), old, new), encoding="utf-8")
    assert not read_back(root, store)
    assert checked(root, store) != before  # the oracle: what the check says without the cache


def test_the_view_keeps_no_course_text_and_no_file_data(make_repo: MakeRepo) -> None:
    fw = check_repository(make_repo()).framework
    assert fw is not None
    view = student_view(fw)
    dumped = json.dumps([repr(c) for c in view.courses])
    assert "Grade 7 Mathematics" in dumped and "Unit rates" in dumped and "'written-test', 'project'" in dumped
    for unread in ("I can compute unit rates", "What a family should know", "Models the relationship", "27.02200",
                   "MATH.RP.1", "community-school"):
        assert unread not in dumped, unread
    assert view_key(view) != view_key(None) and view_key(view) == view_key(student_view(fw))


def test_the_rules_are_given_the_view_cached_or_not(make_repo: MakeRepo, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """What the key does not hold must not reach a rule: a check with the cache or without it
    hands every student's rules the view, never the whole framework."""
    given: list[str] = []
    original = rules_portfolio.check_evidence

    def spy(fw: Framework, *args: Any) -> None:
        given.extend(o.statement.text() for c in fw.courses for o in c.objectives)
        original(fw, *args)

    monkeypatch.setattr(pipeline, "check_evidence", spy)
    root = make_repo()
    check_repository(root)
    check_repository(root, cache=FileCache(CacheStore.open(tmp_path / "cache"), "v"))
    assert len(given) == 6 and set(given) == {""}
