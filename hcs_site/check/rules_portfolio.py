"""Rules for student portfolios: references into the framework, names, and private details.

`private_details` (check/private_text.py) is re-exported here: other checks call it on visible text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from ..diagnostics import Loc, Report
from ..load.yaml_reader import Document
from ..model.framework import Framework
from ..model.portfolio import Evidence, Portfolio
from .privacy import is_private
from .private_text import private_details
from .references import lookup
from .rules_consent import usable_pattern

__all__ = ["check_body", "check_evidence", "check_front_matter", "check_portfolio", "private_details"]

DISPLAY_NAME = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)* [^\W\d_]\.$")
ARTIFACT_TYPES = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP", ".pdf": "PDF"}

_LABELS = {("goals", "goal"): "the goal", ("interests",): "an interest", ("title",): "the title",
           ("artifacts", "alt"): "the alt text", ("artifacts", "file"): "the artifact name",
           ("display_name",): "the display name"}
PRIVATE_HINT = ("remove it; a public portfolio never shows contact details, addresses, birth dates or "
                "identity numbers")


def _label(ptr: tuple[str | int, ...]) -> str:
    words = tuple(p for p in ptr if isinstance(p, str))
    return _LABELS.get(words, "the field `" + ".".join(words) + "`")


def _strings(value: Any, ptr: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield ptr, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if not is_private(str(key)):  # a private field is refused whole (private-field)
                yield from _strings(item, (*ptr, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*ptr, i))


def check_front_matter(report: Report, doc: Document, pattern: str | None = None) -> None:
    """Every string of the front matter, whatever its field: each one may reach a page."""
    for ptr, text in _strings(doc.data, ()):
        for _offset, _col, what in private_details(text, pattern, markdown=True):
            report.error(doc.loc(*ptr), "private-detail", f"{_label(ptr)} contains {what}, which cannot be published",
                         PRIVATE_HINT)


def check_body(report: Report, path: str, body: str, body_line: int, pattern: str | None = None) -> None:
    for offset, col, what in private_details(body, pattern, markdown=True):
        report.error(Loc(path, body_line + offset, col), "private-detail",
                     f"the text contains {what}, which cannot be published", PRIVATE_HINT)


def check_portfolio(fw: Framework, p: Portfolio, report: Report) -> None:
    if p.display_name and not DISPLAY_NAME.match(unicodedata.normalize("NFC", p.display_name)):
        report.error(p.loc("display_name"), "display-name",
                     f"display_name '{p.display_name}' must be a first name and a last initial",
                     "write it like 'Maya S.' or 'D'Andre L.' (never a full name)")
    if p.language and p.language not in fw.district.languages:
        report.error(p.loc("language"), "unknown-language",
                     f"language '{p.language}' is not one of the district's languages",
                     "use one of: " + ", ".join(fw.district.languages))
    if p.school:
        p.school = lookup(report, p.loc("school"), "portfolio", p.school, "school", fw.district.school_index,
                          "use a school `id` from content/district.yml") or p.school
    aligned: dict[str, object] = {**fw.competencies, **fw.indicators}
    pattern = usable_pattern(fw.district)
    check_front_matter(report, p.doc, pattern)
    for goal in p.goals:
        for i, ref in enumerate(goal.aligns if fw.complete("area") else []):
            goal.aligns[i] = lookup(report, goal.loc("aligns", i), "goal", ref, "competency", aligned,
                                    "use a competency ID from content/competencies/") or ref
    for entry in p.plan:
        if entry.course and fw.complete("course"):
            entry.course = lookup(report, entry.loc("course"), "learning path", entry.course, "course",
                                  fw.course_index, "use a course ID from content/courses/") or entry.course
    check_body(report, p.path, p.body, p.body_line, pattern)


def check_evidence(fw: Framework, ev: Evidence, artifact_files: set[str], report: Report) -> None:
    pattern = usable_pattern(fw.district)
    check_front_matter(report, ev.doc, pattern)
    check_body(report, ev.path, ev.body, ev.body_line, pattern)
    if ev.course and fw.complete("course"):
        ev.course = lookup(report, ev.loc("course"), "evidence", ev.course, "course", fw.course_index,
                           "use a course ID from content/courses/") or ev.course
    course = fw.course_index.get(ev.course)
    if ev.assessment_type:
        ev.assessment_type = lookup(report, ev.loc("assessment_type"), "evidence", ev.assessment_type,
                                    "assessment type", fw.district.assessment_index,
                                    "use an assessment type `id` from content/district.yml") or ev.assessment_type
    at = fw.district.assessment_index.get(ev.assessment_type)
    for i, obj_id in enumerate(ev.objectives):
        obj = fw.objectives.get(obj_id)
        if obj is None:
            if not fw.complete("course") or (course is not None and not course.objectives):
                continue  # the course file could not be read, or its objectives: its own error says why
            pool = {o.id: o for o in course.objectives} if course else fw.objectives
            found = lookup(report, ev.loc("objectives", i), "evidence", obj_id, "objective", pool,
                           "use an objective ID of the evidence's course")
            if found is None:
                continue
            ev.objectives[i] = obj_id = found
            obj = fw.objectives[found]
        if course is not None and obj.course_id != course.id:
            report.error(ev.loc("objectives", i), "objective-not-in-course",
                         f"objective {obj_id} belongs to course {obj.course_id}, not {course.id}",
                         f"list objectives of {course.id} only, or change `course`")
        if at is not None and ev.assessment_type not in obj.assessment_types:
            report.error(ev.loc("assessment_type"), "assessment-not-allowed",
                         f"objective {obj_id} does not allow assessment type '{ev.assessment_type}'",
                         "allowed for it: " + ", ".join(obj.assessment_types))
    aligned: dict[str, object] = {**fw.competencies, **fw.indicators}
    for i, ref in enumerate(ev.competencies if fw.complete("area") else []):
        ev.competencies[i] = lookup(report, ev.loc("competencies", i), "evidence", ref, "competency", aligned,
                                    "use a competency ID from content/competencies/") or ref
    if ev.level is not None and fw.district.level(ev.level) is None:
        levels = ", ".join(str(s.level) for s in fw.district.scale)
        report.error(ev.loc("level"), "unknown-level", f"level {ev.level} is not on the district scale",
                     f"use one of: {levels}")
    folder = PurePosixPath(ev.path).parent.parent
    for art in ev.artifacts:
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
