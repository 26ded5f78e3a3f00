"""The static JSON API: every file the site serves under api/ and schemas/, as {path: bytes}.

- `api/framework.json`: the whole framework in the content model's shape (texts always as
  `{language: text}`), described by `schemas/framework.schema.json`;
- `api/courses/<ID>.json`: one course, valid against `schemas/course.schema.json`;
- `api/case/...`: the CASE 1.0 package and its parts, laid out like the CASE REST paths
  (`/ims/case/v1p0/CFItems/{sourcedId}`), so a CASE client given the base URL `<site>/api/case`
  reads them from a static host: each resource at the exact REST path, without extension (what
  a CASE client requests); the package and the document also with `.json` (what browsers and
  most static hosts serve as application/json, and what pages link to); the document list only
  as `CFDocuments.json` (a static host cannot serve a file and a folder at one path);
- `schemas/*.schema.json`: the JSON Schemas of every content file.

Deterministic: keys sorted, two-space indent, UTF-8, one trailing newline.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..check.schema_defs import DRAFT, SCHEMAS, dump
from ..model.framework import Framework
from . import serialize
from .case import API_DIR, CASE_PATH, case_package, dates_for
from .provenance import ChangeDates

FORMAT = "hcs-site/framework/v1"
SCHEMA_BASE = "https://hcs-site.schemas/"
FRAMEWORK_JSON = "api/framework.json"

FRAMEWORK_SCHEMA: dict[str, Any] = {
    "$schema": DRAFT,
    "$id": f"{SCHEMA_BASE}framework.schema.json",
    "title": "framework",
    "description": "api/framework.json: district.yml, every competency area file and every course file.",
    "type": "object",
    "properties": {
        "format": {"const": FORMAT},
        "district": {"$ref": "district.schema.json"},
        "areas": {"type": "array", "items": {"$ref": "area.schema.json"}},
        "courses": {"type": "array", "items": {"$ref": "course.schema.json"}},
    },
    "required": ["format", "district", "areas", "courses"],
    "additionalProperties": False,
}


class NotFiniteError(ValueError):
    """A NaN or an infinity reached the JSON writer. `json.dumps` would write `NaN` or `Infinity`,
    which no JSON reader accepts; the loader refuses such numbers (`number-not-finite`), so this is
    a bug in hcs-site, reported as an internal error (exit 70) rather than published."""


def dumps(data: Any) -> bytes:
    return (_text(data) + "\n").encode("utf-8")


def _text(data: Any) -> str:
    """`dumps` as text, without the final newline; the one place JSON of the API is encoded."""
    try:
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)
    except ValueError as exc:
        if "JSON compliant" not in str(exc):
            raise
        raise NotFiniteError(f"a number that is not finite reached the JSON API: {exc}") from exc


def _nested(text: str, depth: int) -> str:
    """`_text` of a value as it reads `depth` levels inside another: JSON text has raw newlines only
    between tokens (strings escape theirs), so nesting is one replace."""
    return text.replace("\n", "\n" + "  " * depth)


def _array(texts: list[str]) -> str:
    """`_text` of a list whose items are given as their own `_text`."""
    return "[\n  " + ",\n  ".join(_nested(t, 1) for t in texts) + "\n]" if texts else "[]"


def _object(members: dict[str, str]) -> str:
    """`_text` of a dict whose values are given as their own `_text` (keys sorted, as `dumps`)."""
    if not members:
        return "{}"
    return "{\n  " + ",\n  ".join(f"{_text(key)}: {_nested(value, 1)}"
                                   for key, value in sorted(members.items())) + "\n}"


class _Encoded:
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
        members = {key: _array([self.text(x) for x in value])
                   if key in ("CFItems", "CFAssociations", "CFRubrics") and isinstance(value, list) else _text(value)
                   for key, value in package.items()}
        return (_object(members) + "\n").encode("utf-8")


def course_path(course_id: str) -> str:
    return f"api/courses/{course_id}.json"


def schema_files() -> dict[str, bytes]:
    out = {f"schemas/{kind}.schema.json": dump(kind).encode("utf-8") for kind in SCHEMAS}
    out["schemas/framework.schema.json"] = dumps(FRAMEWORK_SCHEMA)
    return out


def framework_files(fw: Framework) -> dict[str, bytes]:
    out = {FRAMEWORK_JSON: dumps({"format": FORMAT, **serialize.framework(fw)})}
    for course in fw.courses:
        out[course_path(course.id)] = dumps(serialize.course(course))
    return out


def case_files(package: dict[str, Any], resources: bool = True) -> dict[str, bytes]:
    """The CASE REST resources of one package, keyed by site path.

    Every resource is at its exact REST path, without extension (what a CASE client requests).
    The package and the document are also written with `.json`, for people and links. The
    per-item resources (items, associations, item associations, rubrics, item types) can be left
    out (`resources=False`) for a very large framework: the package alone holds all of them.
    """
    prefix = f"{API_DIR}/{CASE_PATH}/"
    doc = package["CFDocument"]
    out: dict[str, bytes] = {}
    enc = _Encoded()
    for rel, data in ((f"CFDocuments/{doc['identifier']}", dumps(doc)),
                      (f"CFPackages/{doc['identifier']}", enc.package(package))):
        out[prefix + rel] = out[f"{prefix}{rel}.json"] = data
    # getAllCFDocuments lives at .../CFDocuments, which is also the folder of the documents: a
    # static host cannot serve a file and a folder at one path, so the list is only CFDocuments.json.
    out[f"{prefix}CFDocuments.json"] = dumps({"CFDocuments": [doc]})
    if not resources:
        return out
    touching: dict[str, list[Any]] = {}
    for assoc in package["CFAssociations"]:
        out[f"{prefix}CFAssociations/{assoc['identifier']}"] = enc.file(assoc)
        for end in ("originNodeURI", "destinationNodeURI"):
            touching.setdefault(assoc[end]["identifier"], []).append(assoc)
    for item in package["CFItems"]:
        out[f"{prefix}CFItems/{item['identifier']}"] = enc.file(item)
        both = {"CFItem": enc.text(item),
                "CFAssociations": _array([enc.text(a) for a in touching.get(item["identifier"], [])])}
        out[f"{prefix}CFItemAssociations/{item['identifier']}"] = (_object(both) + "\n").encode("utf-8")
    for rubric in package.get("CFRubrics", []):
        out[f"{prefix}CFRubrics/{rubric['identifier']}"] = enc.file(rubric)
    for item_type in package.get("CFDefinitions", {}).get("CFItemTypes", []):
        out[f"{prefix}CFItemTypes/{item_type['identifier']}"] = dumps(item_type)
    return out


def api_files(fw: Framework, base_url: str | None = None, dates: ChangeDates | None = None,
              case_resources: bool = True) -> dict[str, bytes]:
    """Every file of the JSON API and the schemas, sorted by path."""
    out = {**framework_files(fw), **case_files(case_package(fw, base_url, dates), case_resources),
           **schema_files()}
    return dict(sorted(out.items()))


def site_api_files(fw: Framework, root: Path, site_url: str | None, case_resources: bool = True) -> dict[str, bytes]:
    """What a site build publishes: CASE `uri`s under site_url, dates from the root's Git history."""
    return api_files(fw, site_url, dates_for(fw, root), case_resources)
