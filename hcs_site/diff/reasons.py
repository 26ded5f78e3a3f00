"""Why a change is breaking for students, in one phrase a committee chair reads at a glance, and
when it cannot be: nobody is held to a course or competency area still in draft or in vetting.
"""

from __future__ import annotations

from ..model.framework import UNDER_REVIEW, Framework

REASONS: dict[str, str] = {
    "mastery-level-changed": "what counts as mastery changed for every course",
    "mastery-rule-changed": "how mastery is calculated changed for every course",
    "scale-level-added": "the scale every rubric uses changed",
    "scale-level-removed": "the scale every rubric uses changed",
    "competency-added": "every student must now show it",
    "competency-removed": "what students showed for it no longer counts",
    "competency-universal-changed": "every student must now show it",
    "indicator-removed": "what students showed for it no longer counts",
    "rubric-criterion-added": "one more criterion to meet",
    "rubric-descriptor-changed": "what is expected at or below mastery changed",
    "course-removed": "students taking it lose the course",
    "course-credit-changed": "less credit for the same work",
    "course-grades-changed": "students in a grade it no longer serves cannot take it",
    "course-programs-changed": "a program no longer offers it",
    "course-status-changed": "a retired course can no longer be earned",
    "objective-added": "one more objective to show for the credit",
    "objective-removed": "what students showed for it no longer counts",
    "objective-reworded": "the expectation itself changed",
    "assessment-type-removed": "fewer ways to show it",
    "alignment-removed": "the objective no longer builds that competency",
}
"""The reason of each kind of change that can be breaking (docs/propose-a-change.md)."""


def under_review(old: Framework, subject_kind: str, subject: str) -> str | None:
    """'course ALG-1 was draft in the base edition' when no student was held to the subject yet."""
    status = None
    if subject_kind == "course" and subject in old.course_index:
        status = old.course_index[subject].status
    elif subject_kind == "area" and subject in old.area_index:
        status = old.area_index[subject].status
    elif subject_kind == "competency" and subject in old.competencies:
        area = old.area_index.get(old.competencies[subject].area_id)
        status = area.status if area else None
        subject_kind, subject = ("competency area", area.id) if area else (subject_kind, subject)
    if status not in UNDER_REVIEW:
        return None
    words = "in vetting" if status == "vetting" else "a draft"
    return f"not breaking: {subject_kind} {subject} was {words} in the base edition, so no student is held to it yet"
