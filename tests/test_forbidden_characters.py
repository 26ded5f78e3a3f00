"""Control, bidirectional and invisible characters are refused by `validate`, in every file it reads.

Each class of character is put into each kind of file (district, area and course YAML, portfolio
and evidence front matter and Markdown body), and the exact diagnostic is checked: file, line and
column as an editor shows them, the code point named, and nothing published.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hcs_site.check.pipeline import check_repository
from hcs_site.cli import main
from hcs_site.load.characters import forbidden_in
from hcs_site.load.files import decode
from hcs_site.load.yaml_reader import read_yaml

from .conftest import AREA_MATH, COURSE_MATH_7, DISTRICT, EVIDENCE, PORTFOLIO, TODAY, MakeRepo

EV = "portfolios/p-0001/evidence/ratio-recipes.md"
PF = "portfolios/p-0001/portfolio.md"

# (file, its text, the text to put the character after, line and column of the character)
PLACES = {
    "district": ("content/district.yml", DISTRICT, "district: Henry", 1, 16),
    "area": ("content/competencies/math.yml", AREA_MATH, "title: Math", 2, 12),
    "course": ("content/courses/math-7.yml", COURSE_MATH_7, "title: Grade 7", 2, 15),
    "portfolio front matter": (PF, PORTFOLIO, "goal: Explain", 12, 18),
    "portfolio body": (PF, PORTFOLIO, "About", 19, 6),
    "evidence title": (EV, EVIDENCE, "title: Ratio", 2, 13),
    "evidence body": (EV, EVIDENCE, "Reflection", 13, 11),
}

# One character of every class refused, with the words the message names it by.
CHARACTERS = {
    "C0": ("\x01", "U+0001 START OF HEADING (a control character)"),
    "escape": ("\x1b", "U+001B ESCAPE (a control character)"),
    "DEL": ("\x7f", "U+007F DELETE (a control character)"),
    "C1 NEL": ("\x85", "U+0085 NEXT LINE (a control character)"),
    "C1 CSI": ("\x9b", "U+009B CONTROL SEQUENCE INTRODUCER (a control character)"),
    "line separator": ("\u2028", "U+2028 LINE SEPARATOR (a line break that editors do not show)"),
    "paragraph separator": ("\u2029", "U+2029 PARAGRAPH SEPARATOR (a line break that editors do not show)"),
    "bidi override": ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE (a bidirectional control: text after it is "
                      "shown in another order than it is stored)"),
    "bidi embedding": ("\u202a", "U+202A LEFT-TO-RIGHT EMBEDDING (a bidirectional control: text after it is "
                       "shown in another order than it is stored)"),
    "bidi isolate": ("\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE (a bidirectional control: text after it is "
                     "shown in another order than it is stored)"),
    "BOM inside": ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE (a byte order mark inside the text)"),
    "noncharacter": ("\ufdd0", "U+FDD0 (a noncharacter, which never belongs in text)"),
    "plane noncharacter": ("\U0010ffff", "U+10FFFF (a noncharacter, which never belongs in text)"),
    "zero width space": ("\u200b", "U+200B ZERO WIDTH SPACE (an invisible character: it hides inside words)"),
    "soft hyphen": ("\u00ad", "U+00AD SOFT HYPHEN (an invisible character: it hides inside words)"),
    "word joiner": ("\u2060", "U+2060 WORD JOINER (an invisible character: it hides inside words)"),
    "tag": ("\U000e0041", "U+E0041 TAG LATIN CAPITAL LETTER A (an invisible character: it hides inside words)"),
    "hangul filler": ("\u3164", "U+3164 HANGUL FILLER (an invisible character: it hides inside words)"),
}

HINT = ("delete it and retype the text around it (it often comes with text pasted from a word processor, "
        "a PDF or a web page)")


def problems(root: Path) -> list[tuple[str, int, int, str, str]]:
    report = check_repository(root, today=TODAY).report
    return [(d.loc.path, d.loc.line, d.loc.col, d.code, d.message) for d in report.sorted()
            if d.severity.value == "error"]


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("kind", sorted(CHARACTERS))
def test_each_class_in_each_kind_of_file_is_refused_where_it_is(make_repo: MakeRepo, place: str,
                                                                kind: str) -> None:
    rel, text, after, line, col = PLACES[place]
    char, named = CHARACTERS[kind]
    assert text.count(after) == 1
    root = make_repo({rel: text.replace(after, after + char)})
    assert problems(root) == [(rel, line, col, "invisible-character", f"the text contains {named}")]


def test_the_fix_hint_and_the_cli_output(make_repo: MakeRepo) -> None:
    root = make_repo({EV: EVIDENCE.replace("title: Ratio", "title: Ratio\x85")})
    result = CliRunner().invoke(main, ["validate", "--root", str(root)])
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        f"{EV}:2:13: error invisible-character the text contains U+0085 NEXT LINE (a control character)",
        f"    fix: {HINT}",
    ]


def test_an_evidence_file_refused_is_never_published(make_repo: MakeRepo) -> None:
    """The issue's case: NEL in an evidence title broke the page's front matter."""
    clean = check_repository(make_repo(), today=TODAY)
    assert [e.slug for p in clean.published for e in p.evidence] == ["ratio-recipes"]
    root = make_repo({EV: EVIDENCE.replace("title: Ratio", "title: Ratio\x85search: include")})
    result = check_repository(root, today=TODAY)
    assert result.report.failed()
    assert [e.slug for p in result.published for e in p.evidence] == []


def test_positions_count_crlf_files_as_editors_do(make_repo: MakeRepo) -> None:
    text = EVIDENCE.replace("Reflection", "Reflection\u202e").replace("\n", "\r\n")
    root = make_repo({EV: text.encode()})
    named = CHARACTERS["bidi override"][1]
    assert problems(root) == [(EV, 13, 11, "invisible-character", f"the text contains {named}")]


def test_several_in_one_file_are_each_reported_up_to_a_limit() -> None:
    text = "a: x\x01y\nb: \x02\n" + "c: \x03\n" * 30
    found = forbidden_in(text, "f.yml")
    assert [(d.loc.line, d.loc.col) for d in found[:3]] == [(1, 5), (2, 4), (3, 4)]
    assert len(found) == 20
    assert found[-1].message.endswith(", and 12 more after it in this file")


def test_characters_above_the_bmp_are_sorted_one_by_one() -> None:
    """Emoji are fine; a tag character or a plane-16 noncharacter after them is not."""
    text = "a: \U0001f469\u200d\U0001f4bb ok\nb: \U0001f600\U000e0020\U0010fffe\n"
    assert [(d.loc.line, d.loc.col, d.message) for d in forbidden_in(text, "f.yml")] == [
        (2, 5, "the text contains U+E0020 TAG SPACE (an invisible character: it hides inside words)"),
        (2, 6, "the text contains U+10FFFE (a noncharacter, which never belongs in text)")]


@pytest.mark.parametrize(
    ("escape", "named"),
    [("\\N", "U+0085 NEXT LINE (a control character)"),
     ("\\x85", "U+0085 NEXT LINE (a control character)"),
     ("\\e", "U+001B ESCAPE (a control character)"),
     ("\\0", "U+0000 NULL (a control character)"),
     ("\\r", "U+000D CARRIAGE RETURN (a control character)"),
     ("\\L", "U+2028 LINE SEPARATOR (a line break that editors do not show)"),
     ("\\u202E", CHARACTERS["bidi override"][1]),
     ("\\u200B", CHARACTERS["zero width space"][1]),
     ("\\U000E0041", CHARACTERS["tag"][1])],
)
def test_escapes_in_double_quoted_yaml_are_refused_too(make_repo: MakeRepo, escape: str, named: str) -> None:
    rel = "content/courses/math-7.yml"
    quoted = f'title: "Grade 7{escape} Mathematics"'
    root = make_repo({rel: COURSE_MATH_7.replace("title: Grade 7 Mathematics", quoted)})
    assert problems(root) == [(rel, 2, 8, "invisible-character",
                               f"the quoted text contains {named}, written as an escape sequence")]


def test_an_escape_in_a_quoted_key_is_refused() -> None:
    doc, found = read_yaml('"ti\\u202etle": x\n', "f.yml")
    assert doc is None
    assert [(d.loc.line, d.loc.col, d.code) for d in found] == [(1, 1, "invisible-character")]


def test_lone_surrogates_are_refused() -> None:
    """Text decoded with `surrogateescape` elsewhere carries lone surrogates; never into a page."""
    [d] = forbidden_in("title: caf\udce9\n", "f.yml")
    assert (d.loc.line, d.loc.col, d.message) == (
        1, 11, "the text contains U+DCE9 (half of a character: the text was damaged when it was converted)")
    text, found = decode(b"title: \xed\xa0\x80\n", "f.yml")  # a surrogate encoded in UTF-8 (CESU-8)
    assert text is None and found[0].code == "encoding"


def test_a_file_name_with_a_control_character_is_refused_and_never_printed_raw(make_repo: MakeRepo) -> None:
    bad = "portfolios/p-0001/evidence/ratio\x1b[2Jrecipes.md"
    root = make_repo({bad: EVIDENCE})
    found = [p for p in problems(root) if p[3] == "invisible-character"]
    assert found == [("portfolios/p-0001/evidence/ratio<U+001B>[2Jrecipes.md", 0, 0, "invisible-character",
                      "the file name contains U+001B ESCAPE (a control character)")]


@pytest.mark.parametrize(
    "text",
    ["Coding \U0001f469\u200d\U0001f4bb club",  # ZWJ emoji sequence
     "I \u2764\ufe0f ratios",  # variation selector
     "\u05e9\u05dc\u05d5\u05dd\u200f (Hebrew, with a right-to-left mark)",
     "\u0645\u0631\u062d\u0628\u0627\u061c 2026",  # Arabic letter mark
     "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian with ZWNJ
     "tab\tinside", "no\u00a0break, en\u2013dash, \u201cquotes\u201d, caf\u00e9",
     "\U0001f1fa\U0001f1f8 flag, \ue000 private use, \ufffd replacement"],
)
def test_text_people_write_is_not_refused(make_repo: MakeRepo, text: str) -> None:
    body = EVIDENCE.replace("Reflection: what I did", text)
    root = make_repo({EV: ("\ufeff" + body).replace("\n", "\r\n").encode()})
    assert problems(root) == []
