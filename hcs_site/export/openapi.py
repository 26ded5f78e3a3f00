"""An OpenAPI 3.1 description of the static API, published as `api/openapi.json`.

It lists what a client can GET: the framework and course files (their schemas are the site's own
`schemas/`, referenced by their address on the site), and for each CASE version the REST calls a
static host answers. A static site has no query parameters (no filtering, sorting or paging), so
none are described.
"""

from __future__ import annotations

from typing import Any

from .case import API_DIR, CASE_PATHS, PLACEHOLDER_BASE_URL

OPENAPI_JSON = "api/openapi.json"

CASE_CALLS = (
    ("CFDocuments", "getAllCFDocuments", "Every CASE document the site publishes (one)."),
    ("CFDocuments/{sourcedId}", "getCFDocument", "The framework's CFDocument."),
    ("CFPackages/{sourcedId}", "getCFPackage", "The whole framework as one CFPackage (the document's identifier)."),
    ("CFItems/{sourcedId}", "getCFItem", "One item: area, competency, indicator, course or objective."),
    ("CFItemAssociations/{sourcedId}", "getCFItemAssociations", "An item and every association touching it."),
    ("CFAssociations/{sourcedId}", "getCFAssociation", "One association."),
    ("CFItemTypes/{sourcedId}", "getCFItemType", "An item type, then the types below it."),
    ("CFSubjects/{sourcedId}", "getCFSubject", "A subject (one per competency area), then those below it."),
    ("CFLicenses/{sourcedId}", "getCFLicense", "The licence of the framework (when district.yml names one)."),
    ("CFRubrics/{sourcedId}", "getCFRubric", "A rubric with its criteria and levels."),
    ("CFRubricCriteria/{sourcedId}", "getCFRubricCriterion", "One rubric criterion (not a CASE call: its URI)."),
    ("CFRubricCriterionLevels/{sourcedId}", "getCFRubricCriterionLevel",
     "One level of a rubric criterion (not a CASE call: its URI)."),
)


def _get(operation: str, summary: str, schema: dict[str, Any] | None = None, sourced: bool = False) -> dict[str, Any]:
    content: dict[str, Any] = {"application/json": {"schema": schema or {"type": "object"}}}
    out: dict[str, Any] = {
        "operationId": operation, "summary": summary,
        "responses": {"200": {"description": summary, "content": content},
                      "404": {"description": "No such resource."}},
    }
    if sourced:
        out["parameters"] = [{"name": "sourcedId", "in": "path", "required": True,
                              "description": "The resource's identifier (a UUID, the same in every edition).",
                              "schema": {"type": "string", "format": "uuid"}}]
    return {"get": out}


def openapi(base_url: str | None, title: str) -> dict[str, Any]:
    site = (base_url or PLACEHOLDER_BASE_URL).rstrip("/") + "/"
    paths: dict[str, Any] = {
        "/api/framework.json": _get("getFramework", "The whole framework in hcs-site's format.",
                                    {"$ref": f"{site}schemas/framework.schema.json"}),
        "/api/courses/{courseId}.json": {**_get("getCourse", "One course with its objectives and rubrics.",
                                                {"$ref": f"{site}schemas/course.schema.json"}),
                                         "parameters": [{"name": "courseId", "in": "path", "required": True,
                                                         "schema": {"type": "string"}}]},
    }
    for version, path in CASE_PATHS.items():
        for rel, operation, summary in CASE_CALLS:
            paths[f"/{API_DIR}/{path}/{rel}"] = _get(f"{operation}V{version.replace('.', 'p')}",
                                                    f"CASE {version}: {summary}", sourced="{" in rel)
    return {
        "openapi": "3.1.0",
        "info": {"title": f"{title}: data API", "version": "1",
                 "description": "Static files: GET only, no query parameters. The CASE base URLs are "
                                f"{site}{API_DIR} (CASE 1.0 and 1.1)."},
        "servers": [{"url": site.rstrip("/")}],
        "paths": paths,
    }
