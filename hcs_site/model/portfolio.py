"""Student portfolios and evidence as typed objects; built only from schema-shaped front matter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ..load.files import MarkdownFile
from .node import Node


@dataclass(eq=False)
class Consent:
    publish: bool = False
    guardian: bool = False
    adult_student: bool = False
    date: str | None = None
    expires: str | None = None


@dataclass(eq=False)
class Goal(Node):
    goal: str
    aligns: list[str]
    status: str


@dataclass(eq=False)
class PlanEntry(Node):
    course: str
    status: str
    year: str


@dataclass(eq=False)
class Artifact(Node):
    file: str
    alt: str


@dataclass(eq=False)
class Evidence(Node):
    slug: str
    title: str
    date: str
    course: str
    objectives: list[str]
    competencies: list[str]
    assessment_type: str
    level: int | None
    scored_by: str | None
    artifacts: list[Artifact]
    body: str
    body_line: int

    @property
    def counts_for_mastery(self) -> bool:
        return self.scored_by == "teacher" and self.level is not None

    def artifact_source(self, art: Artifact) -> str | None:
        """Repository-relative path of an artifact, or None when its name escapes the folder."""
        name = PurePosixPath(art.file)
        if ".." in name.parts or art.file.startswith("/") or "\\" in art.file:
            return None
        return (PurePosixPath(self.path).parent.parent / name).as_posix()


@dataclass(eq=False)
class Portfolio(Node):
    key: str
    display_name: str
    school: str
    grade: str | int
    language: str
    consent: Consent | None
    goals: list[Goal]
    interests: list[str]
    plan: list[PlanEntry]
    body: str
    body_line: int
    evidence: list[Evidence] = field(default_factory=list)

    def skip_reason(self, today: dt.date) -> str | None:
        """Why no page may be built, or None when publishing is allowed."""
        c = self.consent
        if c is None:
            return "it has no consent block"
        if not c.publish:
            return "consent says publish: false"
        if not (c.guardian or c.adult_student):
            return "it has no guardian consent (and the student is not an adult student)"
        if c.expires:
            try:
                if dt.date.fromisoformat(c.expires) < today:
                    return f"consent expired on {c.expires}"
            except ValueError:
                return "the consent expiry date is not a valid date"
        problems = consent_problems(self, today)
        if problems:
            return problems[0][2]
        return None


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def under_grade_12(grade: str | int) -> bool:
    """K to 11: an "adult student" (18 or over) signs alone only from grade 12."""
    return grade == "K" or (isinstance(grade, int) and not isinstance(grade, bool) and grade < 12)


def consent_problems(p: Portfolio, today: dt.date) -> list[tuple[str, str, str, str]]:
    """(field, code, message, fix) of each way the consent block cannot be trusted."""
    c = p.consent
    if c is None:
        return []
    found = []
    given, expires = _day(c.date), _day(c.expires)
    if given is not None and given > today:
        found.append(("date", "consent-date", f"the consent date {c.date} is in the future (today is "
                      f"{today.isoformat()} in the district's time zone)",
                      "write the day the form was signed"))
    if c.adult_student and under_grade_12(p.grade):
        found.append(("adult_student", "consent-adult",
                      f"adult_student: true, but the student is in grade {p.grade}",
                      "a student under grade 12 needs a guardian's consent: write `guardian: true` "
                      "once the form is signed, and remove adult_student"))
    if c.publish and (c.guardian or c.adult_student) and not c.expires:
        found.append(("", "consent-expires", "the consent has no `expires` date",
                      "add `expires:` (the end of the school year, like 2027-06-30): consent never lasts forever"))
    if given is not None and expires is not None and expires < given:
        found.append(("expires", "consent-expires", f"consent expires on {c.expires}, before it was given ({c.date})",
                      "check both dates; `expires` comes after `date`"))
    return found


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _strs(value: Any) -> list[str]:
    return [v for v in _list(value) if isinstance(v, str)]


def _s(value: Any) -> str:
    return value if isinstance(value, str) else ""


def build_portfolio(key: str, md: MarkdownFile) -> Portfolio:
    doc = md.front
    d: dict[str, Any] = doc.data
    raw_consent = d.get("consent")
    consent = None
    if isinstance(raw_consent, dict):
        consent = Consent(
            publish=raw_consent.get("publish") is True,
            guardian=raw_consent.get("guardian") is True,
            adult_student=raw_consent.get("adult_student") is True,
            date=raw_consent.get("date") if isinstance(raw_consent.get("date"), str) else None,
            expires=raw_consent.get("expires") if isinstance(raw_consent.get("expires"), str) else None,
        )
    return Portfolio(
        doc,
        (),
        key=key,
        display_name=_s(d.get("display_name")),
        school=_s(d.get("school")),
        grade=grade if isinstance(grade := d.get("grade"), str | int) else "",
        language=_s(d.get("language")),
        consent=consent,
        goals=[
            Goal(doc, ("goals", i), _s(g.get("goal")), _strs(g.get("aligns")), _s(g.get("status")))
            for i, g in enumerate(_list(d.get("goals")))
            if isinstance(g, dict)
        ],
        interests=_strs(d.get("interests")),
        plan=[
            PlanEntry(doc, ("plan", i), _s(p.get("course")), _s(p.get("status")), _s(p.get("year")))
            for i, p in enumerate(_list(d.get("plan")))
            if isinstance(p, dict)
        ],
        body=md.body,
        body_line=md.body_line,
    )


def build_evidence(slug: str, md: MarkdownFile) -> Evidence:
    doc = md.front
    d: dict[str, Any] = doc.data
    level = d.get("level")
    return Evidence(
        doc,
        (),
        slug=slug,
        title=_s(d.get("title")),
        date=_s(d.get("date")),
        course=_s(d.get("course")),
        objectives=_strs(d.get("objectives")),
        competencies=_strs(d.get("competencies")),
        assessment_type=_s(d.get("assessment_type")),
        level=level if isinstance(level, int) and not isinstance(level, bool) else None,
        scored_by=d.get("scored_by") if isinstance(d.get("scored_by"), str) else None,
        artifacts=[
            Artifact(doc, ("artifacts", i), _s(a.get("file")), _s(a.get("alt")))
            for i, a in enumerate(_list(d.get("artifacts")))
            if isinstance(a, dict)
        ],
        body=md.body,
        body_line=md.body_line,
    )
