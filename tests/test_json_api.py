"""The static JSON API: our own format validated by our published schemas, the CASE REST layout,
determinism, and the files and links of a real site build."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from hcs_site.check.pipeline import check_repository
from hcs_site.cli import main
from hcs_site.export import serialize
from hcs_site.export.case import case_package
from hcs_site.export.json_api import FRAMEWORK_JSON, api_files
from hcs_site.model.framework import Framework
from tests.sitecheck import broken_links, build, soup

REPO = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini"
CASE = "api/case/ims/case/v1p0/"
SAMPLE_PACKAGE = f"{CASE}CFPackages/9aa14ff3-043a-5e62-a9d8-89ecef3c00df"
"""The sample district's package: its identifier comes from `short_name: HCS`, and never changes."""


def copy_sample(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in ("content", "docs", "portfolios"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("api") / "repo")


@pytest.fixture(scope="module")
def fw(sample: Path) -> Framework:
    result = check_repository(sample, portfolios=False)
    assert result.framework is not None and not result.report.errors
    return result.framework


@pytest.fixture(scope="module")
def files(fw: Framework) -> dict[str, bytes]:
    return api_files(fw, "https://example.org/site/")


def load(files: dict[str, bytes], rel: str) -> Any:
    return json.loads(files[rel].decode("utf-8"))


def schema_validator(files: dict[str, bytes], name: str) -> Draft202012Validator:
    schemas = {rel: load(files, rel) for rel in files if rel.startswith("schemas/")}
    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values())
    return Draft202012Validator(schemas[f"schemas/{name}.schema.json"], registry=registry,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_framework_json_is_valid_against_the_published_schema(files: dict[str, bytes], fw: Framework) -> None:
    data = load(files, FRAMEWORK_JSON)
    errors = list(schema_validator(files, "framework").iter_errors(data))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    assert data["format"] == "hcs-site/framework/v1"
    assert [c["id"] for c in data["courses"]] == [c.id for c in fw.courses]
    assert [a["id"] for a in data["areas"]] == [a.id for a in fw.areas]
    math7 = next(c for c in data["courses"] if c["id"] == "MATH-7")
    assert math7["title"] == {"en": "Grade 7 Mathematics", "es": "Matemáticas de 7.º grado"}
    assert math7["state_code"] == "27.02200"
    assert math7["objectives"][5]["rubric"] == "MATH.SP"
    assert math7["objectives"][0]["rubric"][0]["levels"]["3"]["en"].startswith("Decides correctly")


def test_schema_rejects_a_broken_framework_json(files: dict[str, bytes]) -> None:
    data = load(files, FRAMEWORK_JSON)
    data["courses"][0]["objetives"] = data["courses"][0].pop("objectives")
    assert list(schema_validator(files, "framework").iter_errors(data))


def test_course_files_are_valid_courses(files: dict[str, bytes], fw: Framework) -> None:
    check = schema_validator(files, "course")
    for course in fw.courses:
        data = load(files, f"api/courses/{course.id}.json")
        assert not list(check.iter_errors(data)), course.id
        assert data == serialize.course(course)


def test_published_schemas_are_the_shipped_ones(files: dict[str, bytes]) -> None:
    shipped = REPO / "hcs_site" / "check" / "schemas"
    for path in shipped.glob("*.schema.json"):
        published = load(files, f"schemas/{path.name}")
        assert published["$id"] == f"https://example.org/site/schemas/{path.name}"  # its address on the site
        assert {**published, "$id": ""} == {**json.loads(path.read_bytes()), "$id": ""}
    assert "schemas/framework.schema.json" in files


def test_case_rest_layout(files: dict[str, bytes], fw: Framework) -> None:
    package = load(files, f"{SAMPLE_PACKAGE}.json")
    doc = package["CFDocument"]
    assert SAMPLE_PACKAGE.endswith(doc["identifier"])
    assert load(files, f"{CASE}CFDocuments.json") == {"CFDocuments": [doc]}
    for rel in (f"CFDocuments/{doc['identifier']}", f"CFPackages/{doc['identifier']}"):
        assert files[CASE + rel] == files[f"{CASE}{rel}.json"]  # the exact REST path, and .json for people
    assert load(files, f"{CASE}CFDocuments/{doc['identifier']}") == doc
    assert doc["CFPackageURI"]["uri"] == f"https://example.org/site/{SAMPLE_PACKAGE}"
    for item in package["CFItems"]:
        assert load(files, f"{CASE}CFItems/{item['identifier']}") == item
        pair = load(files, f"{CASE}CFItemAssociations/{item['identifier']}")
        assert pair["CFItem"] == item
        assert pair["CFAssociations"] and all(
            item["identifier"] in (a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"])
            for a in pair["CFAssociations"])
        assert item["uri"] == f"https://example.org/site/{CASE}CFItems/{item['identifier']}"
    for assoc in package["CFAssociations"]:
        assert load(files, f"{CASE}CFAssociations/{assoc['identifier']}") == assoc
    for rubric in package["CFRubrics"]:
        assert load(files, f"{CASE}CFRubrics/{rubric['identifier']}") == rubric
    for key in ("CFItemTypes", "CFSubjects"):  # the spec wraps these: the one asked for first
        for definition in package["CFDefinitions"][key]:
            assert load(files, f"{CASE}{key}/{definition['identifier']}")[key][0] == definition
    per_item = [rel for rel in files if rel.startswith(CASE) and rel.endswith(".json")]
    assert len(per_item) == 3, "only the list, the document and the package are also .json"
    assert f"{CASE}CFDocuments" not in files  # it is a folder on a static host: the list is its index
    assert load(files, f"{CASE}CFDocuments/index.html") == load(files, f"{CASE}CFDocuments.json")
    assert package == case_package(fw, "https://example.org/site/")


def test_package_only(fw: Framework, files: dict[str, bytes]) -> None:
    small = api_files(fw, "https://example.org/site/", case_resources=False)
    assert {rel for rel in small if rel.startswith(CASE)} == {
        f"{CASE}CFDocuments.json", f"{CASE}CFDocuments/index.html", f"{SAMPLE_PACKAGE}", f"{SAMPLE_PACKAGE}.json",
        *(rel for rel in files if rel.startswith(f"{CASE}CFDocuments/"))}
    assert small[f"{SAMPLE_PACKAGE}.json"] == files[f"{SAMPLE_PACKAGE}.json"]


def test_files_are_deterministic_json(fw: Framework, files: dict[str, bytes]) -> None:
    assert api_files(fw, "https://example.org/site/") == files
    assert list(files) == sorted(files)
    for rel in (FRAMEWORK_JSON, f"{SAMPLE_PACKAGE}.json", "api/courses/MATH-7.json"):
        text = files[rel].decode("utf-8")
        assert text.endswith("}\n") and not text.endswith("\n\n")
        assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert "Matemáticas" in files[FRAMEWORK_JSON].decode("utf-8")


def test_export_api_command(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", "api", "--root", str(sample), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / FRAMEWORK_JSON).is_file() and (out / "schemas" / "course.schema.json").is_file()
    package = json.loads((out / f"{SAMPLE_PACKAGE}.json").read_text(encoding="utf-8"))
    assert package["CFDocument"]["uri"].startswith("https://henry-county-schools.github.io/competencies/api/case/")


def test_site_publishes_the_api_and_the_data_page_links_it(tmp_path: Path) -> None:
    """The sample repository, with its "Data and API" and "Spreadsheets" pages, built strictly."""
    root = copy_sample(tmp_path / "sample")
    result = build(root, "--strict")
    assert result.exit_code == 0, result.output
    site = root / "site"
    for rel in (FRAMEWORK_JSON, "api/courses/MATH-7.json", f"{SAMPLE_PACKAGE}.json", SAMPLE_PACKAGE,
                f"{CASE}CFDocuments.json", "schemas/framework.schema.json", "schemas/course.schema.json"):
        assert (site / rel).is_file(), rel
    package = json.loads((site / f"{SAMPLE_PACKAGE}.json").read_text(encoding="utf-8"))
    assert package["CFDocument"]["uri"].startswith("https://henry-county-schools.github.io/competencies/api/case/")
    assert not (site / "es" / "api").exists(), "the API is published once, not per language"
    from tests.case_uris import missing

    for version in ("v1p0", "v1p1"):  # every URI the published packages name is a file of the built site
        listing = json.loads((site / f"api/case/ims/case/{version}/CFDocuments/index.html").read_bytes())
        doc = listing["CFDocuments"][0]
        built = json.loads((site / f"api/case/ims/case/{version}/CFPackages/{doc['identifier']}").read_bytes())
        site_url = "https://henry-county-schools.github.io/competencies/"
        assert not missing(built, site_url, lambda rel: (site / rel).is_file())
    page = soup(site, "data-and-api/index.html")
    hrefs = [str(a["href"]) for a in page.select("article a[href$='.json']")]
    assert "../api/framework.json" in hrefs and "../schemas/course.schema.json" in hrefs
    assert f"../{SAMPLE_PACKAGE}.json" in hrefs
    # (`../..` is the edition banner's link to the versions root, which only exists under mike)
    assert not [p for p in broken_links(site) if p.startswith(("data-and-api/", "spreadsheets/"))
                and not re.search(r": [./]+ \(no file\)$", p)]
    nav = [a.get_text(strip=True) for a in page.select("nav.md-nav--primary a")]
    assert "Data and API" in nav and "Spreadsheets" in nav


def test_api_can_be_turned_off(tmp_path: Path) -> None:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - hcs\n", "  - hcs:\n      api: false\n"),
                      encoding="utf-8")
    result = build(root, "--strict")
    assert result.exit_code == 0, result.output
    assert not (root / "site" / "api").exists() and not (root / "site" / "schemas").exists()
    assert (root / "site" / "courses" / "math-7" / "index.html").is_file()
