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
from ..load.characters import CODE as CHARACTER_CODE
from ..load.characters import describe, first_forbidden_in_value
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


def column_letter(index: int) -> str:
    """The spreadsheet's name of a column: 0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def column_name(index: int, written: Sequence[str]) -> str:
    """`column C (statement)`: the letter a spreadsheet shows, and the header of row 1."""
    header = written[index].strip() if 0 <= index < len(written) else ""
    return f"column {column_letter(index)}" + (f" ({header})" if header else "")


def normalise_header(cell: str) -> str:
    """`Assessment types ` -> `assessment_types`: what a person types in a header row is forgiven."""
    return re.sub(r"[\s-]+", "_", cell.strip().lower())


_FORMULA_START = "=+-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b"
"""What makes a spreadsheet read a cell as a formula: `= + - @` (OWASP, CSV injection), and their
full-width and small forms, which some spreadsheets in East Asian locales treat the same way."""
_RISKY = re.compile(f"'*(?:[\t\r\n]|\\s*[{re.escape(_FORMULA_START)}])")
"""A cell a spreadsheet could run: it starts with a formula character, possibly after spaces or
line breaks (some programs trim them first), or with TAB, CR or LF. Leading quotes are part of
the match so that `neutralise`/`restore` round-trip a text that already starts with a quote."""


def neutralise(cell: str) -> str:
    """A cell that opens as text: a single quote before anything a spreadsheet would run."""
    return "'" + cell if _RISKY.match(cell) else cell


def restore(cell: str) -> str:
    """The inverse of `neutralise`: the one quote it added is removed (and only that one)."""
    return cell[1:] if cell.startswith("'") and _RISKY.match(cell, 1) else cell


def write_csv(rows: Iterable[Sequence[str]]) -> str:
    """CSV text; `export csv` writes it as UTF-8 with a BOM so Excel shows accents correctly.
    Every cell goes through `neutralise`, so no text from the framework opens as a formula."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
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


def _refuse_characters(path: str, row: int, cells: list[str], header: list[str], report: Report) -> None:
    """The characters `validate` refuses in a content file, refused in the cell that holds them."""
    for col, cell in enumerate(cells, start=1):
        bad = first_forbidden_in_value(cell)
        if bad is not None:
            report.error(Loc(path, row, col), CHARACTER_CODE,
                         f"row {row}, {column_name(col - 1, header)}: the cell contains {describe(bad)}",
                         "delete it and retype the text around it (it often comes with text pasted from "
                         "a word processor, a PDF or a web page)")


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
        for number, raw in enumerate(reader, start=1):
            cells = [restore(c.strip()) for c in raw]
            _refuse_characters(path, number, cells, sheet.written if sheet else [], report)
            if sheet is None:
                sheet = Sheet(path, [normalise_header(c) for c in cells], cells)
            elif any(cells):
                sheet.rows.append((number, cells))
    except csv.Error as exc:
        report.error(Loc(path, reader.line_num, 0), "csv-syntax", f"the sheet cannot be read: {exc}",
                     "check for a stray quote (\") in a cell, or save the sheet again as CSV")
        return None
    return sheet
