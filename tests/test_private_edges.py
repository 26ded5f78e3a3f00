"""Edges of the privacy rules that mutation testing found unpinned (docs/testing.md).

Each row is a text a student could write and what the check must say about it: prose that only
looks like an address, digits of another script, a reference-shaped token, a long text past the
short-text cache, a district pattern that can match nothing; and the diagnostics a student sees
when a folder or file name would publish a name or a number.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hcs_site.check import private_text
from hcs_site.check.pipeline import check_repository
from hcs_site.check.private_text import private_details
from hcs_site.check.url_names import file_name_problem, slug_problem

from .conftest import EVIDENCE, PORTFOLIO, TODAY, MakeRepo

NUMBER = "what looks like a student number"
ADDRESS = "a street address"

ROWS: list[tuple[str, list[tuple[int, int, str]]]] = [
    # a street address needs a street name: words like "down", "up", "the" are prose, not names
    ("I ran 3 miles down the road", []), ("we drove 2 hours up the highway", []),
    ("I live at 3 Miles Road", [(0, 11, ADDRESS)]),
    # a Spanish address: at most six words between "calle" and the number
    ("la calle que vimos ayer por la tarde tenía 5 casas", []),
    ("la calle que vimos ayer por la tarde 5", [(0, 4, ADDRESS)]),
    # a comma only after one capitalised word, then the number right away
    ("la calle Mayor (la nueva), 3 casas", []), ("la calle Mayor, la de las 5 casas", []),
    ("la calle Mayor, 5", [(0, 4, ADDRESS)]),
    # digits of another script are one digit each: 5 or 6 of them are not a student number
    ("١٢٣٤٥", []), ("١٢٣٤٥٦", []), ("١٢٣٤٥٦٧", [(0, 1, NUMBER)]),
    # a named reference has at most 32 characters; a longer `&…;` is plain text, read from its letters
    ("&pobox" + "1" * 27 + ";", [(0, 1, ADDRESS)]), ("&pobox" + "1" * 28 + ";", [(0, 2, ADDRESS)]),
]


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[repr(t[:40]) for t, _e in ROWS])
def test_edge(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert private_details(text) == expected


@pytest.mark.parametrize("markdown", [False, True])
@pytest.mark.parametrize("length", [199, 200, 201, 250, 5000])
def test_a_long_text_is_read_like_a_short_one(length: int, markdown: bool) -> None:
    """Texts up to 200 characters are remembered; longer ones are read every time, the same way."""
    text = "x" * (length - 8) + " 1234567"
    assert len(text) == length
    private_text._short_details.cache_clear()
    assert private_details(text, markdown=markdown) == [(0, length - 6, NUMBER)]
    assert private_details(text, markdown=markdown) == [(0, length - 6, NUMBER)]  # and again, remembered or not


@pytest.mark.parametrize("text", ["x, y", " ", "", "a - b"])
def test_a_district_pattern_that_can_match_nothing_finds_nothing(text: str) -> None:
    """An empty match is no finding, even where the pattern's edges allow one (between spaces)."""
    private_text._short_details.cache_clear()
    assert private_details(text, r"\d*") == []
    assert private_details(text + " 123", r"\d*") == [(0, len(text) + 2, NUMBER)]


# --- names that become addresses -------------------------------------------------------------------


@pytest.mark.parametrize(("slug", "problem"), [
    ("poster-1999", None), ("poster-19999", "'19999': four or more digits"),
    ("poster-20245", "'20245': four or more digits"), ("poster-120", None),
])
def test_a_year_is_four_digits_exactly(slug: str, problem: str | None) -> None:
    found = slug_problem(slug)
    assert (found is None) if problem is None else (found is not None and found.startswith(problem))


@pytest.mark.parametrize(("path", "problem"), [
    ("posters/maria", "'maria' looks like a person's name"), ("maria/posters", "'maria' looks like"),
    ("posters/drafts/maria", "'maria' looks like"), ("posters/drafts/final", None),
])
def test_the_last_part_of_a_path_without_extension_is_checked(path: str, problem: str | None) -> None:
    found = file_name_problem(path)
    assert (found is None) if problem is None else (found is not None and found.startswith(problem))


def _errors(root: Path, code: str) -> list[str]:
    report = check_repository(root, today=TODAY).report
    return [f"{d.loc.path}:{d.loc.line}:{d.loc.col}: {d.code} {d.message} ({d.hint})" for d in report.sorted()
            if d.code == code]


def test_a_folder_name_that_is_a_name_says_how_to_get_a_key(make_repo: MakeRepo) -> None:
    root = make_repo({"portfolios/p-maya1/portfolio.md": PORTFOLIO})
    assert _errors(root, "portfolio-key") == [
        "portfolios/p-maya1/portfolio.md:1:1: portfolio-key the folder name 'p-maya1' becomes a public address: "
        "a key must not be a name ('maya' could be one): it is part of the page's address; use digits and at "
        "most two letters in a row (leave KEY out of `hcs-site new portfolio` to get a random one, like p-7f3a2c, "
        "and rename the folder)"]


def test_a_file_name_with_a_number_says_how_to_name_the_file(make_repo: MakeRepo) -> None:
    root = make_repo({"portfolios/p-0001/evidence/poster-19999.md": EVIDENCE})
    assert _errors(root, "evidence-name") == [
        "portfolios/p-0001/evidence/poster-19999.md:1:1: evidence-name the file name 'poster-19999.md' becomes a "
        "public address: '19999': four or more digits in a row (other than a year) look like part of an identity "
        "number (name the file after the work, like ratio-recipes.md or fases-de-la-luna.png)"]
