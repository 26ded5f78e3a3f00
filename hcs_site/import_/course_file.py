"""Course files written by the spreadsheet import: a new file, or new objectives in an existing one.

An existing file is edited in place (`yaml_patch`): only the values that changed are rewritten,
every other line is kept byte for byte. The result is checked like `hcs-site validate` would
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
from ..model.framework import Framework
from ..model.text import PLACEHOLDER
from ..scaffold import schema_lines, yaml_out
from .yaml_patch import patch, same


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


def check_texts(fw: Framework, files: list[tuple[str, str, str]]) -> tuple[list[Diagnostic], Framework]:
    """What `hcs-site validate` would report about these (kind, path, text) area and course files,
    were they written, and the framework they would make (for `hcs-site diff`'s comparison)."""
    problems: list[Diagnostic] = []
    builder = FrameworkBuilder(fw.district.default_language)
    areas, courses = list(fw.areas), list(fw.courses)
    for kind, rel, text in files:
        doc, found = read_yaml(text.removeprefix("\ufeff"), rel)  # as the loader decodes a file
        if doc is None:
            problems += found
            continue
        problems += mapping_or_problem(doc) + validate_document(doc, kind)
        if kind == "area":
            area = builder.area(doc)
            areas = [a for a in areas if a.path != rel and a.id != area.id] + [area]
        else:
            course = builder.course(doc)
            courses = [c for c in courses if c.path != rel and c.id != course.id] + [course]
    order = {a.path: i for i, a in enumerate(fw.areas)} | {c.path: i for i, c in enumerate(fw.courses)}
    areas.sort(key=lambda a: (order.get(a.path, len(order)), a.path))
    courses.sort(key=lambda c: (order.get(c.path, len(order)), c.path))
    new = Framework(fw.district, areas, courses, fw.unread)
    report, before = Report(), Report()
    check_framework(new, report)
    check_framework(fw, before)
    written = {rel for _k, rel, _t in files}
    known = {(d.loc.path, d.code, d.message) for d in before.diagnostics}
    # a problem in a file not written (an objective aligned to a competency the sheet removed) counts
    # too, unless it was there before the import
    return problems + [d for d in report.diagnostics
                       if d.loc.path in written or (d.loc.path, d.code, d.message) not in known], new


def check_text(fw: Framework, kind: str, rel: str, text: str) -> list[Diagnostic]:
    """What `hcs-site validate` would report about this area or course file, were it written."""
    return check_texts(fw, [(kind, rel, text)])[0]


def updated_text(original: str, want: dict[str, Any], kind: str, lang: str) -> tuple[str, bool]:
    """(the file edited in place so that it holds `want` (see `yaml_patch`), True), checked by
    reading it back; when an unusual layout defeats the in-place edit, (the file written afresh
    from its data, False): its comments are then lost, and the caller says so."""
    patched = patch(original, want, lang)
    if patched is not None:
        doc, _ = read_yaml(patched.removeprefix("\ufeff"), "patched.yml")  # the loader reads past a BOM too
        if doc is not None and same(doc.data, _plain(want), lang):
            return patched, True
    ref = schema_lines.first_ref(original)  # a file written afresh keeps the schema line it had
    return yaml_out.document(want, schema_lines.line(ref) if ref else ""), False


def _plain(data: Any) -> Any:
    """Data as the loader returns it (mapping keys are text: rubric level 3 is "3")."""
    if isinstance(data, dict):
        return {str(k): _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data
