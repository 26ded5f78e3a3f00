"""`hcs-site new area|course`: commented starting files that validate clean.

Every value a committee must replace says `TODO:`; the IDs are real IDs (an ID is forever, so the
comments ask for them to be renamed before the file is merged). The status is `draft`, so the
site shows the page as under review until the committee adopts it.
"""

from __future__ import annotations

from ..model.framework import Framework
from .fill import fill


def area_yaml(fw: Framework, area_id: str, title: str, kind: str, schema_line: str) -> str:
    return fill("area.yml.j2", schema_comment=schema_line, area_id=area_id,
                title=title, kind=kind, c=f"{area_id}.1", scale=fw.district.scale)


def course_yaml(fw: Framework, course_id: str, title: str, area_id: str, grades: list[str | int],
                credit: float, programs: list[str], schema_line: str) -> str:
    area = fw.area_index[area_id]
    return fill("course.yml.j2", schema_comment=schema_line, course_id=course_id,
                title=title, area_id=area_id, grades=grades, credit=credit, programs=programs,
                first=area.competencies[0].id if area.competencies else area_id,
                reusable=next((comp.id for comp in area.competencies if comp.scoring_criteria), None),
                types=[a.id for a in fw.district.assessment_types[:2]], scale=fw.district.scale)
