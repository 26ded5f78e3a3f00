"""`hcs-site import csv` for the framework sheets: areas, competencies, indicators and courses.

Each sheet must have exactly the columns `export csv` writes, in that order (translations and
rubric criteria included), so a sheet that was rearranged by mistake is refused rather than read
wrongly. Every cell is checked like an objectives sheet (`csv_import`) and the sheets change the
data of the area and course files (`Target`); `course_file.updated_text` then edits each file in
place. Rows missing from a sheet remove competencies and indicators; areas and courses are whole
files, which import never deletes.
"""

from __future__ import annotations

import re
from typing import Any

from ..check.suggest import did_you_mean
from ..diagnostics import Report
from ..export.csv_layout import Sheet, criteria_columns, other_languages
from ..model.framework import Framework
from .csv_import import _CRITERION, _ID, ObjectiveSheet

AREA_KINDS = ("content", "cross-curricular")
STATUSES = ("draft", "vetting", "adopted", "retired")
_GRADE = re.compile(r"([0-9]+|[kK])(?:\s*[-\u2013\u2014]\s*([0-9]+|[kK]))?")
KINDS = ("areas", "competencies", "indicators", "courses")


def layout(fw: Framework, kind: str, criteria: int = 1) -> list[str]:
    """The columns `export csv` writes for this sheet (see export.csv_export.framework_sheets)."""
    others = other_languages(fw.district)
    levels = [s.level for s in fw.district.scale]
    if kind == "areas":
        return ["id", "kind", "status", "title", "summary"] + [f"{f}_{o}" for o in others for f in ("title", "summary")]
    if kind == "competencies":
        out = ["area", "id", "title", "statement", "universal", "replaces", *criteria_columns(criteria, levels)]
        for o in others:
            out += [f"title_{o}", f"statement_{o}", *criteria_columns(criteria, levels, o)]
        return out
    if kind == "indicators":
        return ["competency", "id", "statement", "dok", "replaces"] + [f"statement_{o}" for o in others]
    return ["id", "title", "state_code", "area", "grades", "credit", "status", "programs", "suggested_weeks",
            "description", "pacing_note", "replaces", "objectives"] + \
        [f"{f}_{o}" for o in others for f in ("title", "description", "pacing_note")]


