"""Spreadsheet round trips that change only what changed, for the whole framework (issues 16.4, 17.5)."""

from __future__ import annotations

import csv
import difflib
import io
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hcs_site.check.pipeline import check_repository
from hcs_site.cli import main
from hcs_site.commands.import_sheets import content_target
from hcs_site.export.csv_export import framework_sheets
from hcs_site.outputs import UnsafeOutput

from .conftest import COURSE_MATH_7, MakeRepo

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "content", root / "content")
    return root


def export(root: Path, out: Path) -> Path:
    result = check_repository(root, portfolios=False)
    assert result.framework is not None
    for name, text in framework_sheets(result.framework).items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(text.encode("utf-8-sig"))
    return out


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted((root / "content").rglob("*")) if p.is_file()}


def edit(sheet: Path, row_id: str, column: str, value: str | None, *, new_row: list[str] | None = None,
         after: str | None = None) -> None:
    """Change one cell of a sheet as a spreadsheet program would save it (BOM, CRLF)."""
    rows = list(csv.reader(io.StringIO(sheet.read_bytes().decode("utf-8-sig"), newline="")))
    header = rows[0]
    if value is not None:
        row = next(r for r in rows if r[header.index("id")] == row_id)
        row[header.index(column)] = value
    if new_row is not None:
        at = next(i for i, r in enumerate(rows) if r[header.index("id")] == after) + 1
        rows.insert(at, new_row + [""] * (len(header) - len(new_row)))
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    sheet.write_bytes(buf.getvalue().encode("utf-8-sig"))


