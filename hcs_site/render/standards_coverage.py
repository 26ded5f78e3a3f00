"""Which state standards each course covers, and which no objective covers (one page per set)."""

from __future__ import annotations

from collections.abc import Iterable

from ..model.framework import Course
from ..model.standards import StandardSet, split_ref


def coverage(courses: Iterable[Course], found: StandardSet) -> tuple[list[tuple[Course, list[str]]], list[str]]:
    """(course, the references of its objectives to this set, each standard once) for every course
    that covers one, and the references of the standards no course covers, in the set's order."""
    covered: set[str] = set()
    by_course: list[tuple[Course, list[str]]] = []
    for course in courses:
        seen: dict[str, str] = {}
        for obj in course.objectives:
            for ref in obj.standards:
                set_id, code = split_ref(ref)
                std = found.find(code) if set_id == found.id else None
                if std is not None and std.identifier not in seen:
                    seen[std.identifier] = ref
        if seen:
            by_course.append((course, list(seen.values())))
            covered.update(seen)
    uncovered = [f"{found.id}:{s.code or s.identifier}" for s in found.items if s.identifier not in covered]
    return by_course, uncovered
