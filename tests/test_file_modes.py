"""Written files get the permissions any other file would (0644 / 0755 under umask 022), not the
private ones of the temporary file they were written as (issue 17)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from hcs_site.cli import main

SHEET = """id,title,statement,aligns,dok,assessment_types,rubric
MATH-7.1,Proportions,I can recognize proportional relationships.,MATH.RP; MATH.RP.2,3,written-test,MATH.RP
MATH-7.2,Unit rates,I can compute unit rates.,MATH.RP.1,2,written-test,MATH.RP
MATH-7.3,Equations,I can write and solve equations.,MATH.EE,3,written-test,MATH.EE
"""


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def invoke(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output


def test_export_case_writes_0644(valid_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "case.json"
    invoke("export", "case", "--root", str(valid_repo), "--out", str(out))
    assert mode(out) == 0o644


def test_export_case_keeps_the_mode_of_the_file_it_replaces(valid_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "case.json"
    invoke("export", "case", "--root", str(valid_repo), "--out", str(out))
    out.chmod(0o664)
    invoke("export", "case", "--root", str(valid_repo), "--out", str(out))
    assert mode(out) == 0o664


def test_import_csv_writes_0644(valid_repo: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(SHEET, encoding="utf-8")
    invoke("import", "csv", str(sheet), "--root", str(valid_repo), "--course", "MATH-7", "--force")
    assert mode(valid_repo / "content" / "courses" / "math-7.yml") == 0o644


def test_output_folders_are_0755(valid_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "api"
    invoke("export", "api", "--root", str(valid_repo), "--out", str(out))
    assert mode(out) == 0o755
    assert {mode(p) for p in out.rglob("*") if p.is_file()} == {0o644}
    assert {mode(p) for p in out.rglob("*") if p.is_dir()} == {0o755}


def test_a_stricter_umask_is_respected(valid_repo: Path, tmp_path: Path) -> None:
    os.umask(0o077)
    out = tmp_path / "case.json"
    invoke("export", "case", "--root", str(valid_repo), "--out", str(out))
    assert mode(out) == 0o600