def changed(before: bytes, after: bytes) -> list[str]:
    lines = difflib.unified_diff(before.decode().splitlines(True), after.decode().splitlines(True), n=0)
    return [line for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_export_all_then_import_all_writes_nothing(sample: Path, tmp_path: Path) -> None:
    sheets = export(sample, tmp_path / "sheets")
    before = snapshot(sample)
    dry = run("import", "csv", str(sheets), "--root", str(sample), "--dry-run")
    assert (dry.exit_code, dry.output) == (0, "nothing to do: the files already hold what the sheets say\n")
    done = run("import", "csv", str(sheets), "--root", str(sample), "--force")
    assert done.exit_code == 0, done.output
    assert snapshot(sample) == before


def test_every_course_sheet_alone_keeps_every_byte(sample: Path, tmp_path: Path) -> None:
    sheets = export(sample, tmp_path / "sheets")
    before = snapshot(sample)
    courses = sorted(p.stem for p in (sheets / "objectives").iterdir())
    assert len(courses) == 17
    for course in courses:
        result = run("import", "csv", str(sheets / "objectives" / f"{course}.csv"), "--course", course,
                     "--root", str(sample), "--force")
        assert result.exit_code == 0 and "nothing to do" in result.output, (course, result.output)
    assert snapshot(sample) == before


def test_a_reworded_statement_changes_only_its_lines(sample: Path, tmp_path: Path) -> None:
    sheets = export(sample, tmp_path / "sheets")
    target = sample / "content/courses/math-7.yml"
    before = target.read_bytes()
    edit(sheets / "objectives/MATH-7.csv", "MATH-7.3", "statement",
         "I can add, subtract, multiply and divide positive and negative numbers, including fractions.")
    dry = run("import", "csv", str(sheets / "objectives/MATH-7.csv"), "--course", "math-7",
              "--root", str(sample), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.splitlines()[1:2] == ["1 change, 1 breaking for students"]
    assert ("  BREAKING  objective MATH-7.3 statement reworded: I can add, subtract, multiply and divide "
            "positive and negative numbers, including fractions [-and decimals, and explain why the rules "
            "work-].\n") in dry.stdout
    assert dry.stdout.endswith("content/courses/math-7.yml: 2 lines would change\ndry run: nothing was written\n")
    assert target.read_bytes() == before
    done = run("import", "csv", str(sheets / "objectives/MATH-7.csv"), "--course", "MATH-7",
               "--root", str(sample), "--force")
    assert done.exit_code == 0, done.output
    assert changed(before, target.read_bytes()) == [
        "-        I can add, subtract, multiply and divide positive and negative numbers, including\n",
        "-        fractions and decimals, and explain why the rules work.\n",
        "+        I can add, subtract, multiply and divide positive and negative numbers, including fractions.\n",
    ]
    assert os.stat(target).st_mode & 0o777 == 0o644
    assert done.stdout.splitlines()[0] == "updated content/courses/math-7.yml (2 lines changed)"
    edit(sheets / "objectives/MATH-7.csv", "MATH-7.3", "title", "Operations with signed numbers")
    again = run("import", "csv", str(sheets / "objectives/MATH-7.csv"), "--root", str(sample), "--force")
    assert again.stdout.splitlines()[0] == "updated content/courses/math-7.yml (1 line changed)", again.output


def test_text_pasted_from_word_or_excel_is_not_a_change(sample: Path, tmp_path: Path) -> None:
    sheets = export(sample, tmp_path / "sheets")
    sheet = sheets / "objectives/MATH-7.csv"
    text = sheet.read_bytes().decode("utf-8-sig")
    pasted = text.replace("I can ", "I\u00a0can ").replace("student's", "student\u2019s").replace(
        "Proportional relationships", "Proportional relationships   ")
    assert pasted != text
    sheet.write_bytes(pasted.encode("utf-8-sig"))
    result = run("import", "csv", str(sheet), "--root", str(sample), "--dry-run")  # the course: its file name
    assert (result.exit_code, result.output) == (0, "content/courses/math-7.yml already has these 6 objectives; "
                                                    "nothing to do\n")


def test_new_rows_become_items_in_place(sample: Path, tmp_path: Path) -> None:
    sheets = export(sample, tmp_path / "sheets")
    math = sample / "content/competencies/math.yml"
    before = math.read_bytes()
    edit(sheets / "indicators.csv", "", "", None, after="MATH.RP.6",
         new_row=["MATH.RP", "MATH.RP.7", "Use ratios to convert units.", "2", "", "Usar razones para convertir."])
    result = run("import", "csv", str(sheets / "indicators.csv"), "--root", str(sample), "--force")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("updated content/competencies/math.yml (5 lines changed)\n")
    lines = changed(before, math.read_bytes())
    assert lines == ["+      - id: MATH.RP.7\n", "+        statement:\n",
                     "+          en: Use ratios to convert units.\n",
                     "+          es: Usar razones para convertir.\n", "+        dok: 2\n"]


def test_a_new_course_row_and_its_sheet_make_a_new_file(sample: Path, tmp_path: Path) -> None:
    sheets = export(sample, tmp_path / "sheets")
    shutil.copy(sheets / "objectives/MATH-7.csv", sheets / "objectives/MATH-7B.csv")
    sheet = sheets / "objectives/MATH-7B.csv"
    sheet.write_bytes(sheet.read_bytes().replace(b"MATH-7.", b"MATH-7B."))
    edit(sheets / "courses.csv", "", "", None, after="MATH-7",
         new_row=["MATH-7B", "Grade 7 Mathematics B", "", "MATH", "7", "1", "draft", "community-school", "",
                  "A second way through grade 7.", "", "", "objectives/MATH-7B.csv"])
    result = run("import", "csv", str(sheets), "--root", str(sample))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "wrote content/courses/math-7b.yml"
    made = sample / "content/courses/math-7b.yml"
    assert os.stat(made).st_mode & 0o777 == 0o644
    assert run("validate", "--root", str(sample)).exit_code == 0


def problems(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if ": error " in line]


def test_framework_sheet_mistakes_are_named_by_row_letter_and_header(sample: Path, tmp_path: Path) -> None:
    sheets = export(sample, tmp_path / "sheets")
    comps = sheets / "competencies.csv"
    edit(comps, "MATH.NS", "area", "MAHT")
    edit(comps, "MATH.RP", "id", "MATH.NS")
    edit(comps, "MATH.EE", "universal", "maybe")
    before = snapshot(sample)
    result = run("import", "csv", str(comps), "--root", str(sample), "--force")
    assert result.exit_code == 1
    assert problems(result) == [
        f"{comps}:12:1: error unknown-ref row 12, column A (area): unknown competency area 'MAHT'; did you mean MATH?",
        f"{comps}:13:2: error duplicate-id row 13, column B (id): ID MATH.NS is also on row 12",
        f"{comps}:14:5: error csv-bad-value row 14, column E (universal): 'maybe' is not one of: yes, no",
    ]
    assert "nothing was written" in result.output
    assert snapshot(sample) == before


def test_columns_must_be_in_the_order_export_writes(sample: Path, tmp_path: Path) -> None:
    sheets = export(sample, tmp_path / "sheets")
    areas = sheets / "areas.csv"
    text = areas.read_bytes().decode("utf-8-sig")
    _first, rest = text.split("\r\n", 1)
    areas.write_bytes(("id,status,kind,title,sumary,title_es,summary_es\r\n" + rest).encode("utf-8-sig"))
    result = run("import", "csv", str(areas), "--root", str(sample))
    assert result.exit_code == 1
    assert problems(result) == [
        f"{areas}:1:0: error csv-missing-column the sheet has no 'summary' column",
        f"{areas}:1:2: error csv-column-order row 1, column B (status): expected 'kind' here; column 'status' "
        "is out of place",
        f"{areas}:1:3: error csv-column-order row 1, column C (kind): expected 'status' here; column 'kind' "
        "is out of place",
        f"{areas}:1:5: error csv-unknown-column row 1, column E (sumary): unknown column 'sumary'; did you "
        "mean summary?",
    ]


def test_a_missing_course_row_deletes_nothing(sample: Path, tmp_path: Path) -> None:
    sheets = export(sample, tmp_path / "sheets")
    courses = sheets / "courses.csv"
    courses.write_bytes(b"\r\n".join(line for line in courses.read_bytes().split(b"\r\n")
                                      if not line.startswith(b"BIO,")))
    result = run("import", "csv", str(courses), "--root", str(sample), "--force")
    assert result.exit_code == 1
    assert problems(result) == [f"{courses}:17:0: error csv-row-missing course BIO (content/courses/bio.yml) has "
                                "no row in the sheet"]
    assert (sample / "content/courses/bio.yml").exists()


def test_a_formula_is_text_both_ways(sample: Path, tmp_path: Path) -> None:
    """A cell typed as `=1+2` is stored as that text; export writes it back with its guard quote."""
    sheets = export(sample, tmp_path / "sheets")
    edit(sheets / "areas.csv", "MATH", "title", '=HYPERLINK("http://x.test","Math")')
    result = run("import", "csv", str(sheets / "areas.csv"), "--root", str(sample), "--force")
    assert result.exit_code == 0, result.output
    math = (sample / "content/competencies/math.yml").read_text(encoding="utf-8")
    assert '\n  en: =HYPERLINK("http://x.test","Math")\n' in math  # a plain YAML text
    again = export(sample, tmp_path / "again")
    assert "'=HYPERLINK(" in (again / "areas.csv").read_text(encoding="utf-8-sig")
    back = run("import", "csv", str(again), "--root", str(sample), "--dry-run")
    assert "nothing to do" in back.output, back.output


@pytest.mark.parametrize("rel", ["content/courses/../../escape.yml", "content/courses/sub/x.yml",
                                 "content/district.yml", "portfolios/x.yml", "content/courses/x.md"])
def test_import_writes_only_area_and_course_files(sample: Path, rel: str) -> None:
    with pytest.raises(UnsafeOutput):
        content_target(sample, rel)


def test_import_does_not_follow_a_linked_courses_folder(sample: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(str(sample / "content/courses"), elsewhere)
    (sample / "content/courses").symlink_to(elsewhere)
    with pytest.raises(UnsafeOutput):
        content_target(sample, "content/courses/math-7.yml")
    math = sample / "content/competencies/math.yml"
    assert content_target(sample, "content/competencies/math.yml") == math.resolve()
    shutil.move(str(math), tmp_path / "math.yml")
    math.symlink_to(tmp_path / "math.yml")
    with pytest.raises(UnsafeOutput):
        content_target(sample, "content/competencies/math.yml")


def test_a_hand_written_crlf_file_with_a_bom_and_comments_keeps_them(make_repo: MakeRepo, tmp_path: Path) -> None:
    course = ("\ufeff# Committee notes: keep these lines   \n" + COURSE_MATH_7.replace(
        "objectives:\n", "\n# --- objectives ---\nobjectives:  # from the sheet\n\n").replace(
        "title: Unit rates", "'title': \"Unit rates\"   # quoted on purpose")).replace("\n", "\r\n")
    root = make_repo({"content/courses/math-7.yml": course.encode("utf-8")})
    target = root / "content/courses/math-7.yml"
    sheets = export(root, tmp_path / "sheets")
    same = run("import", "csv", str(sheets / "objectives/MATH-7.csv"), "--course", "MATH-7", "--root", str(root),
               "--force")
    assert same.exit_code == 0 and "nothing to do" in same.output, same.output
    assert target.read_bytes() == course.encode("utf-8")
    edit(sheets / "objectives/MATH-7.csv", "MATH-7.2", "title", "Unit rates and “speed”")
    edit(sheets / "objectives/MATH-7.csv", "MATH-7.3", "dok", "2")
    done = run("import", "csv", str(sheets / "objectives/MATH-7.csv"), "--course", "MATH-7", "--root", str(root),
               "--force")
    assert done.exit_code == 0, done.output
    assert changed(course.encode("utf-8"), target.read_bytes()) == [
        "-    'title': \"Unit rates\"   # quoted on purpose\r\n",
        "+    'title': \"Unit rates and “speed”\"   # quoted on purpose\r\n",
        "-    dok: 3\r\n", "+    dok: 2\r\n"]


def test_a_new_area_row_with_its_competency_and_indicators_makes_a_new_area_file(sample: Path, tmp_path: Path) -> None:
    sheets = export(sample, tmp_path / "sheets")
    edit(sheets / "areas.csv", "", "", None, after="MATH",
         new_row=["ART", "content", "draft", "Fine arts", "Making art.", "Bellas artes", "Crear arte."])
    comps = sheets / "competencies.csv"
    header = comps.read_bytes().decode("utf-8-sig").split("\r\n", 1)[0].split(",")
    row = {"area": "ART", "id": "ART.MAKE", "title": "Making art", "statement": "Students make art.",
           "universal": "no", "criterion_1": "Craft", **{f"criterion_1_level_{n}": f"Level {n}." for n in range(1, 5)}}
    edit(comps, "", "", None, after="MATH.SP", new_row=[row.get(name, "") for name in header])
    for n in (4, 3, 2, 1):
        edit(sheets / "indicators.csv", "", "", None, after="MATH.SP.5",
             new_row=["ART.MAKE", f"ART.MAKE.{n}", f"Make a piece of type {n}.", "2"])
    result = run("import", "csv", str(sheets), "--root", str(sample))
    assert (result.exit_code, result.stdout) == (0, "wrote content/competencies/art.yml\n"), result.output
    area = (sample / "content/competencies/art.yml").read_text(encoding="utf-8")
    assert area.startswith("# yaml-language-server: $schema=https://henry-county-schools.github.io/competencies/schemas/area.schema.json\n"
                           "id: ART\ntitle:\n  en: Fine arts\n  es: Bellas artes\nkind: content\nstatus: draft\n")
    assert "      - id: ART.MAKE.4\n        statement: Make a piece of type 4.\n        dok: 2\n" in area
    assert run("validate", "--root", str(sample)).exit_code == 0
    again = run("import", "csv", str(export(sample, tmp_path / "again")), "--root", str(sample), "--dry-run")
    assert "nothing to do" in again.output
