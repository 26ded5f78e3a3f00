"""Bounds on the work one piece of Markdown can cause, so no text can stall or crash a build.

Python-Markdown recurses once per level of nested lists and quotes (400 levels raise
RecursionError), scans to the end of the paragraph for every `[` or `(` it cannot close and for
every run of backticks without a partner (25,000 `[` take minutes), and rebuilds a paragraph's
string for every inline match (a long paragraph of `\\\\` or `&x;` is quadratic). Every limit here is
a count measured in one pass over the text, never a clock, so the same text always gets the same
answer. `hcs-site validate` reports a text past a limit as `text-too-complex` with its line; the
renderer (`render.sanitize`, `render.student_text`) asks `within_limits` again and shows such a
text as literal, escaped words instead of formatting it.

A file's texts share one `Budget`: a course file of a thousand texts, each just under the limit,
is as much work as one text over it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostic, Loc, Severity
from ..load.yaml_reader import Document

MAX_NESTING = 16
"""Levels of lists, quotes and indentation on one line (real text uses three or four)."""
MAX_BRACKET_NESTING = 32
"""`[` inside `[` inside `[`...: each level of a link's text is formatted again."""
MAX_TABLE_COLUMNS = 64
MAX_SCAN_WORK = 2_000_000
"""Characters Markdown's pure-Python bracket and code-span scanners read, summed over a file: the
distance from each `[` to its `]`, from each `](` to its `)`, from each run of backticks to the
next run of the same length (to the end of the paragraph when there is none). About half a second."""
MAX_INLINE_WORK = 2_000_000_000
"""Markdown symbols times the length of the paragraph they are in, summed over a file: every
inline match (escape, entity, code, emphasis, link) copies the paragraph's text once."""

CODE = "text-too-complex"
_SYMBOLS = re.compile(r"[\\`*_\[\]!<>&|]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_DEEP_PREFIX = re.compile(rf"^[ \t>*+\-0-9.)]{{{MAX_NESTING + 1},}}", re.M)
_RULE = re.compile(r"[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")
"""`- - -`: a horizontal rule, not nested lists."""
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")
_SEPARATOR_ROW = re.compile(r"^[ \t]*[|:-][ \t|:-]*\|[ \t|:-]*$", re.M)
_BRACKET = re.compile(r"\\.|\]\(|[\[\]()]", re.S)
_BACKTICKS = re.compile(r"\\`|`+")


@dataclass
class Budget:
    """Work left for one file's texts (see MAX_SCAN_WORK and MAX_INLINE_WORK)."""

    scan: int = MAX_SCAN_WORK
    inline: int = MAX_INLINE_WORK


@dataclass(frozen=True)
class TooComplex:
    offset: int
    """0-based index in the text where the problem starts."""
    message: str
    hint: str


def _indent(text: str) -> int:
    spaces = text.expandtabs(4)
    return len(spaces) - len(spaces.lstrip(" "))


def _nesting(text: str) -> TooComplex | None:
    for m in _DEEP_PREFIX.finditer(text):
        stop = text.find("\n", m.start())
        line = text[m.start():stop if stop >= 0 else len(text)]
        if _RULE.match(line):
            continue
        depth, pos = 0, 0
        while True:  # each marker is a level, and so is each 4 columns of indentation before it
            c = _CONTAINER.match(line, pos)
            if c is None:
                break
            depth += 1 + _indent(c.group()) // 4
            pos = c.end()
        depth += _indent(line[pos:]) // 4
        if depth > MAX_NESTING:
            return TooComplex(m.start(), f"lists, quotes and indentation are nested {depth} levels deep here; "
                              f"the limit is {MAX_NESTING}",
                              "use fewer levels: start a new list or paragraph instead of indenting further")
    return None


def _tables(text: str) -> TooComplex | None:
    for m in _SEPARATOR_ROW.finditer(text):
        if "-" not in m.group():
            continue
        columns = len([cell for cell in m.group().strip().strip("|").split("|")])
        if columns > MAX_TABLE_COLUMNS:
            header = text.rfind("\n", 0, max(m.start() - 1, 0)) + 1 if m.start() else 0
            return TooComplex(header, f"a table has {columns} columns; the limit is {MAX_TABLE_COLUMNS}",
                              "split the table into smaller ones, or make it a list")
    return None


def _paragraph_ends(text: str) -> list[int]:
    return [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]


