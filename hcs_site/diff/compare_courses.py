"""Compare courses and their Objectives for Mastery between two frameworks.

Breaking rules (documented in docs/propose-a-change.md): an objective added, removed, or whose
statement is reworded; an assessment type or an alignment removed; a rubric criterion added or a
descriptor at or below the mastery level reworded; credit reduced, grades narrowed, a program
dropped, a course removed or retired. Titles, translations, pacing, DOK and additions that only
widen a student's options are not breaking.
"""

from __future__ import annotations

from ..model.framework import Course, Objective
from .values import Collector, pair, quote, text_value


def _grade_key(grade: str | int) -> int:
    return 0 if grade == "K" else int(grade)


def _assessment_title(col: Collector, at_id: str) -> str:
    for fw in (col.new, col.old):
        found = fw.district.assessment_index.get(at_id)
        if found is not None:
            return found.title.text()
    return at_id


def compare_courses(col: Collector) -> None:
    pairs, added, removed = pair(col.old.course_index, col.new.course_index, lambda c: c.replaces)
    for course in col.old.courses + col.new.courses:
        col.titles[course.id] = course.title
        for obj in course.objectives:
            col.titles[obj.id] = obj.title
    for course in added:
        col.add("course-added", ("course", course.id), course.id,
                f"course {course.id} {quote(course.title.text())} added with "
                f"{len(course.objectives)} objectives", False, after=text_value(course.title))
    for course in removed:
        col.add("course-removed", ("course", course.id), course.id,
                f"course {course.id} {quote(course.title.text())} removed", True, before=text_value(course.title))
    for before, after, _renamed in pairs:
        _course(col, before, after)
        _objectives(col, before, after)


def _course(col: Collector, before: Course, after: Course) -> None:
    subject = ("course", after.id)
    what = f"course {after.id}"
    if before.id != after.id:
        col.add("course-renamed", subject, after.id, f"course {before.id} renamed {after.id} (replaces)", False,
                field="id", before=before.id, after=after.id)
    col.text("course-reworded", subject, after.id, "title", what, before.title, after.title)
    col.text("course-reworded", subject, after.id, "description", what, before.description, after.description)
    col.value("course-credit-changed", subject, after.id, "credit", what, before.credit, after.credit,
              after.credit < before.credit)
    old_grades = sorted(before.grades, key=_grade_key)
    new_grades = sorted(after.grades, key=_grade_key)
    col.value("course-grades-changed", subject, after.id, "grades", what, old_grades, new_grades,
              bool(set(old_grades) - set(new_grades)))
    col.value("course-programs-changed", subject, after.id, "programs", what, sorted(before.programs),
              sorted(after.programs), bool(set(before.programs) - set(after.programs)))
    col.value("course-pacing-changed", subject, after.id, "suggested weeks", what, before.pacing_weeks,
              after.pacing_weeks, False)
    col.text("course-pacing-changed", subject, after.id, "pacing note", what, before.pacing_note,
             after.pacing_note)
    col.value("course-status-changed", subject, after.id, "status", what, before.status, after.status,
              after.status == "retired")
    col.value("course-area-changed", subject, after.id, "area", what, before.area, after.area, False)
    col.value("course-state-code-changed", subject, after.id, "state code", what, before.state_code,
              after.state_code, False)


def _objectives(col: Collector, before: Course, after: Course) -> None:
    subject = ("course", after.id)
    pairs, _added, removed = pair({o.id: o for o in before.objectives}, {o.id: o for o in after.objectives},
                                 lambda o: o.replaces if o.replaces not in col.new.objectives else None)
    matched = {new.id: old for old, new, _ in pairs}
    for obj in after.objectives:  # in the course's order; removed ones last
        if obj.id in matched:
            _objective(col, subject, matched[obj.id], obj)
        else:
            col.add("objective-added", subject, obj.id,
                    f"objective {obj.id} {quote(obj.title.text())} added to {after.id}", True,
                    after=text_value(obj.statement))
    for obj in removed:
        col.add("objective-removed", subject, obj.id,
                f"objective {obj.id} {quote(obj.title.text())} removed from {after.id}", True,
                before=text_value(obj.statement))


def _rubric_source(obj: Objective, renamed: dict[str, str]) -> str:
    if obj.rubric is not None:
        return "its own rubric"
    return f"the scoring criteria of {renamed.get(obj.rubric_ref or '', obj.rubric_ref)}"


def _objective(col: Collector, subject: tuple[str, str], old: Objective, new: Objective) -> None:
    what = f"objective {new.id}"
    if old.id != new.id:
        col.add("objective-renamed", subject, new.id, f"objective {old.id} renamed {new.id} (replaces)", False,
                field="id", before=old.id, after=new.id)
    col.text("objective-reworded", subject, new.id, "title", what, old.title, new.title)
    col.text("objective-reworded", subject, new.id, "statement", what, old.statement, new.statement,
             breaking=True)
    col.value("objective-dok-changed", subject, new.id, "dok", what, old.dok, new.dok, False)
    col.value("objective-pacing-changed", subject, new.id, "suggested weeks", what, old.suggested_weeks,
              new.suggested_weeks, False)
    for at in new.assessment_types:
        if at not in old.assessment_types:
            col.add("assessment-type-added", subject, new.id,
                    f"{what} now also allows {quote(_assessment_title(col, at))}", False, after=at)
    for at in old.assessment_types:
        if at not in new.assessment_types:
            col.add("assessment-type-removed", subject, new.id,
                    f"{what} no longer allows {quote(_assessment_title(col, at))}", True, before=at)
    old_aligns = [col.renamed.get(ref, ref) for ref in old.aligns]
    for ref in new.aligns:
        if ref not in old_aligns:
            col.add("alignment-added", subject, new.id, f"{what} now builds {ref}", False, after=ref)
    for ref in old_aligns:
        if ref not in new.aligns:
            col.add("alignment-removed", subject, new.id, f"{what} no longer builds {ref}", True, before=ref)
    for ref in new.standards:  # the crosswalk to the state's standards: a student's path is unchanged
        if ref not in old.standards:
            col.add("standard-added", subject, new.id, f"{what} now covers state standard {ref}", False, after=ref)
    for ref in old.standards:
        if ref not in new.standards:
            col.add("standard-removed", subject, new.id, f"{what} no longer covers state standard {ref}", False,
                    before=ref)
    old_source = _rubric_source(old, col.renamed)
    new_source = _rubric_source(new, {})
    if old_source == new_source and new.rubric is None:
        return  # the same shared rubric: its changes are reported once, under the competency
    if old_source != new_source:
        col.add("objective-rubric-source-changed", subject, new.id,
                f"{what} is now scored with {new_source} (was {old_source})", False, field="rubric",
                before=old.rubric_ref, after=new.rubric_ref)
    col.rubric(subject, new.id, f"{what} rubric", col.old.rubric_for(old), col.new.rubric_for(new))
