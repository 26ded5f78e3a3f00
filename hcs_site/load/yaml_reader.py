"""A YAML reader that keeps positions and refuses what a content file should never contain.

We compose plain Python values straight from the parser's event stream instead of using
PyYAML's constructors: that lets us stop at the first anchor (so a "billion laughs" file costs
nothing), refuse tags before anything is constructed, see duplicate keys, and resolve scalars
with strict YAML 1.2 core rules so `NO`, `on`, `0123` and `2026-09-01` stay text exactly as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..diagnostics import Diagnostic, Loc, Severity
from .characters import CODE as CHARACTER_CODE
from .characters import describe, first_forbidden_in_value, forbidden_in
from .numbers import number_problem
from .yaml_syntax import explain

try:  # libyaml is much faster; the pure-Python parser gives the same events.
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

Pointer = tuple[str | int, ...]

MAX_DEPTH = 64
MAX_NODES = 200_000

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]")
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
"""YAML 1.2 core floats (`.5`, `1.`, `1e3`); `0123` is not one (an int would have matched first)."""
_NON_FINITE = re.compile(r"[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)\Z")
"""YAML's infinity and not-a-number: read as the floats they are, so the composer can refuse them."""
_INT_DIGITS = 4000
"""Longer integer literals are not given to int() (Python refuses over 4,300 digits)."""


@dataclass
class Document:
    """Plain data from one YAML document plus where each value and key was written."""

    path: str
    data: Any
    positions: dict[Pointer, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Pointer, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Pointer, str] = field(default_factory=dict)
    """Source text of unquoted scalars that were read as numbers or booleans."""

    def loc(self, *ptr: str | int) -> Loc:
        """The position of the value at `ptr`, or of its nearest ancestor we know."""
        p: Pointer = tuple(ptr)
        while p not in self.positions and p:
            p = p[:-1]
        line, col = self.positions.get(p, (1, 1))
        return Loc(self.path, line, col)

    def key_loc(self, *ptr: str | int) -> Loc:
        """The position of the key that holds `ptr` (falls back to the value)."""
        p: Pointer = tuple(ptr)
        if p in self.key_positions:
            line, col = self.key_positions[p]
            return Loc(self.path, line, col)
        return self.loc(*ptr)


