"""Rules for student portfolios: references into the framework, names, and private details."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

from ..diagnostics import Loc, Report
from ..model.framework import Framework
from ..model.portfolio import Evidence, Portfolio
from .suggest import did_you_mean

DISPLAY_NAME = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)* [^\W\d_]\.$")
ARTIFACT_TYPES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP", ".pdf": "PDF"}

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<!\d)(?:\+?1[-. ]?)?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}(?!\d)")
_STUDENT_NUMBER = re.compile(r"(?<![\d.-])\d{7,10}(?![\d.-])")
_PRIVATE_PATTERNS = (
    (_EMAIL, "an email address"),
    (_PHONE, "a phone number"),
    (_STUDENT_NUMBER, "what looks like a student number"),
)


_MAYBE_PRIVATE = re.compile(r"@|\d{3}")
"""Every pattern needs an '@' or three digits in a row: most texts are cleared by one search."""


def private_details(text: str) -> list[tuple[int, int, str]]:
    """(line offset, column, what) of every contact detail or student number in `text`."""
    if not _MAYBE_PRIVATE.search(text):
        return []
    found = []
    for offset, line in enumerate(text.split("\n")):
        for pattern, what in _PRIVATE_PATTERNS:
            for m in pattern.finditer(line):
                found.append((offset, m.start() + 1, what))
    return found


def _check_text(report: Report, loc: Loc, text: str, field: str) -> None:
    for _offset, _col, what in private_details(text):
        report.error(loc, "private-detail", f"{field} contains {what}, which cannot be published",
                     "remove it; a public portfolio never shows contact details or student numbers")


def check_body(report: Report, path: str, body: str, body_line: int) -> None:
    for offset, col, what in private_details(body):
        report.error(Loc(path, body_line + offset, col), "private-detail",
                     f"the text contains {what}, which cannot be published",
                     "remove it; a public portfolio never shows contact details or student numbers")


def check_portfolio(fw: Framework, p: Portfolio, report: Report) -> None:
    if p.display_name and not DISPLAY_NAME.match(unicodedata.normalize("NFC", p.display_name)):
        report.error(p.loc("display_name"), "display-name",
                     f"display_name '{p.display_name}' must be a first name and a last initial",
                     "write it like 'Maya S.' or 'D'Andre L.' (never a full name)")
    if p.language and p.language not in fw.district.languages:
        report.error(p.loc("language"), "unknown-language",
                     f"language '{p.language}' is not one of the district's languages",
                     "use one of: " + ", ".join(fw.district.languages))
    schools = fw.district.school_index
    if p.school and p.school not in schools:
        report.error(p.loc("school"), "unknown-ref",
                     f"portfolio refers to school '{p.school}', which does not exist"
                     f"{did_you_mean(p.school, schools)}", "use a school `id` from content/district.yml")
    aligned = set(fw.competencies) | set(fw.indicators)
    for goal in p.goals:
        _check_text(report, goal.loc("goal"), goal.goal, "the goal")
        for i, ref in enumerate(goal.aligns):
            if ref not in aligned and fw.complete("area"):
                report.error(goal.loc("aligns", i), "unknown-ref",
                             f"goal refers to competency '{ref}', which does not exist"
                             f"{did_you_mean(ref, aligned)}",
                             "use a competency ID from content/competencies/")
    for entry in p.plan:
        if entry.course and entry.course not in fw.course_index and fw.complete("course"):
            report.error(entry.loc("course"), "unknown-ref",
                         f"learning path refers to course '{entry.course}', which does not exist"
                         f"{did_you_mean(entry.course, fw.course_index)}",
                         "use a course ID from content/courses/")
    for i, interest in enumerate(p.interests):  # published too: as private as any other text
        _check_text(report, p.loc("interests", i), interest, "an interest")
    check_body(report, p.path, p.body, p.body_line)


def check_evidence(fw: Framework, ev: Evidence, artifact_files: set[str], report: Report) -> None:
    _check_text(report, ev.loc("title"), ev.title, "the title")
    check_body(report, ev.path, ev.body, ev.body_line)
    course = fw.course_index.get(ev.course)
    if ev.course and course is None and fw.complete("course"):
        report.error(ev.loc("course"), "unknown-ref", f"evidence refers to course '{ev.course}', "
                     f"which does not exist{did_you_mean(ev.course, fw.course_index)}",
                     "use a course ID from content/courses/")
    at = fw.district.assessment_index.get(ev.assessment_type)
    if ev.assessment_type and at is None:
        report.error(ev.loc("assessment_type"), "unknown-ref",
                     f"evidence refers to assessment type '{ev.assessment_type}', which does not exist"
                     f"{did_you_mean(ev.assessment_type, fw.district.assessment_index)}",
                     "use an assessment type `id` from content/district.yml")
    for i, obj_id in enumerate(ev.objectives):
        obj = fw.objectives.get(obj_id)
        if obj is None:
            if not fw.complete("course") or (course is not None and not course.objectives):
                continue  # the course file could not be read, or its objectives: its own error says why
            pool = [o.id for o in course.objectives] if course else fw.objectives
            report.error(ev.loc("objectives", i), "unknown-ref",
                         f"evidence refers to objective '{obj_id}', which does not exist"
                         f"{did_you_mean(obj_id, pool)}", "use an objective ID of the evidence's course")
            continue
        if course is not None and obj.course_id != course.id:
            report.error(ev.loc("objectives", i), "objective-not-in-course",
                         f"objective {obj_id} belongs to course {obj.course_id}, not {course.id}",
                         f"list objectives of {course.id} only, or change `course`")
        if at is not None and ev.assessment_type not in obj.assessment_types:
            report.error(ev.loc("assessment_type"), "assessment-not-allowed",
                         f"objective {obj_id} does not allow assessment type '{ev.assessment_type}'",
                         "allowed for it: " + ", ".join(obj.assessment_types))
    aligned = set(fw.competencies) | set(fw.indicators)
    for i, ref in enumerate(ev.competencies):
        if ref not in aligned and fw.complete("area"):
            report.error(ev.loc("competencies", i), "unknown-ref",
                         f"evidence refers to competency '{ref}', which does not exist"
                         f"{did_you_mean(ref, aligned)}", "use a competency ID from content/competencies/")
    if ev.level is not None and fw.district.level(ev.level) is None:
        levels = ", ".join(str(s.level) for s in fw.district.scale)
        report.error(ev.loc("level"), "unknown-level", f"level {ev.level} is not on the district scale",
                     f"use one of: {levels}")
    folder = PurePosixPath(ev.path).parent.parent
    for art in ev.artifacts:
        _check_text(report, art.loc("alt"), art.alt, "the alt text")
        suffix = PurePosixPath(art.file).suffix.lower()
        target = (folder / art.file).as_posix()
        if ".." in PurePosixPath(art.file).parts or art.file.startswith("/"):
            report.error(art.loc("file"), "artifact-path", f"artifact '{art.file}' is outside the portfolio",
                         "put the file in the student's portfolio folder and name it relative to it")
        elif suffix not in ARTIFACT_TYPES:
            report.error(art.loc("file"), "artifact-type",
                         f"artifact '{art.file}' is not an allowed type ({suffix or 'no extension'})",
                         "use PNG, JPEG, WebP or PDF; SVG and other formats are not published")
        elif target not in artifact_files:
            report.error(art.loc("file"), "artifact-missing",
                         f"artifact '{art.file}' is not in {folder.as_posix()}/",
                         "add the file next to portfolio.md, or fix the name")
