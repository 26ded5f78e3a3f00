"""`hcs-site export csv`: the framework as spreadsheets a committee can open, edit and import.

Files (all UTF-8 with a BOM, comma-separated):

- `areas.csv`, `competencies.csv`, `indicators.csv`, `courses.csv`: one row per item;
- `objectives/<COURSE-ID>.csv`: one sheet per course in exactly the layout `import csv` reads.
"""

from __future__ import annotations

from ..model.framework import Course, Framework
from .csv_layout import (
    criteria_cells,
    criteria_columns,
    join_list,
    number_cell,
    objective_header,
    other_languages,
    suffixed,
    text_cell,
    write_csv,
)


def objective_sheet(fw: Framework, course: Course) -> str:
    d = fw.district
    lang = d.default_language
    levels = [s.level for s in d.scale]
    count = max([len(o.rubric or []) for o in course.objectives] + [1])
    rows = [objective_header(d, count)]
    for obj in course.objectives:
        criteria = obj.rubric or []
        row = [
            obj.id, text_cell(obj.title, lang), text_cell(obj.statement, lang), join_list(obj.aligns),
            number_cell(obj.dok), join_list(obj.assessment_types), number_cell(obj.suggested_weeks),
            obj.rubric_ref or "", *criteria_cells(criteria, count, levels, lang), obj.replaces or "",
        ]
        for other in other_languages(d):
            row += [text_cell(obj.title, other), text_cell(obj.statement, other)]
            row += criteria_cells(criteria, count, levels, other)
        rows.append(row)
    return write_csv(rows)


def _texts(header: list[str], fields: tuple[str, ...], langs: list[str]) -> list[str]:
    return header + [suffixed(f, lang) for lang in langs for f in fields]


def framework_sheets(fw: Framework) -> dict[str, str]:
    """{file name: CSV text}, in a stable order."""
    d = fw.district
    lang = d.default_language
    others = other_languages(d)
    levels = [s.level for s in d.scale]
    out: dict[str, str] = {}

    rows = [_texts(["id", "kind", "status", "title", "summary"], ("title", "summary"), others)]
    for a in fw.areas:
        rows.append([a.id, a.kind, a.status, text_cell(a.title, lang), text_cell(a.summary, lang)]
                    + [text_cell(t, o) for o in others for t in (a.title, a.summary)])
    out["areas.csv"] = write_csv(rows)

    comps = list(fw.competencies.values())
    count = max([len(c.scoring_criteria or []) for c in comps] + [1])
    header = ["area", "id", "title", "statement", "universal", "replaces", *criteria_columns(count, levels)]
    for o in others:
        header += [suffixed("title", o), suffixed("statement", o), *criteria_columns(count, levels, o)]
    rows = [header]
    for c in comps:
        row = [c.area_id, c.id, text_cell(c.title, lang), text_cell(c.statement, lang),
               "yes" if c.universal else "no", c.replaces or "",
               *criteria_cells(c.scoring_criteria or [], count, levels, lang)]
        for o in others:
            row += [text_cell(c.title, o), text_cell(c.statement, o),
                    *criteria_cells(c.scoring_criteria or [], count, levels, o)]
        rows.append(row)
    out["competencies.csv"] = write_csv(rows)

    rows = [_texts(["competency", "id", "statement", "dok", "replaces"], ("statement",), others)]
    for ind in fw.indicators.values():
        rows.append([ind.competency_id, ind.id, text_cell(ind.statement, lang), number_cell(ind.dok),
                     ind.replaces or ""] + [text_cell(ind.statement, o) for o in others])
    out["indicators.csv"] = write_csv(rows)

    texts = ("title", "description", "pacing_note")
    rows = [_texts(["id", "title", "state_code", "area", "grades", "credit", "status", "programs",
                    "suggested_weeks", "description", "pacing_note", "replaces", "objectives"], texts, others)]
    for course in fw.courses:
        rows.append([course.id, text_cell(course.title, lang), course.state_code or "", course.area,
                     join_list(course.grades), number_cell(course.credit), course.status,
                     join_list(course.programs), number_cell(course.pacing_weeks),
                     text_cell(course.description, lang), text_cell(course.pacing_note, lang),
                     course.replaces or "", f"objectives/{course.id}.csv"]
                    + [text_cell(t, o) for o in others
                       for t in (course.title, course.description, course.pacing_note)])
    out["courses.csv"] = write_csv(rows)

    for course in fw.courses:
        out[f"objectives/{course.id}.csv"] = objective_sheet(fw, course)
    return out
