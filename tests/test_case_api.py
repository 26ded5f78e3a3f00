"""The static CASE REST API (issue 17): every URI in the packages finds a file at the spec's path,
rubric criteria keep their identifiers when reordered, and the published schemas resolve offline."""

from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from hcs_site.export.case import case_package
from hcs_site.export.json_api import api_files
from hcs_site.model.framework import Framework
from tests.case_uris import missing, uris
from tests.conftest import MakeRepo
from tests.test_case import copy_sample, framework

SITE = "https://example.org/site/"


@pytest.fixture(scope="module")
def fw(tmp_path_factory: pytest.TempPathFactory) -> Framework:
    return framework(copy_sample(tmp_path_factory.mktemp("caseapi") / "repo"))


@pytest.fixture(scope="module")
def files(fw: Framework) -> dict[str, bytes]:
    return api_files(fw, SITE)


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_every_uri_of_the_package_is_a_file(fw: Framework, files: dict[str, bytes], version: str) -> None:
    package = case_package(fw, SITE, version=version)
    found = set(uris(package))
    kinds = {uri[len(SITE):].split("/")[5] for uri in found}
    assert kinds == {"CFDocuments", "CFPackages", "CFItems", "CFAssociations", "CFItemTypes", "CFSubjects",
                     "CFRubrics", "CFRubricCriteria", "CFRubricCriterionLevels"}
    assert len(found) > 1000
    assert missing(package, SITE, files.__contains__) == []


@pytest.mark.parametrize("path", ["v1p0", "v1p1"])
def test_document_list_is_served_where_clients_look(files: dict[str, bytes], path: str) -> None:
    """OpenSALT mirrors `{base}/ims/case/v1p0/CFDocuments`: a static host answers it from the folder's
    index file (GitHub Pages redirects to `CFDocuments/` and serves index.html)."""
    listing = json.loads(files[f"api/case/ims/case/{path}/CFDocuments/index.html"])
    [doc] = listing["CFDocuments"]
    assert doc["uri"] == f"{SITE}api/case/ims/case/{path}/CFDocuments/{doc['identifier']}"
    assert f"api/case/ims/case/{path}/CFDocuments/{doc['identifier']}" in files


def test_item_types_and_subjects_are_wrapped_as_the_spec_says(files: dict[str, bytes], fw: Framework) -> None:
    package = case_package(fw, SITE)
    area_type = next(t for t in package["CFDefinitions"]["CFItemTypes"] if t["hierarchyCode"] == "1")
    answer = json.loads(files[f"api/case/ims/case/v1p0/CFItemTypes/{area_type['identifier']}"])
    assert answer["CFItemTypes"][0] == area_type and len(answer["CFItemTypes"]) == 5  # then its children
    subject = package["CFDefinitions"]["CFSubjects"][0]
    assert json.loads(files[f"api/case/ims/case/v1p0/CFSubjects/{subject['identifier']}"]) == {"CFSubjects": [subject]}


def test_licence_from_district_yml(make_repo: MakeRepo) -> None:
    from tests.conftest import DISTRICT

    root = make_repo({"content/district.yml": DISTRICT + "license:\n  title: CC BY 4.0\n  text: Creative Commons "
                      "Attribution 4.0 International\n  url: https://creativecommons.org/licenses/by/4.0/\n"})
    package = case_package(framework(root), SITE)
    lic = package["CFDefinitions"]["CFLicenses"][0]
    assert (lic["title"], lic["licenseText"]) == ("CC BY 4.0", "Creative Commons Attribution 4.0 International")
    assert package["CFDocument"]["licenseURI"]["identifier"] == lic["identifier"]
    assert all(item["licenseURI"] == package["CFDocument"]["licenseURI"] for item in package["CFItems"])
    assert missing(package, SITE, api_files(framework(root), SITE).__contains__) == []


def criteria(package: dict[str, Any], title: str) -> dict[str, tuple[str, list[str]]]:
    rubric = next(r for r in package["CFRubrics"] if r["title"] == title)
    return {c["description"]: (c["identifier"], [lv["identifier"] for lv in c["CFRubricCriterionLevels"]])
            for c in rubric["CFRubricCriteria"]}


def test_criterion_identifiers_survive_reordering_and_insertion(make_repo: MakeRepo) -> None:
    """Inserting a criterion first must not change what any other criterion's identifier means."""
    from tests.conftest import AREA_MATH

    before = case_package(framework(make_repo({})), SITE)
    assert "scoring_criteria:" in AREA_MATH
    inserted = AREA_MATH.replace("scoring_criteria:\n", "scoring_criteria:\n      - criterion: A new first row\n"
                                 "        levels: {1: a, 2: b, 3: c, 4: d}\n", 1)
    after = case_package(framework(make_repo({"content/competencies/math.yml": inserted})), SITE)
    title = next(r["title"] for r in before["CFRubrics"] if r["title"].endswith("scoring criteria"))
    old, new = criteria(before, title), criteria(after, title)
    assert set(new) == set(old) | {"A new first row"}
    for name, ids in old.items():
        assert new[name] == ids, name


