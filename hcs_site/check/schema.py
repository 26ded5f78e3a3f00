"""Shape checks: JSON Schema validation whose errors read like advice, at the right line.

jsonschema reports where the schema failed; an author needs to know where *their file* is wrong
and what to type instead, so each validator keyword gets its own translation.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from ..diagnostics import Diagnostic, Loc, Severity
from ..load.yaml_reader import Document
from .privacy import is_private
from .suggest import did_you_mean

KINDS = ("district", "area", "course", "portfolio", "evidence")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_format_checker = FormatChecker(formats=())


@_format_checker.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        raise ValueError("not YYYY-MM-DD")
    dt.date.fromisoformat(value)
    return True


def schema_text(kind: str) -> str:
    return (resources.files("hcs_site.check") / "schemas" / f"{kind}.schema.json").read_text("utf-8")


@cache
def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads(schema_text(kind)), format_checker=_format_checker)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing"


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
}


def _field(path: tuple[Any, ...]) -> str:
    names = [str(p) for p in path if isinstance(p, str)]
    return names[-1] if names else "the file"


class _Translator:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.out: list[Diagnostic] = []

    def add(self, loc: Loc, code: str, message: str, hint: str) -> None:
        self.out.append(Diagnostic(loc, code, Severity.ERROR, message, hint))

    def quote_hint(self, path: tuple[Any, ...]) -> bool:
        raw = self.doc.raw.get(path)
        if raw is None:
            return False
        self.add(
            self.doc.loc(*path),
            "quote-value",
            f"`{_field(path)}: {raw}` would be read as {_describe(self.doc_value(path))}, "
            "but it must be text",
            f'quote this value: "{raw}"',
        )
        return True

    def doc_value(self, path: tuple[Any, ...]) -> Any:
        value = self.doc.data
        for p in path:
            value = value[p]
        return value

    def translate(self, e: ValidationError) -> None:
        path = tuple(e.absolute_path)
        loc = self.doc.loc(*path)
        kw = e.validator
        where = _field(path)
        if kw == "required":
            missing = re.findall(r"'([^']+)' is a required property", e.message)
            name = missing[0] if missing else "a field"
            desc = e.schema.get("properties", {}).get(name, {}).get("description", "")
            hint = f"add `{name}:`" + (f" ({desc})" if desc else "")
            self.add(loc, "missing-field", f"missing required field '{name}'", hint)
        elif kw == "dependentRequired":
            missing = re.findall(r"'([^']+)' is a dependency of '([^']+)'", e.message)
            need, has = missing[0] if missing else ("a field", "another")
            self.add(loc, "missing-field", f"'{has}' needs '{need}' too", f"add `{need}:`")
        elif kw == "additionalProperties":
            allowed = list(e.schema.get("properties", {}))
            for key in sorted(set(e.instance) - set(allowed)):
                kloc = self.doc.key_loc(*path, key)
                if is_private(key):
                    self.add(
                        kloc,
                        "private-field",
                        f"'{key}' cannot be published: it is private learner-profile data",
                        "remove this field; keep private records in the district's student system",
                    )
                else:
                    self.add(
                        kloc,
                        "unknown-field",
                        f"unknown field '{key}'{did_you_mean(key, allowed)}",
                        "allowed here: " + ", ".join(allowed),
                    )
        elif kw == "type":
            if "string" in str(e.validator_value) and self.quote_hint(path):
                return
            expected = e.validator_value if isinstance(e.validator_value, str) else "object"
            self.add(
                loc,
                "wrong-type",
                f"'{where}' must be {_TYPE_WORDS.get(expected, expected)}, "
                f"but it is {_describe(e.instance)}",
                "see the content model for the shape of this field",
            )
        elif kw == "anyOf":
            self.any_of(e, path, loc, where)
        elif kw in ("enum", "const"):
            options = e.validator_value if kw == "enum" else [e.validator_value]
            words = [str(o) for o in options]
            self.add(
                loc,
                "invalid-value",
                f"'{e.instance}' is not allowed for '{where}'{did_you_mean(str(e.instance), words)}",
                "use one of: " + ", ".join(words),
            )
        elif kw == "pattern":
            self.pattern(e, path, loc, where)
        elif kw == "format":
            self.add(
                loc,
                "invalid-date",
                f"'{e.instance}' is not a valid date",
                "write an ISO date, YYYY-MM-DD, that exists on the calendar (e.g. 2026-09-01)",
            )
        elif kw in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            self.add(loc, "out-of-range", f"'{where}' is {e.instance}: {e.message.split(' is ', 1)[-1]}",
                     "use a value in the allowed range")
        elif kw in ("minItems", "minProperties", "minLength"):
            self.add(loc, "empty-value", f"'{where}' is empty", "fill it in, or remove the field")
        elif kw == "uniqueItems":
            self.add(loc, "duplicate-item", f"'{where}' lists the same value twice", "remove the repeat")
        elif kw == "propertyNames":
            self.property_name(e, path)
        else:
            self.add(loc, "invalid", f"'{where}': {e.message}", "see the content model")

    def pattern(self, e: ValidationError, path: tuple[Any, ...], loc: Loc, where: str) -> None:
        if "A-Za-z" in str(e.validator_value):
            self.add(
                loc,
                "invalid-id",
                f"'{e.instance}' is not a valid ID for '{where}'",
                "IDs use letters, digits, '.', '-' and '_', and start with a letter (e.g. MATH-7.3)",
            )
        elif where == "year":
            self.add(loc, "invalid-value", f"'{e.instance}' is not a school year", "write it like 2026-27")
        else:
            self.add(loc, "invalid-value", f"'{e.instance}' is not valid for '{where}'",
                     f"it must match {e.validator_value}")

    def any_of(self, e: ValidationError, path: tuple[Any, ...], loc: Loc, where: str) -> None:
        if path in self.doc.raw and self.quote_hint(path):
            return
        schema_desc = e.schema.get("description", "")
        if isinstance(e.instance, dict) and "language" in schema_desc:
            for sub in e.context or []:
                if sub.validator == "propertyNames" or sub.validator == "additionalProperties":
                    self.translate(sub)
                    return
        if where == "grades" or (path and isinstance(path[-1], int) and "grade" in schema_desc):
            self.add(loc, "invalid-value", f"'{e.instance}' is not a grade", 'use "K" or 1 to 12')
            return
        if where == "grade":
            self.add(loc, "invalid-value", f"'{e.instance}' is not a grade", 'use "K" or 1 to 12')
            return
        self.add(
            loc,
            "wrong-type",
            f"'{where}' is {_describe(e.instance)}, which does not fit here",
            schema_desc or "see the content model",
        )

    def property_name(self, e: ValidationError, path: tuple[Any, ...]) -> None:
        key = e.instance
        loc = self.doc.key_loc(*path, key) if isinstance(key, str) else self.doc.loc(*path)
        if path and path[-1] == "levels":
            self.add(loc, "rubric-levels", f"rubric level '{key}' is not a level number",
                     "key each descriptor by a level of the scale: 1, 2, 3, ...")
        else:
            self.add(loc, "invalid-language", f"'{key}' is not a language code",
                     "use codes such as en or es: {en: ..., es: ...}")


def validate_document(doc: Document, kind: str) -> list[Diagnostic]:
    """Every shape problem in one document, each with the position of what to fix."""
    translator = _Translator(doc)
    for error in validator(kind).iter_errors(doc.data):
        translator.translate(error)
    return translator.out
