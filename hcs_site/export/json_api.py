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

from pathlib import Path
from typing import Any

from ..check.schema_defs import DRAFT, SCHEMAS
from ..model.framework import Framework
from . import serialize
from .case import CASE_PATHS, PLACEHOLDER_BASE_URL, case_package, dates_for
from .case_api import case_files
from .json_encode import NotFiniteError, dumps
from .openapi import OPENAPI_JSON, openapi
from .provenance import ChangeDates

__all__ = ["FRAMEWORK_JSON", "NotFiniteError", "api_files", "dumps", "schema_files", "site_api_files"]

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


def framework_files(fw: Framework) -> dict[str, bytes]:
    out = {FRAMEWORK_JSON: dumps({"format": FORMAT, **serialize.framework(fw)})}
    for course in fw.courses:
        out[course_path(course.id)] = dumps(serialize.course(course))
    return out


def api_files(fw: Framework, base_url: str | None = None, dates: ChangeDates | None = None,
              case_resources: bool = True) -> dict[str, bytes]:
    """Every file of the JSON API and the schemas, sorted by path."""
    out = {**framework_files(fw), **schema_files(base_url),
           OPENAPI_JSON: dumps(openapi(base_url, fw.district.name.text()))}
    for version in CASE_PATHS:
        out.update(case_files(case_package(fw, base_url, dates, version), case_resources, version))
    return dict(sorted(out.items()))


def site_api_files(fw: Framework, root: Path, site_url: str | None, case_resources: bool = True) -> dict[str, bytes]:
    """What a site build publishes: CASE `uri`s under site_url, dates from the root's Git history."""
    return api_files(fw, site_url, dates_for(fw, root), case_resources)