def test_a_criterion_id_names_it_whatever_its_wording(make_repo: MakeRepo) -> None:
    from tests.conftest import AREA_MATH

    first = AREA_MATH.replace("      - criterion:", "      - id: reasoning\n        criterion:", 1)
    reworded = first.replace("criterion: Accuracy", "criterion: Exactness", 1)
    a = case_package(framework(make_repo({"content/competencies/math.yml": first})), SITE)
    b = case_package(framework(make_repo({"content/competencies/math.yml": reworded})), SITE)
    ids_a = [c["identifier"] for r in a["CFRubrics"] for c in r["CFRubricCriteria"]]
    ids_b = [c["identifier"] for r in b["CFRubrics"] for c in r["CFRubricCriteria"]]
    assert ids_a == ids_b


def test_published_schemas_resolve_every_ref_offline(files: dict[str, bytes]) -> None:
    """Each schema's `$id` is its address on the site, so a standard tool resolves the relative `$ref`s
    against the site's own files (here: a registry of exactly the published files, nothing else)."""
    schemas = {SITE + rel: json.loads(data) for rel, data in files.items() if rel.startswith("schemas/")}
    assert all(uri == schema["$id"] for uri, schema in schemas.items())
    registry: Registry[Any] = Registry().with_resources((uri, Resource.from_contents(s)) for uri, s in schemas.items())
    framework_schema = schemas[SITE + "schemas/framework.schema.json"]
    validator = Draft202012Validator(framework_schema, registry=registry)
    assert not list(validator.iter_errors(json.loads(files["api/framework.json"])))
    count = 0
    for uri, schema in schemas.items():
        resolver = registry.resolver(base_uri=uri)
        for ref in refs(schema):
            resolver.lookup(ref)  # raises when the target is not among the published files
            count += 1
    assert count >= 20


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref" and isinstance(v, str)] + \
            [r for v in node.values() for r in refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in refs(v)]
    return []


def test_schema_ids_are_on_the_given_site_not_a_made_up_host(files: dict[str, bytes]) -> None:
    text = b"".join(data for rel, data in files.items() if rel.startswith("schemas/"))
    assert b"hcs-site.schemas" not in text


def test_openapi_describes_files_that_exist(files: dict[str, bytes], fw: Framework) -> None:
    """Every path of api/openapi.json, with a real identifier, is a published file; its schema refs
    are the site's own schemas."""
    spec = json.loads(files["api/openapi.json"])
    assert spec["openapi"].startswith("3.1") and spec["servers"] == [{"url": SITE.rstrip("/")}]
    packages = {v: case_package(fw, SITE, version=v) for v in ("1.0", "1.1")}
    for path, operations in spec["paths"].items():
        rel = path.lstrip("/")
        if "{courseId}" in rel:
            rel = rel.replace("{courseId}", fw.courses[0].id)
        elif "{sourcedId}" in rel:
            collection = rel.split("/")[-2].replace("CFItemAssociations", "CFItems")  # keyed by the item
            package = packages["1.1" if "/v1p1/" in rel else "1.0"]
            uri = next((u for u in uris(package) if f"/{collection}/" in u), None)
            assert uri is not None or collection == "CFLicenses", path
            if uri is None:
                continue
            rel = rel.replace("{sourcedId}", uri.rsplit("/", 1)[1])
        assert rel in files or rel + "/index.html" in files, path
        for ref in refs(operations):
            assert ref.startswith(SITE) and ref[len(SITE):] in files, ref


def test_the_document_list_cannot_run_as_a_page(make_repo: MakeRepo) -> None:
    """CFDocuments/index.html is JSON a browser may render as HTML: markup in the content (the
    district's name is the document's title) arrives as escapes, never as a tag or an entity."""
    from tests.conftest import DISTRICT

    hostile = "<script>alert(1)</script> &amp; <img src=x onerror=alert(2)>"
    root = make_repo({"content/district.yml": DISTRICT.replace("district: ", f"district: '{hostile}'  # ", 1)})
    fw = framework(root)
    assert fw.district.name.text() == hostile
    out = api_files(fw, SITE)
    for path in ("v1p0", "v1p1"):
        page = out[f"api/case/ims/case/{path}/CFDocuments/index.html"]
        assert b"<" not in page and b">" not in page and b"&" not in page
        assert json.loads(page) == json.loads(out[f"api/case/ims/case/{path}/CFDocuments.json"])
        assert hostile in json.loads(page)["CFDocuments"][0]["title"]
