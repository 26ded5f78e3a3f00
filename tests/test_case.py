"""The CASE 1.0 export of the sample content, checked against 1EdTech's CFPackage schema.

The schema is the oracle: tests/fixtures/case/case-v1p0-cfpackage-schema.json, vendored from OpenSALT
(its README there names the source and the licence).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from hcs_site.check.pipeline import check_repository
from hcs_site.cli import main
from hcs_site.export.case import PLACEHOLDER_BASE_URL, case_package, dates_for
from hcs_site.model.framework import Framework

REPO = Path(__file__).resolve().parents[1]
SCHEMA = Path(__file__).resolve().parent / "fixtures" / "case" / "case-v1p0-cfpackage-schema.json"
SITE = "https://henry-county-schools.github.io/competencies/"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def copy_sample(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in ("content", "docs", "portfolios"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, dest / name)
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def framework(root: Path) -> Framework:
    result = check_repository(root, portfolios=False)
    assert result.framework is not None and not result.report.errors, result.report.summary()
    return result.framework


def export(root: Path, use_git: bool = True) -> dict[str, Any]:
    fw = framework(root)
    return case_package(fw, SITE, dates_for(fw, root, use_git))


def identifiers(package: dict[str, Any]) -> dict[str, str]:
    """humanCodingScheme -> identifier of every item, plus the document's and every rubric's."""
    out = {item["humanCodingScheme"]: item["identifier"] for item in package["CFItems"]}
    out["#document"] = package["CFDocument"]["identifier"]
    out.update({f"#rubric {r['title']}": r["identifier"] for r in package["CFRubrics"]})
    for r in package["CFRubrics"]:
        for c in r["CFRubricCriteria"]:
            out[f"#criterion {c['identifier']}"] = c["identifier"]
            out.update({f"#level {lv['identifier']}": lv["identifier"] for lv in c["CFRubricCriterionLevels"]})
    out.update({f"#association {a['identifier']}": a["identifier"] for a in package["CFAssociations"]})
    return out


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=format_checker(cls))


def format_checker(cls: Any) -> jsonschema.FormatChecker:
    """The validator's format checks, and `date-time` too (jsonschema checks it only with an extra
    package installed): the schema's `oneOf` of date and date-time needs both to tell them apart."""
    checker = jsonschema.FormatChecker(cls.FORMAT_CHECKER.checkers)

    @checker.checks("date-time", raises=ValueError)
    def _date_time(value: object) -> bool:
        return not isinstance(value, str) or (
            re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", value) is not None
            and dt.datetime.fromisoformat(value.replace("Z", "+00:00")) is not None)

    return checker


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return export(copy_sample(tmp_path_factory.mktemp("case") / "repo"))


def test_sample_package_is_valid_case(validator: jsonschema.protocols.Validator, package: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(package), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:20])


def test_package_from_the_git_work_tree_is_valid_case(validator: jsonschema.protocols.Validator) -> None:
    errors = list(validator.iter_errors(export(REPO)))
    assert not errors, errors[0].message


def test_schema_rejects_a_broken_package(validator: jsonschema.protocols.Validator,
                                         package: dict[str, Any]) -> None:
    """The oracle is not vacuous: a package without identifiers or with a bad association fails."""
    broken = json.loads(json.dumps(package))
    del broken["CFItems"][0]["identifier"]
    broken["CFAssociations"][0]["associationType"] = "isCousinOf"
    assert len(list(validator.iter_errors(broken))) >= 2


