"""A checked Markdown file as JSON, and back: what the build cache keeps of the check, per file.

Reading a portfolio or evidence file (YAML front matter with the position of every value) and
checking its shape against the schema is most of the check's time, and depends on nothing but the
file's path and bytes and the software. JSON, not pickle: the cache folder is data, and reading it
must never run code. The reader's values are JSON's own types (YAML 1.2 core scalars, text keys),
so the round trip is exact; `encode` returns None for anything else, and the file is then simply
read again next time.
"""

from __future__ import annotations

import json
from typing import Any

from ..diagnostics import Diagnostic, Loc, Severity
from ..load.files import MarkdownFile
from ..load.yaml_reader import Document, Pointer

Checked = tuple[MarkdownFile | None, list[Diagnostic], list[Diagnostic]]
"""`cache.markdown_checked`: the file (None: unreadable), its reading problems, its shape problems."""


def _diagnostics(items: list[Diagnostic]) -> list[list[Any]]:
    return [[d.loc.path, d.loc.line, d.loc.col, d.code, d.severity.value, d.message, d.hint] for d in items]


def _positions(table: dict[Pointer, Any]) -> list[list[Any]]:
    return [[list(ptr), value] for ptr, value in table.items()]


def encode(value: Checked) -> bytes | None:
    """The JSON of a checked file, or None when it would not read back exactly the same."""
    md, problems, shape = value
    front = None
    if md is not None:
        doc = md.front
        front = {"path": doc.path, "data": doc.data, "positions": _positions(doc.positions),
                 "keys": _positions(doc.key_positions), "raw": _positions(doc.raw)}
    data = {"md": None if md is None else {"front": front, "body": md.body, "line": md.body_line},
            "problems": _diagnostics(problems), "shape": _diagnostics(shape)}
    try:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        return None
    back = decode(text.encode("utf-8"))
    return text.encode("utf-8") if back is not None and repr(back) == repr(value) else None


def _read_diagnostics(items: list[list[Any]]) -> list[Diagnostic]:
    return [Diagnostic(Loc(str(path), int(line), int(col)), str(code), Severity(severity), str(message), str(hint))
            for path, line, col, code, severity, message, hint in items]


def _table(items: list[list[Any]], as_pair: bool) -> dict[Pointer, Any]:
    return {tuple(ptr): (tuple(value) if as_pair else value) for ptr, value in items}


def decode(payload: bytes) -> Checked | None:
    """A checked file from its JSON; None when the payload is not one."""
    try:
        data = json.loads(payload)
        md = None
        if data["md"] is not None:
            front = data["md"]["front"]
            doc = Document(str(front["path"]), front["data"], _table(front["positions"], True),
                           _table(front["keys"], True), _table(front["raw"], False))
            md = MarkdownFile(doc, str(data["md"]["body"]), int(data["md"]["line"]))
        return md, _read_diagnostics(data["problems"]), _read_diagnostics(data["shape"])
    except (ValueError, TypeError, KeyError):
        return None
