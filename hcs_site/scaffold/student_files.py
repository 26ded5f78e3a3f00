"""`hcs-site new portfolio|evidence`: a student's starting files, unpublished until consent.

Consent starts as `publish: false`: nothing a new folder holds is published until a guardian has
agreed. The comments say what never to write (full names, birthdays, addresses ...).
"""

from __future__ import annotations

import datetime as dt

from ..model.framework import Course, Framework
from .fill import fill


def school_year(today: dt.date) -> str:
    """2026-27 from August 2026 to July 2027."""
    start = today.year if today.month >= 8 else today.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _grade_course(fw: Framework, grade: str | int) -> Course | None:
    active = [c for c in fw.courses if c.status != "retired"]
    return next((c for c in active if grade in c.grades), None)


def portfolio_text(fw: Framework, school: str, grade: str | int, today: dt.date) -> str:
    return fill("portfolio.md.j2", school=school, grade=grade, today=today, year=school_year(today),
                course=_grade_course(fw, grade), schools=", ".join(s.id for s in fw.district.schools),
                languages=fw.district.languages, language=fw.district.default_language)


def evidence_text(fw: Framework, course: Course, slug: str, today: dt.date) -> str:
    lang = fw.district.default_language
    scale = ", ".join(f"{s.level} {s.label.text(lang)}" + (" (mastery)" if s.mastery else "")
                      for s in fw.district.scale)
    return fill("evidence.md.j2", title=slug.replace("-", " ").capitalize(), today=today, course=course,
                obj=course.objectives[0], scale=scale, mastery_level=fw.district.mastery_level)
