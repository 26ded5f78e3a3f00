"""Shape checks: JSON Schema validation whose errors read like advice, at the right line.

jsonschema reports where the schema failed; an author needs to know where *their file* is wrong
and what to type instead, so each validator keyword gets its own translation.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from ..diagnostics import Diagnostic, Loc, Severity
from ..load.yaml_reader import Document
from .fast_schema import Check, compile_schema
from .privacy import is_private
from .suggest import closest, did_you_mean

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


@cache
def is_valid(kind: str) -> Check:
    """The fast yes/no answer; jsonschema only runs to explain a document that fails it."""
    return compile_schema(json.loads(schema_text(kind)))


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


_TYPE_HINTS = {
    "string": "write text here; quote it if it looks like a number, a date or true/false",
    "integer": "write a whole number such as 3, without quotes",
    "number": "write a number such as 1 or 0.5, without quotes",
    "boolean": "write true or false",
    "array": "write a list: `[a, b]`, or one `- item` per line, indented under the field",
    "object": "write `field: value` lines, indented under this one",
}


REFERENCE_FIELDS = frozenset({"area", "programs", "aligns", "assessment_types", "assessment_type", "school",
                              "course", "competencies", "objectives"})
"""Fields that name another item: a title is accepted there (check/references.py)."""


def _field(path: tuple[Any, ...]) -> str:
    names = [str(p) for p in path if isinstance(p, str)]
    return names[-1] if names else "the file"


def _schema(e: ValidationError) -> dict[str, Any]:
    return dict(e.schema) if isinstance(e.schema, Mapping) else {}


def _range_hint(schema: dict[str, Any]) -> str:
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return f"use a number from {low} to {high}"
    if low is not None:
        return f"use a number of at least {low}"
    if high is not None:
        return f"use a number of at most {high}"
    if schema.get("exclusiveMinimum") is not None:
        return f"use a number greater than {schema['exclusiveMinimum']}"
    return f"use a number less than {schema.get('exclusiveMaximum')}"


IDENTITY_VALUES = {
    "email": ("an email address", "write it like families@district.example.org"),
    "phone": ("a telephone number", "write digits with spaces, dashes, dots or brackets, e.g. 770-555-0100"),
    "web": ("a web address starting with https://", "write the whole address, e.g. https://www.district.example.org"),
    "logo": ("the name of an .svg or .png file", "name the file from the repository's root, e.g. content/logo.svg"),
    "primary": ("a colour written #RRGGBB", 'write six hexadecimal digits in quotes, e.g. "#1b4d3e"'),
    "accent": ("a colour written #RRGGBB", 'write six hexadecimal digits in quotes, e.g. "#8a4b0f"'),
}
"""Values of district.yml's identity fields (logo, colours, contacts) that fail their pattern."""


