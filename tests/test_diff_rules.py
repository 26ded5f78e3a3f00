"""The breaking rules, one known edit at a time (docs/propose-a-change.md lists the same rules)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from hcs_site.check.pipeline import check_repository
from hcs_site.diff.compare import compare
from hcs_site.diff.model import Change, Side
from hcs_site.diff.words import KIND_LABELS
from tests.test_diff import MINI, edit

Edit = Callable[[Path], None]
SEEN_KINDS: set[str] = set()


def changes(tmp_path: Path, before: Edit | None, after: Edit) -> list[Change]:
    """Apply `before` to both sides and `after` to the new one only; compare."""
    sides = []
    for name in ("old", "new"):
        root = tmp_path / name
        shutil.copytree(MINI, root)
        if before:
            before(root)
        if name == "new":
            after(root)
        result = check_repository(root, portfolios=False)
        assert result.framework is not None and not result.report.errors, result.report.sorted()
        sides.append(result.framework)
    found = compare(sides[0], sides[1], Side("old", None, "x"), Side("new", None, "x")).changes
    SEEN_KINDS.update(c.kind for c in found)
    return found


def facts(found: list[Change]) -> list[tuple[str, str, bool]]:
    return [(c.kind, c.item, c.breaking) for c in found]


def course(root: Path, name: str = "math-7") -> Path:
    return root / "content" / "courses" / f"{name}.yml"


def district(root: Path) -> Path:
    return root / "content" / "district.yml"


def math(root: Path) -> Path:
    return root / "content" / "competencies" / "math.yml"


FOURTH = """\
  - id: ALG-1.4
    title: Systems
    statement: I can solve systems of equations.
    aligns: [MATH.EE.2]
    dok: 2
    assessment_types: [written-test]
    rubric: MATH.RP
