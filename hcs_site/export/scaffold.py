"""`hcs-site new area|course`: commented starting files that validate clean.

Every value a committee must replace says `TODO:`; the IDs are real IDs (an ID is forever, so the
comments ask for them to be renamed before the file is merged). The status is `draft`, so the
site shows the page as under review until the committee adopts it.
"""

from __future__ import annotations

from ..model.framework import Framework
from ..model.text import PLACEHOLDER
from .yaml_out import SCHEMA_COMMENT, dump


def scalar(value: object) -> str:
    """One YAML value, quoted when needed, ready to put after `key: `."""
    return dump({"v": value})[3:].rstrip("\n")


def _scale_levels(fw: Framework, indent: str, what: str) -> str:
    lines = []
    for s in fw.district.scale:
        mark = " (mastery)" if s.mastery else ""
        lines.append(f"{indent}{s.level}: {PLACEHOLDER} what {what} looks like at {s.label.text()}{mark}.")
    return "\n".join(lines)


def area_yaml(fw: Framework, area_id: str, title: str, kind: str) -> str:
    c = f"{area_id}.1"
    indicators = "\n".join(
        f"      - id: {c}.{n}\n"
        f"        statement: {PLACEHOLDER} an observable step toward this competency ({n} of 4 to 8).\n"
        f"        dok: {min(n, 4)}"
        for n in range(1, 5)
    )
    return (
        SCHEMA_COMMENT.format(kind="area")
        + f"""# A competency area: what every graduate can do in {title}.
# Replace every TODO, rename the placeholder IDs ({c}, {c}.1 ...) before the file is merged
# (an ID is forever once published), then run `hcs-site validate`.
id: {area_id}
title: {scalar(title)}
kind: {kind}  # content | cross-curricular
status: draft  # draft | vetting | adopted | retired: draft shows "under review"
summary: {PLACEHOLDER} what every graduate can do in this area, in two or three sentences.

competencies:
  - id: {c}
    title: {PLACEHOLDER} a short name for the competency
    statement: {PLACEHOLDER} Students ... (what a graduate can do, in one sentence).
    universal: false  # true: every course shows it as a checkpoint
    performance_indicators:  # typically 4 to 8
{indicators}
    scoring_criteria:        # the rubric objectives can reuse with `rubric: {c}`
      - criterion: {PLACEHOLDER} what this row of the rubric judges
        levels:              # one descriptor per level of the district scale
{_scale_levels(fw, "          ", "the work")}
"""
    )


def course_yaml(fw: Framework, course_id: str, title: str, area_id: str, grades: list[str | int],
                credit: float, programs: list[str]) -> str:
    area = fw.area_index[area_id]
    first = area.competencies[0].id if area.competencies else area_id
    reusable = next((comp.id for comp in area.competencies if comp.scoring_criteria), None)
    types = [a.id for a in fw.district.assessment_types[:2]]
    objectives = []
    for n in range(1, 4):
        rubric = (f"rubric: {reusable}  # the scoring criteria of {reusable} apply (or write one, as in .1)"
                  if reusable and n > 1 else
                  f"rubric:\n      - criterion: {PLACEHOLDER} what this row of the rubric judges\n"
                  f"        levels:\n{_scale_levels(fw, '          ', 'the work')}")
        objectives.append(
            f"""  - id: {course_id}.{n}
    title: {PLACEHOLDER} a short name for objective {n}
    statement: {PLACEHOLDER} I can ... (what the student shows, in the student's voice).
    aligns: [{first}]  # competency or performance indicator IDs; at least one
    dok: 2  # Webb's Depth of Knowledge, 1 to 4
    assessment_types: {scalar(types)}  # from content/district.yml; exactly one means the only form
    {rubric}
    suggested_weeks: 4""")
    return (
        SCHEMA_COMMENT.format(kind="course")
        + f"""# A course and its Objectives for Mastery (3 to 12). Replace every TODO, rename the placeholder
# objective IDs if you number them differently, then run `hcs-site validate`.
id: {course_id}
title: {scalar(title)}
# state_code: "00.00000"  # optional; always quoted
area: {area_id}
grades: {scalar(grades)}  # "K" or 1 to 12
credit: {scalar(credit)}  # Carnegie units; 0 allowed
status: draft  # draft | vetting | adopted | retired: draft shows "under review"
programs: {scalar(programs)}
description: {PLACEHOLDER} what a family should know about this course, in plain language.
pacing:
  suggested_weeks: 36
  note: Students move on when they show mastery and may finish earlier or later.

objectives:
""" + "\n\n".join(objectives) + "\n"
    )
