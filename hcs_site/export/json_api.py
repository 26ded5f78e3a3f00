"""The static JSON API: every file the site serves under api/ and schemas/, as {path: bytes}.

- `api/framework.json`: the whole framework in the content model's shape (texts always as
  `{language: text}`), described by `schemas/framework.schema.json`;
- `api/courses/<ID>.json`: one course, valid against `schemas/course.schema.json`;
- `api/case/ims/case/v1p0/...` and `.../v1p1/...`: the CASE 1.0 and 1.1 packages and every
  resource they name, at the CASE REST paths (see `case_api`);
- `api/openapi.json`: an OpenAPI description of all of it;
- `schemas/*.schema.json`: the JSON Schemas of every content file, with `$id`s on the site.

Deterministic: keys sorted, two-space indent, UTF-8, one trailing newline.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from ..check.schema_defs import DRAFT, SCHEMAS
from ..model.framework import Course, Framework
from . import serialize
from .case import CASE_PATHS, PLACEHOLDER_BASE_URL, case_package, dates_for
from .case_api import Producer, case_plan
from .json_encode import NotFiniteError, dumps
from .openapi import OPENAPI_JSON, openapi
from .provenance import ChangeDates

__all__ = ["FRAMEWORK_JSON", "NotFiniteError", "Producer", "api_files", "api_plan", "dumps", "made", "schema_files",
           "site_api_files"]

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


def course_path(course_id: str) -> str:
    return f"api/courses/{course_id}.json"


def schema_files(base_url: str | None = None) -> dict[str, bytes]:
    """The schemas as the site publishes them: each `$id` is its address on the site, so the
    relative `$ref`s between them (`district.schema.json`) resolve there with any standard tool.
    (The copies in the package keep the `https://hcs-site.schemas/` names editors map locally.)"""
    site = (base_url or PLACEHOLDER_BASE_URL).rstrip("/") + "/schemas/"
    out = {}
    for kind, schema in [*SCHEMAS.items(), ("framework", FRAMEWORK_SCHEMA)]:
        out[f"schemas/{kind}.schema.json"] = dumps({**schema, "$id": site + f"{kind}.schema.json"})
    return out


def framework_plan(fw: Framework) -> dict[str, Producer]:
    out: dict[str, Producer] = {FRAMEWORK_JSON: lambda: dumps({"format": FORMAT, **serialize.framework(fw)})}
    for course in fw.courses:
        out[course_path(course.id)] = functools.partial(_course_file, course)
    return out


def _course_file(course: Course) -> bytes:
    return dumps(serialize.course(course))


def framework_files(fw: Framework) -> dict[str, bytes]:
    return {path: make() for path, make in framework_plan(fw).items()}


def api_plan(fw: Framework, base_url: str | None = None, dates: ChangeDates | None = None,
             case_resources: bool = True) -> dict[str, Producer]:
    """Every path of the JSON API and the schemas, sorted, each with what makes its bytes: the
    CASE packages are built (their items name the paths), nothing is encoded yet."""
    schemas = schema_files(base_url)
    out: dict[str, Producer] = {**framework_plan(fw), **{path: functools.partial(bytes, data)
                                                         for path, data in schemas.items()},
                                OPENAPI_JSON: lambda: dumps(openapi(base_url, fw.district.name.text()))}
    for version in CASE_PATHS:
        out.update(case_plan(case_package(fw, base_url, dates, version), case_resources, version))
    return dict(sorted(out.items()))


def api_files(fw: Framework, base_url: str | None = None, dates: ChangeDates | None = None,
              case_resources: bool = True) -> dict[str, bytes]:
    """Every file of the JSON API and the schemas, sorted by path."""
    return made(api_plan(fw, base_url, dates, case_resources))


def made(plan: dict[str, Producer]) -> dict[str, bytes]:
    """The bytes of every path of a plan, in its order."""
    return {path: make() for path, make in plan.items()}


def site_api_files(fw: Framework, root: Path, site_url: str | None, case_resources: bool = True) -> dict[str, bytes]:
    """What a site build publishes: CASE `uri`s under site_url, dates from the root's Git history."""
    return api_files(fw, site_url, dates_for(fw, root), case_resources)
