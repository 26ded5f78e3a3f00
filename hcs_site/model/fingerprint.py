"""One digest of a part of the model, value for value: what a cache keys a page or a check on when
it depends on some items of the framework and not on the others.

A key made of files ("every file under content/") is never wrong, but it changes for every
student when one course changes. A key made of the model objects a result was computed from is as
exact, provided the computation is given those objects and nothing else (see
`check.student_view` and `render.student_framework`): then what it could read is what the key
holds. Every field of every dataclass counts, and a node's YAML document by its path and data
(the positions of its values are left out: no page and no student's diagnostic shows them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from ..digests import digest
from ..load.yaml_reader import Document
from .text import Text


def fingerprint(*values: Any) -> str:
    """The digest of `values`: equal exactly when they are equal field for field, type for type."""
    docs: set[int] = set()
    return digest(json.dumps([plain(v, docs) for v in values], ensure_ascii=False, separators=(",", ":")))


_SCALARS = (str, int, float, bool, type(None))
"""Written as JSON writes them, which tells 1, 1.0, true and "1" apart."""
_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(value: Any, docs: set[int]) -> Any:
    """`value` as JSON that tells apart whatever Python tells apart (a list and a tuple are the same
    sequence to every reader here and stay alike). A document's data is written the first time it
    is met (`docs`), then named by its path: every node of a file shares it."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list or kind is tuple:
        return [v if type(v) in _SCALARS else plain(v, docs) for v in value]
    if kind is Text:
        return ["Text", value.default_language, [list(pair) for pair in value.values]]
    if kind is Document:
        if id(value) in docs:
            return ["Document", value.path]
        docs.add(id(value))
        return ["Document", value.path, plain(value.data, docs)]
    names = _FIELDS.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        fields = [getattr(value, name) for name in names]
        return [kind.__qualname__, names, [v if type(v) in _SCALARS else plain(v, docs) for v in fields]]
    if isinstance(value, dict):
        return ["dict", [[plain(k, docs), plain(v, docs)] for k, v in value.items()]]
    if isinstance(value, set | frozenset):
        return ["set", sorted(json.dumps(plain(v, docs), sort_keys=True) for v in value)]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return [kind.__name__, value.isoformat()]
    raise TypeError(f"no fingerprint for a {kind.__name__}")
