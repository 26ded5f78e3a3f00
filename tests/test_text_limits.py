"""Text that would stall or crash Markdown is refused with `text-too-complex`, by validate and by
the build, and is never formatted by the renderer: each family just under its limit renders, just
over it gets the exact diagnostic at the line where it starts."""

from __future__ import annotations

import inspect
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hcs_site.check.pipeline import check_repository
from hcs_site.diagnostics import Diagnostic
from hcs_site.load import text_limits
from hcs_site.load.text_limits import MAX_BRACKET_NESTING, MAX_NESTING, MAX_TABLE_COLUMNS, too_complex
from hcs_site.render.sanitize import markdown_to_html
from hcs_site.render.student_text import StudentRenderer, Targets
from tests.sitecheck import build

from .conftest import COURSE_MATH_7, EVIDENCE, PORTFOLIO, TODAY, MakeRepo

MINI = Path(__file__).parent / "fixtures" / "mini"
EVIDENCE_PATH = "portfolios/p-0001/evidence/ratio-recipes.md"
BODY_LINE = EVIDENCE.count("\n", 0, EVIDENCE.index("Reflection:")) + 1  # where the body starts


def nested_list(levels: int) -> str:
    return "".join("    " * i + f"- level {i + 1}\n" for i in range(levels))


def nested_quote(levels: int) -> str:
    return "> " * levels + "deep\n"


def nested_brackets(levels: int) -> str:
    return "[" * levels + "x" + "]" * levels + "\n"


def table(columns: int) -> str:
    return "|" + "h|" * columns + "\n|" + "-|" * columns + "\n|" + "1|" * columns + "\n"


def open_link_parens(count: int) -> str:
    """`[a](` never closed, in 100-character steps: each `(` makes Markdown read to the paragraph's
    end, 50·k·(k+1) − k characters in all (199: 1,989,801; 200: 2,009,800; the limit 2,000,000)."""
    return "".join("[a](" + "b" * 96 for _ in range(count)) + "\n"


def backslashes(count: int) -> str:
    """One paragraph of only symbols: count² symbol-characters (31,622² < 10⁹ < 31,623²)."""
    return "\\" * count


FAMILIES = {
    "nested lists": (nested_list, MAX_NESTING, MAX_NESTING, 1, "lists, quotes and indentation are nested 17 "
                     "levels deep here; the limit is 16"),
    "nested quotes": (nested_quote, MAX_NESTING, 0, 1, "lists, quotes and indentation are nested 17 levels "
                      "deep here; the limit is 16"),
    "nested brackets": (nested_brackets, MAX_BRACKET_NESTING, 0, 1,
                        "'[' brackets are nested more than 32 deep here"),
    "table columns": (table, MAX_TABLE_COLUMNS, 0, 1, "a table has 65 columns; the limit is 64"),
    "unclosed link parentheses": (open_link_parens, 199, 0, 4, "too many '[', '(' or '`' without a partner "
                                  "here (Markdown searches the rest of the paragraph for each one)"),
    "symbols in a long paragraph": (backslashes, 31_622, 0, 1, "a paragraph of 31,623 characters holds "
                                    "31,623 Markdown symbols (\\ ` * _ [ ] ! < > & |): too much work to format"),
    "headings in one paragraph": (lambda n: "# a\n" * n, 2_738, 0, 1, "a paragraph of 10,955 characters holds "
                                  "2,739 headings, rules or fences with no blank line between them: too much work "
                                  "to format"),
    "one-letter paragraphs": (lambda n: "a\n\n" * n, 14_999, 29_998, 1, "the text makes too many blocks to "
                              "format (paragraphs, list items, headings, quotes, table cells, levels of nesting); "
                              "the limit is 15,000 for a file"),
}
"""name: (make(n), the largest n allowed, line offset and column of the diagnostic for n + 1, message).
The evidence body's first paragraph spends 1 block of the file's 15,000 (one-line texts of the front
matter count nothing): 14,999 one-letter paragraphs are the most that still fit."""


def _problems(root: Path) -> list[Diagnostic]:
    return [d for d in check_repository(root, today=TODAY).report.sorted() if d.code == "text-too-complex"]


@pytest.mark.parametrize("family", FAMILIES)
def test_just_under_the_limit_renders(family: str, make_repo: MakeRepo) -> None:
    make, limit, *_ = FAMILIES[family]
    text = make(limit)
    assert too_complex(text) is None
    rendered = StudentRenderer().block(text, Targets("x.md"))
    assert rendered.startswith(("<ul>", "<blockquote>", "<p>", "<table>", "<h3>"))
    committee = markdown_to_html(text).replace("<h1>", "<h3>").replace("</h1>", "</h3>")  # students' move down
    assert rendered == committee
    root = make_repo({EVIDENCE_PATH: EVIDENCE + "\n" + text})
    assert _problems(root) == []


