"""Where the mastery rules part ways, and how the mastery map orders a student's courses.

`test_mastery.py` works each rule by hand; these cases are chosen so that two rules, or a rule and
its off-by-one twin, give different answers: a test that passes under both could not tell a
misspelt `n_times` (which falls back to `latest`) from the real rule. Mastery level 3 throughout.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from hcs_site.check.pipeline import check_repository
from hcs_site.check.schema import schema_text
from hcs_site.model.framework import Framework, MasteryRule
from hcs_site.model.portfolio import Portfolio
from hcs_site.render.mastery import (
    METHODS,
    CourseMastery,
    Mastery,
    Score,
    evaluate,
    mastery_map,
)

from .conftest import AREA_MATH, COURSE_MATH_7, PORTFOLIO, TODAY, MakeRepo

M = 3


def scores(*levels: int) -> list[Score]:
    """Scores a week apart, oldest first, listed in reverse so order comes from the dates."""
    return [Score(f"2026-09-{10 + 7 * i:02d}", f"e{i}", level) for i, level in enumerate(levels)][::-1]


def outcome(method: str, *levels: int, **kw: float) -> tuple[str, int, bool]:
    result = evaluate("X.1", scores(*levels), MasteryRule(method=method, **kw), M)  # type: ignore[arg-type]
    return result.display, result.times, result.mastered


def test_the_methods_are_the_ones_the_schema_accepts() -> None:
    schema = json.loads(schema_text("district"))
    assert list(METHODS) == schema["properties"]["mastery_rule"]["properties"]["method"]["enum"]


# Each row: the scores, then (shown, times at 3+, mastered) under latest and under n_times count 2.
#   [3, 4, 2]: latest 2 is below 3; but two scores (3 and 4) reached 3, so n_times says mastered.
#   [1, 3]:    latest 3 is mastery; only one score reached 3, so n_times says not yet.
#   [3, 3, 1]: two scores exactly AT 3 count (>=, not >): n_times mastered, latest 1 is not.
#   [4, 1, 1]: one score at 3+, latest 1: neither.
@pytest.mark.parametrize(("levels", "latest", "n_times"), [
    ((3, 4, 2), ("2", 2, False), ("2", 2, True)),
    ((1, 3), ("3", 1, True), ("3", 1, False)),
    ((3, 3, 1), ("1", 2, False), ("1", 2, True)),
    ((4, 1, 1), ("1", 1, False), ("1", 1, False)),
])
def test_n_times_is_not_latest(levels: tuple[int, ...], latest: tuple[str, int, bool],
                               n_times: tuple[str, int, bool]) -> None:
    assert outcome("latest", *levels) == latest
    assert outcome("n_times", *levels, count=2) == n_times


# The count is "at least": exactly `count` scores at 3+ is mastery, one fewer is not.
@pytest.mark.parametrize(("count", "levels", "mastered"), [
    (1, (3,), True),
    (1, (2,), False),
    (3, (3, 4, 3), True),
    (3, (3, 4, 2), False),
])
def test_n_times_count_is_at_least(count: int, levels: tuple[int, ...], mastered: bool) -> None:
    assert outcome("n_times", *levels, count=count)[2] is mastered


@pytest.mark.parametrize("method", METHODS)
def test_no_teacher_score_is_never_mastery_even_with_count_zero(method: str) -> None:
    # The schema asks for count >= 1; the rule itself must still not turn "no evidence" into mastery.
    assert outcome(method, count=0) == ("", 0, False)


# One history, every rule: [4, 1, 2] oldest first.
#   latest 2 (no); highest 4 (yes); average 7/3 = 2.33 shown "2.3" (no);
#   decaying 65: 4 -> 4*.35 + 1*.65 = 2.05 -> 2.05*.35 + 2*.65 = 2.0175, shown "2.0" (no);
#   n_times count 1: the 4 reached 3 (yes).
@pytest.mark.parametrize(("method", "expected"), [
    ("latest", ("2", 1, False)),
    ("highest", ("4", 1, True)),
    ("average", ("2.3", 1, False)),
    ("decaying_average", ("2.0", 1, False)),
    ("n_times", ("2", 1, True)),
])
def test_every_rule_on_one_history(method: str, expected: tuple[str, int, bool]) -> None:
    assert outcome(method, 4, 1, 2, count=1) == expected


def test_decaying_average_weight_is_a_percentage_of_the_newest_score() -> None:
    # weight 80: [1, 4] -> 1 * 0.2 + 4 * 0.8 = 3.4 (mastered); [4, 1] -> 4 * 0.2 + 1 * 0.8 = 1.6 (not).
    assert outcome("decaying_average", 1, 4, weight=80) == ("3.4", 1, True)
    assert outcome("decaying_average", 4, 1, weight=80) == ("1.6", 1, False)


def test_average_just_below_mastery_is_not_mastery() -> None:
    # [3, 3, 2] -> 8/3 = 2.67: shown "2.6", floor level 2, not mastered; [4, 3, 2] -> exactly 3: mastered.
    result = evaluate("X.1", scores(3, 3, 2), MasteryRule(method="average"), M)
    assert (result.display, result.floor_level, result.mastered) == ("2.6", 2, False)
    assert evaluate("X.1", scores(4, 3, 2), MasteryRule(method="average"), M).floor_level == 3


def test_a_whole_number_shows_without_decimals() -> None:
    assert Mastery("X.1", (), Fraction(4), 1, True).display == "4"
    assert Mastery("X.1", (), Fraction(7, 2), 1, True).display == "3.5"
    assert Mastery("X.1", (), None, 0, False).floor_level is None


def test_credit_needs_objectives_and_every_one_mastered() -> None:
    yes, no = (Mastery(f"X.{i}", (), Fraction(3), 1, ok) for i, ok in ((1, True), (2, False)))
    assert (CourseMastery("X", ()).credit, CourseMastery("X", ()).mastered) == (False, 0)
    assert (CourseMastery("X", (yes,)).credit, CourseMastery("X", (yes,)).mastered) == (True, 1)
    assert (CourseMastery("X", (yes, no)).credit, CourseMastery("X", (yes, no)).mastered) == (False, 1)


# --- The mastery map of a portfolio --------------------------------------------------------------

ALG_1 = COURSE_MATH_7.replace("MATH-7", "ALG-1").replace('"27.02200"', '"27.09910"').replace(
    "title: Grade 7 Mathematics", "title: Algebra I")
GEO = COURSE_MATH_7.replace("MATH-7", "GEO").replace('"27.02200"', '"27.06100"').replace(
    "title: Grade 7 Mathematics", "title: Geometry")

EVIDENCE = """\
---
title: {title}
date: {date}
course: {course}
objectives: [{objectives}]
competencies: [{competencies}]
assessment_type: written-test
level: {level}
scored_by: {by}
---
Reflection.
"""

PLAN = "  - {course: MATH-7, status: planned, year: 2026-27}\n"


def ev(course: str, objectives: str, level: int, date: str = "2026-10-01", by: str = "teacher",
       competencies: str = "") -> str:
    return EVIDENCE.format(title=f"Work in {course}", date=date, course=course, objectives=objectives,
                           competencies=competencies, level=level, by=by)


def framework_and_portfolio(make_repo: MakeRepo, plan: list[str], evidence: dict[str, str],
                            math: str = AREA_MATH) -> tuple[Framework, Portfolio]:
    portfolio = "portfolios/p-0001/portfolio.md"
    entries = "".join(f"  - {{course: {c}, status: planned, year: 2026-27}}\n" for c in plan)
    files: dict[str, str | bytes | None] = {
        "content/courses/alg-1.yml": ALG_1,
        "content/courses/geo.yml": GEO,
        "content/competencies/math.yml": math,
        portfolio: PORTFOLIO.replace(PLAN, entries) if plan else PORTFOLIO.replace("plan:\n" + PLAN, ""),
        "portfolios/p-0001/evidence/ratio-recipes.md": None,
    }
    files.update({f"portfolios/p-0001/evidence/{name}.md": text for name, text in evidence.items()})
    result = check_repository(make_repo(files), today=TODAY)
    assert result.report.errors == 0, result.report.sorted()
    assert result.framework is not None and len(result.published) == 1
    return result.framework, result.published[0]


def test_courses_follow_the_plan_then_other_evidence_alphabetically(make_repo: MakeRepo) -> None:
    # Plan: MATH-7 then ALG-1 (not alphabetical: the student's order is kept), MATH-7 again (once).
    # Evidence in GEO, outside the plan, comes after. ALG-1 is planned without any evidence: it is
    # still shown, every objective without a score.
    fw, portfolio = framework_and_portfolio(make_repo, ["MATH-7", "ALG-1", "MATH-7"], {
        "g": ev("GEO", "GEO.1", 4),
        "m": ev("MATH-7", "MATH-7.2", 3),
    })
    courses = mastery_map(fw, portfolio).courses
    assert [c.course_id for c in courses] == ["MATH-7", "ALG-1", "GEO"]
    math7, alg1, geo = courses
    assert [(m.item_id, m.display) for m in alg1.objectives] == [("ALG-1.1", ""), ("ALG-1.2", ""), ("ALG-1.3", "")]
    assert (alg1.mastered, alg1.credit) == (0, False)
    assert [(m.item_id, m.display, m.mastered) for m in math7.objectives] == [
        ("MATH-7.1", "", False), ("MATH-7.2", "3", True), ("MATH-7.3", "", False)]
    assert [(m.item_id, m.display, m.mastered) for m in geo.objectives] == [
        ("GEO.1", "4", True), ("GEO.2", "", False), ("GEO.3", "", False)]


def test_evidence_outside_the_plan_is_ordered_by_course_id(make_repo: MakeRepo) -> None:
    # No plan at all: GEO and ALG-1 evidence (files named so that the file order is GEO first).
    fw, portfolio = framework_and_portfolio(make_repo, [], {
        "a-geo": ev("GEO", "GEO.1", 2),
        "b-alg": ev("ALG-1", "ALG-1.1", 2),
        "c-geo": ev("GEO", "GEO.2", 2),
    })
    assert [c.course_id for c in mastery_map(fw, portfolio).courses] == ["ALG-1", "GEO"]


def test_only_teacher_scores_reach_the_map(make_repo: MakeRepo) -> None:
    # MATH-7.1: teacher 2 (09-01), then self 4 and peer 4 later: still 2, not mastered, 0 times at 3+.
    fw, portfolio = framework_and_portfolio(make_repo, ["MATH-7"], {
        "a": ev("MATH-7", "MATH-7.1", 2, "2026-09-01"),
        "b": ev("MATH-7", "MATH-7.1", 4, "2026-09-20", by="self"),
        "c": ev("MATH-7", "MATH-7.1", 4, "2026-09-21", by="peer"),
    })
    first = mastery_map(fw, portfolio).courses[0].objectives[0]
    assert (first.item_id, first.display, first.times, first.mastered) == ("MATH-7.1", "2", 0, False)
    assert [s.slug for s in first.scores] == ["a"]


def test_checkpoints_count_listed_competencies_and_what_objectives_build(make_repo: MakeRepo) -> None:
    # Both math competencies universal, listed in the area's order (MATH.RP, MATH.EE).
    # MATH.RP: reached through MATH-7.1, which aligns to it (teacher 2 on 09-01, then 4 on 09-20).
    # MATH.EE: named directly in `competencies:` of the first evidence only (2), and built by
    # MATH-7.3 (teacher 3 on 10-01): latest 3, mastered. A self score on MATH-7.3 never counts.
    universal = AREA_MATH.replace("    universal: false\n", "    universal: true\n").replace(
        "    title: Expressions and equations\n", "    title: Expressions and equations\n    universal: true\n")
    fw, portfolio = framework_and_portfolio(make_repo, ["MATH-7"], {
        "a": ev("MATH-7", "MATH-7.1", 2, "2026-09-01", competencies="MATH.EE"),
        "b": ev("MATH-7", "MATH-7.1", 4, "2026-09-20"),
        "c": ev("MATH-7", "MATH-7.3", 3, "2026-10-01"),
        "d": ev("MATH-7", "MATH-7.3", 1, "2026-10-02", by="self"),
    }, math=universal)
    checkpoints = mastery_map(fw, portfolio).checkpoints
    assert [(c.item_id, [s.slug for s in c.scores], c.display, c.mastered) for c in checkpoints] == [
        ("MATH.RP", ["a", "b"], "4", True),
        ("MATH.EE", ["a", "c"], "3", True),
    ]


def test_checkpoints_via_an_indicator_alignment(make_repo: MakeRepo) -> None:
    # MATH-7.2 aligns only to the indicator MATH.RP.1, which belongs to the universal MATH.RP.
    universal = AREA_MATH.replace("    universal: false\n", "    universal: true\n")
    fw, portfolio = framework_and_portfolio(make_repo, ["MATH-7"], {"a": ev("MATH-7", "MATH-7.2", 1)},
                                            math=universal)
    assert [(c.item_id, c.display) for c in mastery_map(fw, portfolio).checkpoints] == [("MATH.RP", "1")]


def test_references_the_framework_does_not_know_are_ignored(make_repo: MakeRepo) -> None:
    # Validation rejects them, but the map must not depend on it: a competency ID that is not in the
    # framework (or an objective that is gone) adds no checkpoint and raises nothing.
    universal = AREA_MATH.replace("    universal: false\n", "    universal: true\n")
    fw, portfolio = framework_and_portfolio(make_repo, ["MATH-7"], {"a": ev("MATH-7", "MATH-7.2", 2)},
                                            math=universal)
    portfolio.evidence[0].competencies.append("GONE.1")
    portfolio.evidence[0].objectives.append("MATH-7.99")
    assert [(c.item_id, c.display) for c in mastery_map(fw, portfolio).checkpoints] == [("MATH.RP", "2")]