def test_every_item_is_there_with_our_ids(package: dict[str, Any], tmp_path: Path) -> None:
    fw = framework(copy_sample(tmp_path / "repo"))
    items = {i["humanCodingScheme"]: i for i in package["CFItems"]}
    expected = {a.id for a in fw.areas} | set(fw.index)
    assert set(items) == expected
    assert len(items) == len(package["CFItems"])
    assert all(UUID.match(i["identifier"]) for i in package["CFItems"])
    kinds = {i["CFItemType"] for i in package["CFItems"]}
    assert kinds == {"Competency Area", "Competency", "Performance Indicator", "Course", "Objective for Mastery"}
    types = {t["title"]: t["identifier"] for t in package["CFDefinitions"]["CFItemTypes"]}
    assert all(i["CFItemTypeURI"]["identifier"] == types[i["CFItemType"]] for i in package["CFItems"])
    assert items["MATH-7"]["fullStatement"] == "Grade 7 Mathematics"
    assert items["MATH-7"]["educationLevel"] == ["07"]
    assert items["ELA-K"]["educationLevel"] == ["KG"]
    assert items["MATH-7.1"]["abbreviatedStatement"] == "Proportional relationships"
    assert items["MATH-7.1"]["fullStatement"].startswith("I can recognize")
    assert items["MATH-7.1"]["language"] == "en"
    doc = package["CFDocument"]
    assert doc["version"] == "2026-27" and doc["language"] == "en"
    assert all(i["CFDocumentURI"]["identifier"] == doc["identifier"] for i in package["CFItems"])
    assert all(i["uri"] == f"{SITE}api/case/ims/case/v1p0/CFItems/{i['identifier']}" for i in package["CFItems"])


def test_associations_build_the_tree_and_the_links(package: dict[str, Any]) -> None:
    ids = {i["identifier"]: i["humanCodingScheme"] for i in package["CFItems"]}
    doc_id = package["CFDocument"]["identifier"]
    assocs = package["CFAssociations"]
    parent: dict[str, tuple[str, int]] = {}
    for a in assocs:
        if a["associationType"] == "isChildOf":
            origin = ids[a["originNodeURI"]["identifier"]]
            dest = a["destinationNodeURI"]["identifier"]
            assert origin not in parent, f"{origin} has two parents"
            parent[origin] = (ids.get(dest, "#document" if dest == doc_id else dest), a["sequenceNumber"])
    assert set(parent) == set(ids.values()), "every item is in the tree"
    assert parent["MATH"][0] == "#document"
    assert parent["MATH.RP"][0] == "MATH" and parent["MATH.RP.2"] == ("MATH.RP", 2)
    assert parent["MATH-7"][0] == "MATH"
    assert [parent[f"MATH-7.{n}"] for n in range(1, 4)] == [("MATH-7", 1), ("MATH-7", 2), ("MATH-7", 3)]

    def pairs(kind: str) -> set[tuple[str, str]]:
        return {(ids.get(a["originNodeURI"]["identifier"], a["originNodeURI"]["title"]),
                 ids.get(a["destinationNodeURI"]["identifier"], a["destinationNodeURI"]["title"]))
                for a in assocs if a["associationType"] == kind}

    assert ("MATH-7.1", "MATH-7") in pairs("isPartOf")
    assert {("MATH-7.1", "MATH.RP"), ("MATH-7.1", "MATH.RP.2"), ("MATH-7.1", "MATH.RP.3")} <= pairs("isRelatedTo")
    assert pairs("replacedBy") == {("COORD-ALG", "ALG-1")}
    assert not pairs("exactMatchOf")
    assert len({a["identifier"] for a in assocs}) == len(assocs)


def test_rubrics_have_scale_levels_and_point_at_their_item(package: dict[str, Any]) -> None:
    ids = {i["identifier"]: i["humanCodingScheme"] for i in package["CFItems"]}
    rubrics = {r["title"]: r for r in package["CFRubrics"]}
    own = rubrics["MATH-7.1 rubric"]
    assert [c["category"] for c in own["CFRubricCriteria"]] == ["Modeling", "Meaning of the constant"]
    levels = own["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    assert [(lv["quality"], lv["score"], lv["position"]) for lv in levels] == [
        ("Emerging", 1, 1), ("Progressing", 2, 2), ("Meets", 3, 3), ("Exceeds", 4, 4)]
    assert levels[0]["description"].startswith("Identifies some quantities")
    assert all(lv["rubricCriterionId"] == own["CFRubricCriteria"][0]["identifier"] for lv in levels)
    assert {ids[c["CFItemURI"]["identifier"]] for c in own["CFRubricCriteria"]} == {"MATH-7.1"}
    # MATH-7.6 reuses the scoring criteria of MATH.SP: its own rubric, a copy of the competency's.
    reused, source = rubrics["MATH-7.6 rubric"], rubrics["MATH.SP scoring criteria"]
    assert "MATH.SP" in reused["description"]
    assert [c["description"] for c in reused["CFRubricCriteria"]] == [
        c["description"] for c in source["CFRubricCriteria"]]
    assert {ids[c["CFItemURI"]["identifier"]] for c in reused["CFRubricCriteria"]} == {"MATH-7.6"}
    assert {ids[c["CFItemURI"]["identifier"]] for c in source["CFRubricCriteria"]} == {"MATH.SP"}