class FrameworkSheet(ObjectiveSheet):
    """One framework sheet: its header checked against the layout, its rows as content data."""

    def __init__(self, fw: Framework, kind: str, sheet: Sheet, report: Report) -> None:
        super().__init__(fw, "", sheet, report)
        self.kind = kind
        self.item = {"areas": "area", "competencies": "competency", "indicators": "indicator"}.get(kind, "course")

    def read_layout(self) -> bool:
        names = [(col, n) for col, n in enumerate(self.sheet.header) if n and not n.startswith("#")]
        count = len({m.group(1) for _c, n in names if (m := _CRITERION.match(n)) and not m.group(3)})
        want = layout(self.fw, self.kind, max(count, 1) if self.kind == "competencies" else 1)
        if self.kind == "competencies" and count == 0:
            want = [w for w in want if not _CRITERION.match(w)]
        ok = True
        for i, (col, name) in enumerate(names):
            if i < len(want) and name == want[i]:
                continue
            ok = False
            if name in want or name in [n for _c, n in names[:i]]:
                expected = f"'{want[i]}'" if i < len(want) else "no more columns"
                self.error(1, col, "csv-column-order", f"expected {expected} here; column '{name}' is out of place",
                           "keep the columns in the order export csv writes them: " + ", ".join(want[:8])
                           + (", ..." if len(want) > 8 else ""))
            else:
                self.error(1, col, "csv-unknown-column", f"unknown column '{name}'" + did_you_mean(name, want),
                           "rename it to the column export csv writes, or start its name with # to keep "
                           "it as a note")
        present = {n for _c, n in names}
        for name in want:
            if name not in present:
                self.error(1, -1, "csv-missing-column", f"the sheet has no '{name}' column",
                           f"add a column named '{name}' where export csv writes it (see docs/spreadsheets.md)")
                ok = False
        for col, name in names:
            m = _CRITERION.match(name)
            if m:
                level = int(m.group(2)) if m.group(2) else None
                self.criteria.setdefault(int(m.group(1)), {})[(level, m.group(3))] = col
            else:
                self.columns[name] = col
        return ok

    def value(self, cells: list[str], name: str) -> str:
        return self.cell(cells, name)[0]

    def choice(self, row: int, cells: list[str], name: str, allowed: tuple[str, ...] | list[str]) -> str:
        value, col = self.cell(cells, name)
        value = value.lower() if value.lower() in allowed else value  # `Yes`, `Draft` as typed
        if value not in allowed:
            self.error(row, col, "csv-bad-value", f"'{value}' is not one of: " + ", ".join(allowed)
                       + did_you_mean(value, list(allowed)), f"write one of {', '.join(allowed)}")
        return value

    def ref(self, row: int, cells: list[str], name: str, pool: Any, what: str) -> str:
        value, col = self.cell(cells, name)
        if not value:
            self.error(row, col, "csv-required", "the cell is empty", f"write the ID of the {what}")
        elif value not in pool:
            self.error(row, col, "unknown-ref", f"unknown {what} '{value}'" + did_you_mean(value, pool),
                       f"use the ID of a {what} in the framework")
        return value

    def optional_text(self, row: int, cells: list[str], name: str) -> Any:
        """A text that may be left empty (a summary, a pacing note): None when it is."""
        value = self.value(cells, name)
        translations = {o: v for o in self.others if (v := self.value(cells, f"{name}_{o}"))}
        if not value and translations:
            self.error(row, self.columns.get(name, -1), "csv-required", "the cell is empty but its "
                       "translation is not", f"write the text in '{name}' too, or clear the translation")
        return ({self.lang: value, **translations} if translations else value) or None

    def grades(self, row: int, cells: list[str]) -> list[str | int]:
        value, col = self.cell(cells, "grades")
        out: list[str | int] = []
        for part in [p for p in re.split(r"[;,\s]+", value) if p]:
            m = _GRADE.fullmatch(part)
            ends = [0 if g.upper() == "K" else int(g) for g in m.groups() if g] if m else []
            if not ends or not all(0 <= n <= 12 for n in ends) or ends[0] > ends[-1]:
                self.error(row, col, "csv-bad-value", f"'{part}' is not a grade or a range of grades",
                           "write K or 1 to 12, several with ';' (9; 10) or a range (9-12)")
                continue
            out += [g for n in range(ends[0], ends[-1] + 1) if (g := "K" if n == 0 else n) not in out]
        if not value:
            self.error(row, col, "csv-required", "the cell is empty", "write the grades, such as 7 or 9-12")
        return out

    def rows(self) -> list[tuple[int, str, list[str]]]:
        """(row, ID, cells) of every row, the ID checked (present, well formed, once in the sheet)."""
        out: list[tuple[int, str, list[str]]] = []
        seen: dict[str, int] = {}
        for row, cells in self.sheet.rows:
            if len(cells) > len(self.sheet.header) and any(cells[len(self.sheet.header):]):
                extra = next(i for i in range(len(self.sheet.header), len(cells)) if cells[i])
                self.error(row, extra, "csv-unknown-column", "this cell has no column name in row 1",
                           "give the column a name in row 1, or clear the cell")
            item_id, col = self.cell(cells, "id")
            if not item_id:
                self.error(row, col, "csv-required", "the cell is empty", "give every row its ID")
            elif not self.valid_id(item_id):
                self.error(row, col, "csv-bad-value", f"'{item_id}' is not a valid ID",
                           "use letters, digits, '.', '-' and '_', starting with a letter")
            elif item_id in seen:
                self.error(row, col, "duplicate-id", f"ID {item_id} is also on row {seen[item_id]}",
                           "give every row its own ID")
            else:
                seen[item_id] = row
            out.append((row, item_id, cells))
        return out

    @staticmethod
    def valid_id(value: str) -> bool:
        return bool(_ID.match(value))

    def common(self, row: int, cells: list[str], data: dict[str, Any]) -> None:
        replaces, col = self.cell(cells, "replaces")
        if replaces and not self.valid_id(replaces):
            self.error(row, col, "csv-bad-value", f"'{replaces}' is not a valid ID",
                       "write the old ID this one takes over from")
        put(data, "replaces", replaces or None)

    def criteria_of(self, row: int, cells: list[str], item_id: str) -> list[dict[str, Any]] | None:
        filled = any(c < len(cells) and cells[c] for cols in self.criteria.values() for c in cols.values())
        found = self.rubric(row, cells, item_id) if filled else []
        return found if isinstance(found, list) and found else None


def put(data: dict[str, Any], key: str, value: Any) -> None:
    """Set a field, or remove it when the sheet leaves it empty (an optional field)."""
    if value is None or value == "" or value == {}:
        data.pop(key, None)
    else:
        data[key] = value


def with_ids(old: Any, new: list[dict[str, Any]] | None) -> list[dict[str, Any]] | None:
    """Criteria keep the optional `id` the sheet has no column for (matched by position)."""
    if not new or not isinstance(old, list):
        return new
    return [{"id": before["id"], **after} if isinstance(before, dict) and "id" in before else after
            for before, after in zip(old + [None] * len(new), new, strict=False)]
