"""`hcs-site import case`: a state's published CASE 1.0 or 1.1 package -> content/standards/<id>.json.

The package is validated against the official CASE 1.0 package schema (shipped in
`check/case/`); a 1.1 package is validated on the fields 1.1 shares with 1.0. What is stored is
what a district aligns to and shows: each item's identifier, URI, code (`humanCodingScheme`),
statement, type and grades, sorted by code then identifier, with the document, the source and
the retrieval date. Nothing of the package is ever published as is.
"""

from __future__ import annotations

import copy
import json
import urllib.parse
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema

from ..check.fast_schema import Check, Compiler
from ..diagnostics import Loc, Report
from ..export.json_encode import dumps
from ..model.standards import FORMAT, WEB_ADDRESS

ONLY_1P1 = ("caseVersion", "frameworkType", "extensions", "subject", "subjectURI")
MAX_PROBLEMS = 20


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    text = (resources.files("hcs_site") / "check" / "case" / "case-v1p0-cfpackage-schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@lru_cache(maxsize=1)
def _validator() -> Any:
    return jsonschema.validators.validator_for(_schema())(_schema())


def _as_jsonschema_reads(node: Any) -> Any:
    """The schema with what jsonschema ignores left out: unknown keywords (the schema writes
    `additionalProperties: {"CFDocumentURI": ...}`, which validates nothing) and `format`, which the
    validator above does not check either. The fast predicate then agrees with it."""
    if isinstance(node, dict):
        if "CFDocumentURI" in node or "CFPackageURI" in node:
            return {}
        return {k: (v if k in ("enum", "required") else _as_jsonschema_reads(v)) for k, v in node.items()
                if k != "format"}
    if isinstance(node, list):
        return [_as_jsonschema_reads(v) for v in node]
    return node


@lru_cache(maxsize=1)
def _fast() -> Check:
    """A state's package has thousands of items; jsonschema takes seconds on them, the compiled
    predicate a fraction. jsonschema runs only when the predicate says no, to say what is wrong."""
    schema = _as_jsonschema_reads(_schema())
    body = {k: v for k, v in schema.items() if k != "definitions"}
    return Compiler(schema).compile(body)


def _shared_with_1p0(package: dict[str, Any]) -> dict[str, Any]:
    """A 1.1 package as 1.0 sees it: without what 1.1 added."""
    out = copy.deepcopy(package)
    for obj in [out.get("CFDocument"), *out.get("CFItems", []), *out.get("CFAssociations", [])]:
        if isinstance(obj, dict):
            for key in ONLY_1P1:
                if key != "subjectURI" or obj is not out.get("CFDocument"):
                    obj.pop(key, None)
    out["CFAssociations"] = [a for a in out.get("CFAssociations", [])
                             if not (isinstance(a, dict) and a.get("associationType") == "isTranslationOf")]
    return out


def _where(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the package"


def read_package(data: bytes, source: str, report: Report) -> dict[str, Any] | None:
    """The package, or None with every problem in `report` (file, line when known, a fix)."""
    try:
        package = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        report.error(Loc(source, 0, 0), "case-not-json", f"{source} is not UTF-8 text ({exc.reason})",
                     "download the package again: a CASE package is UTF-8 JSON")
        return None
    except json.JSONDecodeError as exc:
        report.error(Loc(source, exc.lineno, exc.colno), "case-not-json", f"{source} is not JSON: {exc.msg}",
                     "give the CASE package itself (the JSON of .../ims/case/v1p0/CFPackages/{id})")
        return None
    if not isinstance(package, dict) or not isinstance(package.get("CFDocument"), dict):
        report.error(Loc(source, 1, 1), "case-invalid", f"{source} is JSON, but not a CASE package (no CFDocument)",
                     "give a CFPackage (getCFPackage), not a document list or a single item")
        return None
    associations = package.get("CFAssociations", [])
    v11 = str(package["CFDocument"].get("caseVersion", "")) == "1.1" or any(
        isinstance(a, dict) and a.get("associationType") == "isTranslationOf" for a in associations)
    checked = _shared_with_1p0(package) if v11 else package
    if _fast()(checked):
        return package if _addresses_ok(package, source, report) else None
    errors = sorted(_validator().iter_errors(checked), key=lambda e: [str(p) for p in e.absolute_path])
    for err in errors[:MAX_PROBLEMS]:
        report.error(Loc(source, 1, 1), "case-invalid",
                     f"{source}: {_where(err.absolute_path)}: {err.message[:300]}",
                     "the package does not follow the CASE schema; ask its publisher for a valid one")
    if len(errors) > MAX_PROBLEMS:
        report.error(Loc(source, 1, 1), "case-invalid", f"{source}: {len(errors) - MAX_PROBLEMS} more problems",
                     "the package does not follow the CASE schema; ask its publisher for a valid one")
    return None if errors else package




def _addresses_ok(package: dict[str, Any], source: str, report: Report) -> bool:
    """Every item's and the document's `uri` is a web address: a standard's URI becomes a link for
    families and the target of the district's CASE associations, so `javascript:` or a local file
    is refused (the schema's `format: uri` accepts both, and most validators do not check it)."""
    bad = [(f"CFItems[{n}].uri", item.get("uri")) for n, item in enumerate(package.get("CFItems", []))
           if not WEB_ADDRESS.fullmatch(str(item.get("uri", "")))]
    if not WEB_ADDRESS.fullmatch(str(package["CFDocument"].get("uri", ""))):
        bad.insert(0, ("CFDocument.uri", package["CFDocument"].get("uri")))
    for where, uri in bad[:MAX_PROBLEMS]:
        report.error(Loc(source, 1, 1), "case-invalid",
                     f"{source}: {where}: {str(uri)[:200]!r} is not an http(s) address",
                     "a CASE URI is the web address of the item; ask the package's publisher for a valid one")
    return not bad


def public_source(source: str) -> str:
    """What is recorded as the source: the address without a user, password or query (which may
    hold an access key), since the file is committed and published in the repository."""
    parts = urllib.parse.urlsplit(source)
    if parts.scheme.lower() not in ("http", "https"):
        return source
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def normalise(package: dict[str, Any], set_id: str, source: str, retrieved: str) -> dict[str, Any]:
    doc = package["CFDocument"]
    items = []
    for item in package.get("CFItems", []):
        out: dict[str, Any] = {"identifier": str(item["identifier"]).lower(), "uri": item["uri"],
                               "code": item.get("humanCodingScheme", "") or "", "statement": item["fullStatement"]}
        if item.get("CFItemType"):
            out["type"] = item["CFItemType"]
        if item.get("educationLevel"):
            out["educationLevel"] = list(item["educationLevel"])
        if item.get("language"):
            out["language"] = item["language"]
        items.append(out)
    items.sort(key=lambda i: (i["code"], i["identifier"]))
    document = {key: doc[key] for key in ("identifier", "uri", "title", "creator", "publisher", "version",
                                          "adoptionStatus", "officialSourceURL", "lastChangeDateTime")
                if isinstance(doc.get(key), str)}
    return {"format": FORMAT, "id": set_id, "source": source, "retrieved": retrieved,
            "caseVersion": "1.1" if doc.get("caseVersion") == "1.1" else "1.0",
            "document": document, "items": items}


def standards_bytes(stored: dict[str, Any]) -> bytes:
    return dumps(stored)
