"""The framework model back to plain data in the content model's own shape (what the YAML says).

Used by the JSON API (`api/framework.json`, validated against the published schemas), by the
spreadsheet import (which writes course YAML) and by the scaffolds. Two text styles:

- `"map"`: every text is a `{language: text}` mapping, so a script never has to handle both shapes;
- `"compact"`: a text in the default language only is a plain string, as a committee writes it.
"""

from __future__ import annotations

from typing import Any, Literal

from ..model.framework import (
    Area,
    Competency,
    Course,
    Criterion,
    District,
    Framework,
    Indicator,
    Objective,
)
from ..model.text import Text

TextStyle = Literal["map", "compact"]
Data = dict[str, Any]


def number(value: float | int) -> float | int:
    """1.0 -> 1 (the way a person writes it); 0.5 stays 0.5."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def text(value: Text, style: TextStyle = "map") -> str | dict[str, str]:
    pairs = dict(value.values)
    if style == "compact" and list(pairs) == [value.default_language]:
        return pairs[value.default_language]
    return pairs


def _put_text(out: Data, key: str, value: Text, style: TextStyle) -> None:
    if value:
        out[key] = text(value, style)


def rubric(criteria: list[Criterion], style: TextStyle = "map") -> list[Data]:
    return [
        {
            "criterion": text(c.name, style),
            "levels": {str(level): text(c.levels[level], style) for level in sorted(c.levels)},
        }
        for c in criteria
    ]


def district(d: District, style: TextStyle = "map") -> Data:
    out: Data = {"district": text(d.name, style)}
    if d.short_name:
        out["short_name"] = d.short_name
    out.update(default_language=d.default_language, languages=list(d.languages), edition=d.edition)
    scale = []
    for s in d.scale:
        level: Data = {"level": s.level, "label": text(s.label, style)}
        _put_text(level, "description", s.description, style)
        if s.mastery:
            level["mastery"] = True
        scale.append(level)
    out["scale"] = scale
    rule: Data = {"method": d.mastery_rule.method}
    if d.mastery_rule.method == "decaying_average":
        rule["weight"] = number(d.mastery_rule.weight)
    if d.mastery_rule.method == "n_times":
        rule["count"] = d.mastery_rule.count
    out["mastery_rule"] = rule
    out["assessment_types"] = [
        {"id": a.id, "title": text(a.title, style), "description": text(a.description, style)}
        for a in d.assessment_types
    ]
    programs = []
    for p in d.programs:
        prog: Data = {"id": p.id, "title": text(p.title, style)}
        _put_text(prog, "description", p.description, style)
        if p.virtual:
            prog["virtual"] = True
        programs.append(prog)
    out["programs"] = programs
    out["schools"] = [{"id": s.id, "title": text(s.title, style), "level": s.level} for s in d.schools]
    return out


def indicator(ind: Indicator, style: TextStyle = "map") -> Data:
    out: Data = {"id": ind.id, "statement": text(ind.statement, style)}
    if ind.dok is not None:
        out["dok"] = ind.dok
    if ind.replaces:
        out["replaces"] = ind.replaces
    return out


def competency(comp: Competency, style: TextStyle = "map") -> Data:
    out: Data = {
        "id": comp.id,
        "title": text(comp.title, style),
        "statement": text(comp.statement, style),
        "universal": comp.universal,
    }
    if comp.replaces:
        out["replaces"] = comp.replaces
    out["performance_indicators"] = [indicator(i, style) for i in comp.indicators]
    if comp.scoring_criteria:
        out["scoring_criteria"] = rubric(comp.scoring_criteria, style)
    return out


def area(a: Area, style: TextStyle = "map") -> Data:
    out: Data = {"id": a.id, "title": text(a.title, style), "kind": a.kind, "status": a.status}
    _put_text(out, "summary", a.summary, style)
    out["competencies"] = [competency(c, style) for c in a.competencies]
    return out


def objective(obj: Objective, style: TextStyle = "map") -> Data:
    out: Data = {
        "id": obj.id,
        "title": text(obj.title, style),
        "statement": text(obj.statement, style),
        "aligns": list(obj.aligns),
    }
    if obj.dok is not None:
        out["dok"] = obj.dok
    out["assessment_types"] = list(obj.assessment_types)
    if obj.rubric_ref is not None:
        out["rubric"] = obj.rubric_ref
    elif obj.rubric is not None:
        out["rubric"] = rubric(obj.rubric, style)
    if obj.suggested_weeks is not None:
        out["suggested_weeks"] = number(obj.suggested_weeks)
    if obj.replaces:
        out["replaces"] = obj.replaces
    return out


def course(c: Course, style: TextStyle = "map", objectives: bool = True) -> Data:
    out: Data = {"id": c.id, "title": text(c.title, style)}
    if c.state_code is not None:
        out["state_code"] = c.state_code
    out.update(area=c.area, grades=list(c.grades), credit=number(c.credit), status=c.status,
               programs=list(c.programs))
    _put_text(out, "description", c.description, style)
    pacing: Data = {}
    if c.pacing_weeks is not None:
        pacing["suggested_weeks"] = number(c.pacing_weeks)
    _put_text(pacing, "note", c.pacing_note, style)
    if pacing:
        out["pacing"] = pacing
    if objectives:
        out["objectives"] = [objective(o, style) for o in c.objectives]
    if c.replaces:
        out["replaces"] = c.replaces
    return out


def framework(fw: Framework, style: TextStyle = "map") -> Data:
    """The whole framework: `district` (district.yml), `areas` and `courses` (one entry per file)."""
    return {
        "district": district(fw.district, style),
        "areas": [area(a, style) for a in fw.areas],
        "courses": [course(c, style) for c in fw.courses],
    }