"""


def _add_fourth(root: Path) -> None:
    path = course(root, "alg-1")
    path.write_text(path.read_text(encoding="utf-8") + FOURTH, encoding="utf-8")


def _adopt_algebra(root: Path) -> None:
    """ALG-1 is a draft in the fixture: adopted on both sides, its changes can break."""
    edit(course(root, "alg-1"), "status: draft", "status: adopted")


def _adopted_with_fourth(root: Path) -> None:
    _adopt_algebra(root)
    _add_fourth(root)


def _move_mastery(root: Path) -> None:
    edit(district(root), "{en: Meets, es: Cumple}, mastery: true}", "{en: Meets, es: Cumple}}")
    edit(district(root), "{en: Exceeds, es: Supera}}", "{en: Exceeds, es: Supera}, mastery: true}")


CASES: dict[str, tuple[Edit | None, Edit, list[tuple[str, str, bool]]]] = {
    "credit reduced": (_adopt_algebra, lambda r: edit(course(r, "alg-1"), "credit: 1.0", "credit: 0.5"),
                       [("course-credit-changed", "ALG-1", True)]),
    "credit raised": (None, lambda r: edit(course(r, "alg-1"), "credit: 1.0", "credit: 2"),
                      [("course-credit-changed", "ALG-1", False)]),
    "grades narrowed": (_adopt_algebra, lambda r: edit(course(r, "alg-1"), "grades: [8, 9]", "grades: [9]"),
                        [("course-grades-changed", "ALG-1", True)]),
    "program dropped": (None, lambda r: edit(course(r), "programs: [community-school, impact-academy]",
                                             "programs: [community-school]"),
                        [("course-programs-changed", "MATH-7", True)]),
    "program added": (None, lambda r: edit(course(r, "alg-1"), "programs: [community-school]",
                                           "programs: [community-school, impact-academy]"),
                      [("course-programs-changed", "ALG-1", False)]),
    "course retired": (_adopt_algebra, lambda r: edit(course(r, "alg-1"), "status: adopted", "status: retired"),
                       [("course-status-changed", "ALG-1", True)]),
    "course adopted": (None, lambda r: edit(course(r, "alg-1"), "status: draft", "status: adopted"),
                       [("course-status-changed", "ALG-1", False)]),
    "pacing": (None, lambda r: edit(course(r), "suggested_weeks: 36", "suggested_weeks: 30"),
               [("course-pacing-changed", "MATH-7", False)]),
    "course removed": (_adopt_algebra, lambda r: course(r, "alg-1").unlink(), [("course-removed", "ALG-1", True)]),
    "draft course removed": (None, lambda r: course(r, "alg-1").unlink(), [("course-removed", "ALG-1", False)]),
    "draft course: credit reduced": (None, lambda r: edit(course(r, "alg-1"), "credit: 1.0", "credit: 0.5"),
                                     [("course-credit-changed", "ALG-1", False)]),
    "draft course: objective added": (None, _add_fourth, [("objective-added", "ALG-1.4", False)]),
    "draft course retired": (None, lambda r: edit(course(r, "alg-1"), "status: draft", "status: retired"),
                             [("course-status-changed", "ALG-1", False)]),
    "area in vetting: indicator removed": (None, lambda r: edit(
        r / "content" / "competencies" / "xc.yml", "      - {id: COLLAB.4, statement: Reflects on the team's work., "
                                                   "dok: 3}\n", ""),
        [("indicator-removed", "COLLAB.4", False)]),
    "objective removed": (_adopted_with_fourth, lambda r: edit(course(r, "alg-1"), FOURTH, ""),
                          [("objective-removed", "ALG-1.4", True)]),
    "objective renamed": (None, lambda r: edit(course(r), "  - id: MATH-7.2\n",
                                               "  - id: MATH-7.20\n    replaces: MATH-7.2\n"),
                          [("objective-renamed", "MATH-7.20", False)]),
    "statement reworded": (None, lambda r: edit(course(r), "I can solve two-step equations.",
                                                "I can solve multi-step equations."),
                           [("objective-reworded", "MATH-7.2", True)]),
    "statement translated": (None, lambda r: edit(course(r), "statement: I can solve two-step equations.",
                                                  "statement: {en: I can solve two-step equations., "
                                                  "es: Resuelvo ecuaciones de dos pasos.}"),
                             [("objective-reworded", "MATH-7.2", False)]),
    "title reworded": (None, lambda r: edit(course(r), "title: Equations", "title: Two-step equations"),
                       [("objective-reworded", "MATH-7.2", False)]),
    "alignment removed": (None, lambda r: edit(course(r), "aligns: [MATH.RP, MATH.RP.2]", "aligns: [MATH.RP]"),
                          [("alignment-removed", "MATH-7.1", True)]),
    "alignment added": (None, lambda r: edit(course(r), "aligns: [MATH.EE]", "aligns: [MATH.EE, MATH.RP.1]"),
                        [("alignment-added", "MATH-7.2", False)]),
    "assessment type added": (None, lambda r: edit(course(r), "assessment_types: [written-test]\n",
                                                   "assessment_types: [written-test, project]\n"),
                              [("assessment-type-added", "MATH-7.2", False)]),
    "descriptor below mastery": (None, lambda r: edit(course(r), "2: Writes a ratio.", "2: Writes any ratio."),
                                 [("rubric-descriptor-changed", "MATH-7.1", True)]),
    "criterion added": (None, lambda r: edit(course(r), "4: Compares models.}\n",
                                             "4: Compares models.}\n      - criterion: Precision\n"
                                             "        levels: {1: a, 2: b, 3: c, 4: d}\n"),
                        [("rubric-criterion-added", "MATH-7.1", True)]),
    "rubric source": (None, lambda r: edit(course(r), "    rubric: MATH.RP\n", "    rubric: COLLAB\n"),
                      [("objective-rubric-source-changed", "MATH-7.2", False),
                       ("rubric-criterion-added", "MATH-7.2", True),
                       ("rubric-criterion-removed", "MATH-7.2", False)]),
    "mastery level": (None, lambda r: _move_mastery(r), [("mastery-level-changed", "district", True)]),
    "scale label": (None, lambda r: edit(district(r), "{en: Meets, es: Cumple}", "{en: Meets the standard, "
                                                                                 "es: Cumple}"),
                    [("scale-label-changed", "district", False)]),
    "mastery rule": (None, lambda r: edit(district(r), "{method: latest}", "{method: highest}"),
                     [("mastery-rule-changed", "district", True)]),
    "catalog": (None, lambda r: edit(district(r), "schools:\n",
                                     "  - {id: academy, title: Academy}\nschools:\n"),
                [("catalog-program-added", "academy", False)]),
    "edition": (None, lambda r: edit(district(r), "edition: 2026-27", "edition: 2027-28"),
                [("edition-changed", "district", False)]),
    "indicator removed": (None, lambda r: edit(math(r), "      - {id: MATH.RP.1, statement: Compute unit rates., "
                                                        "dok: 2}\n", ""),
                          [("indicator-removed", "MATH.RP.1", True)]),
    "indicator reworded": (None, lambda r: edit(math(r), "Compute unit rates.", "Compute unit rates with fractions."),
                           [("indicator-reworded", "MATH.RP.1", False)]),
    "made universal": (None, lambda r: edit(math(r), "    title: Expressions and equations\n",
                                            "    title: Expressions and equations\n    universal: true\n"),
                       [("competency-universal-changed", "MATH.EE", True)]),
    "area status": (None, lambda r: edit(math(r), "status: adopted", "status: retired"),
                    [("area-status-changed", "MATH", False)]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule(tmp_path: Path, name: str) -> None:
    before, after, expected = CASES[name]
    found = changes(tmp_path, before, after)
    assert facts(found) == expected
    for c in found:  # each breaking change says why; a waived one says why it is not
        assert bool(c.reason) == (c.breaking or c.reason.startswith("not breaking: ")), c
        assert not c.breaking or not c.reason.startswith("not breaking"), c


def test_shared_rubric_change_is_reported_once_with_the_objectives_it_affects(tmp_path: Path) -> None:
    found = changes(tmp_path, None, lambda r: edit(math(r), "3: Accurate.,", "3: Accurate and complete.,"))
    assert facts(found) == [("rubric-descriptor-changed", "MATH.RP", True)]
    assert found[0].subject_kind == "competency" and found[0].level == 3
    # Retired MATH-7-OLD also uses it, but no student can take that course any more.
    assert found[0].affects == ("ALG-1.1", "ALG-1.2", "ALG-1.3", "MATH-7.2")


def test_a_draft_says_why_it_is_not_breaking(tmp_path: Path) -> None:
    found = changes(tmp_path, None, lambda r: edit(course(r, "alg-1"), "credit: 1.0", "credit: 0.5"))
    assert [c.reason for c in found] == [
        "not breaking: course ALG-1 was a draft in the base edition, so no student is held to it yet"]
    found = changes(tmp_path / "xc", None, lambda r: edit(r / "content" / "competencies" / "xc.yml",
                                                          "Shares the work.", "Shares the work fairly."))
    assert [(c.kind, c.breaking, c.reason) for c in found] == [("indicator-reworded", False, "")]


def test_a_rewording_is_word_by_word(tmp_path: Path) -> None:
    found = changes(tmp_path, None, lambda r: edit(course(r), "I can solve two-step equations.",
                                                   "I can solve multi-step equations."))
    assert [(c.headline, c.words, c.reason) for c in found] == [
        ("objective MATH-7.2 statement reworded",
         (("=", "I can solve"), ("-", " two-step"), ("+", " multi-step"), ("=", " equations.")),
         "the expectation itself changed")]


def test_a_shared_rubric_in_review_used_by_an_adopted_course_still_breaks(tmp_path: Path) -> None:
    """COLLAB's area is in vetting, but adopted MATH-7 scores MATH-7.3 with it: its students are held to it."""
    xc = "content/competencies/xc.yml"

    def reword(root: Path) -> None:
        edit(root / xc, "3: Contributes fully.", "3: Contributes fully and on time.")

    found = changes(tmp_path, None, reword)
    assert [(c.kind, c.item, c.breaking, c.affects, c.reason) for c in found] == [
        ("rubric-descriptor-changed", "COLLAB", True, ("MATH-7.3",), "what is expected at or below mastery changed")]
    found = changes(tmp_path / "unused", lambda r: edit(course(r), "    rubric: COLLAB\n", "    rubric: MATH.RP\n"),
                    reword)
    assert [(c.breaking, c.affects, c.reason) for c in found] == [
        (False, (), "not breaking: competency area XC was in vetting in the base edition, so no student is held "
                    "to it yet")]