def _scan_costs(text: str, ends: list[int]) -> tuple[list[tuple[int, int]], int]:
    """(start, characters scanned) for every `[`, `](` and backtick run, and where `[` brackets
    first nest deeper than MAX_BRACKET_NESTING (-1: nowhere)."""
    costs: list[tuple[int, int]] = []
    deep_at = -1
    para = 0
    squares: list[int] = []
    parens: list[tuple[int, bool]] = []
    for m in _BRACKET.finditer(text):
        pos, token = m.start(), m.group()
        while pos >= ends[para]:
            end = ends[para]
            costs += [(p, end - p) for p in squares] + [(p, end - p) for p, link in parens if link]
            squares, parens, para = [], [], para + 1
        if token == "[":
            squares.append(pos)
            if len(squares) > MAX_BRACKET_NESTING and deep_at < 0:
                deep_at = squares[0]
        elif token == "]" and squares:
            start = squares.pop()
            costs.append((start, pos - start))
        elif token in ("(", "]("):
            if token == "](" and squares:
                start = squares.pop()
                costs.append((start, pos - start))
            parens.append((pos + 1, True) if token == "](" else (pos, False))
        elif token == ")" and parens:
            start, link = parens.pop()
            if link:
                costs.append((start, pos - start))
    for p in squares + [p for p, link in parens if link]:
        end = next(e for e in ends if e > p)
        costs.append((p, end - p))
    following: dict[int, int] = {}
    para = len(ends) - 1
    for m in reversed(list(_BACKTICKS.finditer(text))):
        if m.group().startswith("\\"):
            continue
        while para > 0 and m.start() < ends[para - 1]:
            para, following = para - 1, {}
        size = len(m.group())
        costs.append((m.start(), following.get(size, ends[para]) - m.start()))
        following[size] = m.start()
    return costs, deep_at


def too_complex(text: str, budget: Budget | None = None) -> TooComplex | None:
    """The first limit `text` is past, or None; `budget` (shared by a file's texts) is spent."""
    budget = budget if budget is not None else Budget()
    problem = _nesting(text) or _tables(text)
    if problem:
        return problem
    ends = _paragraph_ends(text)
    if _SYMBOLS.search(text) is None:
        return None
    starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
    for start, end in zip(starts, ends, strict=True):
        symbols = len(_SYMBOLS.findall(text, start, end))
        budget.inline -= symbols * (end - start)
        if budget.inline < 0:
            return TooComplex(start, f"a paragraph of {end - start:,} characters holds {symbols:,} Markdown "
                              "symbols (\\ ` * _ [ ] ! < > & |): too much work to format",
                              "split it into shorter paragraphs with blank lines, or remove repeated symbols")
    costs, deep_at = _scan_costs(text, ends)
    if deep_at >= 0:
        return TooComplex(deep_at, f"'[' brackets are nested more than {MAX_BRACKET_NESTING} deep here",
                          "remove the extra brackets, or write a literal one as \\[")
    budget.scan -= sum(cost for _, cost in costs)
    if budget.scan < 0:
        worst = min(costs, key=lambda c: (-c[1], c[0]))[0]
        return TooComplex(worst, "too many '[', '(' or '`' without a partner here (Markdown searches the "
                          "rest of the paragraph for each one)",
                          "close each [ with ] and each ` with a matching `, or write a literal one as \\[ or \\`")
    return None


def within_limits(text: str) -> bool:
    """For the renderer: may `text` go through Markdown at all?"""
    return too_complex(text) is None


def literal_html(text: str) -> str:
    """A text that is past a limit, shown as escaped words: no Markdown, no markup, linear time."""
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(text) if p.strip()]
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)


def _diagnostic(path: str, line: int, col: int, text: str, problem: TooComplex) -> Diagnostic:
    offset = text.count("\n", 0, problem.offset)
    column = problem.offset - (text.rfind("\n", 0, problem.offset) + 1) + 1
    return Diagnostic(Loc(path, line + offset, column if offset else col + column - 1), CODE, Severity.ERROR,
                      problem.message, problem.hint)


def check_markdown(path: str, body: str, body_line: int, budget: Budget) -> list[Diagnostic]:
    """A Markdown body starting at 1-based `body_line` of `path`."""
    problem = too_complex(body, budget)
    return [_diagnostic(path, body_line, 1, body, problem)] if problem else []


def check_markdown_file(front: Document, body: str, body_line: int) -> list[Diagnostic]:
    """A portfolio or evidence file: its front matter and its body share the file's budget."""
    budget = Budget()
    return check_document(front, budget) + check_markdown(front.path, body, body_line, budget)


def _strings(data: Any) -> list[tuple[tuple[str | int, ...], str]]:
    found: list[tuple[tuple[str | int, ...], str]] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        ptr, value = stack.pop()
        if isinstance(value, str):
            found.append((ptr, value))
        elif isinstance(value, dict):
            stack.extend(((*ptr, k), v) for k, v in value.items() if isinstance(k, str))
        elif isinstance(value, list):
            stack.extend(((*ptr, i), v) for i, v in enumerate(value))
    return found


def check_document(doc: Document, budget: Budget) -> list[Diagnostic]:
    """Every text value of a YAML document (committee files and front matter alike)."""
    found: list[Diagnostic] = []
    for ptr, text in sorted(_strings(doc.data), key=lambda item: (doc.positions.get(item[0], (0, 0)), item[1])):
        problem = too_complex(text, budget)
        if problem is None:
            continue
        loc = doc.loc(*ptr)
        multiline = "\n" in text.rstrip("\n")
        # A text of several lines is a block scalar (`|`) in practice: its first line is the next one.
        found.append(_diagnostic(loc.path, loc.line + (1 if multiline else 0), 1 if multiline else loc.col,
                                 text, problem))
        if budget.scan < 0 or budget.inline < 0:
            break  # the file's budget is spent: one diagnostic says so
    return found
