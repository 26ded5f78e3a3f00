"""CASE 1.1 beside 1.0 (issue 17): what 1.0 loses is carried, and the package is valid.

Oracles: the vendored CASE 1.0 schema for every field 1.0 and 1.1 share, and a hand-written schema
of the 1.1 additions (tests/fixtures/case/case-v1p1-additions.schema.json; the official 1.1 JSON
Schema could not be vendored, see the README there).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from hcs_site.cli import main
from hcs_site.export.case import case_package
from hcs_site.model.framework import Framework
from tests.test_case import SCHEMA, SITE, copy_sample, format_checker, framework

ADDITIONS = SCHEMA.parent / "case-v1p1-additions.schema.json"
ONLY_1P1 = {"caseVersion", "frameworkType", "extensions", "subject", "subjectURI"}


@pytest.fixture(scope="module")
def fw(tmp_path_factory: pytest.TempPathFactory) -> Framework:
    return framework(copy_sample(tmp_path_factory.mktemp("v1p1") / "repo"))


@pytest.fixture(scope="module")
def package(fw: Framework) -> dict[str, Any]:
    return case_package(fw, SITE, version="1.1")


def validator(path: Path) -> Any:
    schema = json.loads(path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=format_checker(cls))


def as_1p0(package: dict[str, Any]) -> dict[str, Any]:
    """The fields 1.0 shares: without the 1.1-only fields and association types (items keep theirs,
    except that 1.0 items have no subject)."""
    out = copy.deepcopy(package)

    def strip(node: Any) -> None:
        if isinstance(node, dict):
            for key in ONLY_1P1 & set(node):
                if key != "subjectURI" or node is not out["CFDocument"]:
                    del node[key]
            for value in node.values():
                strip(value)
        elif isinstance(node, list):
            for value in node:
                strip(value)

    strip(out)
    out["CFAssociations"] = [a for a in out["CFAssociations"] if a["associationType"] != "isTranslationOf"]
    return out


def errors(v: Any, data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in v.iter_errors(data)]


def test_shared_fields_are_valid_case_1p0(package: dict[str, Any]) -> None:
    assert not errors(validator(SCHEMA), as_1p0(package))


def test_additions_are_valid_case_1p1(package: dict[str, Any]) -> None:
    assert not errors(validator(ADDITIONS), package)
    doc = package["CFDocument"]
    assert (doc["caseVersion"], doc["statusStartDate"], doc["statusEndDate"]) == ("1.1", "2026-07-01", "2027-06-30")
    assert doc["uri"].startswith(f"{SITE}api/case/ims/case/v1p1/CFDocuments/")


def test_the_oracle_refuses_what_1p1_does_not_allow(package: dict[str, Any]) -> None:
    """The hand-written schema is not a rubber stamp: a date-time where 1.1 says Date, a missing
    caseVersion and an unknown association type are each reported."""
    bad = copy.deepcopy(package)
    bad["CFDocument"]["statusStartDate"] = "2026-07-01T00:00:00+00:00"
    del bad["CFDocument"]["caseVersion"]
    bad["CFAssociations"][0]["associationType"] = "isTranslatedFrom"
    where = {str(list(e.absolute_path)) for e in validator(ADDITIONS).iter_errors(bad)}
    assert where == {"['CFDocument']", "['CFDocument', 'statusStartDate']", "['CFAssociations', 0, 'associationType']"}


def by_code(package: dict[str, Any], code: str, lang: str = "en") -> dict[str, Any]:
    found = [i for i in package["CFItems"] if i["humanCodingScheme"] == code and i["language"] == lang]
    assert len(found) == 1, (code, lang, len(found))
    return found[0]


def test_what_1p0_loses_is_carried_in_extensions(package: dict[str, Any], fw: Framework) -> None:
    course = next(c for c in fw.courses if c.state_code)
    item = by_code(package, course.id)
    assert item["extensions"]["stateCode"] == course.state_code
    assert item["extensions"]["credit"] == course.credit
    obj = course.objectives[0]
    ext = by_code(package, obj.id)["extensions"]
    assert ext["depthOfKnowledge"] == obj.dok
    assert [a["id"] for a in ext["assessmentTypes"]] == obj.assessment_types
    assert package["CFDocument"]["extensions"]["masteryScore"] == fw.district.mastery_level == 3
    levels = package["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    assert [(lv["score"], lv["extensions"]["mastery"]) for lv in levels] == [(1, False), (2, False), (3, True),
                                                                             (4, False)]
    subject = item["subjectURI"][0]
    assert subject in package["CFDocument"]["subjectURI"]
    assert subject["identifier"] in {s["identifier"] for s in package["CFDefinitions"]["CFSubjects"]}


def test_spanish_is_an_item_that_is_a_translation_of_the_english_one(package: dict[str, Any], fw: Framework) -> None:
    course = next(c for c in fw.courses if "es" in c.objectives[0].statement.languages)
    obj = course.objectives[0]
    en, es = by_code(package, obj.id), by_code(package, obj.id, "es")
    assert es["fullStatement"] == obj.statement.text("es") != en["fullStatement"]
    assert es["identifier"] != en["identifier"]
    links = [a for a in package["CFAssociations"] if a["associationType"] == "isTranslationOf"
             and a["originNodeURI"]["identifier"] == es["identifier"]]
    assert [a["destinationNodeURI"]["identifier"] for a in links] == [en["identifier"]]
    # a translation is not placed in the tree a second time
    assert not [a for a in package["CFAssociations"] if a["associationType"] == "isChildOf"
                and a["originNodeURI"]["identifier"] == es["identifier"]]


def test_identifiers_are_shared_with_1p0_and_only_uris_differ(package: dict[str, Any], fw: Framework) -> None:
    v10 = case_package(fw, SITE)
    ids10 = {i["identifier"] for i in v10["CFItems"]}
    ids11 = {i["identifier"] for i in package["CFItems"] if i["language"] == "en"}
    assert ids10 == ids11


def test_export_case_version_option(tmp_path: Path) -> None:
    root = copy_sample(tmp_path / "repo")
    out = tmp_path / "case-1.1.json"
    result = CliRunner().invoke(main, ["export", "case", "--root", str(root), "--case-version", "1.1",
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text(encoding="utf-8"))["CFDocument"]["caseVersion"] == "1.1"
    wrong = CliRunner().invoke(main, ["export", "case", "--root", str(root), "--case-version", "1.2"])
    assert wrong.exit_code == 2 and "1.2" in wrong.output
