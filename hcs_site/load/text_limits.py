"""Bounds on the work one piece of Markdown can cause, so no text can stall or crash a build.

Python-Markdown recurses once per level of nested lists and quotes (400 levels raise
RecursionError), scans to the end of the paragraph for every `[` or `(` it cannot close and for
every run of backticks without a partner (25,000 `[` take minutes), rebuilds a paragraph's string
for every inline match (a long paragraph of `\\\\` or `&x;` is quadratic), searches the rest of a
paragraph again after each heading or rule in it, and spends 50 to 150 microseconds on every block
(1 MB of one-letter paragraphs: over a minute). Every limit here is a count measured in one pass
over the text, never a clock, so the same text always gets the same answer. `rules_text` reports a
text past a limit as `text-too-complex` with its line; the renderer (`render.sanitize`,
`render.student_text`) asks `within_limits` again and shows such a text as literal, escaped words
instead of formatting it. `benchmarks/bench_pathological.py` times the worst text each limit allows.

A file's texts share one `Budget`: a course file of a thousand texts, each just under the limit,
is as much work as one text over it.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

MAX_NESTING = 16
"""Levels of lists, quotes and indentation on one line (real text uses three or four)."""
MAX_BRACKET_NESTING = 32
"""`[` inside `[` inside `[`...: each level of a link's text is formatted again."""
MAX_TABLE_COLUMNS = 64
MAX_SCAN_WORK = 2_000_000
"""Characters Markdown's pure-Python bracket and code-span scanners read, summed over a file: the
distance from each `[` to its `]`, from each `](` to its `)`, from each run of backticks to the
next run of the same length (to the end of the paragraph when there is none). About half a second."""
MAX_INLINE_WORK = 1_000_000_000
"""Markdown symbols times the length of the paragraph they are in, summed over a file: every
inline match (escape, entity, code, emphasis, link) copies the paragraph's text once."""
MAX_SPLIT_WORK = 30_000_000
"""Headings, rules, setext underlines and fences inside one paragraph (no blank line around them)
times the paragraph's length, summed over a file: Markdown splits the paragraph at each and
searches the rest again (8,000 `# a` lines in a row took 7 seconds, 8,000 `=` underlines 16)."""
MAX_BLOCK_WORK = 15_000
"""Blocks Markdown builds, summed over a file: paragraphs, lines that start a list item, heading,
quote, rule, fence or table row, table cells, and for each list or quote marker, one plus one per
four columns of indentation before it (a nested list is parsed again at every level). Each costs
50 to 150 microseconds: 1 MB of one-letter paragraphs would take over a minute; this is about two
seconds. A one-line text (a title) counts nothing."""

_SYMBOLS = re.compile(r"[\\`*_\[\]!<>&|]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_DEEP_PREFIX = re.compile(rf"^[ \t>*+\-0-9.)]{{{MAX_NESTING + 1},}}", re.M)
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")
_SEPARATOR_ROW = re.compile(r"^[ \t]*[|:-][ \t|:-]*\|[ \t|:-]*$", re.M)
_BLOCK_LINE = re.compile(r"^[ \t]*[#=\-*_+>|0-9`~]", re.M)
_PREFIX = re.compile(r"^(?:[ \t>]|(?:[-*+]|\d{1,9}[.)])[ \t])[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*",
                     re.M)
"""The markers and indentation before a line's text (never empty, so plain lines cost no match)."""
_SPLIT_LINE = re.compile(r"^[ \t]*(?:#|```|~~~|(?:[-=*_][ \t]*)+$)", re.M)
_PIPE = re.compile(r"\|")
_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]")
_BRACKET = re.compile(r"\\.|\]\(|[\[\]()]", re.S)
_BACKTICKS = re.compile(r"\\`|`+")


@dataclass
class Budget:
    """Work left for one file's texts (see MAX_SCAN_WORK and MAX_INLINE_WORK)."""

    scan: int = MAX_SCAN_WORK
    inline: int = MAX_INLINE_WORK
    blocks: int = MAX_BLOCK_WORK
    splits: int = MAX_SPLIT_WORK


@dataclass(frozen=True)
class TooComplex:
    offset: int
    """0-based index in the text where the problem starts."""
    message: str
    hint: str


def _is_rule(line: str) -> bool:
    """`- - -`: a horizontal rule, not nested lists (string methods: a regex is slow on 1 MB of `*`)."""
    stripped = line.strip(" \t")
    mark = stripped[:1]
    return mark in ("-", "*", "_") and stripped.count(mark) >= 3 and not stripped.replace(mark, "").strip(" \t")


def _indent(text: str) -> int:
    spaces = text.expandtabs(4)
    return len(spaces) - len(spaces.lstrip(" "))