def test_word_diff_keeps_punctuation_and_spaces_apart() -> None:
    from hcs_site.diff.word_diff import as_marked_text, word_diff

    assert as_marked_text(word_diff("I can add.", "I can add and subtract.")) == "I can add {+and subtract+}."
    assert as_marked_text(word_diff("I can add and   subtract.", "I can add.")) == "I can add [-and subtract-]."
    assert word_diff("Compute unit rates.", "Explain why ratio tables work") == [
        ("-", "Compute unit rates."), ("+", " Explain why ratio tables work")]
    assert word_diff("", "New text") == [("+", "New text")]


def test_descriptor_above_mastery_is_not_breaking(tmp_path: Path) -> None:
    found = changes(tmp_path, None, lambda r: edit(course(r), "4: Compares models.", "4: Compares two models."))
    assert facts(found) == [("rubric-descriptor-changed", "MATH-7.1", False)]


def test_whitespace_is_not_a_change(tmp_path: Path) -> None:
    assert changes(tmp_path, None, lambda r: edit(course(r), "I can solve two-step equations.",
                                                  "I can   solve\n      two-step equations.")) == []


def test_every_kind_seen_has_a_label_in_every_language() -> None:
    assert set(KIND_LABELS["en"]) == set(KIND_LABELS["es"])
    assert set(KIND_LABELS["en"]) >= SEEN_KINDS, SEEN_KINDS - set(KIND_LABELS["en"])
