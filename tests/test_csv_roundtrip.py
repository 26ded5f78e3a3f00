"""The sample content through spreadsheets and back: nothing a sheet carries is lost."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from hcs_site.check.pipeline import check_repository
from hcs_site.cli import main
from hcs_site.export import serialize
from hcs_site.export.csv_export import framework_sheets
from hcs_site.import_.csv_import import import_objectives
from hcs_site.model.framework import Framework

REPO = Path(__file__).resolve().parents[1]


def framework(root: Path) -> Framework:
    result = check_repository(root, portfolios=False)
    assert result.framework is not None and not result.report.errors
    return result.framework


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("roundtrip") / "repo"
    shutil.copytree(REPO / "content", root / "content")
    return root


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_every_course_round_trips_through_its_sheet(sample: Path) -> None:
    fw = framework(sample)
    sheets = framework_sheets(fw)
    for course in fw.courses:
        data = sheets[f"objectives/{course.id}.csv"].encode("utf-8-sig")
        objectives, report = import_objectives(fw, course.id, data, f"{course.id}.csv")
        assert not report.diagnostics, (course.id, report.sorted()[:3])
        assert objectives == [serialize.objective(o, "compact") for o in course.objectives], course.id


def test_round_trip_through_the_commands_changes_no_course(sample: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "sheets"
    assert runner.invoke(main, ["export", "csv", "--root", str(sample), "--out", str(out)]).exit_code == 0
    before = {c.id: serialize.course(c) for c in framework(sample).courses}
    for course_id in before:
        result = runner.invoke(main, ["import", "csv", str(out / "objectives" / f"{course_id}.csv"),
                                      "--course", course_id, "--root", str(sample), "--force"])
        assert result.exit_code == 0, result.output
    after = {c.id: serialize.course(c) for c in framework(sample).courses}
    assert after == before


def test_exported_sheets_are_what_a_committee_opens(sample: Path) -> None:
    fw = framework(sample)
    sheets = framework_sheets(fw)
    assert sorted(sheets) == sorted(["areas.csv", "competencies.csv", "indicators.csv", "courses.csv",
                                     *(f"objectives/{c.id}.csv" for c in fw.courses)])
    math7 = rows(sheets["objectives/MATH-7.csv"])
    assert [r["id"] for r in math7] == [f"MATH-7.{n}" for n in range(1, 7)]
    first = math7[0]
    assert first["aligns"] == "MATH.RP; MATH.RP.2; MATH.RP.3"
    assert first["assessment_types"] == "written-test; project; presentation"
    assert first["criterion_1"] == "Modeling" and first["criterion_1_es"] == "Modelación"
    assert first["criterion_1_level_3"].startswith("Decides correctly")
    assert first["title_es"] == "Relaciones proporcionales"
    assert math7[5]["rubric"] == "MATH.SP" and math7[5]["criterion_1"] == ""
    courses = {r["id"]: r for r in rows(sheets["courses.csv"])}
    assert courses["MATH-7"]["state_code"] == "27.02200" and courses["MATH-7"]["grades"] == "7"
    assert courses["ALG-1"]["replaces"] == "COORD-ALG"
    indicators = rows(sheets["indicators.csv"])
    assert len(indicators) == len(fw.indicators)
    assert {r["competency"] for r in indicators} == set(fw.competencies)
    competencies = rows(sheets["competencies.csv"])
    assert {r["area"] for r in competencies} == {a.id for a in fw.areas}
    assert next(r for r in competencies if r["id"] == "MATH.SP")["criterion_1"]


def test_export_csv_writes_utf8_with_bom(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "sheets"
    result = CliRunner().invoke(main, ["export", "csv", "--root", str(sample), "--out", str(out)])
    assert result.exit_code == 0, result.output
    raw = (out / "objectives" / "MATH-7.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,title,statement,")
    assert "Matemáticas de 7.º grado".encode() in (out / "courses.csv").read_bytes()
