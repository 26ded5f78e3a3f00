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

import functools
from collections.abc import Callable
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


Producer = Callable[[], bytes]


def _once(make: Producer) -> Producer:
    """A producer whose bytes are made once however many paths share it."""
    made: list[bytes] = []

    def produce() -> bytes:
        if not made:
            made.append(make())
        return made[0]

    return produce


def case_plan(package: dict[str, Any], resources: bool = True, version: str = "1.0") -> dict[str, Producer]:
    """Each path of `case_files` and what makes its bytes: the names are known without encoding
    anything (a build lists the API's files before a child process writes them: `api_writer`)."""
    prefix = f"{API_DIR}/{CASE_PATHS[version]}/"
    doc = package["CFDocument"]
    out: dict[str, Producer] = {}
    enc = Encoded()
    for rel, make in ((f"CFDocuments/{doc['identifier']}", _once(lambda: dumps(doc))),
                      (f"CFPackages/{doc['identifier']}", _once(lambda: enc.package(package)))):
        out[prefix + rel] = out[f"{prefix}{rel}.json"] = make
    listing = _once(lambda: dumps({"CFDocuments": [doc]}))
    out[f"{prefix}CFDocuments.json"] = listing
    out[prefix + LIST_INDEX] = lambda: inert_json(listing())
    if not resources:
        return out
    touching: dict[str, list[Any]] = {}
    for assoc in package["CFAssociations"]:
        out[f"{prefix}CFAssociations/{assoc['identifier']}"] = functools.partial(enc.file, assoc)
        for end in ("originNodeURI", "destinationNodeURI"):
            touching.setdefault(assoc[end]["identifier"], []).append(assoc)

    def both(item: Any) -> bytes:
        joined = {"CFItem": enc.text(item),
                  "CFAssociations": array_text([enc.text(a) for a in touching.get(item["identifier"], [])])}
        return (object_text(joined) + "\n").encode("utf-8")

    for item in package["CFItems"]:
        out[f"{prefix}CFItems/{item['identifier']}"] = functools.partial(enc.file, item)
        out[f"{prefix}CFItemAssociations/{item['identifier']}"] = functools.partial(both, item)
    for rubric in package.get("CFRubrics", []):
        out[f"{prefix}CFRubrics/{rubric['identifier']}"] = functools.partial(enc.file, rubric)
        for criterion in rubric["CFRubricCriteria"]:
            out[f"{prefix}CFRubricCriteria/{criterion['identifier']}"] = functools.partial(enc.file, criterion)
            for level in criterion["CFRubricCriterionLevels"]:
                out[f"{prefix}CFRubricCriterionLevels/{level['identifier']}"] = functools.partial(enc.file, level)
    definitions = package.get("CFDefinitions") or {}
    for key in ("CFItemTypes", "CFSubjects", "CFConcepts"):  # the spec answers these with a *Set
        defs = definitions.get(key, [])
        for d in defs:
            out[f"{prefix}{key}/{d['identifier']}"] = functools.partial(_set, key, defs, d)
    for key in ("CFLicenses", "CFAssociationGroupings"):
        for d in definitions.get(key, []):
            out[f"{prefix}{key}/{d['identifier']}"] = functools.partial(dumps, d)
    return out


def _set(key: str, defs: list[Any], first: Any) -> bytes:
    return dumps({key: _children(defs, first)})


def case_files(package: dict[str, Any], resources: bool = True, version: str = "1.0") -> dict[str, bytes]:
    """The CASE REST resources of one package, keyed by site path.

    Every resource is at its exact REST path, without extension (what a CASE client requests).
    The package and the document are also written with `.json`, for people and links. The
    per-item resources can be left out (`resources=False`) for a very large framework: the
    package alone holds all of them.
    """
    return {path: make() for path, make in case_plan(package, resources, version).items()}
