"""`hcs-site import csv`: a committee's sheet of Objectives for Mastery -> a course's `objectives:`.

Every cell is checked and every problem reported at once, as `FILE:ROW:COL: error CODE message`:
the row as the spreadsheet numbers it (the header is row 1) and the column as a 1-based index,
and the message names the cell as a person finds it: "row 7, column C (statement): ...". The
sheet may be UTF-8 with or without the BOM Excel writes, comma-, semicolon- or tab-separated.
"""

from __future__ import annotations

import re
from typing import Any

from ..check.schema_defs import ID_PATTERN
from ..check.suggest import did_you_mean
from ..diagnostics import Loc, Report
from ..export.csv_layout import (
    OBJECTIVE_COLUMNS,
    OBJECTIVE_REQUIRED,
    OBJECTIVE_TAIL,
    OBJECTIVE_TEXTS,
    Sheet,
    column_name,
    other_languages,
    read_sheet,
    split_list,
)
from ..load.numbers import MAX_SAFE_INTEGER
from ..model.framework import Framework

MIN_OBJECTIVES, MAX_OBJECTIVES = 3, 12
_ID = re.compile(ID_PATTERN)
_CRITERION = re.compile(r"^criterion_(\d+)(?:_level_(\d+))?(?:_([a-z]{2,3}))?$")
_NUMBER = re.compile(r"^[0-9]+(?:[.,][0-9]+)?$")



