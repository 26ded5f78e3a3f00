"""`text-too-complex`: every text of a file checked against `text_limits`, with its line.

A file's texts share one budget (front matter and body alike), so a thousand texts each just under
a limit cannot add up to a stall. One diagnostic per file: past its budget, the rest would only
repeat it.
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic, Loc, Severity
from ..load.text_limits import Budget, TooComplex, too_complex
from ..load.yaml_reader import Document

CODE = "text-too-complex"


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


def check_document(doc: Document, budget: Budget) -> list[Diagnostic]:
    """Every text value of a YAML document (committee files and front matter alike)."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), doc.data)]
    while stack:  # a mapping's or list's own texts first, then what is nested in it, in file order
        ptr, value = stack.pop()
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        nested = []
        for key, item in items:
            if isinstance(item, str):
                problem = too_complex(item, budget)
                if problem is not None:
                    return [_yaml_diagnostic(doc, (*ptr, key), item, problem)]  # one per file is enough
            elif isinstance(item, dict | list):
                nested.append(((*ptr, key), item))
        stack.extend(reversed(nested))
    return []


def _yaml_diagnostic(doc: Document, ptr: tuple[str | int, ...], text: str, problem: TooComplex) -> Diagnostic:
    loc = doc.loc(*ptr)
    multiline = "\n" in text.rstrip("\n")
    # A text of several lines is a block scalar (`|`) in practice: its first line is the next one.
    return _diagnostic(loc.path, loc.line + (1 if multiline else 0), 1 if multiline else loc.col, text, problem)
