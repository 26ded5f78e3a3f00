# ruff: noqa: E501  (the corpus is a table: one mistake and its exact diagnostics per row)
"""A corpus of the syntax mistakes committees make, each at the line a person must fix.

Each case breaks the valid MATH-7 course of `conftest` in one typical way and lists the exact
diagnostics: line, column, code, message and fix. PyYAML alone reports several of them lines
later (an unclosed quote at the end of the file, a line moved left at the next line).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hcs_site.check.pipeline import check_repository
from hcs_site.load.yaml_reader import read_yaml
from hcs_site.load.yaml_syntax import explain

from .conftest import AREA_MATH, BASE, COURSE_MATH_7, DISTRICT, TODAY, MakeRepo

LINES = COURSE_MATH_7.split("\n")


def edit(**changes: str | None) -> str:
    """COURSE_MATH_7 with line N (`lN=...`) replaced by one or more lines, or deleted (None)."""
    lines = list(LINES)
    for name, text in sorted(changes.items(), key=lambda kv: -int(kv[0][1:])):
        n = int(name[1:])
        lines[n - 1:n] = [] if text is None else text.split("\n")
    return "\n".join(lines)


Expected = tuple[int, int, str, str, str]
CORPUS: list[tuple[str, str, list[Expected]]] = [
    ('unclosed-double-quote', edit(l37='    statement: "I can write and solve equations.'),
     [(37, 16, 'yaml-syntax', 'the quote " that opens here is never closed', 'end the text with " on this line')]),
    ('unclosed-double-quote-early', edit(l16='    statement: "I can recognize and represent proportional relationships.'),
     [(16, 16, 'yaml-syntax', 'the quote " that opens here is never closed', 'end the text with " on this line')]),
    ('unclosed-single-quote', edit(l23="    title: 'Unit rates"),
     [(23, 12, 'yaml-syntax', "the quote ' that opens here is never closed", "end the text with ' on this line (an apostrophe inside '...' is written twice: '')")]),
    ('apostrophe-in-single-quotes', edit(l24="    statement: 'I can compute a recipe's unit rates.'"),
     [(24, 39, 'yaml-syntax', "the apostrophe ends the text quoted with '", 'write the apostrophe twice inside \'...\', or use double quotes: "I can compute a recipe\'s unit rates."')]),
    ('text-after-closing-quote', edit(l15='    title: "Proportional" relationships'),
     [(15, 26, 'yaml-syntax', 'text follows the closing quote "', 'put the quotes around the whole text: "Proportional relationships"')]),
    ('unclosed-bracket', edit(l17='    aligns: [MATH.RP, MATH.RP.2'),
     [(17, 13, 'yaml-syntax', 'the [ that opens here is never closed', 'end the list with ] on this line, as in `aligns: [MATH.RP, MATH.RP.2]`')]),
    ('unclosed-bracket-top', edit(l8='programs: [community-school, impact-academy'),
     [(8, 11, 'yaml-syntax', 'the [ that opens here is never closed', 'end the list with ] on this line, as in `programs: [community-school, impact-academy]`')]),
    ('extra-bracket', edit(l25='    aligns: [MATH.RP.1]]'),
     [(25, 24, 'yaml-syntax', 'there is one ] too many', 'remove this ], or add the matching opening bracket')]),
    ('unclosed-brace', edit(l10='pacing: {suggested_weeks: 36', l11=None, l12=None),
     [(10, 9, 'yaml-syntax', 'the { that opens here is never closed', 'end the group with } on this line, as in `pacing: {suggested_weeks: 36}`')]),
    ('quote-inside-list', edit(l38='    aligns: ["MATH.EE]'),
     [(38, 14, 'yaml-syntax', 'the quote " that opens here is never closed', 'end the text with " on this line')]),
    ('level-moved-left', edit(l32='         2: Writes a ratio but misidentifies the relationship.'),
     [(32, 10, 'yaml-syntax', 'this line is indented less than the one above; line up `2:` with `1:`', 'add 1 space at the start of line 32, so `2:` starts in the same column as `1:` on line 31')]),
    ('levels-moved-left', edit(l30='       levels:'),
     [(30, 8, 'yaml-syntax', 'this line is indented less than the one above; line up `levels:` with `criterion:`', 'add 1 space at the start of line 30, so `levels:` starts in the same column as `criterion:` on line 29')]),
    ('levels-at-dash-column', edit(l30='      levels:'),
     [(30, 7, 'yaml-syntax', 'this line is indented less than the one above; line up `levels:` with `criterion:`', 'add 2 spaces at the start of line 30, so `levels:` starts in the same column as `criterion:` on line 29')]),
    ('key-moved-right', edit(l24='      statement: I can compute unit rates.'),
     [(24, 7, 'yaml-syntax', 'this line is indented more than the one above; line up `statement:` with `title:`', 'remove 2 spaces at the start of line 24, so `statement:` starts in the same column as `title:` on line 23')]),
    ('key-moved-left', edit(l36='   title: Equations'),
     [(36, 4, 'yaml-syntax', 'this line is indented less than the one above; line up `title:` with `id:`', 'add 1 space at the start of line 36, so `title:` starts in the same column as `id:` on line 35')]),
    ('missing-dash', edit(l35='    id: MATH-7.3'),
     [(35, 5, 'duplicate-key', "key 'id' appears twice in the same mapping (first on line 22)", 'if line 35 starts a new item of the list, write "- " before `id:`, lined up with the "- " of line 22; otherwise keep one of them; YAML would silently drop the first')]),
    ('missing-dash-at-column', edit(l22='  id: MATH-7.2'),
     [(22, 3, 'yaml-syntax', 'this line starts a new item of the list but has no "- " before `id:`', 'write "- id: ...", with the "- " lined up with the one on line 14')]),
    ('key-after-list-items', edit(l17='    aligns:\n      - MATH.RP\n      - MATH.RP.2\n      dok: 3', l18=None),
     [(20, 7, 'yaml-syntax', 'this line is indented more than `aligns:`, so it would be part of that list; line up `dok:` with `aligns:`', 'remove 2 spaces before `dok:`')]),
    ('colon-in-value', edit(l2='title: Grade 7 Mathematics: Ratios and Equations'),
     [(2, 27, 'yaml-syntax', 'the text contains ": ", which YAML reads as the start of another field', 'a value containing \': \' must be quoted: put the whole text after `title:` in double quotes, "Grade 7 Mathematics: Ratios and Equations"')]),
    ('colon-in-objective', edit(l37='    statement: I can do this: write and solve equations.'),
     [(37, 29, 'yaml-syntax', 'the text contains ": ", which YAML reads as the start of another field', 'a value containing \': \' must be quoted: put the whole text after `statement:` in double quotes, "I can do this: write and solve equations."')]),
    ('no-space-after-colon', edit(l36='    title:Equations'),
     [(36, 11, 'yaml-syntax', 'there is no space after the colon', 'write a space after `title:`, as in `title: Equations`')]),
    ('no-colon', edit(l7='status adopted'),
     [(7, 1, 'yaml-syntax', 'this line is not a field: it has no colon after the field name', 'write the field name, a colon and a space before the value, as in `status: adopted`, or indent the line if it continues the text above')]),
    ('value-starts-with-at', edit(l9='description: @home practice is part of this course.'),
     [(9, 14, 'yaml-syntax', 'a value cannot start with @', 'put the whole text after `description:` in double quotes: "@home practice is part of this course."')]),
    ('value-starts-with-backtick', edit(l23='    title: `Unit` rates'),
     [(23, 12, 'yaml-syntax', 'a value cannot start with `', 'put the whole text after `title:` in double quotes: "`Unit` rates"')]),
    ('value-starts-with-star', edit(l15='    title: *Proportional* relationships'),
     [(15, 12, 'yaml-syntax', 'a value cannot start with *', 'put the whole text after `title:` in double quotes: "*Proportional* relationships"')]),
    ('value-starts-with-percent', edit(l23='    title: %Unit rates'),
     [(23, 12, 'yaml-syntax', 'a value cannot start with %', 'put the whole text after `title:` in double quotes: "%Unit rates"')]),
    ('dash-in-mapping', edit(l4='- area: MATH'),
     [(4, 1, 'yaml-syntax', 'a list item ("- ") where a field ("name: value") is expected', 'remove the "- "; a list goes under a field that ends with ":", indented two spaces more than that field')]),
    ('block-text-not-indented', edit(l9='description: |\nWhat a family should know about this course.'),
     [(10, 1, 'yaml-syntax', 'the text after `description: |` must be indented more than that line', 'add two spaces at the start of each line of the text under `description: |`')]),
    ('one-tab', edit(l36='\ttitle: Equations'),
     [(36, 1, 'yaml-tab', 'a tab character is used for indentation', 'YAML indentation must use spaces; replace the tab with spaces')]),
    ('two-tabs', edit(l36='\ttitle: Equations', l37='\tstatement: I can write and solve equations.'),
     [(36, 1, 'yaml-tab', 'a tab character is used for indentation', 'YAML indentation must use spaces; replace the tab with spaces'),
      (37, 1, 'yaml-tab', 'a tab character is used for indentation', 'YAML indentation must use spaces; replace the tab with spaces')]),
    ('tab-after-spaces', edit(l23='  \ttitle: Unit rates'),
     [(23, 3, 'yaml-tab', 'a tab character is used for indentation', 'YAML indentation must use spaces; replace the tab with spaces')]),
    ('quote-never-closed-over-deeper-lines', edit(l16='    statement: "I can recognize\n      and represent proportional relationships.'),
     [(16, 16, 'yaml-syntax', 'the quote " that opens here is never closed', 'end the text with " on this line')]),
    ('list-never-closed-over-deeper-lines', edit(l17='    aligns: [MATH.RP,\n      MATH.RP.2'),
     [(17, 13, 'yaml-syntax', 'the [ that opens here is never closed', 'end the list with ] on this line, as in `aligns: [MATH.RP]`')]),
    ('text-after-closing-bracket', edit(l5='grades: [7] (middle school)'),
     [(5, 12, 'yaml-syntax', 'text follows the closing ]', 'put the whole text after `grades:` in double quotes: "[7] (middle school)"')]),
    ('dash-without-space', edit(l22='  -id: MATH-7.2'),
     [(22, 4, 'yaml-syntax', 'a list item needs a space after the dash', 'write `- id: MATH-7.2`, with a space between "-" and `id:`')]),
    ('item-without-colon', edit(l22='  - id MATH-7.2'),
     [(22, 5, 'yaml-syntax', 'this line is not a field: it has no colon after the field name', 'write the field name, a colon and a space before the value, as in `id: MATH-7.2`, or indent the line if it continues the text above')]),
    ('block-indicator-with-text', edit(l9='description: | What a family should know.'),
     [(9, 14, 'yaml-syntax', 'a value cannot start with | followed by text', 'put the whole text after `description:` in double quotes: "| What a family should know.", or start the text on the next line, indented, after `description: |`')]),
    ('value-starts-with-dash', edit(l23='    title: - Unit rates'),
     [(23, 12, 'yaml-syntax', 'a value cannot start with "- "', 'put the whole text after `title:` in double quotes: "- Unit rates"; a list goes on the next lines, one "- " item per line, indented')]),
    ('item-dash-moved-right', edit(l35='   - id: MATH-7.3'),
     [(35, 4, 'yaml-syntax', 'this "- " is indented more than the "- " of the item before (line 22); line them up', 'remove 1 space at the start of line 35')]),
    ('item-dash-moved-left', edit(l35=' - id: MATH-7.3'),
     [(35, 2, 'yaml-syntax', 'this "- " is indented less than the "- " of the item before (line 22); line them up', 'add 1 space at the start of line 35')]),
]


@pytest.mark.parametrize(("name", "text", "expected"), CORPUS, ids=[c[0] for c in CORPUS])
def test_syntax_mistake_is_reported_where_it_is(name: str, text: str, expected: list[Expected]) -> None:
    doc, problems = read_yaml(text, "content/courses/math-7.yml")
    assert doc is None
    got = [(p.loc.line, p.loc.col, p.code, p.message, p.hint) for p in problems]
    assert got == expected


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 25


def test_every_valid_file_reads_as_fine() -> None:
    """`explain` only runs on files the parser refused, but it must not invent problems either."""
    for rel, text in BASE.items():
        if rel.endswith(".yml"):
            assert explain(text) == [], rel
    for path in sorted((Path(__file__).parent.parent / "content").rglob("*.yml")):
        assert explain(path.read_text("utf-8")) == [], path


def test_multi_line_quotes_and_lists_are_still_valid() -> None:
    text = ('title: "A long title\n  that goes on"\ngrades: [7,\n  8]\n'
            "description: |\n  a: text with: colons\n  - and dashes\nnote: done\n")
    assert explain(text) == []
    doc, problems = read_yaml(text, "f.yml")
    assert problems == [] and doc is not None


def test_front_matter_lines_count_from_the_top_of_the_file() -> None:
    _doc, problems = read_yaml('display_name: "Maya\ngrade: 5\n', "p.md", line_offset=1)
    assert [(p.loc.line, p.loc.col) for p in problems] == [(2, 15)]


def test_validate_names_the_file_and_line(make_repo: MakeRepo) -> None:
    root = make_repo({"content/courses/math-7.yml": edit(l37='    statement: "I can write and solve equations.')})
    report = check_repository(root, today=TODAY).report
    found = [(d.loc.path, d.loc.line, d.loc.col, d.code) for d in report.sorted()]
    assert ("content/courses/math-7.yml", 37, 16, "yaml-syntax") in found


def _one_line_mistakes(text: str) -> list[tuple[int, str, str]]:
    """Every typical one-line slip on every line of `text`: (line, what, the broken file)."""
    lines = text.split("\n")
    found = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        variants = {"one space more": " " + line, "two spaces more": "  " + line, "a tab": "\t" + line.lstrip()}
        if indent >= 1:
            variants["one space less"] = line[1:]
        if indent >= 2:
            variants["two spaces less"] = line[2:]
        if line.lstrip().startswith("- "):
            variants["no dash"] = line.replace("- ", "  ", 1)
        if ": " in line:
            variants["no space after the colon"] = line.replace(": ", ":", 1)
            if not line.rstrip().endswith(":"):
                variants["an open quote"] = line.replace(": ", ': "', 1)
        if "]" in line:
            variants["no closing bracket"] = line[::-1].replace("]", "", 1)[::-1]
        for what, changed in variants.items():
            found.append((n, what, "\n".join([*lines[:n - 1], changed, *lines[n:]])))
    return found


@pytest.mark.parametrize("name", ["district", "area", "course"])
def test_every_one_line_slip_is_reported_on_its_line(name: str) -> None:
    """Each line of the sample files, broken in each typical way: when the file no longer reads,
    the error is on that line, in words (never the parser's own message)."""
    text = {"district": DISTRICT, "area": AREA_MATH, "course": COURSE_MATH_7}[name]
    refused = 0
    for n, what, broken in _one_line_mistakes(text):
        doc, problems = read_yaml(broken, "f.yml")
        if doc is not None or problems[0].code == "duplicate-key":
            continue  # still valid YAML (other checks judge it), or a key written twice
        refused += 1
        first = problems[0]
        assert first.loc.line == n, (what, n, first)
        assert not first.message.startswith("YAML cannot read"), (what, n, first)
    assert refused > 100
