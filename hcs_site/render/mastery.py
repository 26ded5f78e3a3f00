"""Mastery from teacher-scored evidence, under the district's `mastery_rule`.

Pure functions over the model (no MkDocs, no I/O) so the rule a family reads about in the docs is
exactly the rule the mastery map applies, and it can be tested with hand-worked numbers. Arithmetic
is exact (`Fraction`): a decaying average of 3 must not become 2.9999999 and miss mastery.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..model.framework import Framework, MasteryRule
from ..model.portfolio import Evidence, Portfolio

METHODS = ("latest", "highest", "average", "decaying_average", "n_times")


@dataclass(frozen=True)
class Score:
    """One teacher score of one objective (or checkpoint), from one piece of evidence."""

    date: str
    slug: str
    level: int


@dataclass(frozen=True)
class Mastery:
    """Where a student stands on one objective or checkpoint."""

    item_id: str
    scores: tuple[Score, ...]
    value: Fraction | None
    """The level the method shows (latest, highest, mean...); None without teacher scores."""
    times: int
    """How many scores reached the mastery level (what `n_times` counts)."""
    mastered: bool

    @property
    def display(self) -> str:
        """The shown level; averages rounded *down* to one decimal so 2.96 never reads as 3.0."""
        if self.value is None:
            return ""
        if self.value.denominator == 1:
            return str(self.value.numerator)
        return f"{math.floor(self.value * 10) / 10:.1f}"

    @property
    def floor_level(self) -> int | None:
        """The scale level whose label describes the shown value (2.6 reads as level 2)."""
        return math.floor(self.value) if self.value is not None else None


@dataclass(frozen=True)
class CourseMastery:
    course_id: str
    objectives: tuple[Mastery, ...]

    @property
    def mastered(self) -> int:
        return sum(1 for m in self.objectives if m.mastered)

    @property
    def credit(self) -> bool:
        """Course credit: every Objective for Mastery demonstrated at or above mastery."""
        return bool(self.objectives) and all(m.mastered for m in self.objectives)


@dataclass(frozen=True)
class MasteryMap:
    courses: tuple[CourseMastery, ...]
    checkpoints: tuple[Mastery, ...]


def shown_value(levels: Sequence[int], rule: MasteryRule) -> Fraction | None:
    """The level each method reports, from scores in date order."""
    if not levels:
        return None
    if rule.method == "highest":
        return Fraction(max(levels))
    if rule.method == "average":
        return Fraction(sum(levels), len(levels))
    if rule.method == "decaying_average":
        weight = Fraction(str(rule.weight)) / 100
        value = Fraction(levels[0])
        for level in levels[1:]:
            value = value * (1 - weight) + level * weight
        return value
    return Fraction(levels[-1])  # latest; n_times shows the latest score beside its count


def is_mastered(levels: Sequence[int], rule: MasteryRule, mastery_level: int) -> bool:
    """Whether the scores (oldest first) demonstrate mastery under `rule`."""
    if not levels:
        return False
    if rule.method == "n_times":
        return sum(1 for level in levels if level >= mastery_level) >= rule.count
    value = shown_value(levels, rule)
    return value is not None and value >= mastery_level


def ordered(scores: Iterable[Score]) -> tuple[Score, ...]:
    """Oldest first; the evidence slug breaks ties so the order never depends on the file system."""
    return tuple(sorted(scores, key=lambda s: (s.date, s.slug)))


def evaluate(item_id: str, scores: Iterable[Score], rule: MasteryRule, mastery_level: int) -> Mastery:
    chain = ordered(scores)
    levels = [s.level for s in chain]
    return Mastery(
        item_id,
        chain,
        shown_value(levels, rule),
        sum(1 for level in levels if level >= mastery_level),
        is_mastered(levels, rule, mastery_level),
    )


def teacher_scored(evidence: Iterable[Evidence]) -> list[Evidence]:
    """Only a teacher's score counts toward mastery; self and peer scores are reflection."""
    return [ev for ev in evidence if ev.counts_for_mastery]


def _score(ev: Evidence) -> Score:
    return Score(ev.date, ev.slug, ev.level if ev.level is not None else 0)


def objective_scores(evidence: Iterable[Evidence]) -> dict[str, list[Score]]:
    found: dict[str, list[Score]] = {}
    for ev in teacher_scored(evidence):
        for obj_id in ev.objectives:
            found.setdefault(obj_id, []).append(_score(ev))
    return found


def checkpoint_ids(fw: Framework, ev: Evidence) -> set[str]:
    """Universal competencies a piece of evidence speaks to: listed, or built by its objectives."""
    refs = list(ev.competencies)
    for obj_id in ev.objectives:
        obj = fw.objectives.get(obj_id)
        refs.extend(obj.aligns if obj else [])
    comps = (fw.competency_of(ref) for ref in refs)
    return {c.id for c in comps if c is not None and c.universal}


def map_courses(fw: Framework, portfolio: Portfolio) -> list[str]:
    """The learning path's courses in the student's order, then any other course with evidence."""
    seen: list[str] = []
    for entry in portfolio.plan:
        if entry.course in fw.course_index and entry.course not in seen:
            seen.append(entry.course)
    extra = sorted({ev.course for ev in portfolio.evidence if ev.course in fw.course_index} - set(seen))
    return seen + extra


def mastery_map(fw: Framework, portfolio: Portfolio) -> MasteryMap:
    rule = fw.district.mastery_rule
    level = fw.district.mastery_level
    by_objective = objective_scores(portfolio.evidence)
    courses = tuple(
        CourseMastery(cid, tuple(evaluate(o.id, by_objective.get(o.id, []), rule, level)
                                 for o in fw.course_index[cid].objectives))
        for cid in map_courses(fw, portfolio)
    )
    by_checkpoint: dict[str, list[Score]] = {}
    for ev in teacher_scored(portfolio.evidence):
        for cid in checkpoint_ids(fw, ev):
            by_checkpoint.setdefault(cid, []).append(_score(ev))
    checkpoints = tuple(evaluate(c.id, by_checkpoint.get(c.id, []), rule, level) for c in fw.universal)
    return MasteryMap(courses, checkpoints)