def _nesting(text: str) -> TooComplex | None:
    for m in _DEEP_PREFIX.finditer(text):
        stop = text.find("\n", m.start())
        line = text[m.start():stop if stop >= 0 else len(text)]
        if _is_rule(line):
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


def _nesting_work(text: str, cap: int) -> Iterator[tuple[int, int]]:
    """(position, work so far) for each line nested in a list or quote, until the work passes `cap`."""
    total = 0
    for m in _PREFIX.finditer(text):  # indented code has no marker and costs nothing
        prefix = m.group()
        markers = prefix.count(">") + len(_LIST_MARKER.findall(prefix))
        if markers:
            total += markers * (1 + _indent(prefix) // 4)
            yield m.start(), total
            if total > cap:
                return


def _block_work(text: str, paragraphs: int, cap: int) -> int:
    """The text's block work, exact up to `cap` (counting stops soon after it)."""
    work = paragraphs + len(_BLOCK_LINE.findall(text)) + text.count("|")
    if work > cap:
        return work
    nested = 0
    for _, nested in _nesting_work(text, cap - work):  # noqa: B007 - the last total is the one
        pass
    return work + nested


@dataclass
class _Blocks:
    """Where the first `cap` + 1 units of each kind of block work are, to add up the work before
    any position (nothing past the point where `cap` is exceeded matters)."""

    lines: list[int]
    pipes: list[int]
    nest_at: list[int]
    nest_sum: list[int]

    @classmethod
    def of(cls, text: str, cap: int) -> _Blocks:
        nesting = list(_nesting_work(text, cap))
        return cls([m.start() for m in itertools.islice(_BLOCK_LINE.finditer(text), cap + 1)],
                   [m.start() for m in itertools.islice(_PIPE.finditer(text), cap + 1)],
                   [at for at, _ in nesting], [work for _, work in nesting])

    def before(self, end: int, paragraphs: int) -> int:
        nested = bisect.bisect_left(self.nest_at, end)
        return (paragraphs + bisect.bisect_left(self.lines, end) + bisect.bisect_left(self.pipes, end)
                + (self.nest_sum[nested - 1] if nested else 0))


def _where_blocks_run_out(text: str, ends: list[int], blocks: _Blocks, left: int) -> int:
    """The start of the paragraph where a file's block budget (`left` before this text) ran out."""
    low, high = 0, len(ends) - 1  # the first paragraph k whose end takes the work past `left`
    while low < high:
        mid = (low + high) // 2
        if blocks.before(ends[mid], mid + 1) > left:
            high = mid
        else:
            low = mid + 1
    return 0 if low == 0 else _PARAGRAPH_BREAK.search(text, ends[low - 1]).end()  # type: ignore[union-attr]


def _splits(text: str, ends: list[int], budget: Budget) -> TooComplex | None:
    per_paragraph: dict[int, list[int]] = {}
    for m in _SPLIT_LINE.finditer(text):
        per_paragraph.setdefault(bisect.bisect_right(ends, m.start()), []).append(m.start())
    for index, lines in per_paragraph.items():
        if len(lines) < 2:
            continue  # one heading alone in its paragraph is split once
        start = _PARAGRAPH_BREAK.search(text, ends[index - 1]).end() if index else 0  # type: ignore[union-attr]
        length = ends[index] - start
        budget.splits -= len(lines) * length
        if budget.splits < 0:
            return TooComplex(lines[0], f"a paragraph of {length:,} characters holds {len(lines):,} headings, "
                              "rules or fences with no blank line between them: too much work to format",
                              "put a blank line before and after each heading, rule (---) and fence (```)")
    return None


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
    if "\n" not in text and _SYMBOLS.search(text) is None and _DEEP_PREFIX.match(text) is None:
        return None  # one line without a Markdown symbol: most titles, IDs and dates
    budget = budget if budget is not None else Budget()
    problem = _nesting(text) or _tables(text)
    if problem:
        return problem
    text = text.rstrip()
    ends = _paragraph_ends(text)
    one_line = "\n" not in text and not _BLOCK_LINE.match(text)  # a title: one paragraph, often no Markdown
    left = budget.blocks
    budget.blocks -= 0 if one_line else _block_work(text, len(ends), max(left, 0))
    if budget.blocks < 0 and not one_line:
        return TooComplex(_where_blocks_run_out(text, ends, _Blocks.of(text, max(left, 0)), left),
                          f"the text makes too many blocks to format (paragraphs, list items, headings, quotes, "
                          f"table cells, levels of nesting); the limit is {MAX_BLOCK_WORK:,} for a file",
                          "shorten it or split it into several files; join one-line paragraphs")
    problem = _splits(text, ends, budget)
    if problem:
        return problem
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
