"""The safe YAML reader and file loading, on inline strings: positions, refusals, scalars kept as text."""

from __future__ import annotations

from pathlib import Path

import pytest

from hcs_site.check.pipeline import check_repository
from hcs_site.check.schema import validate_document
from hcs_site.diagnostics import Loc
from hcs_site.load.files import decode, load_markdown_file, load_yaml_file
from hcs_site.load.yaml_reader import MAX_DEPTH, MAX_NODES, Document, read_yaml

from .conftest import COURSE_MATH_7, DISTRICT, EVIDENCE, PORTFOLIO, TODAY, MakeRepo


def ok(text: str, line_offset: int = 0) -> Document:
    doc, problems = read_yaml(text, "f.yml", line_offset)
    assert problems == []
    assert doc is not None
    return doc


def problem(text: str) -> tuple[int, int, str, str, str]:
    doc, problems = read_yaml(text, "f.yml")
    assert doc is None
    assert len(problems) == 1, problems
    p = problems[0]
    assert p.loc.path == "f.yml"
    assert p.hint
    return p.loc.line, p.loc.col, p.code, p.message, p.hint


# ---------------------------------------------------------------- positions


def test_positions_of_values_and_keys_are_1_based() -> None:
    doc = ok("id: MATH-7\nobjectives:\n  - id: MATH-7.1\n    aligns: [MATH.RP, MATH.RP.2]\n")
    assert doc.loc("id") == Loc("f.yml", 1, 5)
    assert doc.key_loc("objectives") == Loc("f.yml", 2, 1)
    assert doc.loc("objectives", 0) == Loc("f.yml", 3, 5)
    assert doc.loc("objectives", 0, "aligns", 1) == Loc("f.yml", 4, 23)
    assert doc.key_loc("objectives", 0, "aligns") == Loc("f.yml", 4, 5)


def test_position_of_a_missing_value_falls_back_to_the_nearest_parent() -> None:
    doc = ok("a:\n  b: 1\n")
    assert doc.loc("a", "nothing", 3) == Loc("f.yml", 2, 3)


def test_front_matter_line_offset() -> None:
    doc = ok("title: x\ndate: 2026-10-12\n", line_offset=1)
    assert doc.loc("date").line == 3


def test_positions_in_markdown_count_the_opening_dashes(tmp_path: Path) -> None:
    (tmp_path / "e.md").write_text(EVIDENCE, encoding="utf-8")
    md, problems = load_markdown_file(tmp_path, "e.md")
    assert problems == [] and md is not None
    assert md.front.loc("course").line == 4
    assert md.body_line == 13
    assert md.body.startswith("Reflection:")


# ---------------------------------------------------------------- refusals


def test_duplicate_key_names_the_first_line() -> None:
    line, col, code, message, _ = problem("id: A\ntitle: one\nstatus: draft\ntitle: two\n")
    assert (line, col, code) == (4, 1, "duplicate-key")
    assert message == "key 'title' appears twice in the same mapping (first on line 2)"


def test_duplicate_key_in_a_nested_flow_mapping() -> None:
    line, col, code, message, _ = problem("scale:\n  - {level: 1, label: A, level: 2}\n")
    assert (line, col, code) == (2, 26, "duplicate-key")
    assert "(first on line 2)" in message


def test_same_key_in_two_mappings_is_fine() -> None:
    doc = ok("- {id: a}\n- {id: b}\n")
    assert doc.data == [{"id": "a"}, {"id": "b"}]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("title: !!python/object:os.system x\n", "!!python/object:os.system"),
        ("title: !!python/object/apply:os.system [ls]\n", "!!python/object/apply:os.system"),
        ("title: !!python/name:os.system\n", "!!python/name:os.system"),
        ("title: !!binary aGVsbG8=\n", "!!binary"),
        ("title: !custom x\n", "!custom"),
    ],
)
def test_tags_are_refused_before_anything_is_built(text: str, shown: str) -> None:
    line, col, code, message, _ = problem(text)
    assert (line, col, code) == (1, 8, "yaml-tag")
    assert message == f"YAML tag '{shown}' is not allowed"


def test_tag_on_a_key_is_refused() -> None:
    assert problem("!!python/object:x key: 1\n")[2] == "yaml-tag"