class YamlProblem(Exception):
    """Raised inside the composer; converted to one diagnostic by `read_yaml`."""

    def __init__(self, line: int, col: int, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.line, self.col, self.code, self.message, self.hint = line, col, code, message, hint


def _pos(event: Any, offset: int) -> tuple[int, int]:
    mark = event.start_mark
    return mark.line + 1 + offset, mark.column + 1


def resolve_plain(text: str) -> Any:
    """YAML 1.2 core schema, minus anything that could silently change what a teacher wrote."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text) if len(text) <= _INT_DIGITS else float(text)
    if _FLOAT.match(text) and not _LEADING_ZERO.match(text):
        return float(text)
    if _NON_FINITE.match(text):
        return float(text.replace(".", "", 1))
    return text


class _Composer:
    def __init__(self, doc: Document, offset: int) -> None:
        self.doc = doc
        self.offset = offset
        self.nodes = 0

    def refuse_extras(self, event: Any) -> None:
        line, col = _pos(event, self.offset)
        if getattr(event, "anchor", None):
            raise YamlProblem(
                line,
                col,
                "yaml-anchor",
                f"anchor '&{event.anchor}' is not allowed",
                "content files cannot use anchors and aliases; write the value out in full",
            )
        tag = getattr(event, "tag", None)
        if tag and tag != "!":
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise YamlProblem(
                line,
                col,
                "yaml-tag",
                f"YAML tag '{shown}' is not allowed",
                "remove the tag; write a plain value (quote it if it must stay text)",
            )

    @staticmethod
    def refuse_escaped(event: Any, line: int, col: int) -> None:
        """A double-quoted scalar can spell any character as an escape (`"\\N"` is NEXT LINE,
        `"\\u202E"` a bidirectional override): the scan of the file's text cannot see those."""
        if event.style != '"':
            return
        bad = first_forbidden_in_value(event.value)
        if bad is not None:
            raise YamlProblem(line, col, CHARACTER_CODE,
                              f"the quoted text contains {describe(bad)}, written as an escape sequence",
                              "remove the escape sequence (a backslash code such as \\N, \\x85 or \\u202E) "
                              "from the quoted text")

    def node(self, events: Any, event: Any, ptr: Pointer, depth: int) -> Any:
        self.nodes += 1
        line, col = _pos(event, self.offset)
        if depth > MAX_DEPTH or self.nodes > MAX_NODES:
            raise YamlProblem(
                line,
                col,
                "yaml-too-deep" if depth > MAX_DEPTH else "yaml-too-large",
                "the file is nested too deeply" if depth > MAX_DEPTH else "the file has too many values",
                "split the content into smaller files",
            )
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(
                line,
                col,
                "yaml-anchor",
                f"alias '*{event.anchor}' is not allowed",
                "content files cannot use anchors and aliases; write the value out in full",
            )
        self.refuse_extras(event)
        self.doc.positions[ptr] = (line, col)
        if isinstance(event, yaml.ScalarEvent):
            if not event.style and event.implicit[0]:
                value = resolve_plain(event.value)
                if not isinstance(value, str) and value is not None:
                    self.doc.raw[ptr] = event.value
                    problem = number_problem(event.value, value)
                    if problem is not None:
                        raise YamlProblem(line, col, *problem)
                return value
            self.refuse_escaped(event, line, col)
            return event.value
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            for child in events:
                if isinstance(child, yaml.SequenceEndEvent):
                    return items
                items.append(self.node(events, child, (*ptr, len(items)), depth + 1))
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(events, ptr, depth)
        raise YamlProblem(line, col, "yaml-syntax", "unexpected YAML structure", "check the indentation")

    def mapping(self, events: Any, ptr: Pointer, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_event in events:
            if isinstance(key_event, yaml.MappingEndEvent):
                return result
            line, col = _pos(key_event, self.offset)
            if not isinstance(key_event, yaml.ScalarEvent):
                self.refuse_extras(key_event)
                raise YamlProblem(
                    line, col, "yaml-key", "a key must be a plain word", "write `name: value` pairs"
                )
            self.refuse_extras(key_event)
            self.refuse_escaped(key_event, line, col)
            key = key_event.value
            if key in result:
                first = self.doc.key_positions[(*ptr, key)][0]
                hint = "keep one of them; YAML would silently drop the first"
                if ptr and isinstance(ptr[-1], int) and key == next(iter(result)):
                    hint = (f"if line {line} starts a new item of the list, write \"- \" before `{key}:`, "
                            f"lined up with the \"- \" of line {first}; otherwise {hint}")
                raise YamlProblem(line, col, "duplicate-key",
                                  f"key '{key}' appears twice in the same mapping (first on line {first})", hint)
            self.doc.key_positions[(*ptr, key)] = (line, col)
            result[key] = self.node(events, next(events), (*ptr, key), depth + 1)
        return result


def _syntax_problems(exc: yaml.MarkedYAMLError, text: str, path: str, offset: int) -> list[Diagnostic]:
    """The parser gives up where it got lost; `explain` names the line a person must fix."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else 1
    found = explain(text)
    every_tab = bool(found) and found[0][2] == "yaml-tab"
    picked = found if every_tab else [f for f in found if f[0] <= line][:1]
    if not picked:
        problem = (exc.problem or "invalid YAML").strip()
        picked = [(line, col, "yaml-syntax", f"YAML cannot read this line ({problem})",
                   "check the quotes, colons and indentation on this line and the line above")]
    return [Diagnostic(Loc(path, n + offset, c), code, Severity.ERROR, message, hint)
            for n, c, code, message, hint in picked]


def read_yaml(text: str, path: str, line_offset: int = 0,
              scanned: bool = False) -> tuple[Document | None, list[Diagnostic]]:
    """Parse one YAML document; any problem becomes a diagnostic, never an exception.

    `scanned`: the caller (`files.read_text`) already refused forbidden characters in the text.
    """
    if not scanned:
        invisible = forbidden_in(text, path, line_offset)
        if invisible:
            return None, invisible
    doc = Document(path, None)
    composer = _Composer(doc, line_offset)
    try:
        events = iter(yaml.parse(text, Loader=_EventLoader))
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    line, col = _pos(event, line_offset)
                    raise YamlProblem(
                        line,
                        col,
                        "yaml-multiple-documents",
                        "the file holds more than one YAML document",
                        "remove the extra '---' line; one file holds one document",
                    )
                doc.data = composer.node(events, next(events), (), 0)
    except YamlProblem as p:
        return None, [Diagnostic(Loc(path, p.line, p.col), p.code, Severity.ERROR, p.message, p.hint)]
    except yaml.MarkedYAMLError as exc:
        return None, _syntax_problems(exc, text, path, line_offset)
    except yaml.YAMLError as exc:
        return None, [
            Diagnostic(Loc(path, 1, 1), "yaml-syntax", Severity.ERROR, str(exc), "check the file is YAML")
        ]
    return doc, []
