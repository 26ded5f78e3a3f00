"""Mastery under every `mastery_rule`, on examples worked by hand (the arithmetic is in comments).

The mastery level is 3 on the district's 1-4 scale throughout. Scores are listed oldest first.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from hcs_site.check.pipeline import check_repository
from hcs_site.model.framework import MasteryRule
from hcs_site.render.mastery import Score, evaluate, is_mastered, mastery_map, ordered, shown_value

from .conftest import AREA_MATH, TODAY, MakeRepo

M = 3  # the mastery level


def rule(method: str, **kw: float) -> MasteryRule:
    return MasteryRule(method=method, **kw)  # type: ignore[arg-type]


# latest: the most recent score decides.
#   [2, 4, 2] -> latest 2 < 3: not mastered (a later, lower score wins: mastery can slip)
#   [1, 2, 3] -> latest 3 >= 3: mastered
@pytest.mark.parametrize(("levels", "shown", "mastered"), [
    ([2, 4, 2], Fraction(2), False),
    ([1, 2, 3], Fraction(3), True),
    ([4], Fraction(4), True),
])
def test_latest(levels: list[int], shown: Fraction, mastered: bool) -> None:
    assert shown_value(levels, rule("latest")) == shown
    assert is_mastered(levels, rule("latest"), M) is mastered


# highest: the best score ever decides.
#   [2, 4, 2] -> max 4 >= 3: mastered
#   [1, 2, 2] -> max 2 < 3: not mastered
@pytest.mark.parametrize(("levels", "shown", "mastered"), [
    ([2, 4, 2], Fraction(4), True),
    ([1, 2, 2], Fraction(2), False),
])
def test_highest(levels: list[int], shown: Fraction, mastered: bool) -> None:
    assert shown_value(levels, rule("highest")) == shown
    assert is_mastered(levels, rule("highest"), M) is mastered


# average: arithmetic mean.
#   [2, 3, 4] -> 9 / 3 = 3.0 >= 3: mastered (exactly at the threshold)
#   [2, 3, 3] -> 8 / 3 = 2.666... < 3: not mastered; displayed rounded DOWN as "2.6", never "2.7"
#   [3, 4, 4] -> 11 / 3 = 3.666...: mastered; displayed "3.6"
@pytest.mark.parametrize(("levels", "shown", "display", "mastered"), [
    ([2, 3, 4], Fraction(3), "3", True),
    ([2, 3, 3], Fraction(8, 3), "2.6", False),
    ([3, 4, 4], Fraction(11, 3), "3.6", True),
])
def test_average(levels: list[int], shown: Fraction, display: str, mastered: bool) -> None:
    r = rule("average")
    assert shown_value(levels, r) == shown
    assert is_mastered(levels, r, M) is mastered
    scores = [Score(f"2026-09-{i + 10}", f"e{i}", level) for i, level in enumerate(levels)]
    assert evaluate("X.1", scores, r, M).display == display


# decaying_average, weight 65: start with the first score, then da = da * 0.35 + score * 0.65.
#   [2, 4]    -> 2 * 0.35 + 4 * 0.65 = 0.7 + 2.6 = 3.3 >= 3: mastered
#   [2, 4, 2] -> 3.3 * 0.35 + 2 * 0.65 = 1.155 + 1.3 = 2.455 < 3: not mastered, shown "2.4"
#   [4, 2, 3] -> 4 * 0.35 + 2 * 0.65 = 2.7; 2.7 * 0.35 + 3 * 0.65 = 0.945 + 1.95 = 2.895: not mastered
# weight 50 (a plain halving):
#   [1, 3, 4] -> (1 + 3) / 2 = 2; (2 + 4) / 2 = 3.0 >= 3: mastered, exactly (no 2.9999 from floats)
@pytest.mark.parametrize(("weight", "levels", "shown", "display", "mastered"), [
    (65, [2, 4], Fraction(33, 10), "3.3", True),
    (65, [2, 4, 2], Fraction(2455, 1000), "2.4", False),
    (65, [4, 2, 3], Fraction(2895, 1000), "2.8", False),
    (50, [1, 3, 4], Fraction(3), "3", True),
    (65, [3], Fraction(3), "3", True),
])
def test_decaying_average(weight: float, levels: list[int], shown: Fraction, display: str,
                          mastered: bool) -> None:
    r = rule("decaying_average", weight=weight)
    assert shown_value(levels, r) == shown
    assert is_mastered(levels, r, M) is mastered
    scores = [Score(f"2026-10-{i + 10}", f"e{i}", level) for i, level in enumerate(levels)]
    assert evaluate("X.1", scores, r, M).display == display


# n_times with count 2: at least two scores at or above 3, whenever they came.
#   [3, 2, 4] -> 3 and 4 reach mastery: 2 times >= 2: mastered (even though one score is lower)
#   [2, 4, 2] -> only the 4: 1 time < 2: not mastered; the level shown is the latest, 2
#   [3, 3]    -> 2 times: mastered
@pytest.mark.parametrize(("levels", "times", "shown", "mastered"), [
    ([3, 2, 4], 2, Fraction(4), True),
    ([2, 4, 2], 1, Fraction(2), False),
    ([3, 3], 2, Fraction(3), True),
])
def test_n_times(levels: list[int], times: int, shown: Fraction, mastered: bool) -> None:
    r = rule("n_times", count=2)
    scores = [Score(f"2026-11-{i + 10}", f"e{i}", level) for i, level in enumerate(levels)]
    result = evaluate("X.1", scores, r, M)
    assert (result.times, result.value, result.mastered) == (times, shown, mastered)


@pytest.mark.parametrize("method", ["latest", "highest", "average", "decaying_average", "n_times"])
def test_no_scores_is_never_mastery(method: str) -> None:
    result = evaluate("X.1", [], rule(method), M)
    assert (result.value, result.mastered, result.display) == (None, False, "")


def test_scores_are_ordered_by_date_then_slug() -> None:
    # Files are read in name order; the rule must follow the evidence dates instead.
    #   b (2026-10-01, 2), a (2026-10-05, 3), c (2026-10-05, 1): order b, a, c -> latest is c's 1.
    scores = [Score("2026-10-05", "c", 1), Score("2026-10-01", "b", 2), Score("2026-10-05", "a", 3)]
    assert [s.slug for s in ordered(scores)] == ["b", "a", "c"]
    assert evaluate("X.1", scores, rule("latest"), M).value == 1


EVIDENCE = """\
---
title: {title}
date: {date}
course: MATH-7
objectives: [{objectives}]
competencies: [{competencies}]
assessment_type: written-test
level: {level}
scored_by: {by}
---
Reflection.
"""


def test_mastery_map_from_a_portfolio(make_repo: MakeRepo) -> None:
    # MATH-7 has three objectives. Teacher scores (latest rule):
    #   MATH-7.1: 2 (09-01) then 3 (09-20) -> 3, mastered;
    #   MATH-7.2: 4 (09-20), the self-score 1 (10-01) does not count -> 4, mastered;
    #   MATH-7.3: 2 (10-02) -> not yet. So no course credit yet: 2 of 3.
    # Adding a teacher 3 on MATH-7.3 earns the course.
    def ev(title: str, date: str, objectives: str, level: int, by: str = "teacher", comps: str = "") -> str:
        return EVIDENCE.format(title=title, date=date, objectives=objectives, level=level, by=by,
                               competencies=comps)

    files: dict[str, str | bytes | None] = {
        "portfolios/p-0001/evidence/ratio-recipes.md": None,
        "portfolios/p-0001/evidence/a.md": ev("First try", "2026-09-01", "MATH-7.1", 2),
        "portfolios/p-0001/evidence/b.md": ev("Second try", "2026-09-20", "MATH-7.1", 3),
        "portfolios/p-0001/evidence/c.md": ev("Self check", "2026-10-01", "MATH-7.2", 1, "self"),
        "portfolios/p-0001/evidence/d.md": ev("Equations", "2026-10-02", "MATH-7.3", 2),
        "portfolios/p-0001/evidence/e.md": ev("Unit rates", "2026-09-20", "MATH-7.2", 4),
    }
    root = make_repo(files)
    result = check_repository(root, today=TODAY)
    assert result.report.errors == 0, result.report.sorted()
    assert result.framework is not None
    (course,) = mastery_map(result.framework, result.published[0]).courses
    got = {m.item_id: (m.display, m.mastered) for m in course.objectives}
    assert got == {"MATH-7.1": ("3", True), "MATH-7.2": ("4", True), "MATH-7.3": ("2", False)}
    assert (course.mastered, course.credit) == (2, False)

    files["portfolios/p-0001/evidence/f.md"] = ev("Equations again", "2026-10-09", "MATH-7.3", 3)
    result = check_repository(make_repo(files), today=TODAY)
    assert result.framework is not None
    (course,) = mastery_map(result.framework, result.published[0]).courses
    assert course.credit is True


def test_universal_checkpoints_are_shown_for_every_student(make_repo: MakeRepo) -> None:
    # MATH.RP made universal. Without evidence it is still listed, with no score; the base
    # evidence (teacher, level 3, objective MATH-7.1 which aligns to MATH.RP) then reaches it.
    universal = AREA_MATH.replace("    universal: false\n", "    universal: true\n")
    root = make_repo({"content/competencies/math.yml": universal,
                      "portfolios/p-0001/evidence/ratio-recipes.md": None})
    result = check_repository(root, today=TODAY)
    assert result.framework is not None
    checkpoints = mastery_map(result.framework, result.published[0]).checkpoints
    assert [(c.item_id, c.value, c.mastered) for c in checkpoints] == [("MATH.RP", None, False)]

    result = check_repository(make_repo({"content/competencies/math.yml": universal}), today=TODAY)
    assert result.framework is not None
    checkpoints = mastery_map(result.framework, result.published[0]).checkpoints
    assert [(c.item_id, c.display, c.mastered) for c in checkpoints] == [("MATH.RP", "3", True)]
