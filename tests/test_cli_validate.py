"""`hcs-site validate` and `hcs-site schema` as a teacher's pull request or CI would run them."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator

from hcs_site.check import schema_defs
from hcs_site.cli import main
from hcs_site.commands.common import EXIT_CONTENT, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE

from .conftest import AREA_MATH, COURSE_MATH_7, PORTFOLIO, TODAY, MakeRepo

SCHEMAS_DIR = Path(schema_defs.__file__).parent / "schemas"
EPOCH = str(int(dt.datetime.combine(TODAY, dt.time(12), dt.UTC).timestamp()))


def validate(root: Path | str, *args: str) -> Result:
    result = CliRunner().invoke(main, ["validate", "--root", str(root), *args],
                                env={"SOURCE_DATE_EPOCH": EPOCH})
    assert "Traceback" not in result.output
    return result


def test_clean_repository_exits_0(valid_repo: Path) -> None:
    result = validate(valid_repo)
    assert result.exit_code == EXIT_OK
    assert result.output == "0 errors, 0 warnings in 5 files\n"


def test_content_errors_exit_1_with_exact_text(make_repo: MakeRepo) -> None:
    root = make_repo({"content/courses/math-7.yml": COURSE_MATH_7.replace('"27.02200"', "27.02200")})
    result = validate(root)
    assert result.exit_code == EXIT_CONTENT
    assert result.output == (
        "content/courses/math-7.yml:3:13: error quote-value `state_code: 27.02200` would be read as a "
        "number, but it must be text\n"
        '    fix: quote this value: "27.02200"\n'
        "1 error, 0 warnings in 5 files\n"
    )


def test_warnings_exit_0_unless_strict(make_repo: MakeRepo) -> None:
    root = make_repo({"content/competencies/math.yml": AREA_MATH.replace(
        "      - {id: MATH.RP.4, statement: Use percents in real-world problems., dok: 3}\n", "")})
    relaxed = validate(root)
    assert relaxed.exit_code == EXIT_OK
    assert relaxed.output.endswith("0 errors, 1 warning in 5 files\n")
    strict = validate(root, "--strict")
    assert strict.exit_code == EXIT_CONTENT
    assert strict.output == relaxed.output


def test_info_never_fails_even_strict(make_repo: MakeRepo) -> None:
    root = make_repo({"portfolios/p-0001/portfolio.md": PORTFOLIO.replace("  guardian: true\n", "")})
    result = validate(root, "--strict")
    assert result.exit_code == EXIT_OK
    assert result.output == ("1 portfolio not published: no guardian consent (-v lists them)\n"
                             "0 errors, 0 warnings, 1 info in 5 files\n")
    result = validate(root, "--strict", "-v")
    assert result.exit_code == EXIT_OK
    assert result.output == (
        "portfolios/p-0001/portfolio.md:2:1: info portfolio-skipped portfolio 'p-0001' is not published: "
        "it has no guardian consent (and the student is not an adult student)\n"
        "    fix: nothing from this folder appears on the site\n"
        "0 errors, 0 warnings, 1 info in 5 files\n"
    )


def test_expiry_follows_source_date_epoch(make_repo: MakeRepo) -> None:
    root = make_repo({"portfolios/p-0001/portfolio.md": PORTFOLIO.replace("2099-06-30", "2026-10-14")})
    assert "consent expired on 2026-10-14" in validate(root, "-v").output  # TODAY is 2026-10-15


def test_json_format(make_repo: MakeRepo) -> None:
    root = make_repo({"content/courses/math-7.yml": COURSE_MATH_7.replace("area: MATH", "area: MAHT")})
    result = validate(root, "--format", "json")
    assert result.exit_code == EXIT_CONTENT
    assert json.loads(result.output) == {
        "diagnostics": [
            {
                "path": "content/courses/math-7.yml",
                "line": 4,
                "column": 7,
                "severity": "error",
                "code": "unknown-ref",
                "message": "course MATH-7 refers to area 'MAHT', which does not exist; did you mean MATH?",
                "hint": "use the `id` of a file in content/competencies/: one of: MATH",
            }
        ],
        "summary": {"errors": 1, "warnings": 0, "info": 0, "files": 5},
    }


def test_github_format(make_repo: MakeRepo) -> None:
    root = make_repo({"content/courses/math-7.yml": COURSE_MATH_7.replace("area: MATH", "area: MAHT")})
    result = validate(root, "--format", "github")
    assert result.exit_code == EXIT_CONTENT
    assert result.output == (
        "::error file=content/courses/math-7.yml,line=4,col=7,title=unknown-ref::course MATH-7 refers to "
        "area 'MAHT', which does not exist; did you mean MATH?%0Afix: use the `id` of a file in "
        "content/competencies/: one of: MATH\n"
        "1 error, 0 warnings in 5 files\n"
    )


def test_every_problem_of_every_file_in_one_run(make_repo: MakeRepo) -> None:
    root = make_repo(
        {
            "content/courses/math-7.yml": COURSE_MATH_7.replace("title: Grade", "title: A\ntitle: Grade"),
            "portfolios/p-0001/portfolio.md": PORTFOLIO.replace("Maya S.", "Maya Smith"),
            "content/competencies/math.yml": AREA_MATH.replace("kind: content", "kind: contnet"),
        }
    )
    result = validate(root)
    assert result.exit_code == EXIT_CONTENT
    lines = [line for line in result.output.splitlines() if not line.startswith("    ")]
    assert lines == [
        "content/competencies/math.yml:3:7: error invalid-value 'contnet' is not allowed for 'kind'; "
        "did you mean content?",
        "content/courses/math-7.yml:3:1: error duplicate-key key 'title' appears twice in the same mapping "
        "(first on line 2)",
        "portfolios/p-0001/portfolio.md:2:15: error display-name display_name 'Maya Smith' must be a first "
        "name and a last initial",
        "3 errors, 0 warnings in 5 files",
    ]


@pytest.mark.parametrize("where", ["empty", "missing"])
def test_root_without_content_is_a_usage_error(tmp_path: Path, where: str) -> None:
    root = tmp_path / "nothing-here"
    if where == "empty":
        root.mkdir()
    result = validate(root)
    assert result.exit_code == EXIT_USAGE
    assert "has no content/ folder" in result.output
    assert "--root DIR" in result.output


def test_bad_format_is_a_usage_error(valid_repo: Path) -> None:
    result = validate(valid_repo, "--format", "xml")
    assert result.exit_code == EXIT_USAGE
    assert "'xml' is not one of" in result.output


def test_unknown_option_is_a_usage_error(valid_repo: Path) -> None:
    assert validate(valid_repo, "--strikt").exit_code == EXIT_USAGE


def test_missing_district_is_a_content_error(make_repo: MakeRepo) -> None:
    root = make_repo({"content/district.yml": None})
    result = validate(root)
    assert result.exit_code == EXIT_CONTENT
    first = result.output.splitlines()[0]
    assert first == "content/district.yml:0:0: error missing-file content/district.yml is missing"


def test_internal_error_exits_70_without_traceback(
    valid_repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def boom(*_: Any, **__: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("hcs_site.commands.validate.check_repository", boom)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    result = validate(valid_repo)
    assert result.exit_code == EXIT_INTERNAL
    assert "This is a bug in hcs-site, not a problem in your content" in result.output
    crash = next(tmp_path.glob("hcs-site-crash-*.txt"))
    assert "RuntimeError: a bug" in crash.read_text()


# ---------------------------------------------------------------- schemas


def test_schema_command_writes_the_shipped_schemas(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    result = CliRunner().invoke(main, ["schema", "--out", str(out)])
    assert result.exit_code == EXIT_OK
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(p.name for p in SCHEMAS_DIR.glob("*.schema.json"))
    assert len(written) == 5
    for name in written:
        assert (out / name).read_bytes() == (SCHEMAS_DIR / name).read_bytes()


@pytest.mark.parametrize("kind", sorted(schema_defs.SCHEMAS))
def test_shipped_schema_matches_its_definition(kind: str) -> None:
    """Drift guard: edit schema_defs.py, then run `hcs-site schema --out hcs_site/check/schemas`."""
    assert (SCHEMAS_DIR / f"{kind}.schema.json").read_text("utf-8") == schema_defs.dump(kind)


def _objects(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield where, node
        for key, child in node.items():
            yield from _objects(child, f"{where}/{key}")
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from _objects(child, f"{where}/{i}")


@pytest.mark.parametrize("kind", sorted(schema_defs.SCHEMAS))
def test_shipped_schema_is_draft_2020_12_and_closed(kind: str) -> None:
    schema = json.loads((SCHEMAS_DIR / f"{kind}.schema.json").read_text("utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    objects = list(_objects(schema))
    assert objects
    for where, obj in objects:
        if "properties" in obj:
            # A typo such as `objetives:` must never be silently ignored.
            assert obj.get("additionalProperties") is False, f"{kind}: {where} is open"
        else:
            # Maps (language -> text, level -> descriptor): keys and values both constrained.
            assert "propertyNames" in obj and isinstance(obj.get("additionalProperties"), dict), where
