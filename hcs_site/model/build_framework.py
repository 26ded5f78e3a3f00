"""Turning loaded documents into framework objects.

Building is tolerant: a document with shape errors still yields what can be read, so the
cross-reference rules can report the rest of its problems in the same run instead of hiding them
behind the first one. Wrongly typed values are simply skipped (the schema already reported them).
"""

from __future__ import annotations

import re
from typing import Any

from ..load.yaml_reader import Document, Pointer
from .framework import (
    Area,
    AssessmentType,
    Competency,
    Contact,
    Course,
    Criterion,
    District,
    Indicator,
    License,
    MasteryRule,
    Objective,
    Program,
    ScaleLevel,
    School,
)
from .text import Text

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")
"""A colour the schema accepts; anything else is reported by the schema and left out here."""


def _map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _items(value: Any) -> list[tuple[int, dict[str, Any]]]:
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _opt_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _num(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _strs(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _license(d: dict[str, Any]) -> License | None:
    title, text = _str(d.get("title")), _str(d.get("text"))
    return License(title, text, _opt_str(d.get("url"))) if title and text else None


def _contact(value: Any) -> Contact | None:
    d = _map(value)
    found = {k: v for k in ("email", "phone", "web") if isinstance(v := d.get(k), str) and v.strip()}
    return Contact(**found) if found else None


class FrameworkBuilder:
    def __init__(self, default_language: str = "en") -> None:
        self.lang = default_language

    def text(self, value: Any) -> Text:
        return Text.of(value if isinstance(value, str | dict) else None, self.lang)

    def district(self, doc: Document) -> District:
        d = _map(doc.data)
        self.lang = _str(d.get("default_language")) or "en"
        rule = _map(d.get("mastery_rule"))
        return District(
            doc,
            (),
            name=self.text(d.get("district")),
            short_name=_str(d.get("short_name")),
            default_language=self.lang,
            languages=_strs(d.get("languages")) or [self.lang],
            edition=_str(d.get("edition")),
            scale=[
                ScaleLevel(
                    doc,
                    ("scale", i),
                    level=_int(s.get("level")) or 0,
                    label=self.text(s.get("label")),
                    description=self.text(s.get("description")),
                    mastery=s.get("mastery") is True,
                )
                for i, s in _items(d.get("scale"))
                if _int(s.get("level")) is not None
            ],
            mastery_rule=MasteryRule(
                method=_str(rule.get("method")) or "latest",
                weight=_num(rule.get("weight")) or 65.0,
                count=_int(rule.get("count")) or 2,
            ),
            assessment_types=[
                AssessmentType(
                    doc, ("assessment_types", i), _str(a.get("id")), self.text(a.get("title")),
                    self.text(a.get("description")),
                )
                for i, a in _items(d.get("assessment_types"))
            ],
            timezone=_str(d.get("timezone")) or "America/New_York",
            student_number_pattern=_str(d.get("student_number_pattern")) or None,
            license=_license(_map(d.get("license"))),
            logo=_str(d.get("logo")) or None,
            colors={k: v for k in ("primary", "accent")
                    if isinstance(v := _map(d.get("colors")).get(k), str) and _HEX.fullmatch(v)},
            contact=_contact(d.get("contact")),
            programs=[
                Program(
                    doc, ("programs", i), _str(p.get("id")), self.text(p.get("title")),
                    self.text(p.get("description")), p.get("virtual") is True,
                )
                for i, p in _items(d.get("programs"))
            ],
            schools=[
                School(
                    doc, ("schools", i), _str(s.get("id")), self.text(s.get("title")), _str(s.get("level")),
                    _contact(s.get("contact")),
                )
                for i, s in _items(d.get("schools"))
            ],
        )

    def rubric(self, doc: Document, value: Any, ptr: Pointer) -> list[Criterion] | None:
        if not isinstance(value, list):
            return None
        criteria = []
        for i, c in _items(value):
            levels: dict[int, Text] = {}
            keys: dict[int, str] = {}
            for key, descriptor in _map(c.get("levels")).items():
                if key.isdigit():
                    levels[int(key)] = self.text(descriptor)
                    keys[int(key)] = key
            criteria.append(Criterion(doc, (*ptr, i), self.text(c.get("criterion")), levels, keys,
                                      _str(c.get("id")) or None))
        return criteria

    def area(self, doc: Document) -> Area:
        d = _map(doc.data)
        area_id = _str(d.get("id"))
        competencies = []
        for i, c in _items(d.get("competencies")):
            ptr = ("competencies", i)
            comp_id = _str(c.get("id"))
            competencies.append(
                Competency(
                    doc,
                    ptr,
                    id=comp_id,
                    title=self.text(c.get("title")),
                    statement=self.text(c.get("statement")),
                    universal=c.get("universal") is True,
                    replaces=_opt_str(c.get("replaces")),
                    indicators=[
                        Indicator(
                            doc, (*ptr, "performance_indicators", j), _str(p.get("id")),
                            self.text(p.get("statement")), _int(p.get("dok")),
                            _opt_str(p.get("replaces")), comp_id,
                        )
                        for j, p in _items(c.get("performance_indicators"))
                    ],
                    scoring_criteria=self.rubric(doc, c.get("scoring_criteria"), (*ptr, "scoring_criteria")),
                    area_id=area_id,
                )
            )
        return Area(
            doc,
            (),
            id=area_id,
            title=self.text(d.get("title")),
            kind=_str(d.get("kind")),
            status=_str(d.get("status")) or "adopted",
            summary=self.text(d.get("summary")),
            competencies=competencies,
        )

    def course(self, doc: Document) -> Course:
        d = _map(doc.data)
        course_id = _str(d.get("id"))
        objectives = []
        for i, o in _items(d.get("objectives")):
            ptr = ("objectives", i)
            rubric = o.get("rubric")
            objectives.append(
                Objective(
                    doc,
                    ptr,
                    id=_str(o.get("id")),
                    title=self.text(o.get("title")),
                    statement=self.text(o.get("statement")),
                    aligns=_strs(o.get("aligns")),
                    dok=_int(o.get("dok")),
                    assessment_types=_strs(o.get("assessment_types")),
                    rubric=self.rubric(doc, rubric, (*ptr, "rubric")),
                    rubric_ref=_opt_str(rubric),
                    suggested_weeks=_num(o.get("suggested_weeks")),
                    replaces=_opt_str(o.get("replaces")),
                    course_id=course_id,
                    standards=_strs(o.get("standards")),
                )
            )
        pacing = _map(d.get("pacing"))
        grades = d.get("grades")
        return Course(
            doc,
            (),
            id=course_id,
            title=self.text(d.get("title")),
            state_code=_opt_str(d.get("state_code")),
            area=_str(d.get("area")),
            grades=[g for g in grades if g == "K" or _int(g) is not None] if isinstance(grades, list) else [],
            credit=_num(d.get("credit")) or 0.0,
            status=_str(d.get("status")) or "adopted",
            programs=_strs(d.get("programs")),
            description=self.text(d.get("description")),
            pacing_weeks=_num(pacing.get("suggested_weeks")),
            pacing_note=self.text(pacing.get("note")),
            objectives=objectives,
            replaces=_opt_str(d.get("replaces")),
        )
