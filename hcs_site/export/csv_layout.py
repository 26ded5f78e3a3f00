"""The spreadsheet layout shared by `export csv` and `import csv` (documented in docs/spreadsheets.md),
and the reading of a sheet as a committee's spreadsheet program saves it.

One row per item. Texts in the default language have plain column names (`title`); other
languages add a suffix (`title_es`). Lists (aligns, assessment types, grades, programs) are
written separated by "; " and read separated by semicolons, commas or spaces. A rubric is a
block of columns per criterion: `criterion_1`, then `criterion_1_level_1` ... one per scale
level, and the same with a language suffix for translations.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..diagnostics import Loc, Report
from ..load.files import decode
from ..model.framework import Criterion, District
from ..model.text import Text

LIST_SEP = "; "
_SPLIT = re.compile(r"[;,\s]+")
CRITERION = re.compile(r"^criterion_(\d+)(?:_level_(\d+))?$")

OBJECTIVE_COLUMNS = ("id", "title", "statement", "aligns", "dok", "assessment_types", "suggested_weeks",
                     "rubric")
OBJECTIVE_REQUIRED = ("id", "title", "statement", "aligns", "dok", "assessment_types")
OBJECTIVE_TEXTS = ("title", "statement")
OBJECTIVE_TAIL = ("replaces",)


def split_list(cell: str) -> list[str]:
    return [part for part in _SPLIT.split(cell.strip()) if part]


def join_list(values: Iterable[object]) -> str:
    return LIST_SEP.join(str(v) for v in values)


def other_languages(d: District) -> list[str]:
    return [lang for lang in d.languages if lang != d.default_language]


def suffixed(column: str, lang: str | None) -> str:
    return f"{column}_{lang}" if lang else column


def text_cell(value: Text, lang: str) -> str:
    return dict(value.values).get(lang, "")


def number_cell(value: float | int | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def criteria_columns(count: int, levels: Sequence[int], lang: str | None = None) -> list[str]:
    out = []
    for n in range(1, count + 1):
        out.append(suffixed(f"criterion_{n}", lang))
        out.extend(suffixed(f"criterion_{n}_level_{level}", lang) for level in levels)
    return out


def criteria_cells(criteria: list[Criterion], count: int, levels: Sequence[int], lang: str) -> list[str]:
    out = []
    for n in range(count):
        crit = criteria[n] if n < len(criteria) else None
        out.append(text_cell(crit.name, lang) if crit else "")
        out.extend(text_cell(crit.levels[lv], lang) if crit and lv in crit.levels else "" for lv in levels)
    return out


def objective_header(d: District, criteria: int) -> list[str]:
    levels = [s.level for s in d.scale]
    header = [*OBJECTIVE_COLUMNS, *criteria_columns(criteria, levels), *OBJECTIVE_TAIL]
    for lang in other_languages(d):
        header += [suffixed(c, lang) for c in OBJECTIVE_TEXTS] + criteria_columns(criteria, levels, lang)
    return header


def normalise_header(cell: str) -> str:
    """`Assessment types ` -> `assessment_types`: what a person types in a header row is forgiven."""
    return re.sub(r"[\s-]+", "_", cell.strip().lower())


def write_csv(rows: Iterable[Sequence[str]]) -> str:
    """CSV text; `export csv` writes it as UTF-8 with a BOM so Excel shows accents correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
    return buf.getvalue()


@dataclass
class Sheet:
    path: str
    header: list[str]
    """Column names, normalised (`Assessment types` -> `assessment_types`)."""
    written: list[str] = field(default_factory=list)
    """Column names as written in row 1, for messages."""
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    """(spreadsheet row number, cells) for every row that is not blank."""


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _cell_of(data: bytes, loc: Loc) -> Loc:
    """A place given as line and character (a decoding problem) as row and column of the sheet."""
    lines = data.split(b"\n")
    if not 1 <= loc.line <= len(lines) or loc.col < 1:
        return loc
    before = lines[loc.line - 1].decode("cp1252", "replace")[: loc.col - 1]
    cells = next(csv.reader([before], delimiter=_delimiter(lines[0].decode("cp1252", "replace"))), [""])
    return Loc(loc.path, loc.line, len(cells))


def read_sheet(data: bytes, path: str, report: Report) -> Sheet | None:
    text, problems = decode(data, path)
    for p in problems:
        report.error(_cell_of(data, p.loc), p.code, p.message,
                     "in Excel: File > Save As > 'CSV UTF-8 (Comma delimited)'")
    if text is None:
        return None
    if not text.strip():
        report.error(Loc(path, 1, 0), "empty-file", "the sheet is empty", "put the column names in row 1")
        return None
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text.split("\n", 1)[0]), strict=True)
    sheet: Sheet | None = None
    try:
        for number, cells in enumerate(reader, start=1):
            if sheet is None:
                sheet = Sheet(path, [normalise_header(c) for c in cells], [c.strip() for c in cells])
            elif any(c.strip() for c in cells):
                sheet.rows.append((number, [c.strip() for c in cells]))
    except csv.Error as exc:
        report.error(Loc(path, reader.line_num, 0), "csv-syntax", f"the sheet cannot be read: {exc}",
                     "check for a stray quote (\") in a cell, or save the sheet again as CSV")
        return None
    return sheet