def test_identifiers_survive_rewording_a_statement(package: dict[str, Any], tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "reworded")
    course = root / "content" / "courses" / "math-7.yml"
    text = course.read_text(encoding="utf-8")
    assert "I can recognize and represent proportional relationships" in text
    course.write_text(text.replace("I can recognize and represent proportional relationships",
                                   "I can spot and show proportional relationships"), encoding="utf-8")
    area = root / "content" / "competencies" / "math.yml"
    area.write_text(area.read_text(encoding="utf-8").replace("Number sense and operations",
                                                             "Numbers and operations"), encoding="utf-8")
    again = export(root)
    items = {i["humanCodingScheme"]: i for i in again["CFItems"]}
    assert items["MATH-7.1"]["fullStatement"].startswith("I can spot and show")
    assert items["MATH.NS"]["abbreviatedStatement"] == "Numbers and operations"
    assert identifiers(again) == identifiers(package)


def test_rebuild_in_another_directory_is_identical(package: dict[str, Any], tmp_path: Path) -> None:
    time.sleep(1.1)  # a later second: a date taken from the clock would differ
    elsewhere = copy_sample(tmp_path / "somewhere" / "else" / "checkout")
    assert export(elsewhere) == package  # identifiers, dates, everything


def test_git_work_tree_keeps_the_identifiers(package: dict[str, Any]) -> None:
    assert identifiers(export(REPO)) == identifiers(package)


def test_last_change_comes_from_git_or_the_edition_never_now(package: dict[str, Any]) -> None:
    stamps = {i["lastChangeDateTime"] for i in package["CFItems"]}
    assert stamps == {"2026-07-01T00:00:00+00:00"}, "outside Git: the first day of the edition"
    tracked = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%cI", "--",
                              "content/courses/math-7.yml"], capture_output=True, text=True, check=False)
    in_git = export(REPO)
    item = next(i for i in in_git["CFItems"] if i["humanCodingScheme"] == "MATH-7")
    if tracked.returncode == 0 and tracked.stdout.strip():
        assert item["lastChangeDateTime"] == tracked.stdout.strip()
    for obj in [in_git["CFDocument"], *in_git["CFItems"], *in_git["CFAssociations"], *in_git["CFRubrics"]]:
        assert dt.datetime.fromisoformat(obj["lastChangeDateTime"]).tzinfo is not None
    assert export(REPO) == in_git


def test_uri_base_defaults_to_a_placeholder(tmp_path: Path) -> None:
    fw = framework(copy_sample(tmp_path / "repo"))
    pkg = case_package(fw)
    assert pkg["CFDocument"]["uri"].startswith(f"{PLACEHOLDER_BASE_URL}api/case/ims/case/v1p0/CFDocuments/")
    assert "officialSourceURL" not in pkg["CFDocument"]
    assert identifiers(pkg) == identifiers(case_package(fw, "https://elsewhere.example.org/x/"))


def test_export_case_command(tmp_path: Path, package: dict[str, Any]) -> None:
    root = copy_sample(tmp_path / "repo")
    out = tmp_path / "out" / "framework-case.json"
    result = CliRunner().invoke(main, ["export", "case", "--root", str(root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written == package  # site_url of mkdocs.yml is the base
    assert out.read_text(encoding="utf-8").endswith("}\n")
    result = CliRunner().invoke(main, ["export", "case", "--root", str(root), "--base-url", "https://x.example/"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["CFDocument"]["uri"].startswith("https://x.example/api/case/")


def test_export_case_refuses_invalid_content(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo")
    course = root / "content" / "courses" / "math-7.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("aligns: [MATH.RP.4]", "aligns: [MATH.RP.99]"),
                      encoding="utf-8")
    out = tmp_path / "case.json"
    result = CliRunner().invoke(main, ["export", "case", "--root", str(root), "--out", str(out)])
    assert result.exit_code == 1
    assert "MATH.RP.99" in result.output and not out.exists()