class _Translator:
    """Turns the jsonschema errors of one document into diagnostics at the place to fix."""

    def __init__(self, doc: Document, validator: Draft202012Validator) -> None:
        self.doc = doc
        self.validator = validator
        self.out: list[Diagnostic] = []

    def add(self, loc: Loc, code: str, message: str, hint: str) -> None:
        self.out.append(Diagnostic(loc, code, Severity.ERROR, message, hint))

    def shown(self, path: tuple[Any, ...], value: Any) -> str:
        """A value as the author wrote it (`1.50`, `TRUE`), not as Python reads it (1.5, True)."""
        return self.doc.raw.get(path, str(value))

    def raw_as_text(self, e: ValidationError, path: tuple[Any, ...]) -> bool:
        """An unquoted number or boolean where text is expected: say to quote it, if quoting fixes it.

        When the text as written would still be wrong (`id: 7.1` is not a valid ID even quoted), the
        problems of that text are reported instead, so the author is not sent to fix it twice.
        """
        raw = self.doc.raw.get(path)
        if raw is None:
            return False
        problems = list(self.validator.evolve(schema=_schema(e)).iter_errors(raw))
        if not problems:
            self.add(
                self.doc.loc(*path),
                "quote-value",
                f"`{_field(path)}: {raw}` would be read as {_describe(e.instance)}, but it must be text",
                f'quote this value: "{raw}"',
            )
            return True
        if e.validator != "type":
            return False
        for problem in problems:
            self.translate(problem, path)
        return True

    def translate(self, e: ValidationError, prefix: tuple[Any, ...] = ()) -> None:
        path = prefix + tuple(e.absolute_path)
        loc = self.doc.loc(*path)
        kw = e.validator
        where = _field(path)
        schema = _schema(e)
        instance: Any = e.instance
        if "propertyNames" in e.relative_schema_path:
            self.property_name(instance, path)
        elif kw == "required":
            self.required(e, path, loc, schema, instance)
        elif kw == "dependentRequired":
            found = re.findall(r"'([^']+)' is a dependency of '([^']+)'", e.message)
            need, has = found[0] if found else ("a field", "another")
            options = schema.get("properties", {}).get(need, {}).get("enum", [])
            values = f" ({', '.join(map(str, options))})" if options else ""
            self.add(self.doc.key_loc(*path, has), "missing-field", f"'{has}' needs '{need}' too",
                     f"add `{need}:`{values}, or remove `{has}:`")
        elif kw == "additionalProperties":
            self.unknown_fields(path, schema, instance)
        elif instance is None and kw in ("type", "anyOf"):
            self.add(loc, "empty-value", f"'{where}' has no value",
                     f"write a value after `{where}:`, or remove the line")
        elif kw == "type":
            if "string" in str(e.validator_value) and self.raw_as_text(e, path):
                return
            expected = e.validator_value if isinstance(e.validator_value, str) else "object"
            self.add(
                loc,
                "wrong-type",
                f"'{where}' must be {_TYPE_WORDS.get(expected, expected)}, but it is {_describe(instance)}",
                _TYPE_HINTS.get(expected, "see the content model for the shape of this field"),
            )
        elif kw == "anyOf":
            self.any_of(e, path, loc, where)
        elif kw in ("enum", "const"):
            choices: Any = e.validator_value if kw == "enum" else [e.validator_value]
            words = [str(o) for o in choices]
            shown = self.shown(path, instance)
            self.add(
                loc,
                "invalid-value",
                f"'{shown}' is not allowed for '{where}'{did_you_mean(shown, words)}",
                "use one of: " + ", ".join(words),
            )
        elif kw == "pattern":
            self.pattern(e, loc, where)
        elif kw == "format":
            self.add(
                loc,
                "invalid-date",
                f"'{instance}' is not a valid date",
                "write an ISO date, YYYY-MM-DD, that exists on the calendar (e.g. 2026-09-01)",
            )
        elif kw in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            self.add(loc, "out-of-range", f"'{where}' is {self.shown(path, instance)}, out of range",
                     _range_hint(schema))
        elif kw in ("minItems", "minProperties", "minLength") and not instance:
            self.add(loc, "empty-value", f"'{where}' is empty", "fill it in, or remove the field")
        elif kw == "minItems":
            self.add(loc, "too-few-items",
                     f"'{where}' has {len(instance)} items; it needs at least {e.validator_value}",
                     "add the missing items")
        elif kw == "uniqueItems":
            self.duplicate_item(path, instance)
        else:
            self.add(loc, "invalid", f"'{where}': {e.message}", "see the content model")

    def required(self, e: ValidationError, path: tuple[Any, ...], loc: Loc, schema: dict[str, Any],
                 instance: Any) -> None:
        found = re.findall(r"'([^']+)' is a required property", e.message)
        name = found[0] if found else "a field"
        properties = schema.get("properties", {})
        if isinstance(instance, dict) and any(
            key not in properties and closest(key, properties) == name for key in instance
        ):
            return  # `objetives:` is reported once, as an unknown field that suggests the name
        desc = properties.get(name, {}).get("description", "")
        hint = f"add `{name}:`" + (f" ({desc})" if desc else "")
        self.add(loc, "missing-field", f"missing required field '{name}'", hint)

    def unknown_fields(self, path: tuple[Any, ...], schema: dict[str, Any], instance: Any) -> None:
        allowed = list(schema.get("properties", {}))
        for key in sorted(set(instance) - set(allowed)):
            kloc = self.doc.key_loc(*path, key)
            if is_private(key):
                self.add(
                    kloc,
                    "private-field",
                    f"'{key}' cannot be published: it is private learner-profile data",
                    "remove this field; keep private records in the district's student system",
                )
            elif " " in key.strip() and instance[key] is None:
                # `{file: a.pdf, alt: pH, oxygen and turbidity}`: the comma ended the value.
                self.add(
                    kloc,
                    "unknown-field",
                    f"unknown field '{key}': it looks like the rest of a text cut at a comma",
                    "inside { } or [ ], a comma ends a value: put the whole text in quotes "
                    '(alt: "pH, oxygen and turbidity")',
                )
            else:
                self.add(
                    kloc,
                    "unknown-field",
                    f"unknown field '{key}'{did_you_mean(key, allowed)}",
                    "allowed here: " + ", ".join(allowed),
                )

    def duplicate_item(self, path: tuple[Any, ...], instance: Any) -> None:
        seen: list[Any] = []
        for i, item in enumerate(instance):
            if item in seen:
                self.add(self.doc.loc(*path, i), "duplicate-item",
                         f"'{_field(path)}' lists {self.shown((*path, i), item)} twice", "remove the repeat")
                return
            seen.append(item)

    def pattern(self, e: ValidationError, loc: Loc, where: str) -> None:
        if where in REFERENCE_FIELDS and "A-Za-z" in str(e.validator_value):
            return  # a title stands for its ID ("Written test"): the rules resolve it or list the choices
        if where in IDENTITY_VALUES:
            what, hint = IDENTITY_VALUES[where]
            self.add(loc, "invalid-value", f"'{e.instance}' is not {what} ('{where}')", hint)
            return
        if "A-Za-z" in str(e.validator_value):
            self.add(
                loc,
                "invalid-id",
                f"'{e.instance}' is not a valid ID for '{where}'",
                "IDs use letters, digits, '.', '-' and '_', and start with a letter (e.g. MATH-7.3)",
            )
        elif where == "year":
            self.add(loc, "invalid-value", f"'{e.instance}' is not a school year", "write it like 2026-27")
        elif where in ("default_language", "language", "languages"):
            self.add(loc, "invalid-language", f"'{e.instance}' is not a language code",
                     "use a code such as en or es")
        else:
            self.add(loc, "invalid-value", f"'{e.instance}' is not valid for '{where}'",
                     f"it must match {e.validator_value}")

    def any_of(self, e: ValidationError, path: tuple[Any, ...], loc: Loc, where: str) -> None:
        if self.raw_as_text(e, path):
            return
        if where in ("grades", "grade"):
            self.add(loc, "invalid-value", f"'{self.shown(path, e.instance)}' is not a grade",
                     'use "K" or 1 to 12')
            return
        fitting = _fitting_alternative(e)
        if fitting:
            for sub in fitting:
                self.translate(sub)
            return
        hint = _schema(e).get("description", "") or "see the content model"
        wants_list = any(s.validator == "type" and s.validator_value == "array" for s in e.context or [])
        if isinstance(e.instance, dict) and wants_list:
            hint = f"{hint} A list starts each item with '- '."
        self.add(loc, "wrong-type", f"'{where}' is {_describe(e.instance)}, which does not fit here", hint)

    def property_name(self, key: Any, path: tuple[Any, ...]) -> None:
        """A key of a mapping whose keys are constrained (rubric levels, language codes)."""
        loc = self.doc.key_loc(*path, key) if isinstance(key, str) else self.doc.loc(*path)
        if path and path[-1] == "levels":
            self.add(loc, "rubric-levels", f"rubric level '{key}' is not a level number",
                     "key each descriptor by a level of the scale: 1, 2, 3, ...")
        else:
            self.add(loc, "invalid-language", f"'{key}' is not a language code",
                     "use codes such as en or es: {en: ..., es: ...}")


def _fitting_alternative(e: ValidationError) -> list[ValidationError]:
    """The errors of the one `anyOf` branch whose type fits the value, so they can be told precisely.

    A list given as a rubric fits only the rubric branch (not the competency-ID one), so an unknown
    field inside it is reported as an unknown field at its key, not as "a list does not fit here".
    """
    branches: dict[Any, list[ValidationError]] = {}
    for sub in e.context or []:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    fitting = [
        errors
        for errors in branches.values()
        if not any(s.validator in ("type", "const", "enum") and not s.relative_path for s in errors)
    ]
    return fitting[0] if len(fitting) == 1 else []


def validate_document(doc: Document, kind: str) -> list[Diagnostic]:
    """Every shape problem in one document, each with the position of what to fix."""
    if is_valid(kind)(doc.data):
        return []
    translator = _Translator(doc, validator(kind))
    for error in validator(kind).iter_errors(doc.data):
        translator.translate(error)
    return translator.out
