"""Course files written by the spreadsheet import: a new file, or new objectives in an existing one.

An existing file keeps every line outside its `objectives:` block (comments, quoting, the order
of fields): only that block is rewritten. The result is checked like `hcs-site validate` would
check it, in the context of the whole framework, before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..check.rules_framework import check_framework
from ..check.schema import validate_document
from ..diagnostics import Diagnostic, Report
from ..load.files import mapping_or_problem
from ..load.yaml_reader import read_yaml
from ..model.build_framework import FrameworkBuilder
from ..model.framework import Course, Framework
from ..model.text import PLACEHOLDER
from ..scaffold import schema_lines, yaml_out


@dataclass
class NewCourse:
    id: str
    title: str
    area: str
    grades: list[str | int]
    credit: float = 1
    status: str = "draft"
    programs: list[str] | None = None
    description: str = ""

    def data(self, fw: Framework, objectives: list[dict[str, Any]]) -> dict[str, Any]:
        programs = self.programs or [p.id for p in fw.district.programs[:1]]
        return {
            "id": self.id,
            "title": self.title,
            "area": self.area,
            "grades": self.grades,
            "credit": int(self.credit) if float(self.credit).is_integer() else self.credit,
            "status": self.status,
            "programs": programs,
            "description": self.description or f"{PLACEHOLDER} what a family should know about this course, "
                                               "in plain language.",
            "objectives": objectives,
        }


def course_rel(course_id: str) -> str:
    return f"content/courses/{course_id.lower()}.yml"


def replace_objectives(original: str, course: Course, objectives: list[dict[str, Any]]) -> str:
    """The file with only its top-level `objectives:` block replaced (the rest byte for byte)."""
    block = yaml_out.dump({"objectives": objectives})
    keys = {ptr[0]: pos[0] for ptr, pos in course.doc.key_positions.items() if len(ptr) == 1}
    lines = original.splitlines(keepends=True)
    start = keys.get("objectives")
    if start is None:
        body = original if original.endswith("\n") else original + "\n"
        return body + block
    after = [line for line in keys.values() if line > start]
    end = min(after) - 1 if after else len(lines)
    while end > start and after and lines[end - 1].lstrip().startswith("#"):
        end -= 1  # a comment right above the next field belongs to that field
    rest = "".join(lines[end:])
    return "".join(lines[: start - 1]) + block + ("\n" + rest if rest and not rest.startswith("\n") else rest)


def check_text(fw: Framework, kind: str, rel: str, text: str) -> list[Diagnostic]:
    """What `hcs-site validate` would report about this area or course file, were it written."""
    doc, problems = read_yaml(text, rel)
    if doc is None:
        return problems
    problems = mapping_or_problem(doc) + validate_document(doc, kind)
    builder = FrameworkBuilder(fw.district.default_language)
    areas, courses = list(fw.areas), list(fw.courses)
    if kind == "area":
        area = builder.area(doc)
        areas = [a for a in areas if a.path != rel and a.id != area.id] + [area]
    else:
        course = builder.course(doc)
        courses = [c for c in courses if c.path != rel and c.id != course.id] + [course]
    report = Report()
    check_framework(Framework(fw.district, areas, courses, fw.unread), report)
    return problems + [d for d in report.diagnostics if d.loc.path == rel]


def updated_course_text(original: str, course: Course, objectives: list[dict[str, Any]]) -> str:
    """`replace_objectives`, verified: when the splice would change any other field (an unusual
    layout), the file is written afresh from its data instead (comments are then lost)."""
    spliced = replace_objectives(original, course, objectives)
    doc, _ = read_yaml(spliced, course.path)
    want = {**course.doc.data, "objectives": objectives}
    if doc is not None and doc.data == _plain(want):
        return spliced
    ref = schema_lines.first_ref(original)  # a file written afresh keeps the schema line it had
    return yaml_out.document(want, schema_lines.line(ref) if ref else "")


def _plain(data: Any) -> Any:
    """Data as the loader returns it (mapping keys are text: rubric level 3 is "3")."""
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data
