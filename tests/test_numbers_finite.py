"""Numbers are finite and of a sane size, decided where YAML is read, whatever the field; and no
JSON the site publishes can ever hold `NaN` or `Infinity`."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from hcs_site.check.pipeline import check_repository
from hcs_site.export.json_api import NotFiniteError, api_files, dumps
from hcs_site.load.yaml_reader import read_yaml

from .conftest import COURSE_MATH_7, EVIDENCE, TODAY, MakeRepo

COURSE = "content/courses/math-7.yml"
EV = "portfolios/p-0001/evidence/ratio-recipes.md"
FINITE_HINT = "write the number itself; if this is text, put it in quotes"
LARGE_HINT = "correct the number; if it is a code or text, put it in quotes"
LIMIT = "between -9,007,199,254,740,991 and 9,007,199,254,740,991"


def errors(root: Path) -> list[tuple[str, int, int, str, str, str]]:
    report = check_repository(root, today=TODAY).report
    return [(d.loc.path, d.loc.line, d.loc.col, d.code, d.message, d.hint) for d in report.sorted()
            if d.severity.value == "error"]


@pytest.mark.parametrize(
    ("literal", "why"),
    [("1e309", "is too large to be a number (it would be read as infinity)"),
     ("-1E+400", "is too large to be a number (it would be read as infinity)"),
     ("1" + "0" * 400 + ".5", None),
     (".inf", "means infinity"), ("-.Inf", "means infinity"), ("+.INF", "means infinity"),
     (".nan", "means 'not a number'"), (".NaN", "means 'not a number'"), (".NAN", "means 'not a number'")],
)
def test_a_non_finite_credit_is_an_error_at_its_place(make_repo: MakeRepo, literal: str, why: str | None) -> None:
    root = make_repo({COURSE: COURSE_MATH_7.replace("credit: 1.0", f"credit: {literal}")})
    shown = f"'{literal}'" if len(literal) <= 24 else f"'{literal[:12]}...' ({len(literal):,} characters)"
    why = why or "is too large to be a number (it would be read as infinity)"
    assert errors(root) == [(COURSE, 6, 9, "number-not-finite", f"a number must be finite, but {shown} {why}",
                             FINITE_HINT)]


@pytest.mark.parametrize(
    ("literal", "shown"),
    [("9007199254740992", "'9007199254740992'"), ("-9007199254740992", "'-9007199254740992'"),
     ("1e400", None), ("1e20", "'1e20'"),
     ("9" * 5000, "'999999999999...' (5,000 characters)"),
     ("1" + "0" * 1_000_000, "'100000000000...' (1,000,001 characters)")],
)
def test_huge_numbers_are_an_error_and_do_not_stall(make_repo: MakeRepo, literal: str, shown: str | None) -> None:
    root = make_repo({COURSE: COURSE_MATH_7.replace("suggested_weeks: 36", f"suggested_weeks: {literal}")})
    if len(literal) > 100_000:  # over the size limit of a content file: refused before parsing
        assert [e[3] for e in errors(root)] == ["file-too-large"]
        doc, found = read_yaml(f"suggested_weeks: {literal}\n", "f.yml")
        started = time.perf_counter()
        assert doc is None and found[0].message.startswith(f"the number {shown} is too large")
        assert time.perf_counter() - started < 1
        return
    if shown is None:
        assert [e[3] for e in errors(root)] == ["number-not-finite"]
        return
    assert errors(root) == [(COURSE, 11, 20, "number-too-large",
                             f"the number {shown} is too large: numbers in content files are {LIMIT}", LARGE_HINT)]


def test_front_matter_numbers_too(make_repo: MakeRepo) -> None:
    root = make_repo({EV: EVIDENCE.replace("level: 3", "level: .nan")})
    assert errors(root) == [(EV, 8, 8, "number-not-finite",
                             "a number must be finite, but '.nan' means 'not a number'", FINITE_HINT)]


@pytest.mark.parametrize("word", ["inf", "nan", "Infinity", "-inf", "NaN"])
def test_words_yaml_does_not_read_as_numbers_stay_text(word: str) -> None:
    doc, found = read_yaml(f"title: {word}\n", "f.yml")
    assert doc is not None and doc.data == {"title": word} and not found


@pytest.mark.parametrize("literal", ["0", "-0", "36", "2.5", "1e3", "-3", "9007199254740991", "0.000001"])
def test_ordinary_numbers_are_read(literal: str) -> None:
    doc, found = read_yaml(f"n: {literal}\n", "f.yml")
    assert doc is not None and not found


def test_quoted_values_stay_text(make_repo: MakeRepo) -> None:
    doc, found = read_yaml('a: ".inf"\nb: "1e309"\nc: \'.nan\'\n', "f.yml")
    assert doc is not None and doc.data == {"a": ".inf", "b": "1e309", "c": ".nan"} and not found


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_the_json_writer_refuses_non_finite_numbers(value: float) -> None:
    """The second wall: were a loader bug to let one through, the API is not written."""
    with pytest.raises(NotFiniteError):
        dumps({"credit": value})


def test_the_api_of_a_valid_framework_is_strict_json(make_repo: MakeRepo) -> None:
    result = check_repository(make_repo(), portfolios=False)
    assert result.framework is not None
    files = api_files(result.framework)
    def refuse(name: str) -> None:
        raise AssertionError(f"the API holds {name}")

    assert files
    for data in files.values():
        json.loads(data, parse_constant=refuse)