def test_anchor_is_refused_where_it_is_written() -> None:
    line, col, code, message, hint = problem("a: 1\nbase: &b {x: 1}\ncopy: *b\n")
    assert (line, col, code) == (2, 7, "yaml-anchor")
    assert message == "anchor '&b' is not allowed"
    assert "write the value out in full" in hint


def test_alias_alone_is_refused() -> None:
    line, col, code, message, _ = problem("a: 1\nb: *nowhere\n")
    assert (line, col, code) == (2, 4, "yaml-anchor")
    assert message == "alias '*nowhere' is not allowed"


def test_merge_key_with_alias_is_refused() -> None:
    assert problem("- &o {id: a}\n- {<<: *o, id: b}\n")[2] == "yaml-anchor"


def test_nesting_deeper_than_the_limit() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    assert problem(text)[2] == "yaml-too-deep"


def test_too_many_values() -> None:
    text = "a: [" + "1," * MAX_NODES + "1]\n"
    assert problem(text)[2] == "yaml-too-large"


def test_more_than_one_document() -> None:
    assert problem("a: 1\n---\nb: 2\n")[:3] == (2, 1, "yaml-multiple-documents")


def test_tab_indentation() -> None:
    line, col, code, _, hint = problem("a:\n\tb: 1\n")
    assert (line, col, code) == (2, 1, "yaml-tab")
    assert "spaces" in hint


def test_tab_after_a_colon_is_just_a_separator() -> None:
    assert ok("title:\tGrade 7\n").data == {"title": "Grade 7"}


def test_syntax_error_has_position_and_advice() -> None:
    line, col, code, _, hint = problem("id: A\ntitle: Grade 7: Mathematics\n")
    assert (line, col, code) == (2, 15, "yaml-syntax")
    assert "quoted" in hint


def test_complex_key_is_refused() -> None:
    assert problem("? [a, b]\n: 1\n")[2] == "yaml-key"


@pytest.mark.parametrize(
    ("char", "what"),
    [("\u2028", "U+2028 LINE SEPARATOR (a line break that editors do not show)"),
     ("\u2029", "U+2029 PARAGRAPH SEPARATOR (a line break that editors do not show)"),
     ("\x85", "U+0085 NEXT LINE (a control character)"),
     ("\x0c", "U+000C FORM FEED (a control character)"), ("\x1b", "U+001B ESCAPE (a control character)")],
)
def test_invisible_characters_are_refused_at_the_editor_position(char: str, what: str) -> None:
    line, col, code, message, _ = problem(f"a: 1\ntitle: Grade{char}7\nb: 2\n")
    assert (line, col, code) == (2, 13, "invisible-character")
    assert message == f"the text contains {what}"


@pytest.mark.parametrize(
    "text",
    ["{", "- - - [", "key: 'unterminated", "a: [1, 2", "a: @x", 'a: "\\q"', "[" * 5000, "a: -",
     "a: x\ud800y", "%TAG ! tag:yaml.org,2002:python/\n---\na: !object x", "\x00", "a:\n  b: 1\n c: 2"],
)
def test_broken_yaml_never_raises(text: str) -> None:
    doc, problems = read_yaml(text, "f.yml")
    assert doc is None
    assert len(problems) >= 1
    assert all(p.loc.line >= 1 and p.loc.col >= 1 and p.hint for p in problems)


# ---------------------------------------------------------------- scalars kept as written


@pytest.mark.parametrize(
    "word",
    ["NO", "no", "No", "yes", "Yes", "on", "On", "off", "OFF", "y", "n", "0123", "007", "0o17", "0x1F",
     "1_000", "inf", "nan", "Infinity", "2026-09-01", "2026-27", "12:30", "1:20:30"],
)
def test_yaml_11_surprises_stay_text(word: str) -> None:
    assert ok(f"value: {word}\n").data == {"value": word}


@pytest.mark.parametrize(
    ("word", "value"),
    [("true", True), ("false", False), ("3", 3), ("-2", -2), ("1.0", 1.0), ("0.5", 0.5), (".5", 0.5),
     ("27.02200", 27.022), ("~", None), ("null", None), ("", None)],
)
def test_yaml_12_core_values(word: str, value: object) -> None:
    doc = ok(f"value: {word}\n")
    assert doc.data == {"value": value}
    assert type(doc.data["value"]) is type(value)


