"""`--shard` names schools and languages the way a person types them: any capitals, a school's
title, and a refusal that suggests the near miss and lists the choices."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hcs_site.check.pipeline import check_repository
from hcs_site.cli import main
from hcs_site.selection import Selection, ShardError
from tests.conftest import write_files
from tests.test_plugin import MINIMAL


@pytest.fixture
def schools(valid_repo: Path) -> dict[str, object]:
    result = check_repository(valid_repo)
    assert result.framework is not None
    return dict(result.framework.district.school_index)


@pytest.mark.parametrize("typed", ["luella-high", "LUELLA-HIGH", "Luella-High", "luella_high", "Luella High School",
                                   "LUELLA HIGH SCHOOL"])
def test_a_school_in_any_capitals_or_by_its_title(schools: dict[str, object], typed: str) -> None:
    assert Selection.parse(f"portfolios:{typed}", schools, ["en", "es"]).spec() == "portfolios:luella-high"


@pytest.mark.parametrize(("typed", "message"), [
    ("luela-high", "no school 'luela-high'; did you mean luella-high? Use one of: bethlehem-elementary, luella-high"),
    ("Luella Highschool", "no school 'Luella Highschool'; did you mean luella-high? Use one of: "
                          "bethlehem-elementary, luella-high"),
    ("stockbridge", "no school 'stockbridge'; use one of: bethlehem-elementary, luella-high"),
])
def test_an_unknown_school_suggests_the_near_miss_and_lists_the_schools(schools: dict[str, object], typed: str,
                                                                         message: str) -> None:
    with pytest.raises(ShardError) as refused:
        Selection.parse(f"portfolios:{typed}", schools, ["en", "es"])
    assert str(refused.value) == message


def test_a_language_in_any_capitals(schools: dict[str, object]) -> None:
    assert Selection.parse("framework:ES", schools, ["en", "es"]).spec() == "framework:es"
    with pytest.raises(ShardError) as refused:
        Selection.parse("framework:fr", schools, ["en", "es"])
    assert str(refused.value) == "the site has no language 'fr'; languages: en, es"


def test_the_command_line_refusal_is_a_usage_error_with_the_choices(valid_repo: Path, tmp_path: Path) -> None:
    write_files(valid_repo, {"mkdocs.yml": MINIMAL, "docs/about.md": "# About\n"})
    result = CliRunner().invoke(main, ["build", "--root", str(valid_repo), "--shard", "portfolios:Luela",
                                       "--site-dir", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no school 'Luela'; did you mean luella-high? Use one of: bethlehem-elementary, luella-high" in \
        " ".join(result.output.split())
