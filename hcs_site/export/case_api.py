"""The CASE REST API as static files: every resource at the path a CASE client requests.

The spec's paths have no extension (`/ims/case/v1p0/CFItems/{sourcedId}`), and a static host
(GitHub Pages, any folder served as it is) serves a file at exactly that path. One path is both a
resource and a folder: `CFDocuments` (getAllCFDocuments) is also the folder of
`CFDocuments/{sourcedId}`. A file and a folder cannot share a name, so the list is the folder's
index file, `CFDocuments/index.html`: GitHub Pages answers `CFDocuments` with a redirect to
`CFDocuments/` and serves it from there, which every HTTP client follows. It is JSON all the same
(hosts that read a `_headers` file can label it so: docs/data-and-api.md), and also published as
`CFDocuments.json`.

Every `uri` inside the package names a file here: items, associations, item types, subjects,
licences, rubrics, and the rubric criteria and levels (which have no REST call of their own in
CASE, but whose URIs must still resolve).
"""

from __future__ import annotations

from typing import Any

from .case import API_DIR, CASE_PATHS
from .json_encode import Encoded, array_text, dumps, object_text

LIST_INDEX = "CFDocuments/index.html"


def inert_json(data: bytes) -> bytes:
    """JSON that stays text when a browser renders it as HTML (as it may a file named index.html):
    `<`, `>` and `&` as `\\u` escapes, the same JSON to any JSON reader, and no tag or entity for
    an HTML parser, so a title such as `<script>` in the content cannot run on the site."""
    return data.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")


def _children(defs: list[Any], first: Any) -> list[Any]:
    """A definition followed by those below it in `hierarchyCode` (what the CASE *Set responses
    hold: the one asked for, then its children)."""
    code = str(first.get("hierarchyCode", ""))
    below = [d for d in defs if d is not first and code and str(d.get("hierarchyCode", "")).startswith(code + ".")]
    return [first, *below]


def case_files(package: dict[str, Any], resources: bool = True, version: str = "1.0") -> dict[str, bytes]:
    """The CASE REST resources of one package, keyed by site path.

    Every resource is at its exact REST path, without extension (what a CASE client requests).
    The package and the document are also written with `.json`, for people and links. The
    per-item resources can be left out (`resources=False`) for a very large framework: the
    package alone holds all of them.
    """
    prefix = f"{API_DIR}/{CASE_PATHS[version]}/"
    doc = package["CFDocument"]
    out: dict[str, bytes] = {}
    enc = Encoded()
    for rel, data in ((f"CFDocuments/{doc['identifier']}", dumps(doc)),
                      (f"CFPackages/{doc['identifier']}", enc.package(package))):
        out[prefix + rel] = out[f"{prefix}{rel}.json"] = data
    listing = dumps({"CFDocuments": [doc]})
    out[f"{prefix}CFDocuments.json"] = listing
    out[prefix + LIST_INDEX] = inert_json(listing)
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
                "CFAssociations": array_text([enc.text(a) for a in touching.get(item["identifier"], [])])}
        out[f"{prefix}CFItemAssociations/{item['identifier']}"] = (object_text(both) + "\n").encode("utf-8")
    for rubric in package.get("CFRubrics", []):
        out[f"{prefix}CFRubrics/{rubric['identifier']}"] = enc.file(rubric)
        for criterion in rubric["CFRubricCriteria"]:
            out[f"{prefix}CFRubricCriteria/{criterion['identifier']}"] = enc.file(criterion)
            for level in criterion["CFRubricCriterionLevels"]:
                out[f"{prefix}CFRubricCriterionLevels/{level['identifier']}"] = enc.file(level)
    definitions = package.get("CFDefinitions") or {}
    for key in ("CFItemTypes", "CFSubjects", "CFConcepts"):  # the spec answers these with a *Set
        defs = definitions.get(key, [])
        for d in defs:
            out[f"{prefix}{key}/{d['identifier']}"] = dumps({key: _children(defs, d)})
    for key in ("CFLicenses", "CFAssociationGroupings"):
        for d in definitions.get(key, []):
            out[f"{prefix}{key}/{d['identifier']}"] = dumps(d)
    return out
