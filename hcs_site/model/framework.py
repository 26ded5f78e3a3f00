"""The competency framework as typed objects, indexed by ID: what every page and export reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .node import Node
from .standards import StandardSet
from .text import Text

ACTIVE_STATUSES = ("draft", "vetting", "adopted")
UNDER_REVIEW = ("draft", "vetting")


def default_first(languages: list[str], default: str) -> list[str]:
    """A site's languages in build order: the default (built at the root) first."""
    return [default, *(lang for lang in languages if lang != default)]


@dataclass(eq=False)
class ScaleLevel(Node):
    level: int
    label: Text
    description: Text
    mastery: bool


@dataclass(eq=False)
class MasteryRule:
    method: str = "latest"
    weight: float = 65.0
    count: int = 2


@dataclass(eq=False)
class AssessmentType(Node):
    id: str
    title: Text
    description: Text


@dataclass(eq=False)
class Program(Node):
    id: str
    title: Text
    description: Text
    virtual: bool


@dataclass(frozen=True)
class Contact:
    """How families reach the district or a school (every field optional)."""

    email: str | None = None
    phone: str | None = None
    web: str | None = None


@dataclass(eq=False)
class School(Node):
    id: str
    title: Text
    level: str
    contact: Contact | None = None


@dataclass(frozen=True)
class License:
    title: str
    text: str
    url: str | None = None


@dataclass(eq=False)
class District(Node):
    name: Text
    short_name: str
    default_language: str
    languages: list[str]
    edition: str
    scale: list[ScaleLevel]
    mastery_rule: MasteryRule
    assessment_types: list[AssessmentType]
    programs: list[Program]
    schools: list[School]
    timezone: str = "America/New_York"
    """IANA zone the district's days are counted in (consent dates and expiry)."""
    student_number_pattern: str | None = None
    """Regular expression of the district's student numbers; None: 7 to 10 digits."""
    license: License | None = None
    """The licence the published framework is offered under (CASE CFLicense)."""
    logo: str | None = None
    """The logo file, relative to the repository's root (checked by check/rules_identity.py)."""
    colors: dict[str, str] = field(default_factory=dict)
    """`primary` and `accent` as #RRGGBB, each readable under white text."""
    contact: Contact | None = None

    @property
    def mastery_level(self) -> int:
        marked = [s.level for s in self.scale if s.mastery]
        return marked[0] if marked else (self.scale[-1].level if self.scale else 0)

    def level(self, number: int) -> ScaleLevel | None:
        return next((s for s in self.scale if s.level == number), None)

    @cached_property
    def assessment_index(self) -> dict[str, AssessmentType]:
        return {a.id: a for a in self.assessment_types}

    @cached_property
    def program_index(self) -> dict[str, Program]:
        return {p.id: p for p in self.programs}

    @cached_property
    def school_index(self) -> dict[str, School]:
        return {s.id: s for s in self.schools}


@dataclass(eq=False)
class Criterion(Node):
    name: Text
    levels: dict[int, Text]
    level_keys: dict[int, str] = field(default_factory=dict)
    """The keys as written (`"01"` stays visible to the rubric rule)."""
    key: str | None = None
    """The optional `id`: names the criterion in CASE whatever its wording or position."""


@dataclass(eq=False)
class Indicator(Node):
    id: str
    statement: Text
    dok: int | None
    replaces: str | None
    competency_id: str


@dataclass(eq=False)
class Competency(Node):
    id: str
    title: Text
    statement: Text
    universal: bool
    replaces: str | None
    indicators: list[Indicator]
    scoring_criteria: list[Criterion] | None
    area_id: str


@dataclass(eq=False)
class Area(Node):
    id: str
    title: Text
    kind: str
    status: str
    summary: Text
    competencies: list[Competency]

    @property
    def slug(self) -> str:
        return self.id.lower()


@dataclass(eq=False)
class Objective(Node):
    id: str
    title: Text
    statement: Text
    aligns: list[str]
    dok: int | None
    assessment_types: list[str]
    rubric: list[Criterion] | None
    rubric_ref: str | None
    suggested_weeks: float | None
    replaces: str | None
    course_id: str
    standards: list[str] = field(default_factory=list)
    """State standards it covers: `<set>:<code or identifier>` (content/standards/<set>.json)."""