@pytest.mark.parametrize("family", FAMILIES)
def test_just_over_the_limit_is_an_error_where_it_starts(family: str, make_repo: MakeRepo) -> None:
    make, limit, line, col, message = FAMILIES[family]
    root = make_repo({EVIDENCE_PATH: EVIDENCE + "\n" + make(limit + 1)})
    (problem,) = _problems(root)
    start = BODY_LINE + 2  # the body's paragraph, a blank line, then the text
    assert (problem.loc.path, problem.loc.line, problem.loc.col) == (EVIDENCE_PATH, start + line, col)
    assert problem.severity.value == "error" and problem.message == message and problem.hint


def test_the_renderer_never_formats_a_text_past_a_limit() -> None:
    text = nested_quote(MAX_NESTING + 1) + "\n<b>x</b> [[" * 20
    expected = "<p>&gt; " + "&gt; " * MAX_NESTING
    assert markdown_to_html(text).startswith(expected)
    assert StudentRenderer().block(text, Targets("x.md")).startswith(expected)
    assert "<b>" not in markdown_to_html(text) and "<blockquote>" not in markdown_to_html(text)


def test_recursion_never_escapes_the_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Defence in depth: a text the limits let through by mistake still cannot crash the build."""
    monkeypatch.setattr("hcs_site.render.sanitize.within_limits", lambda text: True)
    monkeypatch.setattr("hcs_site.render.student_text.within_limits", lambda text: True)
    text = nested_list(60)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 120)  # 60 levels of lists need far more than that
    try:
        committee = markdown_to_html.__wrapped__(text)
        student = StudentRenderer().block(text, Targets("x.md"))
    finally:
        sys.setrecursionlimit(limit)
    assert committee.startswith("<p>- level 1\n    - level 2") and student == committee


def test_committee_yaml_text_is_checked_at_its_line(make_repo: MakeRepo) -> None:
    course = COURSE_MATH_7.replace("description: What a family should know about this course.",
                                   "description: |\n  Intro.\n" + "".join(
                                       "  " + line + "\n" for line in nested_list(MAX_NESTING + 1).splitlines()))
    root = make_repo({"content/courses/math-7.yml": course})
    (problem,) = _problems(root)
    line = course.count("\n", 0, course.index("description:")) + 1
    assert (problem.loc.path, problem.loc.line) == ("content/courses/math-7.yml", line + 1 + MAX_NESTING + 1)


def test_a_files_texts_share_one_budget(make_repo: MakeRepo) -> None:
    """Many texts, each under the limit, are as much work as one over it: one error for the file."""
    text = open_link_parens(150).strip()
    assert too_complex(text) is None
    goals = "".join(f"  - goal: \"{text}\"\n    status: planned\n" for _ in range(3))
    changed = PORTFOLIO.replace("goals:\n", "goals:\n" + goals)
    root = make_repo({"portfolios/p-0001/portfolio.md": changed})
    problems = _problems(root)
    # 1,132,350 characters of scanning each: the second goal (line 14) spends the file's budget
    assert [(d.loc.path, d.loc.line) for d in problems] == [("portfolios/p-0001/portfolio.md", 14)]


def test_the_build_stops_with_the_same_diagnostic(make_repo: MakeRepo) -> None:
    root = make_repo({EVIDENCE_PATH: EVIDENCE + "\n" + nested_quote(40)})
    shutil.copytree(MINI / "docs", root / "docs")
    shutil.copy(MINI / "mkdocs.yml", root / "mkdocs.yml")
    result = build(root, "--site-dir", str(root / "site"))
    assert result.exit_code == 1
    assert (f"{EVIDENCE_PATH}:{BODY_LINE + 2}:1: error text-too-complex lists, quotes and indentation are "
            "nested 40 levels deep here; the limit is 16") in result.output
    assert not (root / "site").exists()


SYMBOLS = st.sampled_from([*"[]()!*_`<>&\\|#-+>= \n\tab1.:", "    ", "- ", "> ", "1. ", "](", "```\n"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SYMBOLS, max_size=400).map("".join))
def test_no_markdown_crashes_the_renderer_or_the_check(text: str) -> None:
    text_limits.too_complex(text)
    markdown_to_html.__wrapped__(text)
    StudentRenderer().block(text, Targets("x.md"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(list("[](!*_`<&\\")), st.integers(min_value=1, max_value=4))
def test_long_runs_of_one_symbol_are_bounded(symbol: str, repeat: int) -> None:
    """Runs at the size limit are either refused or cheap: the limit is a count, never a clock."""
    text = (symbol * repeat + "a") * 20_000
    problem = too_complex(text)
    if problem is None:
        markdown_to_html.__wrapped__(text)
