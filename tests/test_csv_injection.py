"""`export csv` never writes a cell a spreadsheet would run as a formula, and `import csv` reads the
neutralised cell back as it was: hostile text survives a round trip as inert text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hcs_site.check.pipeline import check_repository
from hcs_site.cli import main
from hcs_site.export import serialize
from hcs_site.export.csv_export import framework_sheets
from hcs_site.export.csv_layout import neutralise, restore, write_csv
from hcs_site.import_.csv_import import import_objectives
from hcs_site.model.framework import Framework

from .conftest import COURSE_MATH_7, MakeRepo

COURSE = "content/courses/math-7.yml"

HOSTILE = [
    '=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\n=1",
    "\uff1d1+1", "\uff0bcmd", "\uff0d2", "\uff20SUM(A1)",  # full-width = + - @
    "\ufe66HYPERLINK(1)",  # small equals sign
    " =1+1", "\u3000=1+1", "  @SUM(A1)",  # after leading spaces, which some programs trim
    "'=1", "''+1", "'@x",  # already quoted: the quote a person typed must survive
]
HARMLESS = ["Equations", "1,5", "a-b", "e=mc2", "'quoted'", "'", "", "3", "MATH.RP; MATH.RP.2", "x@y.org"]


@pytest.mark.parametrize("cell", HOSTILE)
def test_a_formula_cell_is_written_as_text_and_read_back_unchanged(cell: str) -> None:
    written = write_csv([["title"], [cell]])
    [_header, row] = list(csv.reader(io.StringIO(written, newline="")))
    assert row == ["'" + cell]
    assert restore(row[0]) == cell


@pytest.mark.parametrize("cell", HARMLESS)
def test_other_cells_are_written_as_they_are(cell: str) -> None:
    assert neutralise(cell) == cell
    assert restore(cell) == cell


@pytest.mark.parametrize("cell", HOSTILE + HARMLESS)
def test_restore_undoes_neutralise_and_nothing_else(cell: str) -> None:
    assert restore(neutralise(cell)) == cell


def yaml_text(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid double-quoted YAML scalar


# Texts a committee could really save: what validate accepts (no CR, which is refused) in each column.
TITLES = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\uff1d1", "'=quoted", " -1"]


@pytest.fixture
def hostile_fw(make_repo: MakeRepo) -> tuple[Path, Framework]:
    course = (COURSE_MATH_7
              .replace("title: Proportional relationships", f"title: {yaml_text(TITLES[0])}")
              .replace("title: Unit rates", f"title: {yaml_text(TITLES[1])}")
              .replace("statement: I can compute unit rates.", f"statement: {yaml_text(TITLES[2])}")
              .replace("title: Equations", f"title: {yaml_text(TITLES[3])}")
              .replace("statement: I can write and solve equations.", f"statement: {yaml_text(TITLES[4])}")
              .replace("- criterion: Modeling", f"- criterion: {yaml_text(TITLES[5])}")
              .replace("1: Identifies some quantities.", f"1: {yaml_text(TITLES[6])}")
              .replace("2: Writes a ratio but misidentifies the relationship.", f"2: {yaml_text(TITLES[7])}")
              .replace("title: Grade 7 Mathematics", 'title: "@Grade 7"'))
    root = make_repo({COURSE: course})
    result = check_repository(root, portfolios=False)
    assert result.framework is not None and not result.report.errors, result.report.sorted()
    return root, result.framework


def test_export_writes_no_live_formula(hostile_fw: tuple[Path, Framework]) -> None:
    _root, fw = hostile_fw
    sheets = framework_sheets(fw)
    cells = [c for text in sheets.values() for row in csv.reader(io.StringIO(text, newline="")) for c in row]
    assert [c for c in cells if c[:1] in "=+-@\t\r\n\uff1d\uff0b\uff0d\uff20" and c] == []
    objectives = list(csv.DictReader(io.StringIO(sheets["objectives/MATH-7.csv"], newline="")))
    assert objectives[0]["title"] == "'" + TITLES[0]
    assert objectives[2]["statement"] == "'" + TITLES[4]
    assert objectives[1]["criterion_1"] == "'" + TITLES[5]
    courses = list(csv.DictReader(io.StringIO(sheets["courses.csv"], newline="")))
    assert courses[0]["title"] == "'@Grade 7"


def test_import_reads_the_exported_sheet_back_unchanged(hostile_fw: tuple[Path, Framework]) -> None:
    _root, fw = hostile_fw
    data = framework_sheets(fw)["objectives/MATH-7.csv"].encode("utf-8-sig")
    objectives, report = import_objectives(fw, "MATH-7", data, "MATH-7.csv")
    assert not report.diagnostics
    [course] = fw.courses
    assert objectives == [serialize.objective(o, "compact") for o in course.objectives]


def test_round_trip_through_the_commands(hostile_fw: tuple[Path, Framework], tmp_path: Path) -> None:
    root, fw = hostile_fw
    runner = CliRunner()
    out = tmp_path / "sheets"
    assert runner.invoke(main, ["export", "csv", "--root", str(root), "--out", str(out)]).exit_code == 0
    result = runner.invoke(main, ["import", "csv", str(out / "objectives" / "MATH-7.csv"), "--course", "MATH-7",
                                  "--root", str(root), "--force"])
    assert result.exit_code == 0, result.output
    after = check_repository(root, portfolios=False).framework
    assert after is not None
    assert serialize.course(after.courses[0]) == serialize.course(fw.courses[0])


def test_a_cell_with_a_control_character_is_refused_at_its_row_and_column(
        hostile_fw: tuple[Path, Framework]) -> None:
    _root, fw = hostile_fw
    sheet = framework_sheets(fw)["objectives/MATH-7.csv"].replace("'-2+3", "-2\u202e+3")
    _objectives, report = import_objectives(fw, "MATH-7", sheet.encode(), "s.csv")
    assert [(d.loc.line, d.loc.col, d.code, d.message) for d in report.sorted()] == [
        (3, 3, "invisible-character", "row 3, column C (statement): the cell contains U+202E RIGHT-TO-LEFT "
         "OVERRIDE (a bidirectional "
         "control: text after it is shown in another order than it is stored)")]


@pytest.mark.parametrize(("cell", "message"), [
    ("9" * 400, "row 2, column G (suggested_weeks): '99999999999999999999...' is too large"),
    ("9007199254740993", "row 2, column G (suggested_weeks): '9007199254740993' is too large"),
    ("-2", "row 2, column G (suggested_weeks): '-2' is not a number"),
])
def test_numbers_from_a_sheet_are_finite(hostile_fw: tuple[Path, Framework], cell: str, message: str) -> None:
    _root, fw = hostile_fw
    rows = list(csv.reader(io.StringIO(framework_sheets(fw)["objectives/MATH-7.csv"], newline="")))
    col = rows[0].index("suggested_weeks")
    rows[1][col] = cell
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    _objectives, report = import_objectives(fw, "MATH-7", buf.getvalue().encode(), "s.csv")
    assert [(d.loc.line, d.loc.col, d.code, d.message) for d in report.sorted()] == [
        (2, col + 1, "csv-bad-value", message)]
