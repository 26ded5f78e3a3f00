"""`hcs-site import csv`: every cell checked, problems named by spreadsheet row and column."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from hcs_site.check.pipeline import check_repository
from hcs_site.check.reporters import text as text_report
from hcs_site.cli import main
from hcs_site.diagnostics import Severity
from hcs_site.import_.csv_import import import_objectives
from hcs_site.model.framework import Framework

from .conftest import COURSE_MATH_7, MakeRepo

HEADER = "id,title,statement,aligns,dok,assessment_types,rubric"
GOOD = f"""{HEADER}
MATH-7.1,Proportions,I can recognize proportional relationships.,MATH.RP; MATH.RP.2,3,written-test; project,MATH.RP
MATH-7.2,Unit rates,I can compute unit rates.,MATH.RP.1,2,written-test,MATH.RP
MATH-7.3,Equations,I can write and solve equations.,MATH.EE,3,written-test; presentation,MATH.EE
"""


def framework(root: Path) -> Framework:
    result = check_repository(root, portfolios=False)
    assert result.framework is not None and not result.report.errors, text_report(result.report)
    return result.framework


def problems(fw: Framework, sheet: str | bytes, course: str = "MATH-7") -> list[tuple[int, int, str, str]]:
    data = sheet.encode("utf-8") if isinstance(sheet, str) else sheet
    _objs, report = import_objectives(fw, course, data, "sheet.csv")
    assert all(d.loc.path == "sheet.csv" for d in report.diagnostics)
    return [(d.loc.line, d.loc.col, d.code, d.message) for d in report.sorted() if d.severity is Severity.ERROR]


def codes(found: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str]]:
    return [(row, col, code) for row, col, code, _msg in found]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_known_errors_are_named_by_row_and_column(valid_repo: Path) -> None:
    """A missing column, an unknown assessment type and only 2 rows, all in one run."""
    sheet = (
        "id,title,statement,aligns,assessment_types,rubric\n"
        "MATH-7.1,Ratios,I can use ratios.,MATH.RP,writen-test,MATH.RP\n"
        "MATH-7.2,Rates,I can compute rates.,MATH.RP.1,project,MATH.RP\n"
    )
    found = problems(framework(valid_repo), sheet)
    assert codes(found) == [
        (1, 0, "csv-missing-column"),  # the header row; no cell: the column is not there
        (2, 5, "unknown-ref"),  # row 2, column E (assessment_types)
        (3, 0, "objective-count"),
    ]
    messages = {code: msg for _r, _c, code, msg in found}
    assert "'dok'" in messages["csv-missing-column"]
    assert messages["unknown-ref"] == ("row 2, column E (assessment_types): unknown assessment type "
                                       "'writen-test'; did you mean written-test?")
    assert "2 objectives" in messages["objective-count"]


def test_cli_reports_file_row_col_code_and_fix(valid_repo: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "objectives.csv"
    sheet.write_text(GOOD.replace("written-test; presentation", "written-test; quizz"), encoding="utf-8")
    before = (valid_repo / "content/courses/math-7.yml").read_bytes()
    result = run("import", "csv", str(sheet), "--course", "MATH-7", "--root", str(valid_repo), "--force")
    assert result.exit_code == 1
    assert (f"{sheet}:4:6: error unknown-ref row 4, column F (assessment_types): unknown assessment type "
            "'quizz'") in result.output
    assert "    fix: use an assessment type `id` from content/district.yml" in result.output
    assert "nothing was written" in result.output
    assert (valid_repo / "content/courses/math-7.yml").read_bytes() == before


def test_every_cell_is_checked(valid_repo: Path) -> None:
    sheet = (
        "ID, Title ,statement,aligns,dok,Assessment types,rubric,criterion_1,criterion_1_level_1,"
        "criterion_1_level_2,criterion_1_level_3,criterion_1_level_4,suggested_weeks,statment\n"
        "MATH-7.1,Ratios,,MATH.RP.9,5,written-test,MATH.RP,,,,,,6,x\n"
        "MATH-7.1,Rates,I can compute rates.,MATH.RP.1,two,written-test,,Accuracy,a,b,,d,-1,\n"
        "7.3,Equations,I can solve.,MATH.EE,3,written-test,MATH.EE,Reasoning,a,b,c,d,,\n"
        "MATH-7.4,More,I can do more.,MATH.EE,3,written-test,,,,,,,,\n"
    )
    found = problems(framework(valid_repo), sheet)
    assert codes(found) == [
        (1, 14, "csv-unknown-column"),
        (2, 3, "csv-required"),  # empty statement
        (2, 4, "unknown-ref"),  # MATH.RP.9
        (2, 5, "csv-bad-value"),  # dok 5
        (3, 1, "duplicate-id"),
        (3, 5, "csv-bad-value"),  # dok "two"
        (3, 11, "rubric-levels"),  # criterion_1_level_3 empty
        (3, 13, "csv-bad-value"),  # suggested_weeks -1
        (4, 1, "csv-bad-value"),  # ID starts with a digit
        (4, 7, "csv-bad-value"),  # rubric and criteria both
        (5, 7, "rubric-missing"),
    ]
    messages = [msg for *_rc, msg in found]
    assert "unknown column 'statment'; did you mean statement?" in messages[0]
    assert "level 3 (Meets)" in messages[6]
    assert messages[6].startswith("row 3, column K (criterion_1_level_3): criterion 1")
    assert "(Assessment types)" not in " ".join(messages)  # no error there
    assert messages[1] == "row 2, column C (statement): the cell is empty"


def test_excel_sheet_with_bom_and_semicolons(valid_repo: Path) -> None:
    sheet = GOOD.replace(",", ";").replace("; ", " ")  # lists by spaces, cells by semicolons
    data = ("\ufeff" + sheet.replace("\n", "\r\n")).encode("utf-8")
    objectives, report = import_objectives(framework(valid_repo), "MATH-7", data, "sheet.csv")
    assert not report.diagnostics, text_report(report)
    assert [o["id"] for o in objectives] == ["MATH-7.1", "MATH-7.2", "MATH-7.3"]
    assert objectives[0]["aligns"] == ["MATH.RP", "MATH.RP.2"]
    assert objectives[0]["assessment_types"] == ["written-test", "project"]


def test_sheet_saved_as_latin1_is_named(valid_repo: Path) -> None:
    sheet = GOOD.replace("Unit rates", "Unit rates café").encode("cp1252")
    found = problems(framework(valid_repo), sheet)
    assert codes(found) == [(3, 2, "encoding")]  # row 3, column B (title)
    assert "Latin-1" in found[0][3]


def test_blank_rows_note_columns_titles_and_translations(valid_repo: Path) -> None:
    sheet = (
        "id,title,title_es,statement,aligns,dok,assessment_types,rubric,# reviewer notes,"
        "criterion_1,criterion_1_level_1,criterion_1_level_2,criterion_1_level_3,criterion_1_level_4,"
        "criterion_1_es,criterion_1_level_3_es\n"
        "MATH-7.1,Ratios,Razones,I can use ratios.,MATH.RP,3,Written test; project,,check wording,"
        "Modeling,a,b,c,d,Modelación,c-es\n"
        ",,,,,,,,,,,,,,,\n"
        "MATH-7.2,Rates,,I can compute rates.,MATH.RP.1,2,written-test,MATH.RP,,,,,,,,\n"
        "MATH-7.3,Equations,,I can solve.,MATH.EE,3,written-test,MATH.EE,,,,,,,,\n"
    )
    objectives, report = import_objectives(framework(valid_repo), "MATH-7", sheet.encode(), "s.csv")
    assert not report.diagnostics, text_report(report)
    first = objectives[0]
    assert first["title"] == {"en": "Ratios", "es": "Razones"}
    assert first["assessment_types"] == ["written-test", "project"]  # a title is read as its ID
    assert first["rubric"] == [{"criterion": {"en": "Modeling", "es": "Modelación"},
                                "levels": {"1": "a", "2": "b", "3": {"en": "c", "es": "c-es"}, "4": "d"}}]
    assert objectives[1]["title"] == "Rates" and objectives[1]["rubric"] == "MATH.RP"


def test_ids_used_elsewhere_are_refused(make_repo: MakeRepo) -> None:
    root = make_repo()
    sheet = GOOD.replace("MATH-7.3,", "MATH.EE,")
    assert codes(problems(framework(root), sheet)) == [(4, 1, "duplicate-id")]
    # its own objectives may be renumbered freely
    assert problems(framework(root), GOOD.replace("MATH-7.1", "MATH-7.9")) == []


def test_replacing_objectives_keeps_the_rest_of_the_file(make_repo: MakeRepo, tmp_path: Path) -> None:
    course = "# yaml-language-server: $schema=x\n# The committee's note.\n" + COURSE_MATH_7.replace(
        "objectives:", "# objectives below come from the sheet\nobjectives:") + "replaces: MATH-7-OLD\n"
    root = make_repo({"content/courses/math-7.yml": course})
    sheet = tmp_path / "s.csv"
    sheet.write_text(GOOD.replace("I can compute unit rates.", "I can compute unit rates fast."), encoding="utf-8")
    target = root / "content/courses/math-7.yml"
    refused = run("import", "csv", str(sheet), "--course", "MATH-7", "--root", str(root))
    assert refused.exit_code == 1 and "--force" in refused.output
    assert target.read_text(encoding="utf-8") == course
    dry = run("import", "csv", str(sheet), "--course", "MATH-7", "--root", str(root), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "  BREAKING  objective MATH-7.2 statement reworded: I can compute unit rates {+fast+}.\n" in dry.stdout
    assert dry.stdout.endswith("content/courses/math-7.yml: 10 lines would change\ndry run: nothing was written\n")
    assert target.read_text(encoding="utf-8") == course
    done = run("import", "csv", str(sheet), "--course", "MATH-7", "--root", str(root), "--force")
    assert done.exit_code == 0, done.output
    written = target.read_text(encoding="utf-8")
    head = course.split("objectives:")[0]
    assert written.startswith(head)  # every line before the objectives, comments included
    assert written.endswith("\nreplaces: MATH-7-OLD\n")
    data = yaml.safe_load(written)
    assert data["objectives"][1]["statement"] == "I can compute unit rates fast."
    assert data["state_code"] == "27.02200"
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")], "no temporary file left"
    assert run("validate", "--root", str(root)).exit_code == 0
    again = run("import", "csv", str(sheet), "--course", "MATH-7", "--root", str(root))
    assert again.exit_code == 0 and "nothing to do" in again.output


def test_new_course_needs_its_fields(valid_repo: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text(GOOD.replace("MATH-7.", "MATH-9."), encoding="utf-8")
    missing = run("import", "csv", str(sheet), "--course", "MATH-9", "--root", str(valid_repo))
    assert missing.exit_code == 2 and "--title, --area, --grades" in missing.output
    made = run("import", "csv", str(sheet), "--course", "MATH-9", "--root", str(valid_repo),
               "--title", "Grade 9: Mathematics", "--area", "MATH", "--grades", "9")
    assert made.exit_code == 0, made.output
    target = valid_repo / "content/courses/math-9.yml"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("id: MATH-9\n")  # the repository chose no schema line (test_init.py)
    data = yaml.safe_load(text)
    assert data["title"] == "Grade 9: Mathematics" and data["grades"] == [9] and data["status"] == "draft"
    assert data["programs"] == ["community-school"] and data["description"].startswith("TODO")
    assert run("validate", "--root", str(valid_repo)).exit_code == 0
    fields_of_existing = run("import", "csv", str(sheet), "--course", "MATH-7", "--root", str(valid_repo),
                             "--title", "X")
    assert fields_of_existing.exit_code == 2


@pytest.mark.parametrize("course", ["7-MATH", "MATH 7"])
def test_course_id_is_checked(valid_repo: Path, tmp_path: Path, course: str) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text(GOOD, encoding="utf-8")
    result = run("import", "csv", str(sheet), "--course", course, "--root", str(valid_repo))
    assert result.exit_code == 2 and "not a valid ID" in result.output


def test_the_documented_example_sheet_imports(tmp_path: Path) -> None:
    """docs/spreadsheets.md shows a sheet for the sample district; it must import as shown."""
    repo = Path(__file__).resolve().parents[1]
    doc = (repo / "docs" / "spreadsheets.md").read_text(encoding="utf-8")
    example = doc.split("```text\n", 1)[1].split("```", 1)[0]
    objectives, report = import_objectives(framework(repo), "MATH-7", example.encode(), "example.csv")
    assert not report.diagnostics, text_report(report)
    assert [o["id"] for o in objectives] == ["MATH-7.1", "MATH-7.2", "MATH-7.3"]
