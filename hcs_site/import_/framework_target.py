"""What the area and course files should hold once the sheets are imported.

`Target` starts from the data of every file as it is and lets each sheet change its part: the
areas sheet the areas' own fields, the competencies and indicators sheets the lists inside the
area files, the courses sheet the courses' fields, an objectives sheet a course's `objectives:`.
Fields the sheets have no column for (an objective's `standards`, a criterion's `id`) are kept.
`changes` then gives, per file, the original text and the edited one.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Loc, Report
from ..load.yaml_reader import Document
from ..model.build_framework import FrameworkBuilder
from ..model.framework import Framework
from ..scaffold import schema_lines, yaml_out
from .course_file import course_rel, updated_text
from .framework_sheets import AREA_KINDS, STATUSES, FrameworkSheet, put, with_ids
from .yaml_patch import cleaned, same

KEPT = ("standards",)
"""Objective fields no sheet column carries: kept from the file."""


@dataclass
class FileChange:
    rel: str
    kind: str
    original: str | None
    text: str
    in_place: bool = True
    """False when the file could not be edited in place and is written afresh (comments lost)."""


class Target:
    def __init__(self, fw: Framework, report: Report) -> None:
        self.fw, self.report = fw, report
        self.lang = fw.district.default_language
        self.areas = {a.id: copy.deepcopy(a.doc.data) for a in fw.areas}
        self.area_paths = {a.id: a.path for a in fw.areas}
        self.courses = {c.id: copy.deepcopy(c.doc.data) for c in fw.courses}
        self.course_paths = {c.id: c.path for c in fw.courses}

    def competencies(self) -> dict[str, dict[str, Any]]:
        return {c["id"]: c for a in self.areas.values() for c in a.get("competencies") or []
                if isinstance(c, dict)}

    def missing(self, sheet: FrameworkSheet, what: str, gone: list[str], paths: dict[str, str]) -> None:
        last = sheet.sheet.rows[-1][0] if sheet.sheet.rows else 1
        for item_id in gone:
            self.report.error(Loc(sheet.sheet.path, last, 0), "csv-row-missing",
                              f"{what} {item_id} ({paths[item_id]}) has no row in the sheet",
                              "import never deletes a file: put the row back, or delete the file with git rm")

    def apply_areas(self, sheet: FrameworkSheet) -> None:
        seen = []
        for row, area_id, cells in sheet.rows():
            data = self.areas.get(area_id) or {"id": area_id}
            data["title"] = sheet.text(row, cells, "title")
            data["kind"] = sheet.choice(row, cells, "kind", AREA_KINDS)
            data["status"] = sheet.choice(row, cells, "status", STATUSES)
            put(data, "summary", sheet.optional_text(row, cells, "summary"))
            data.setdefault("competencies", [])
            self.areas[area_id] = data
            seen.append(area_id)
        self.missing(sheet, "area", [a for a in self.area_paths if a not in seen], self.area_paths)

    def apply_competencies(self, sheet: FrameworkSheet) -> None:
        before = self.competencies()
        lists: dict[str, list[dict[str, Any]]] = {a: [] for a in self.areas}
        for row, comp_id, cells in sheet.rows():
            area = sheet.ref(row, cells, "area", self.areas, "competency area")
            old = before.get(comp_id, {})
            data = copy.deepcopy(old) or {"id": comp_id}
            data["title"] = sheet.text(row, cells, "title")
            data["statement"] = sheet.text(row, cells, "statement")
            universal = sheet.choice(row, cells, "universal", ("yes", "no"))
            data["universal"] = universal == "yes"
            sheet.common(row, cells, data)
            data.setdefault("performance_indicators", [])
            put(data, "scoring_criteria", with_ids(old.get("scoring_criteria"), sheet.criteria_of(row, cells, comp_id)))
            if area in lists:
                lists[area].append(data)
        for area_id, comps in lists.items():
            self.areas[area_id]["competencies"] = comps

    def apply_indicators(self, sheet: FrameworkSheet) -> None:
        comps = self.competencies()
        before = {i["id"]: i for c in comps.values() for i in c.get("performance_indicators") or []
                  if isinstance(i, dict)}
        lists: dict[str, list[dict[str, Any]]] = {c: [] for c in comps}
        for row, ind_id, cells in sheet.rows():
            comp = sheet.ref(row, cells, "competency", comps, "competency")
            data = copy.deepcopy(before.get(ind_id, {})) or {"id": ind_id}
            data["statement"] = sheet.text(row, cells, "statement")
            dok = sheet.number(row, cells, "dok", 1, 4, integer=True)
            put(data, "dok", dok)
            sheet.common(row, cells, data)
            if comp in lists:
                lists[comp].append(data)
        for comp_id, items in lists.items():
            comps[comp_id]["performance_indicators"] = items

    def apply_courses(self, sheet: FrameworkSheet) -> None:
        seen = []
        programs = self.fw.district.program_index
        for row, course_id, cells in sheet.rows():
            data = self.courses.get(course_id) or {"id": course_id}
            data["title"] = sheet.text(row, cells, "title")
            put(data, "state_code", sheet.value(cells, "state_code") or None)
            data["area"] = sheet.ref(row, cells, "area", self.areas, "competency area")
            data["grades"] = sheet.grades(row, cells)
            credit = sheet.number(row, cells, "credit", 0, None, integer=False, zero=True)
            if not sheet.value(cells, "credit"):
                sheet.error(row, sheet.columns.get("credit", -1), "csv-required", "the cell is empty",
                            "write the Carnegie units the course earns, such as 1 or 0.5 (0 for none)")
            data["credit"] = credit
            data["status"] = sheet.choice(row, cells, "status", STATUSES)
            data["programs"] = sheet.ids(row, cells, "programs", programs, "program")
            put(data, "description", sheet.text(row, cells, "description"))
            pacing = dict(data.get("pacing") or {})
            put(pacing, "suggested_weeks", sheet.number(row, cells, "suggested_weeks", 0, None, integer=False))
            put(pacing, "note", sheet.optional_text(row, cells, "pacing_note"))
            put(data, "pacing", pacing or None)
            data.setdefault("objectives", [])
            sheet.common(row, cells, data)
            self.courses[course_id] = data
            seen.append(course_id)
        self.missing(sheet, "course", [c for c in self.course_paths if c not in seen], self.course_paths)

    def apply_objectives(self, course_id: str, objectives: list[dict[str, Any]]) -> None:
        old = {o["id"]: o for o in self.courses[course_id].get("objectives") or [] if isinstance(o, dict)}
        for obj in objectives:
            before = old.get(obj["id"], {})
            obj.update({k: before[k] for k in KEPT if k in before})
            if isinstance(obj.get("rubric"), list):
                obj["rubric"] = with_ids(before.get("rubric"), obj["rubric"])
        self.courses[course_id]["objectives"] = objectives

    def framework(self) -> Framework:
        """The framework the files would hold (for checking the objectives sheets against it)."""
        builder = FrameworkBuilder(self.lang)
        areas = [builder.area(Document(self.area_rel(a), d)) for a, d in self.areas.items()]
        courses = [builder.course(Document(self.course_rel(c), d)) for c, d in self.courses.items()]
        return Framework(self.fw.district, areas, courses, self.fw.unread)

    def area_rel(self, area_id: str) -> str:
        return self.area_paths.get(area_id) or f"content/competencies/{area_id.lower()}.yml"

    def course_rel(self, course_id: str) -> str:
        return self.course_paths.get(course_id) or course_rel(course_id)

    def changes(self, repo: Path) -> list[FileChange]:
        """Every file whose text would change, edited in place (or new)."""
        out = []
        olds = {a.path: a.doc.data for a in self.fw.areas} | {c.path: c.doc.data for c in self.fw.courses}
        files = [(self.area_rel(a), "area", d) for a, d in self.areas.items()] + \
            [(self.course_rel(c), "course", d) for c, d in self.courses.items()]
        for rel, kind, data in files:
            if rel in olds and same(olds[rel], data, self.lang) and same(data, olds[rel], self.lang):
                continue  # nothing to change: the file is not even read again
            if rel in olds:
                original = (repo / rel).read_bytes().decode("utf-8")
                text, in_place = updated_text(original, data, kind, self.lang)
                if text != original:
                    out.append(FileChange(rel, kind, original, text, in_place))
            else:
                if (repo / rel).exists() or rel.lower() in {c.rel.lower() for c in out}:
                    self.report.error(Loc(rel, 1, 0), "csv-file-taken", f"{rel} already exists and holds "
                                      f"something else; {data.get('id')} cannot be written there",
                                      "rename that file, or give the new item another ID")
                out.append(FileChange(rel, kind, None, yaml_out.document(
                    cleaned(data), schema_lines.schema_line(repo, rel, kind))))
        return out