def test_raw_text_of_numbers_is_kept_for_advice() -> None:
    doc = ok("state_code: 27.02200\nflag: true\ntext: NO\n")
    assert doc.raw == {("state_code",): "27.02200", ("flag",): "true"}


def test_quoted_values_are_always_text() -> None:
    assert ok("a: '27.02200'\nb: \"true\"\nc: '3'\n").data == {"a": "27.02200", "b": "true", "c": "3"}


def test_keys_are_kept_as_written() -> None:
    assert ok("levels: {1: a, 01: b, true: c, null: d}\n").data == {
        "levels": {"1": "a", "01": "b", "true": "c", "null": "d"}
    }


def test_unquoted_state_code_gets_quote_this_value() -> None:
    text = COURSE_MATH_7.replace('state_code: "27.02200"', "state_code: 27.02200")
    diags = validate_document(ok(text), "course")
    assert [(d.loc.line, d.loc.col, d.code) for d in diags] == [(3, 13, "quote-value")]
    assert diags[0].message == "`state_code: 27.02200` would be read as a number, but it must be text"
    assert diags[0].hint == 'quote this value: "27.02200"'


def test_quote_advice_only_when_quoting_would_fix_it() -> None:
    # Quoted, "7.3" is still no ID (it must start with a letter): the ID rule is reported instead.
    text = COURSE_MATH_7.replace("  - id: MATH-7.3", "  - id: 7.3")
    assert [d.code for d in validate_document(ok(text), "course")] == ["invalid-id"]


def test_numbers_in_a_language_map_get_quote_advice() -> None:
    text = COURSE_MATH_7.replace("title: Grade 7 Mathematics", "title: {en: Grade 7, es: 7}")
    diags = validate_document(ok(text), "course")
    assert [(d.loc.line, d.loc.col, d.code) for d in diags] == [(2, 26, "quote-value")]


def test_dates_are_text_and_checked_as_dates() -> None:
    front = EVIDENCE.split("---\n")[1]
    doc = ok(front.replace("date: 2026-10-12", "date: 2026-02-30"), line_offset=1)
    assert doc.data["date"] == "2026-02-30"
    diags = validate_document(doc, "evidence")
    assert [(d.loc.line, d.loc.col, d.code) for d in diags] == [(3, 7, "invalid-date")]
    for bad in ("2026-13-01", "2026-9-1", "20261012", "12/10/2026"):
        doc = ok(front.replace("date: 2026-10-12", f"date: {bad}"), line_offset=1)
        assert [d.code for d in validate_document(doc, "evidence")] == ["invalid-date"], bad


def test_unknown_field_suggests_the_right_name_once() -> None:
    diags = validate_document(ok(COURSE_MATH_7.replace("objectives:", "objetives:")), "course")
    assert [(d.loc.line, d.loc.col, d.code) for d in diags] == [(13, 1, "unknown-field")]
    assert diags[0].message == "unknown field 'objetives'; did you mean objectives?"


def test_missing_field_and_wrong_type() -> None:
    text = COURSE_MATH_7.replace("area: MATH\n", "").replace("credit: 1.0", "credit: [1]")
    diags = validate_document(ok(text), "course")
    found = sorted((d.loc.line, d.loc.col, d.code) for d in diags)
    assert found == [(1, 1, "missing-field"), (5, 9, "wrong-type")]
    missing = next(d for d in diags if d.code == "missing-field")
    assert missing.message == "missing required field 'area'"
    assert missing.hint.startswith("add `area:`")


# ---------------------------------------------------------------- encodings and files


def test_bom_is_accepted() -> None:
    assert decode(b"\xef\xbb\xbfid: A\n", "f.yml") == ("id: A\n", [])


def test_crlf_and_lone_cr_become_lf() -> None:
    assert decode(b"a: 1\r\nb: 2\rc: 3\r\n", "f.yml") == ("a: 1\nb: 2\nc: 3\n", [])


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_named(encoding: str) -> None:
    text, problems = decode("title: Matemáticas\n".encode(encoding), "f.yml")
    assert text is None
    assert [p.code for p in problems] == ["encoding"]
    assert "saved as UTF-" in problems[0].message
    assert "UTF-8" in problems[0].hint


def test_latin1_is_named_at_the_first_bad_character() -> None:
    text, problems = decode("id: A\ntitle: Matemáticas\n".encode("latin-1"), "f.yml")
    assert text is None
    p = problems[0]
    assert (p.loc.line, p.loc.col, p.code) == (2, 13, "encoding")
    assert "Latin-1" in p.message and "'á'" in p.message


