"""Where the privacy rules draw their lines, case by case on both sides of each line.

A student number is 7 to 10 digits: 6 and 11 are not, nor a number inside a decimal or a longer
run. An email has a top-level domain of two letters or more. A US phone number written with
spaces needs a real area code and exchange. Each rule is checked where a student writes: the
portfolio's own text, the evidence, the names that become addresses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hcs_site.check.pipeline import check_repository
from hcs_site.check.private_text import private_details, student_number, visible
from hcs_site.check.url_names import file_name_problem, first_name, key_problem, normalized, slug_problem

from .conftest import EVIDENCE, PORTFOLIO, TODAY, MakeRepo

NUMBER = "what looks like a student number"
EMAIL = "an email address"
PHONE = "a phone number"
SSN = "a Social Security number"
ADDRESS = "a street address"
BIRTH = "a birth date"

BOUNDARIES = [
    # student numbers: 7 to 10 digits, as a whole token
    ("1234567", [NUMBER]), ("1234567890", [NUMBER]), ("123456", []), ("12345678901", []),
    ("0.1234567", []), ("1234567.5", []), ("3,1234567", []), ("1234567,5", []), ("A1234567", []),
    ("1234567B", []), ("x 1234567.", [NUMBER]), ("ab-1234567", [NUMBER]), ("12345678901234", []),
    ("(1234567)", [NUMBER]),
    ("(770) 555 1234", [PHONE]), ("(770)555 1234", [PHONE]), ("(770) 555  1234", []),
    # email addresses: any top-level domain of two letters or more
    ("maya@school.us", [EMAIL]), ("maya@x.mx", [EMAIL]), ("a@b.c", []), ("a@b.c1", []), ("maya@gmail.com-x", []),
    ("maya.s@mail.school.org", [EMAIL]), ("x_maya@ab.io", [EMAIL]), ("@gmail.com", []), ("maya@.com", []),
    ("maya&#0000064;school.us", [EMAIL]), ("maya&#00000000064;school.us", [EMAIL]),
    ("maya&#x0000040;school.us", [EMAIL]), ("maya&#X00000000040;school.us", [EMAIL]), ("maya&#9;x.org", []),
    ("maya [at] school [dot] us", [EMAIL]), ("maya (at) school (dot) org", [EMAIL]),
    ("maya at school dot us", [EMAIL]), ("maya at school.us", []), ("tag me@ the fair.org", []),
    ("we met at lunch dot then left", []), ("maya@school. not.org", []),
    # phone numbers
    ("+1 770-555-1234", [PHONE]), ("1-770-555-1234", [PHONE]), ("770-555-1234x", []), ("770-555-1234.5", []),
    ("7770-555-1234", []), ("(770)555-1234", [PHONE]), ("770 555 1234", [PHONE]), ("170 555 1234", []),
    ("770 155 1234", []), ("+44 20 7946 0958", [PHONE]), ("3+1234 5678 = 5681", []), ("+123456789012345678", []),
    # Social Security numbers
    ("123-45-6789", [SSN]), ("123-45 6789", []), ("0123-45-6789", []),
    # addresses
    ("12 Elm Rd", [ADDRESS]), ("123456 Oak Street", [ADDRESS]), ("12B Elm St.", [ADDRESS]), ("PO Box 9", [ADDRESS]),
    ("P.O. Box #9", [ADDRESS]), ("Avenida Juárez 45", [ADDRESS]), ("Av. Reforma 222", [ADDRESS]),
    # birth dates
    ("born 3/3/2012", [BIRTH]), ("birthday is Jan 5", [BIRTH]), ("birthday was 5th of May", [BIRTH]),
    ("cumpleaños 5 de mayo", [BIRTH]), ("5/5/2012 my bday", [BIRTH]),
]


@pytest.mark.parametrize(("text", "found"), BOUNDARIES)
def test_where_each_rule_draws_its_line(text: str, found: list[str]) -> None:
    assert [f[2] for f in private_details("Note: " + text, markdown=True)] == found


@pytest.mark.parametrize("digits", ["1234567", "12345678", "123456789", "1234567890"])
def test_seven_to_ten_digits_anywhere_in_a_sentence(digits: str) -> None:
    assert private_details(f"My number is {digits}, ok") == [(0, 14, NUMBER)]


def test_a_district_pattern_replaces_the_default_and_stays_a_whole_token() -> None:
    assert private_details("id HC123456 and 1234567", "HC\\d{6}") == [(0, 4, NUMBER)]
    assert private_details("id XHC123456 or HC1234567", "HC\\d{6}") == []
    assert student_number("HC\\d{6}") is student_number("HC\\d{6}")  # compiled once per build


def test_emphasis_and_escapes_hide_nothing_in_markdown_only() -> None:
    assert private_details("call 770\\-555\\-1234", markdown=True) == [(0, 6, PHONE)]
    assert private_details("id 12**345**67", markdown=True) == [(0, 4, NUMBER)]
    assert private_details("id 12**345**67") == []  # plain text (a PDF's): the asterisks are shown


def test_visible_text_keeps_the_source_position_of_every_character() -> None:
    assert visible("a&#64;b%40c\\*x", True) == ("a@b@c*x", [0, 1, 6, 7, 10, 11, 13])
    assert visible("a\\*x") == ("a\\*x", [0, 1, 2, 3])  # not Markdown: the backslash is shown
    assert visible("x\u200by\u2013z\uff11") == ("xy-z1", [0, 2, 3, 4, 5])
    assert visible("a&#9;b&#;c&#ab;") == ("a\tb&#;c&#ab;", [0, 1, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])


def test_a_character_reference_is_one_character_and_nothing_else_is() -> None:
    assert private_details("see &#1000000; here") == []  # one (private-use) character, not a number
    assert private_details("R&amp;D 1234567 &amp; more") == [(0, 9, NUMBER)]
    assert private_details("&1234567; x") == [(0, 2, NUMBER)]  # not a reference: the digits are shown


def test_positions_are_line_and_column_of_the_source() -> None:
    text = "one\ntwo\n\nthree 1234567 and maya@school.us"
    assert private_details(text) == [(3, 7, NUMBER), (3, 19, EMAIL)]


# --- in a repository: the portfolio's own text, the evidence, its fields ----------------------------


def _errors(root: Path) -> list[str]:
    report = check_repository(root, today=TODAY).report
    return [f"{d.loc.path}:{d.loc.line}:{d.loc.col}: {d.code} {d.message} ({d.hint})" for d in report.sorted()
            if d.severity.value == "error"]


HINT = "remove it; a public portfolio never shows contact details, addresses, birth dates or identity numbers"


def test_the_portfolios_own_text_and_fields_are_checked(make_repo: MakeRepo) -> None:
    portfolio = (PORTFOLIO.replace("About me, in my own words.", "About me.\nCall 770-555-1234.")
                 .replace("interests: [robotics, drawing]", "interests: [robotics, maya@school.us]"))
    root = make_repo({"portfolios/p-0001/portfolio.md": portfolio})
    assert _errors(root) == [
        f"portfolios/p-0001/portfolio.md:15:23: private-detail an interest contains an email address, "
        f"which cannot be published ({HINT})",
        f"portfolios/p-0001/portfolio.md:20:6: private-detail the text contains a phone number, "
        f"which cannot be published ({HINT})",
    ]


def test_the_evidence_text_and_fields_are_checked(make_repo: MakeRepo) -> None:
    evidence = (EVIDENCE.replace("Reflection:", "Done.\nMy id: 1234567. Reflection:")
                .replace("title: Ratio recipes", "title: Ratio recipes 123-45-6789"))
    root = make_repo({"portfolios/p-0001/evidence/ratio-recipes.md": evidence})
    assert _errors(root) == [
        f"portfolios/p-0001/evidence/ratio-recipes.md:2:8: private-detail the title contains a Social Security "
        f"number, which cannot be published ({HINT})",
        f"portfolios/p-0001/evidence/ratio-recipes.md:14:8: private-detail the text contains {NUMBER}, "
        f"which cannot be published ({HINT})",
    ]


def test_an_unknown_assessment_type_on_evidence(make_repo: MakeRepo) -> None:
    root = make_repo({"portfolios/p-0001/evidence/ratio-recipes.md":
                      EVIDENCE.replace("assessment_type: project", "assessment_type: projet")})
    assert _errors(root) == [
        "portfolios/p-0001/evidence/ratio-recipes.md:7:18: unknown-ref evidence refers to assessment type 'projet', "
        "which does not exist; did you mean project? (use an assessment type `id` from content/district.yml: one of: "
        "presentation, project, written-test)"]


@pytest.mark.parametrize("file", ["/etc/passwd.png", "../p-0002/poster.png", "sub/../../x.png"])
def test_an_artifact_outside_the_portfolio(make_repo: MakeRepo, file: str) -> None:
    root = make_repo({"portfolios/p-0001/evidence/ratio-recipes.md":
                      EVIDENCE.replace("file: recipe-poster.png", f"file: {file}")})
    assert _errors(root) == [
        f"portfolios/p-0001/evidence/ratio-recipes.md:11:12: artifact-path artifact '{file}' is outside the "
        "portfolio (put the file in the student's portfolio folder and name it relative to it)"]


# --- names that become addresses --------------------------------------------------------------------


@pytest.mark.parametrize(("key", "problem"), [
    ("p-1", None), ("p1a", None), ("ab1", None), ("p-" + "1a" * 19, None),
    ("p1", "use 3 to 40 lowercase"), ("p-" + "1a" * 19 + "1", "use 3 to 40 lowercase"), ("-p1", "use 3 to 40"),
    ("p1-", "use 3 to 40"), ("p-abc1", "a key must not be a name ('abc' could be one)"),
    ("p-ab-cd", "a key must not be a name: it is part"), ("p-1234", None), ("p-12345", "five or more digits"),
    ("p1-2345", None), ("1-770-555-1234", "it contains a phone number"),
    ("p1-770-555-1234", "it contains a phone number"),
])
def test_key_boundaries(key: str, problem: str | None) -> None:
    found = key_problem(key)
    assert (found is None) if problem is None else (found is not None and found.startswith(problem))


@pytest.mark.parametrize(("slug", "problem"), [
    ("a", None), ("x" * 60, None), ("x" * 61, "use 1 to 60"), ("", "use 1 to 60"), ("poster-1999", None),
    ("poster-2099", None), ("poster-1899", "'1899': four or more digits"), ("poster-2100", "'2100': four"),
    ("poster-123", None), ("poster-x2024", "'x2024': four"), ("poster-maria", "'maria' looks like a person's name"),
    ("ana-poster", "'ana' looks like"), ("jo-poster", None), ("kid-at-school-dot-us", "it contains an email address"),
])
def test_slug_boundaries(slug: str, problem: str | None) -> None:
    found = slug_problem(slug, ["", "jo"] if problem is not None else [""])
    assert (found is None) if problem is None else (found is not None and found.startswith(problem))


def test_the_students_own_first_name_is_refused() -> None:
    assert slug_problem("jo-poster", ["jo"]) == "'jo' looks like a person's name"
    assert first_name("José R.") == "jose"
    assert first_name("") == ""


@pytest.mark.parametrize(("path", "problem"), [
    ("posters/recipe-poster.png", None), ("recipe-poster", None), ("maria/recipe-poster.png", "'maria' looks"),
    ("posters/maria.png", "'maria' looks"), ("posters/Recipe.png", "use 1 to 60"), ("a.b.png", "use 1 to 60"),
])
def test_every_folder_and_the_file_name_of_an_artifact(path: str, problem: str | None) -> None:
    found = file_name_problem(path)
    assert (found is None) if problem is None else (found is not None and found.startswith(problem))


def test_names_that_must_not_be_told_apart() -> None:
    assert normalized("Ratio_Recipes  ﬁnal") == "ratio-recipes-final"
