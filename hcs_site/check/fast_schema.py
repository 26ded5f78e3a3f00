"""The JSON Schemas compiled into plain Python predicates that only answer valid or invalid.

jsonschema is about nine times slower on our documents, and almost every document of a district's
repository is valid: `validate_document` asks this predicate first and runs jsonschema (which
explains *what* is wrong) only for the rare invalid file. Only the keywords our schemas use are
supported; any other raises when compiling, so the fast path can never accept what jsonschema would
reject. `tests/test_fast_schema.py` checks both agree on thousands of mutated documents.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]
_IGNORED = {"$schema", "$id", "$defs", "title", "description", "$comment", "examples", "default"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _is_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


FORMATS: dict[str, Callable[[str], bool]] = {"date": _is_date}


def _type_check(name: str) -> Check:
    if name == "string":
        return lambda v: type(v) is str
    if name == "integer":
        return lambda v: (type(v) is int) or (type(v) is float and v.is_integer())
    if name == "number":
        return lambda v: type(v) is int or type(v) is float
    if name == "boolean":
        return lambda v: type(v) is bool
    if name == "array":
        return lambda v: type(v) is list
    if name == "object":
        return lambda v: type(v) is dict
    if name == "null":
        return lambda v: v is None
    raise ValueError(f"unsupported type {name}")


def _json_key(v: Any) -> Any:
    """A hashable form in which True != 1 and 1 == 1.0, as JSON Schema equality wants."""
    if type(v) is bool:
        return ("bool", v)
    if type(v) is float and v.is_integer():
        return int(v)
    if type(v) is list:
        return ("list", tuple(_json_key(x) for x in v))
    if type(v) is dict:
        return ("dict", frozenset((k, _json_key(x)) for k, x in v.items()))
    return v


def _number(v: Any) -> bool:
    return type(v) is int or type(v) is float


class Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def ref(self, pointer: str) -> Check:
        if pointer not in self.refs:
            if not pointer.startswith("#/"):
                raise ValueError(f"unsupported $ref {pointer}")
            target: Any = self.root
            for part in pointer[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            slot: list[Check] = []
            self.refs[pointer] = lambda v: slot[0](v)  # allows recursion
            slot.append(self.compile(target))
        return self.refs[pointer]

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        checks: list[Check] = []
        for kw, arg in schema.items():
            if kw in _IGNORED:
                continue
            if kw == "type":
                if isinstance(arg, list):
                    alts = [_type_check(t) for t in arg]
                    checks.append(lambda v, alts=alts: any(a(v) for a in alts))
                else:
                    checks.append(_type_check(arg))
            elif kw == "$ref":
                checks.append(self.ref(arg))
            elif kw == "properties":
                props = {k: self.compile(s) for k, s in arg.items()}
                checks.append(lambda v, props=props: type(v) is not dict or all(
                    props[k](x) for k, x in v.items() if k in props))
            elif kw == "required":
                req = tuple(arg)
                checks.append(lambda v, req=req: type(v) is not dict or all(k in v for k in req))
            elif kw == "additionalProperties":
                known = frozenset(schema.get("properties", {}))
                if arg is False:
                    checks.append(lambda v, known=known: type(v) is not dict or known.issuperset(v))
                else:
                    sub = self.compile(arg)
                    checks.append(lambda v, known=known, sub=sub: type(v) is not dict or all(
                        sub(x) for k, x in v.items() if k not in known))
            elif kw == "propertyNames":
                sub = self.compile(arg)
                checks.append(lambda v, sub=sub: type(v) is not dict or all(sub(k) for k in v))
            elif kw == "minProperties":
                checks.append(lambda v, n=arg: type(v) is not dict or len(v) >= n)
            elif kw == "dependentRequired":
                deps = {k: tuple(need) for k, need in arg.items()}
                checks.append(lambda v, deps=deps: type(v) is not dict or all(
                    all(n in v for n in need) for k, need in deps.items() if k in v))
            elif kw == "items":
                sub = self.compile(arg)
                checks.append(lambda v, sub=sub: type(v) is not list or all(sub(x) for x in v))
            elif kw == "minItems":
                checks.append(lambda v, n=arg: type(v) is not list or len(v) >= n)
            elif kw == "uniqueItems":
                if arg:
                    checks.append(lambda v: type(v) is not list or len({_json_key(x) for x in v}) == len(v))
            elif kw == "minLength":
                checks.append(lambda v, n=arg: type(v) is not str or len(v) >= n)
            elif kw == "pattern":
                rx = re.compile(arg)
                checks.append(lambda v, rx=rx: type(v) is not str or rx.search(v) is not None)
            elif kw == "format":
                fmt = FORMATS.get(arg)
                if fmt is not None:
                    checks.append(lambda v, fmt=fmt: type(v) is not str or fmt(v))
            elif kw == "enum":
                keys = frozenset(_json_key(x) for x in arg)
                checks.append(lambda v, keys=keys: _json_key(v) in keys)
            elif kw == "const":
                key = _json_key(arg)
                checks.append(lambda v, key=key: _json_key(v) == key)
            elif kw == "anyOf":
                alts = [self.compile(s) for s in arg]
                checks.append(lambda v, alts=alts: any(a(v) for a in alts))
            elif kw == "oneOf":
                alts = [self.compile(s) for s in arg]
                checks.append(lambda v, alts=alts: sum(1 for a in alts if a(v)) == 1)
            elif kw == "maxItems":
                checks.append(lambda v, n=arg: type(v) is not list or len(v) <= n)
            elif kw == "minimum":
                checks.append(lambda v, n=arg: not _number(v) or v >= n)
            elif kw == "maximum":
                checks.append(lambda v, n=arg: not _number(v) or v <= n)
            elif kw == "exclusiveMinimum":
                checks.append(lambda v, n=arg: not _number(v) or v > n)
            elif kw == "exclusiveMaximum":
                checks.append(lambda v, n=arg: not _number(v) or v < n)
            else:
                raise ValueError(f"keyword {kw!r} is not supported by the fast path")
        if len(checks) == 1:
            return checks[0]
        tup = tuple(checks)
        return lambda v: all(c(v) for c in tup)


def compile_schema(schema: dict[str, Any]) -> Check:
    return Compiler(schema).compile(schema)