def test_column_of_bad_byte_counts_characters_not_bytes() -> None:
    _, problems = decode("title: ñandú ".encode() + b"\xff\n", "f.yml")
    assert (problems[0].loc.line, problems[0].loc.col) == (1, 14)


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "empty-file"), (b"  \n\n", "empty-file"), (b"# only a comment\n", "empty-file"),
     (b"- a\n- b\n", "not-a-mapping"), (b"just text\n", "not-a-mapping")],
)
def test_files_that_are_not_a_mapping(tmp_path: Path, content: bytes, code: str) -> None:
    (tmp_path / "f.yml").write_bytes(content)
    doc, problems = load_yaml_file(tmp_path, "f.yml")
    assert doc is None
    assert [(p.loc.line, p.loc.col, p.code) for p in problems] == [(1, 1, code)]


def test_too_large_file_is_not_read(tmp_path: Path) -> None:
    with (tmp_path / "f.yml").open("wb") as fh:
        fh.truncate(20 * 1024 * 1024)
    doc, problems = load_yaml_file(tmp_path, "f.yml")
    assert doc is None
    assert [p.code for p in problems] == ["file-too-large"]
    assert "20,971,520 bytes" in problems[0].message


@pytest.mark.parametrize(
    ("content", "code"),
    [("title: x\n", "front-matter-missing"), ("---\ntitle: x\n", "front-matter-unclosed"),
     ("---\n---\nbody\n", "empty-file"), ("---\n# nothing\n---\nbody\n", "empty-file"),
     ("---\n- a\n---\n", "not-a-mapping")],
)
def test_front_matter_problems(tmp_path: Path, content: str, code: str) -> None:
    (tmp_path / "p.md").write_text(content, encoding="utf-8")
    md, problems = load_markdown_file(tmp_path, "p.md")
    assert md is None
    assert [p.code for p in problems] == [code]


# ---------------------------------------------------------------- the whole repository


def test_valid_base_has_no_diagnostics(valid_repo: Path) -> None:
    result = check_repository(valid_repo, today=TODAY)
    assert result.report.diagnostics == []
    assert result.report.files_checked == 5
    assert [p.key for p in result.published] == ["p-0001"]


def test_bom_crlf_and_yaml_11_words_validate_clean(make_repo: MakeRepo) -> None:
    district = DISTRICT.replace("short_name: HCS", "short_name: NO")
    district = district.replace('edition: "2026-27"', "edition: 2026-27")
    portfolio = PORTFOLIO.replace("interests: [robotics, drawing]", "interests: [on, off, yes, 0123]")
    root = make_repo(
        {
            "content/district.yml": b"\xef\xbb\xbf" + district.replace("\n", "\r\n").encode(),
            "portfolios/p-0001/portfolio.md": b"\xef\xbb\xbf" + portfolio.replace("\n", "\r\n").encode(),
        }
    )
    result = check_repository(root, today=TODAY)
    assert result.report.diagnostics == []
    assert result.framework is not None
    assert result.framework.district.short_name == "NO"
    assert result.framework.district.edition == "2026-27"
    assert result.portfolios[0].interests == ["on", "off", "yes", "0123"]
    assert result.portfolios[0].consent is not None and result.portfolios[0].consent.date == "2026-09-01"


def test_display_names_of_any_script(make_repo: MakeRepo) -> None:
    import unicodedata

    for name in ("José M.", "D'Andre L.", "D’Andre L.", "Mary-Jane K.", "Zoë O.", "Nguyễn T.",
                 unicodedata.normalize("NFD", "José M.")):
        root = make_repo({"portfolios/p-0001/portfolio.md": PORTFOLIO.replace("Maya S.", f'"{name}"')})
        assert check_repository(root, today=TODAY).report.diagnostics == [], name
    for name in ("Maya", "Maya Smith", "Maya S", "M. S.", "Maya S. Jr", "Maya 5."):
        root = make_repo({"portfolios/p-0001/portfolio.md": PORTFOLIO.replace("Maya S.", f'"{name}"')})
        codes = [d.code for d in check_repository(root, today=TODAY).report.diagnostics]
        assert codes == ["display-name"], name
