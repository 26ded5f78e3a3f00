"""A student's pages rendered from the student's part of the framework are the pages the whole
framework renders (sample and generated districts), and that part answers every lookup the pages
make as the whole framework does, even where an ID is defined twice."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from hcs_site.check.pipeline import CheckResult, check_repository
from hcs_site.model.framework import Framework
from hcs_site.render.portfolio_pages import PortfolioRenderer
from hcs_site.render.student_framework import StudentFrameworks, named_ids, part
from tests.conftest import COURSE_MATH_7, TODAY, MakeRepo, write_files

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO / "benchmarks" / "generate_content.py"
DERIVED = ("index", "area_items", "objectives", "course_index", "competencies", "indicators", "area_index",
           "builders", "replaced_by", "universal")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "repo"
    subprocess.run([sys.executable, str(GENERATOR), str(root), "--courses", "40", "--students", "60",
                    "--evidence-per-student", "5", "--seed", "7"], check=True, capture_output=True)
    return root


def checked(root: Path) -> tuple[Framework, CheckResult]:
    result = check_repository(root, today=TODAY)
    assert result.report.errors == 0 and result.framework is not None, result.report.summary()
    return result.framework, result


def assert_same_pages(root: Path, template_dirs: list[Path] | None = None) -> int:
    """Every student's pages from both frameworks; how many students' parts left courses out."""
    fw, result = checked(root)
    renderer = PortfolioRenderer(fw, result.published, template_dirs)
    narrower = 0
    students = [(school, s) for school, group in renderer.schools() for s in group]
    assert students
    for school, student in students:
        own = renderer.student_framework(student)
        narrower += len(own.courses) < len(fw.courses)
        whole = [dataclasses.astuple(p) for p in renderer.pages_of(student, school, fw)]
        assert [dataclasses.astuple(p) for p in renderer.student_pages(student, school)] == whole, student.base
    return narrower


def test_the_sample_districts_pages_are_the_whole_frameworks() -> None:
    assert assert_same_pages(REPO) > 0


def test_a_generated_districts_pages_are_the_whole_frameworks(generated: Path) -> None:
    assert assert_same_pages(generated) > 0


def test_every_id_a_student_writes_brings_its_course() -> None:
    """Models a valid repository never holds (an evidence without objectives or without a course,
    goals and evidence naming objectives and courses): each way of naming a course is enough."""
    fw, result = checked(REPO)
    last = fw.courses[-1]
    variants = []
    for p in result.published:
        goals = [dataclasses.replace(g, aligns=[*g.aligns, last.objectives[0].id]) for g in p.goals]
        variants += [
            dataclasses.replace(p, plan=[], evidence=[dataclasses.replace(ev, objectives=[]) for ev in p.evidence]),
            dataclasses.replace(p, plan=[], evidence=[dataclasses.replace(ev, course="") for ev in p.evidence]),
            dataclasses.replace(p, goals=goals, plan=[]),
            dataclasses.replace(p, plan=[], evidence=[dataclasses.replace(ev, competencies=[last.id])
                                                      for ev in p.evidence]),
        ]
    renderer = PortfolioRenderer(fw, variants)
    for school, group in renderer.schools():
        for student in group:
            whole = [dataclasses.astuple(p) for p in renderer.pages_of(student, school, fw)]
            assert [dataclasses.astuple(p) for p in renderer.student_pages(student, school)] == whole, student.base


def test_a_part_makes_its_own_indexes_as_a_framework_of_its_courses_would(generated: Path) -> None:
    fw, result = checked(generated)
    parts = StudentFrameworks(fw)
    for portfolio in result.published[:20]:
        own = parts.restricted(portfolio)
        fresh = Framework(fw.district, fw.areas, own.courses, fw.unread, fw.standards)
        for name in DERIVED:
            assert getattr(own, name) == getattr(fresh, name), name
        assert own.area_items is fw.area_items and own.competencies is fw.competencies  # shared, not remade
        named = {e.course for e in portfolio.plan} | {ev.course for ev in portfolio.evidence}
        assert {c.id for c in own.courses} >= named
        assert [c.id for c in own.courses] == [c.id for c in fw.courses if c in own.courses]  # the framework's order


def test_an_id_defined_twice_is_answered_as_the_whole_framework_answers(make_repo: MakeRepo) -> None:
    """A rule error, but the part must still not tell another story: every course defining a
    named ID is held, so the first (`index`) and the last (`objectives`) definitions are the same."""
    twin = COURSE_MATH_7.replace("id: MATH-7\n", "id: MATH-8\n").replace("Grade 7", "Grade 8")
    root = make_repo({"content/courses/a-first.yml": twin, "content/courses/z-last.yml": twin.replace(
        "id: MATH-8\n", "id: MATH-9\n").replace("Grade 8", "Grade 9")})
    result = check_repository(root, today=TODAY)
    fw = result.framework
    assert fw is not None and [c.id for c in fw.courses] == ["MATH-8", "MATH-7", "MATH-9"]
    portfolio = result.portfolios[0]
    own = StudentFrameworks(fw).restricted(portfolio)
    assert [c.id for c in own.courses] == ["MATH-8", "MATH-7", "MATH-9"]  # each defines MATH-7.1
    for ref in named_ids(portfolio):
        assert own.index.get(ref) is fw.index.get(ref) and own.objectives.get(ref) is fw.objectives.get(ref), ref
        assert own.course_index.get(ref) is fw.course_index.get(ref), ref


def test_a_student_who_names_no_course_is_given_none(make_repo: MakeRepo) -> None:
    root = make_repo({"content/courses/math-8.yml": COURSE_MATH_7.replace("MATH-7", "MATH-8")})
    fw, result = checked(root)
    portfolio = dataclasses.replace(result.published[0], plan=[], evidence=[])
    assert part(fw, []).courses == [] and StudentFrameworks(fw).courses(portfolio) == []


def test_a_districts_template_of_a_students_page_is_given_the_whole_framework(make_repo: MakeRepo) -> None:
    """It may print any course (`ctx.fw`): the number of courses shows what it was given."""
    root = make_repo({"content/courses/math-8.yml": COURSE_MATH_7.replace("MATH-7", "MATH-8"),
                      "templates/evidence.md.j2": "{{ ctx.fw.courses|length }} courses\n"})
    fw, result = checked(root)
    renderer = PortfolioRenderer(fw, result.published, [root / "templates"])
    (school, [student]), = renderer.schools()
    assert renderer.student_framework(student) is fw
    assert renderer.student_pages(student, school)[-1].content == "2 courses\n"
    write_files(root, {"templates/evidence.md.j2": None, "templates/_banner.md.j2": "A partial.\n"})
    renderer = PortfolioRenderer(fw, result.published, [root / "templates"])
    assert len(renderer.student_framework(renderer.students[0]).courses) == 1
    assert assert_same_pages(root, [root / "templates"]) == 1