@dataclass(eq=False)
class Course(Node):
    id: str
    title: Text
    state_code: str | None
    area: str
    grades: list[str | int]
    credit: float
    status: str
    programs: list[str]
    description: Text
    pacing_weeks: float | None
    pacing_note: Text
    objectives: list[Objective]
    replaces: str | None

    @property
    def slug(self) -> str:
        return self.id.lower()

    @property
    def grade_bands(self) -> list[str]:
        """Every school level the course serves (Algebra I in grades 8-9 is middle and high)."""
        numbers = [0 if g == "K" else int(g) for g in self.grades] or [0]
        bands = ["elementary" if n <= 5 else "middle" if n <= 8 else "high" for n in sorted(numbers)]
        return list(dict.fromkeys(bands))


Item = Competency | Indicator | Course | Objective


@dataclass(eq=False)
class Framework:
    district: District
    areas: list[Area]
    courses: list[Course]
    unread: frozenset[str] = frozenset()
    """Kinds of file ("area", "course") of which at least one could not be read at all. References
    into them cannot be checked: the ID may well be in the unreadable file."""
    standards: dict[str, StandardSet] = field(default_factory=dict)
    """Imported state standards (content/standards/<id>.json), by set id."""

    def complete(self, kind: str) -> bool:
        """True when every file of this kind ("area" or "course") was read."""
        return kind not in self.unread

    @cached_property
    def area_items(self) -> dict[str, Competency | Indicator]:
        """The areas' part of `index` (competencies and indicators, the first definition winning):
        a framework of fewer courses and the same areas shares it (`render.student_framework`)."""
        found: dict[str, Competency | Indicator] = {}
        for area in self.areas:
            for comp in area.competencies:
                found.setdefault(comp.id, comp)
                for ind in comp.indicators:
                    found.setdefault(ind.id, ind)
        return found

    @cached_property
    def index(self) -> dict[str, Item]:
        """One namespace for every ID; the first definition wins (duplicates are a rule error)."""
        found: dict[str, Item] = dict(self.area_items)
        for course in self.courses:
            found.setdefault(course.id, course)
            for obj in course.objectives:
                found.setdefault(obj.id, obj)
        return found

    @cached_property
    def area_index(self) -> dict[str, Area]:
        return {a.id: a for a in self.areas}

    @cached_property
    def course_index(self) -> dict[str, Course]:
        return {c.id: c for c in self.courses}

    @cached_property
    def competencies(self) -> dict[str, Competency]:
        return {c.id: c for a in self.areas for c in a.competencies}

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        return {i.id: i for c in self.competencies.values() for i in c.indicators}

    @cached_property
    def objectives(self) -> dict[str, Objective]:
        return {o.id: o for c in self.courses for o in c.objectives}

    @property
    def universal(self) -> list[Competency]:
        return [c for c in self.competencies.values() if c.universal]

    def competency_of(self, item_id: str) -> Competency | None:
        """The competency an alignment points at (an indicator counts for its competency)."""
        if item_id in self.competencies:
            return self.competencies[item_id]
        ind = self.indicators.get(item_id)
        return self.competencies.get(ind.competency_id) if ind else None

    def rubric_for(self, objective: Objective) -> list[Criterion]:
        if objective.rubric is not None:
            return objective.rubric
        comp = self.competencies.get(objective.rubric_ref or "")
        return comp.scoring_criteria or [] if comp else []

    @cached_property
    def builders(self) -> dict[str, list[Objective]]:
        """Reverse index: competency ID to the objectives that build it (directly or via indicator)."""
        found: dict[str, list[Objective]] = {}
        for course in self.courses:
            for obj in course.objectives:
                seen: set[str] = set()
                for ref in obj.aligns:
                    comp = self.competency_of(ref)
                    if comp and comp.id not in seen:
                        seen.add(comp.id)
                        found.setdefault(comp.id, []).append(obj)
        return found

    @cached_property
    def replaced_by(self) -> dict[str, str]:
        """Old ID to the ID of the item that replaces it."""
        out: dict[str, str] = {}
        for item_id, item in self.index.items():
            if item.replaces:
                out.setdefault(item.replaces, item_id)
        return out
