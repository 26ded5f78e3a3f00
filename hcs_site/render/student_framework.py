"""A student's pages are rendered from a framework holding only the courses the student names.

A student's home page, mastery map and evidence pages print the district, the areas, standards and
a few courses: those of the learning path, of each evidence, and of each objective an evidence
lists (their titles, objectives and links). Rendered from the whole framework, they could print any
course, so a cache had to key them on every course file, and one course changed rendered every
student again. Rendered from `restricted` (the same district, areas, standards and `unread`, and
only the courses the student's files name, in the framework's order), what a page can show is
what that framework holds, cached or not; the build cache keys the pages on those courses'
fingerprints (`adapters.markdown_cache`).

A course is held when any ID the student writes (a plan entry's course, an evidence's course,
objectives and competencies, a goal's alignments) names it or one of its objectives. Every course
that defines such an ID is held, so `index` (the first definition wins), `objectives` and
`course_index` (the last wins) answer for those IDs as the whole framework's do, even where an ID
is defined twice. A district template that replaces a student's page may print anything of
`ctx.fw`: the renderer then keeps the whole framework (`replaces_student_pages`).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from ..model.framework import Course, Framework
from ..model.portfolio import Portfolio

STUDENT_TEMPLATES = ("portfolio.md.j2", "portfolio-mastery.md.j2", "evidence.md.j2")
"""The templates of a student's pages (none of them includes another template)."""
SHARED = ("area_items", "competencies", "indicators", "area_index")
"""What the areas alone make, computed once for the whole framework and shared with each part."""


def replaces_student_pages(template_dirs: list[Path]) -> bool:
    """A district's template folder holds one of a student's pages: it may read any course."""
    return any((folder / name).is_file() for folder in template_dirs for name in STUDENT_TEMPLATES)


def named_ids(portfolio: Portfolio) -> set[str]:
    """Every framework ID a student's files write."""
    ids = {entry.course for entry in portfolio.plan}
    ids.update(ref for goal in portfolio.goals for ref in goal.aligns)
    for ev in portfolio.evidence:
        ids.add(ev.course)
        ids.update(ev.objectives)
        ids.update(ev.competencies)
    return ids


class StudentFrameworks:
    """The whole framework, and each student's part of it."""

    def __init__(self, fw: Framework) -> None:
        self.fw = fw

    @cached_property
    def holders(self) -> dict[str, list[int]]:
        """ID -> the position of every course that defines it, as a course or an objective."""
        found: dict[str, list[int]] = {}
        for i, course in enumerate(self.fw.courses):
            found.setdefault(course.id, []).append(i)
            for obj in course.objectives:
                found.setdefault(obj.id, []).append(i)
        return found

    def courses(self, portfolio: Portfolio) -> list[Course]:
        """The courses a student's pages may show, in the framework's order."""
        holders = self.holders
        positions = {i for ref in named_ids(portfolio) for i in holders.get(ref, ())}
        return [self.fw.courses[i] for i in sorted(positions)]

    def restricted(self, portfolio: Portfolio) -> Framework:
        return part(self.fw, self.courses(portfolio))


def part(fw: Framework, courses: list[Course]) -> Framework:
    """`fw` with only `courses`; what its areas make is shared, what its courses make is its own."""
    found = Framework(fw.district, fw.areas, courses, fw.unread, fw.standards)
    for name in SHARED:
        vars(found)[name] = getattr(fw, name)
    return found