class ObjectiveSheet:
    """Checks one sheet against the framework and builds the objectives (content-model dicts)."""

    def __init__(self, fw: Framework, course_id: str, sheet: Sheet, report: Report) -> None:
        self.fw, self.course_id, self.sheet, self.report = fw, course_id, sheet, report
        d = fw.district
        self.lang = d.default_language
        self.others = other_languages(d)
        self.levels = [s.level for s in d.scale]
        self.labels = {s.level: s.label.text() for s in d.scale}
        self.columns: dict[str, int] = {}
        self.item = "objective"
        self.criteria: dict[int, dict[tuple[int | None, str | None], int]] = {}

    def error(self, row: int, col: int, code: str, message: str, hint: str = "") -> None:
        """A problem in one cell is named as a person finds it: "row 7, column C (statement): ..."."""
        if col >= 0:
            message = f"row {row}, {column_name(col, self.sheet.written)}: {message}"
        self.report.error(Loc(self.sheet.path, row, col + 1 if col >= 0 else 0), code, message, hint)

    def read_header(self) -> bool:
        known = [*OBJECTIVE_COLUMNS, *OBJECTIVE_TAIL] + [f"{t}_{o}" for o in self.others for t in OBJECTIVE_TEXTS]
        ok = True
        for col, name in enumerate(self.sheet.header):
            if not name or name.startswith("#"):
                continue  # a blank header (Excel's trailing columns) or a committee's own notes column
            m = _CRITERION.match(name)
            if name in self.columns or (m and self._criterion_seen(m)):
                self.error(1, col, "csv-duplicate-column", f"column '{name}' appears twice",
                           "delete or rename one of the two columns")
                ok = False
            elif name in known:
                self.columns[name] = col
            elif m and self._criterion_ok(m, col):
                n, level, lang = int(m.group(1)), m.group(2), m.group(3)
                self.criteria.setdefault(n, {})[(int(level) if level else None, lang)] = col
            elif not m:
                self.error(1, col, "csv-unknown-column", f"unknown column '{name}'" + did_you_mean(name, known),
                           "rename it to a documented column, or start its name with # to keep it as a note")
                ok = False
            else:
                ok = False
        for name in OBJECTIVE_REQUIRED:
            if name not in self.columns:
                self.error(1, -1, "csv-missing-column", f"the sheet has no '{name}' column",
                           f"add a column named '{name}' (see docs/spreadsheets.md)")
                ok = False
        if "rubric" not in self.columns and not self.criteria and ok:
            self.error(1, -1, "csv-missing-column", "the sheet has no 'rubric' column and no criterion columns",
                       "add a 'rubric' column (a competency ID) or criterion_1, criterion_1_level_1, ...")
            ok = False
        return ok

    def _criterion_seen(self, m: re.Match[str]) -> bool:
        level = int(m.group(2)) if m.group(2) else None
        return (level, m.group(3)) in self.criteria.get(int(m.group(1)), {})

    def _criterion_ok(self, m: re.Match[str], col: int) -> bool:
        level, lang = m.group(2), m.group(3)
        if level is not None and int(level) not in self.levels:
            self.error(1, col, "csv-unknown-column", f"column '{m.group(0)}' names level {level}, which is "
                       "not a level of the district scale", "use the levels " + ", ".join(map(str, self.levels)))
            return False
        if lang is not None and lang not in self.others:
            self.error(1, col, "csv-unknown-column", f"column '{m.group(0)}' is for language '{lang}', which is "
                       "not one of the district's other languages", "use " + ", ".join(self.others or ["none"]))
            return False
        return True

    def cell(self, cells: list[str], name: str) -> tuple[str, int]:
        col = self.columns.get(name, -1)
        return (cells[col] if 0 <= col < len(cells) else ""), col

    def text(self, row: int, cells: list[str], name: str) -> Any:
        value, col = self.cell(cells, name)
        if not value and col >= 0:  # a missing column is reported once, on the header row
            self.error(row, col, "csv-required", "the cell is empty", f"write the {self.item}'s {name}")
        translations = {o: self.cell(cells, f"{name}_{o}")[0] for o in self.others}
        translations = {o: v for o, v in translations.items() if v}
        return {self.lang: value, **translations} if translations else value

    def ids(self, row: int, cells: list[str], name: str, pool: dict[str, Any], what: str) -> list[str]:
        value, col = self.cell(cells, name)
        found = split_list(value)
        if not found and col >= 0:
            self.error(row, col, "csv-required", "the cell is empty", f"list one or more {what} IDs")
        for ref in found:
            if ref not in pool:
                self.error(row, col, "unknown-ref", f"unknown {what} '{ref}'"
                           + did_you_mean(ref, pool), f"use the ID of a {what} in the framework")
        return found

    def number(self, row: int, cells: list[str], name: str, low: float, high: float | None,
               integer: bool, zero: bool = False) -> float | int | None:
        value, col = self.cell(cells, name)
        if not value:
            return None
        kind = "a whole number" if integer else "a number"
        hint = f"write {kind}" + (f" from {low:g} to {high:g}" if high else "")
        number = float(value.replace(",", ".")) if _NUMBER.match(value) else None
        if number is not None and not number <= MAX_SAFE_INTEGER:  # 400 nines read as infinity
            shown = value if len(value) <= 20 else value[:20] + "..."
            self.error(row, col, "csv-bad-value", f"'{shown}' is too large", hint)
            return None
        if number is None or (integer and number % 1):
            self.error(row, col, "csv-bad-value", f"'{value}' is not {kind}", hint)
            return None
        if number < low or (high is not None and number > high) or (not integer and not zero and number == 0):
            self.error(row, col, "csv-bad-value", f"{value} is out of range",
                       f"write a number from {low:g} to {high:g}" if high else "write a number above 0")
            return None
        return int(number) if number.is_integer() else number

    def assessment_types(self, row: int, cells: list[str]) -> list[str]:
        value, col = self.cell(cells, "assessment_types")
        catalog = self.fw.district.assessment_index
        by_title = {a.title.text().lower(): a.id for a in catalog.values()}
        found = []
        for ref in [p.strip() for p in re.split(r"[;,]", value) if p.strip()]:
            ids = [ref] if ref in catalog or ref.lower() in by_title else split_list(ref)
            for one in ids:
                known = one if one in catalog else by_title.get(one.lower())
                if known is None:
                    self.error(row, col, "unknown-ref", f"unknown assessment type '{one}'"
                               + did_you_mean(one, catalog), "use an assessment type `id` from content/district.yml")
                elif known not in found:
                    found.append(known)
        if not value and col >= 0:
            self.error(row, col, "csv-required", "the cell is empty",
                       "list one or more assessment type IDs, separated by ';'")
        return found

    def rubric(self, row: int, cells: list[str], obj_id: str) -> Any:
        ref, ref_col = self.cell(cells, "rubric")
        criteria = []
        for n in sorted(self.criteria):
            cols = self.criteria[n]
            name_col = cols.get((None, None), -1)
            name = cells[name_col] if 0 <= name_col < len(cells) else ""
            levels: dict[int | None, str] = {lv: cells[c] for (lv, lang), c in cols.items()
                      if lv is not None and lang is None and c < len(cells) and cells[c]}
            if not name and not levels:
                continue
            if not name:
                self.error(row, name_col, "csv-required", f"criterion {n} has descriptors but no name",
                           f"write the criterion's name in criterion_{n}")
            for lv in self.levels:
                if lv not in levels:
                    col = cols.get((lv, None), -1)
                    self.error(row, col, "rubric-levels", f"criterion {n} has no descriptor for level {lv} "
                               f"({self.labels[lv]})",
                               f"write what level {lv} looks like in criterion_{n}_level_{lv}")
            criteria.append(self._criterion(cells, n, name, levels))
        if ref and criteria:
            self.error(row, ref_col, "csv-bad-value", f"{self.item} {obj_id} names a "
                       "competency's rubric and also has criterion columns", "keep one of the two")
        elif ref:
            comp = self.fw.competencies.get(ref)
            if comp is None:
                self.error(row, ref_col, "unknown-ref", f"unknown competency '{ref}'"
                           + did_you_mean(ref, self.fw.competencies),
                           "use the ID of a competency with scoring criteria")
            elif not comp.scoring_criteria:
                self.error(row, ref_col, "rubric-missing", f"competency {ref} has no "
                           "scoring criteria to reuse", "write the rubric in the criterion columns")
            return ref
        elif not criteria and (ref_col >= 0 or self.criteria):
            self.error(row, ref_col, "rubric-missing", f"{self.item} {obj_id} has no rubric",
                       "write a competency ID in 'rubric', or fill criterion_1 and its levels")
        return criteria

    def _criterion(self, cells: list[str], n: int, name: str, levels: dict[int | None, str]) -> dict[str, Any]:
        cols = self.criteria[n]

        def texts(level: int | None, default: str) -> Any:
            tr = {o: cells[c] for o in self.others if (c := cols.get((level, o), -1)) >= 0 and c < len(cells)}
            tr = {o: v for o, v in tr.items() if v}
            return {self.lang: default, **tr} if tr else default

        return {"criterion": texts(None, name),
                "levels": {str(lv): texts(lv, levels[lv]) for lv in self.levels if lv in levels}}

    def objectives(self) -> list[dict[str, Any]]:
        self.read_header()  # and go on: every problem of the sheet is reported in one run
        fw = self.fw
        taken = {i for i, item in fw.index.items() if getattr(item, "course_id", None) != self.course_id}
        aligned = {**fw.competencies, **fw.indicators}
        seen: dict[str, int] = {}
        out: list[dict[str, Any]] = []
        for row, cells in self.sheet.rows:
            if len(cells) > len(self.sheet.header) and any(cells[len(self.sheet.header):]):
                extra = next(i for i in range(len(self.sheet.header), len(cells)) if cells[i])
                self.error(row, extra, "csv-unknown-column", "this cell has no column name in row 1",
                           "give the column a name in row 1, or clear the cell")
            obj_id, col = self.cell(cells, "id")
            if not obj_id and col < 0:
                pass
            elif not obj_id:
                self.error(row, col, "csv-required", "the cell is empty", f"give the objective an ID such as "
                           f"{self.course_id}.{len(out) + 1}")
            elif not _ID.match(obj_id):
                self.error(row, col, "csv-bad-value", f"'{obj_id}' is not a valid ID",
                           "use letters, digits, '.', '-' and '_', starting with a letter")
            elif obj_id in seen:
                self.error(row, col, "duplicate-id", f"objective {obj_id} is also on row {seen[obj_id]}",
                           "give every objective its own ID")
            elif obj_id in taken:
                self.error(row, col, "duplicate-id", f"ID {obj_id} is already used elsewhere in the framework",
                           "IDs are unique across the framework; choose another")
            seen.setdefault(obj_id, row)
            obj: dict[str, Any] = {"id": obj_id}
            obj["title"] = self.text(row, cells, "title")
            obj["statement"] = self.text(row, cells, "statement")
            obj["aligns"] = self.ids(row, cells, "aligns", aligned, "competency or performance indicator")
            dok = self.number(row, cells, "dok", 1, 4, integer=True)
            if dok is None and not self.cell(cells, "dok")[0] and "dok" in self.columns:
                self.error(row, self.columns["dok"], "csv-required", "the cell is empty",
                           "write the Depth of Knowledge, 1 to 4")
            obj["dok"] = dok
            obj["assessment_types"] = self.assessment_types(row, cells)
            obj["rubric"] = self.rubric(row, cells, obj_id)
            weeks = self.number(row, cells, "suggested_weeks", 0, None, integer=False)
            if weeks is not None:
                obj["suggested_weeks"] = weeks
            replaces, col = self.cell(cells, "replaces")
            if replaces:
                if not _ID.match(replaces):
                    self.error(row, col, "csv-bad-value", f"'{replaces}' is not a valid ID",
                               "write the old ID this objective takes over from")
                obj["replaces"] = replaces
            out.append(obj)
        if not MIN_OBJECTIVES <= len(out) <= MAX_OBJECTIVES:
            last = self.sheet.rows[-1][0] if self.sheet.rows else 1
            self.error(last, -1, "objective-count", f"the sheet has {len(out)} objectives; a course has "
                       f"{MIN_OBJECTIVES} to {MAX_OBJECTIVES}", "add or merge rows")
        return out


def import_objectives(fw: Framework, course_id: str, data: bytes, path: str) -> tuple[list[dict[str, Any]], Report]:
    """(objectives as content-model dicts, every problem found). Use the objectives only when the
    report has no errors."""
    report = Report(files_checked=1)
    sheet = read_sheet(data, path, report)
    if sheet is None:
        return [], report
    return ObjectiveSheet(fw, course_id, sheet, report).objectives(), report
