"""A checked Markdown file as JSON data, and back: what a student's entry in the build cache
keeps of each file the check read (`student_cache`).

Reading a portfolio or evidence file (YAML front matter with the position of every value) and
checking its shape against the schema depends on nothing but the file's path and bytes and the
software. JSON, not pickle: the cache folder is data, and reading it must never run code. The
reader's values are JSON's own types (YAML 1.2 core scalars, text keys), so the round trip is
exact; the student's entry is read back before it is stored and kept only when it is.
"""

from __future__ import annotations

import math
from typing import Any

from ..diagnostics import Diagnostic, Loc, Severity
from ..load.files import MarkdownFile
from ..load.yaml_reader import Document, Pointer

Checked = tuple[MarkdownFile | None, list[Diagnostic], list[Diagnostic]]
"""`cache.markdown_checked`: the file (None: unreadable), its reading problems, its shape problems."""


def diagnostics_data(items: list[Diagnostic]) -> list[list[Any]]:
    return [[d.loc.path, d.loc.line, d.loc.col, d.code, d.severity.value, d.message, d.hint] for d in items]


def _positions(table: dict[Pointer, Any]) -> list[list[Any]]:
    return [[list(ptr), list(value) if type(value) is tuple else value] for ptr, value in table.items()]


def to_data(value: Checked) -> dict[str, Any]:
    """The JSON-ready form of a checked file (`encode`; a student's entry holds several)."""
    md, problems, shape = value
    front = None
    if md is not None:
        doc = md.front
        front = {"path": doc.path, "data": doc.data, "positions": _positions(doc.positions),
                 "keys": _positions(doc.key_positions), "raw": _positions(doc.raw)}
    return {"md": None if md is None else {"front": front, "body": md.body, "line": md.body_line},
            "problems": diagnostics_data(problems), "shape": diagnostics_data(shape)}


def read_diagnostics(items: list[list[Any]]) -> list[Diagnostic]:
    return [Diagnostic(Loc(str(path), int(line), int(col)), str(code), Severity(severity), str(message), str(hint))
            for path, line, col, code, severity, message, hint in items]


def _table(items: list[list[Any]], as_pair: bool) -> dict[Pointer, Any]:
    return {tuple(ptr): (tuple(value) if as_pair else value) for ptr, value in items}


def from_data(data: Any) -> Checked:
    """A checked file from `to_data`'s form; ValueError, TypeError or KeyError when it is not one."""
    md = None
    if data["md"] is not None:
        front = data["md"]["front"]
        doc = Document(str(front["path"]), front["data"], _table(front["positions"], True),
                       _table(front["keys"], True), _table(front["raw"], False))
        md = MarkdownFile(doc, str(data["md"]["body"]), int(data["md"]["line"]))
    return md, read_diagnostics(data["problems"]), read_diagnostics(data["shape"])


def plain(value: Any) -> bool:
    """Whether JSON gives `value` back exactly: its own types only (no tuple, no number as a key,
    no subclass, no NaN)."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return True
    if kind is float:
        return math.isfinite(value)
    if kind is list:
        return all(plain(item) for item in value)
    if kind is dict:
        return all(type(k) is str and plain(item) for k, item in value.items())
    return False
