"""The one JSON encoding of the API: UTF-8, keys sorted, two-space indent, one final newline.

Strict JSON: a NaN or an infinity is a bug (`NotFiniteError`), never `NaN` in a file. CASE
objects are encoded once and composed (`Encoded`), since each is written up to four times.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any


class NotFiniteError(ValueError):
    """A NaN or an infinity reached the JSON writer. `json.dumps` would write `NaN` or `Infinity`,
    which no JSON reader accepts; the loader refuses such numbers (`number-not-finite`), so this is
    a bug in hcs-site, reported as an internal error (exit 70) rather than published."""


def dumps(data: Any) -> bytes:
    return (_text(data) + "\n").encode("utf-8")


def _text(data: Any) -> str:
    """`dumps` as text, without the final newline; the one place JSON of the API is encoded."""
    try:
        try:
            return indented(data)
        except _Unusual:
            return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)
    except ValueError as exc:
        if "JSON compliant" not in str(exc):
            raise
        raise NotFiniteError(f"a number that is not finite reached the JSON API: {exc}") from exc


class _Unusual(Exception):
    """A value `indented` leaves to `json.dumps` (a key that is not a string, a type JSON lacks)."""


_INFINITIES = (float("inf"), float("-inf"))


def indented(o: Any, indent: str = "") -> str:
    """`json.dumps(o, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)`, the same
    text, made by joining strings: `json.dumps` with `indent` runs a generator per value in pure
    Python, half the time the API took to make. The types are tested in `json.dumps`' order."""
    if isinstance(o, str):
        return encode_basestring(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        if o != o or o in _INFINITIES:
            raise ValueError("Out of range float values are not JSON compliant: " + repr(o))
        return float.__repr__(o)
    inner = indent + "  "
    if isinstance(o, list | tuple):
        if not o:
            return "[]"
        items = [encode_basestring(v) if type(v) is str else indented(v, inner) for v in o]
        return "[\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "]"
    if isinstance(o, dict):
        if not o:
            return "{}"
        if any(type(k) is not str for k in o):
            raise _Unusual
        members = [encode_basestring(k) + ": " + (encode_basestring(v) if type(v) is str else indented(v, inner))
                   for k, v in sorted(o.items())]
        return "{\n" + inner + (",\n" + inner).join(members) + "\n" + indent + "}"
    raise _Unusual


def _nested(text: str, depth: int) -> str:
    """`_text` of a value as it reads `depth` levels inside another: JSON text has raw newlines only
    between tokens (strings escape theirs), so nesting is one replace."""
    return text.replace("\n", "\n" + "  " * depth)


def array_text(texts: list[str]) -> str:
    """`_text` of a list whose items are given as their own `_text`."""
    return "[\n  " + ",\n  ".join(_nested(t, 1) for t in texts) + "\n]" if texts else "[]"


def object_text(members: dict[str, str]) -> str:
    """`_text` of a dict whose values are given as their own `_text` (keys sorted, as `dumps`)."""
    if not members:
        return "{}"
    return "{\n  " + ",\n  ".join(f"{_text(key)}: {_nested(value, 1)}"
                                   for key, value in sorted(members.items())) + "\n}"


class Encoded:
    """Each CASE object encoded once: an item, an association or a rubric is written up to four
    times (its own file, its item-association files, the package), and `json.dumps` with `indent`
    runs in pure Python; composing the encoded parts gives the same bytes in about half the time."""

    def __init__(self) -> None:
        self.texts: dict[int, tuple[Any, str]] = {}

    def text(self, obj: Any) -> str:
        found = self.texts.get(id(obj))
        if found is None:
            found = self.texts[id(obj)] = (obj, _text(obj))  # the object is kept, so its id stays its own
        return found[1]

    def file(self, obj: Any) -> bytes:
        return (self.text(obj) + "\n").encode("utf-8")

    def package(self, package: dict[str, Any]) -> bytes:
        members = {key: array_text([self.text(x) for x in value])
                   if key in ("CFItems", "CFAssociations", "CFRubrics") and isinstance(value, list) else _text(value)
                   for key, value in package.items()}
        return (object_text(members) + "\n").encode("utf-8")
