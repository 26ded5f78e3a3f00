"""The framework as the rules of a student's folder see it: every course by its ID and titles, each
objective by its ID, titles, course and allowed assessment types, and nothing else of them.

A student's check reads courses only to resolve references (an ID, or a title in any language,
`references.resolve`) and to judge evidence (an objective belongs to the evidence's course, allows
its assessment type). Given the whole framework, its cache entry had to be keyed on every file under
`content/`, so one sentence added to an objective's statement judged every student again. The
rules are given this view instead, cached or not, and the entry is keyed on its `fingerprint`: a
rule can only read what the key holds, so a course's statements, descriptions, rubrics, pacing,
standards and alignments change no student's entry. The district and the areas are kept whole.
"""

from __future__ import annotations

from ..load.yaml_reader import Document
from ..model.fingerprint import fingerprint
from ..model.framework import Course, Framework, Objective
from ..model.text import Text


def student_view(fw: Framework) -> Framework:
    """A framework of the same district and areas whose courses hold only what a student's rules read."""
    return Framework(fw.district, fw.areas, [_course(c, fw.district.default_language) for c in fw.courses],
                     fw.unread)


def view_key(view: Framework | None) -> str:
    """What a student's check depends on of the framework: the view, field for field."""
    return fingerprint(view) if view is not None else "no framework"


def _course(course: Course, lang: str) -> Course:
    bare = Document(course.doc.path, None)  # the file's name; its other values are not the rules' to read
    empty = Text((), lang)
    objectives = [Objective(bare, o.ptr, id=o.id, title=o.title, statement=empty, aligns=[], dok=None,
                            assessment_types=list(o.assessment_types), rubric=None, rubric_ref=None,
                            suggested_weeks=None, replaces=None, course_id=o.course_id)
                  for o in course.objectives]
    return Course(bare, course.ptr, id=course.id, title=course.title, state_code=None, area="", grades=[],
                  credit=0.0, status="", programs=[], description=empty, pacing_weeks=None, pacing_note=empty,
                  objectives=objectives, replaces=None)
