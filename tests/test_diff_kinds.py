"""One edit per kind of change the semantic diff knows, with everything a reviewer reads about it.

`test_diff_rules.py` checks which edits are breaking; here each row also pins the subject the change
is grouped under, the field, the values before and after and the sentence shown, so a change
reported under the wrong course, with the wrong field or a blank label cannot pass. Every kind in
`KIND_LABELS` has at least one row (`test_every_kind_has_a_row`).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hcs_site.check.pipeline import check_repository
from hcs_site.diff.compare import compare
from hcs_site.diff.model import Change, Side
from hcs_site.diff.words import KIND_LABELS
from tests.test_diff import MINI, edit
from tests.test_diff_rules import FOURTH, changes, course, district, math

Edit = Callable[[Path], None]
Fact = tuple[str, str, str, "str | None", bool, Any, Any, str]
"""kind, subject_kind:subject, item, field, breaking, before, after, message."""


def fact(c: Change) -> Fact:
    return (c.kind, f"{c.subject_kind}:{c.subject}", c.item, c.field, c.breaking, c.before, c.after, c.message)


def adopt_alg(root: Path) -> None:
    """ALG-1 is a draft in the fixture, and nothing in a draft is breaking: rows that show a
    breaking change to it adopt it first, on both sides."""
    edit(course(root, "alg-1"), "status: draft", "status: adopted")


def xc(root: Path) -> Path:
    return root / "content" / "competencies" / "xc.yml"


def alg(root: Path) -> Path:
    return course(root, "alg-1")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def both(*edits: Edit) -> Edit:
    def run(root: Path) -> None:
        for e in edits:
            e(root)
    return run


def add_standards(root: Path) -> None:
    """An imported state framework of one standard (content/standards/, as `import case` writes it)."""
    folder = root / "content" / "standards"
    folder.mkdir()
    (folder / "gse-math.json").write_text(
        '{"format": "hcs-site/standards/v1", "id": "gse-math", "source": "x", "retrieved": "2026-09-01", '
        '"caseVersion": "1.1", "document": {}, "items": [{"identifier": "6f1d2c3a-0000-4000-8000-000000000001", '
        '"uri": "https://case.example.org/CFItems/6f1d2c3a-0000-4000-8000-000000000001", "code": "MGSE7.EE.4", '
        '"statement": "Solve equations."}]}', encoding="utf-8")


def swap(path: Callable[[Path], Path], old: str, new: str) -> Edit:
    return lambda root: edit(path(root), old, new)


# --- Fixtures added on top of tests/fixtures/mini ---------------------------------------------------

LEVEL_4 = "  - {level: 4, label: {en: Exceeds, es: Supera}}\n"
LEVEL_5 = LEVEL_4 + "  - {level: 5, label: {en: Distinguished, es: Distinguido}}\n"
DESCRIPTORS_5 = [(math, "4: Accurate and efficient.}", "4: Accurate and efficient., 5: Flawless.}"),
                 (xc, "4: Leads the team.}", "4: Leads the team., 5: Mentors.}"),
                 (course, "4: Compares models.}", "4: Compares models., 5: Generalizes.}")]
"""Every rubric needs a descriptor for every scale level: a fifth level comes with three."""
add_level_5 = both(swap(district, LEVEL_4, LEVEL_5), *(swap(p, a, b) for p, a, b in DESCRIPTORS_5))
drop_level_5 = both(swap(district, LEVEL_5, LEVEL_4), *(swap(p, b, a) for p, a, b in DESCRIPTORS_5))

REVIEW = "  - {id: portfolio-review, title: Portfolio review, description: A review.}\n"
add_review = swap(district, "programs:\n", REVIEW + "programs:\n")
EVENING = "  - {id: evening, title: Evening school}\n"
add_evening = swap(district, "schools:\n", EVENING + "schools:\n")

SCIENCE = """\
id: SCI
title: Science
kind: content
status: draft
summary: Science.
competencies:
  - id: SCI.INQ
    title: Inquiry
    statement: Students ask questions.
    performance_indicators:
      - {id: SCI.INQ.1, statement: Ask., dok: 1}
      - {id: SCI.INQ.2, statement: Plan., dok: 2}
      - {id: SCI.INQ.3, statement: Test., dok: 2}
      - {id: SCI.INQ.4, statement: Explain., dok: 3}
"""


def science(root: Path) -> Path:
    return root / "content" / "competencies" / "sci.yml"


GEOMETRY = """\
  - id: MATH.GEO
    title: Geometry
    statement: Students reason about shapes.
    performance_indicators:
      - {id: MATH.GEO.1, statement: Draw., dok: 1}
      - {id: MATH.GEO.2, statement: Measure., dok: 2}
      - {id: MATH.GEO.3, statement: Prove., dok: 3}
      - {id: MATH.GEO.4, statement: Model., dok: 3}
"""
add_geometry = lambda root: append(math(root), GEOMETRY)  # noqa: E731
GEOMETRY_XC = GEOMETRY.replace("MATH.GEO", "XC.GEO")

GEO_COURSE = """\
id: GEO
title: Geometry
area: MATH
grades: [9]
credit: 1
status: draft
programs: [community-school]
description: Shapes.
objectives:
  - {id: GEO.1, title: Angles, statement: I can measure angles., aligns: [MATH.EE], dok: 2, assessment_types: [project], rubric: MATH.RP}
  - {id: GEO.2, title: Areas, statement: I can find areas., aligns: [MATH.EE], dok: 2, assessment_types: [project], rubric: MATH.RP}
  - {id: GEO.3, title: Proofs, statement: I can prove., aligns: [MATH.EE], dok: 3, assessment_types: [project], rubric: MATH.RP}
"""  # noqa: E501


def add_geo_course(root: Path) -> None:
    course(root, "geo").write_text(GEO_COURSE, encoding="utf-8")


def rename_geo_course(root: Path) -> None:
    course(root, "geo").unlink()
    course(root, "geom").write_text(GEO_COURSE.replace("id: GEO\n", "id: GEOM\nreplaces: GEO\n")
                                    .replace("{id: GEO.1,", "{id: GEOM.1, replaces: GEO.1,"), encoding="utf-8")


RP_4 = "      - {id: MATH.RP.4, statement: Explain the constant of proportionality., dok: 3}\n"
RP_5 = "      - {id: MATH.RP.5, statement: Graph proportions., dok: 2}\n"
EE_4 = "      - {id: MATH.EE.4, statement: Model with equations., dok: 3}\n"


GEOMETRY_STATEMENTS = ("Draw.", "Measure.", "Prove.", "Model.")
SCIENCE_STATEMENTS = ("Ask.", "Plan.", "Test.", "Explain.")


def four(kind: str, competency: str, prefix: str, statements: tuple[str, ...]) -> list[Fact]:
    """The four indicators of a competency added (not breaking) or removed (breaking)."""
    facts: list[Fact] = []
    for n, text in enumerate(statements, 1):
        if kind == "indicator-added":
            facts.append((kind, f"competency:{competency}", f"{prefix}.{n}", None, False, None, {"en": text},
                          f'performance indicator {prefix}.{n} added: "{text}"'))
        else:
            facts.append((kind, f"competency:{competency}", f"{prefix}.{n}", None, True, {"en": text}, None,
                          f'performance indicator {prefix}.{n} removed (was "{text}")'))
    return facts


OWN_RUBRIC = ("    rubric:\n      - criterion: Modeling\n"
              "        levels: {1: Identifies quantities., 2: Writes a ratio., "
              "3: Models correctly., 4: Compares models.}\n")


DECAYING = "{method: decaying_average, weight: 65}"
RENAMED_GEO = "  - id: MATH.SHAPE\n    replaces: MATH.GEO\n"
SYSTEMS = ("  - {id: ALG-1.4, title: Systems, statement: I can solve systems., aligns: [MATH.EE.2], dok: 2, "
           "assessment_types: [project], rubric: MATH.RP}\n")
RP_20 = "{id: MATH.RP.20, replaces: MATH.RP.2,"
PRECISION = "      - criterion: Precision\n        levels: {1: a, 2: b, 3: c, 4: d}\n"


def add_science(root: Path) -> None:
    science(root).write_text(SCIENCE, encoding="utf-8")


def rename_ee(root: Path) -> None:
    """MATH.EE becomes MATH.EQ (`replaces`), and every course's alignment follows it."""
    edit(math(root), "  - id: MATH.EE\n", "  - id: MATH.EQ\n    replaces: MATH.EE\n")
    for name in ("math-7", "alg-1", "math-7-old"):
        edit(course(root, name), "[MATH.EE]", "[MATH.EQ]")


CASES: dict[str, tuple[Edit | None, Edit, list[Fact]]] = {
    # The district: name, edition, languages, scale, mastery rule, catalog
    "district renamed": (None, swap(district, "district: Test District", "district: Test District Schools"), [
        ("district-reworded", "district:district", "district", "name", False, {"en": "Test District"},
         {"en": "Test District Schools"}, 'district name reworded: "Test District" → "Test District Schools"'),
    ]),
    "edition": (None, swap(district, "edition: 2026-27", "edition: 2027-28"), [
        ("edition-changed", "district:district", "district", "edition", False, "2026-27", "2027-28",
         'district edition changed from "2026-27" to "2027-28"'),
    ]),
    "language added": (None, swap(district, "languages: [en, es]", "languages: [en, es, fr]"), [
        ("languages-changed", "district:district", "district", "languages", False, ["en", "es"], ["en", "es", "fr"],
         "district languages changed from [en, es] to [en, es, fr]"),
    ]),
    "mastery level moved up": (None, both(swap(district, "Cumple}, mastery: true}", "Cumple}}"),
                                          swap(district, "Supera}}", "Supera}, mastery: true}")), [
        ("mastery-level-changed", "district:district", "district", "mastery level", True, 3, 4,
         "scale mastery level changed from 3 to 4"),
    ]),
    "rule to decaying average": (None, swap(district, "{method: latest}", DECAYING), [
        ("mastery-rule-changed", "district:district", "district", "mastery rule", True, "latest",
         "decaying_average (weight 65)",
         'district mastery rule changed from "latest" to "decaying_average (weight 65)"'),
    ]),
    "decaying average weight": (swap(district, "{method: latest}", DECAYING), swap(district, "65}", "70}"), [
        ("mastery-rule-changed", "district:district", "district", "mastery rule", True, "decaying_average (weight 65)",
         "decaying_average (weight 70)",
         'district mastery rule changed from "decaying_average (weight 65)" to "decaying_average (weight 70)"'),
    ]),
    "n_times count": (swap(district, "{method: latest}", "{method: n_times, count: 2}"),
                      swap(district, "count: 2", "count: 3"), [
        ("mastery-rule-changed", "district:district", "district", "mastery rule", True, "n_times (count 2)",
         "n_times (count 3)", 'district mastery rule changed from "n_times (count 2)" to "n_times (count 3)"'),
    ]),
    "scale level added": (None, add_level_5, [
        ("scale-level-added", "district:district", "district", None, True, None, "Distinguished",
         "scale level 5 added"),
        ("rubric-descriptor-changed", "competency:MATH.RP", "MATH.RP", None, False, {"en": None}, {"en": "Flawless."},
         'competency MATH.RP scoring criteria: criterion "Accuracy", level 5 (Distinguished) added: "Flawless."'),
        ("rubric-descriptor-changed", "competency:COLLAB", "COLLAB", None, False, {"en": None}, {"en": "Mentors."},
         'competency COLLAB scoring criteria: criterion "Teamwork", level 5 (Distinguished) added: "Mentors."'),
        ("rubric-descriptor-changed", "course:MATH-7", "MATH-7.1", None, False, {"en": None}, {"en": "Generalizes."},
         'objective MATH-7.1 rubric: criterion "Modeling", level 5 (Distinguished) added: "Generalizes."'),
    ]),
    "scale level removed": (add_level_5, drop_level_5, [
        ("scale-level-removed", "district:district", "district", None, True, "Distinguished", None,
         "scale level 5 removed"),
        ("rubric-descriptor-changed", "competency:MATH.RP", "MATH.RP", None, False, {"en": "Flawless."}, {"en": None},
         'competency MATH.RP scoring criteria: criterion "Accuracy", level 5 (Distinguished) removed (was '
         '"Flawless.")'),
        ("rubric-descriptor-changed", "competency:COLLAB", "COLLAB", None, False, {"en": "Mentors."}, {"en": None},
         'competency COLLAB scoring criteria: criterion "Teamwork", level 5 (Distinguished) removed (was "Mentors.")'),
        ("rubric-descriptor-changed", "course:MATH-7", "MATH-7.1", None, False, {"en": "Generalizes."}, {"en": None},
         'objective MATH-7.1 rubric: criterion "Modeling", level 5 (Distinguished) removed (was "Generalizes.")'),
    ]),
    "scale label": (None, swap(district, "{en: Progressing,", "{en: Developing,"), [
        ("scale-label-changed", "district:district", "district", "label", False, {"en": "Progressing"},
         {"en": "Developing"}, 'scale level 2 label reworded: "Progressing" → "Developing"'),
    ]),
    "assessment type added": (None, add_review, [
        ("catalog-assessment-type-added", "district:district", "portfolio-review", None, False, None, None,
         'assessment type "Portfolio review" (portfolio-review) added'),
    ]),
    "assessment type removed": (add_review, swap(district, REVIEW, ""), [
        ("catalog-assessment-type-removed", "district:district", "portfolio-review", None, False, None, None,
         'assessment type "Portfolio review" (portfolio-review) removed'),
    ]),
    "assessment type reworded": (None, swap(district, 'Project, description: "Extended work, *often* in a team."',
                                              'Team project, description: "Extended work."'), [
        ("catalog-assessment-type-reworded", "district:district", "project", "title", False, {"en": "Project"},
         {"en": "Team project"}, 'assessment type project title reworded: "Project" → "Team project"'),
        ("catalog-assessment-type-reworded", "district:district", "project", "description", False,
         {"en": "Extended work, *often* in a team."}, {"en": "Extended work."},
         'assessment type project description reworded: "Extended work, *often* in a team." → "Extended work."'),
    ]),
    "program added": (None, add_evening, [
        ("catalog-program-added", "district:district", "evening", None, False, None, None,
         'program "Evening school" (evening) added'),
    ]),
    "program removed": (add_evening, swap(district, EVENING, ""), [
        ("catalog-program-removed", "district:district", "evening", None, False, None, None,
         'program "Evening school" (evening) removed'),
    ]),
    "program reworded": (None, swap(district, "Your community school", "Your neighbourhood school"), [
        ("catalog-program-reworded", "district:district", "community-school", "title", False,
         {"en": "Your community school"}, {"en": "Your neighbourhood school"},
         'program community-school title reworded: "Your community school" → "Your neighbourhood school"'),
    ]),
    # Competency areas
    "area added": (None, add_science, [
        ("area-added", "area:SCI", "SCI", None, False, None, {"en": "Science"}, 'competency area SCI "Science" added'),
        ("competency-added", "competency:SCI.INQ", "SCI.INQ", None, False, None, {"en": "Students ask questions."},
         'competency SCI.INQ "Inquiry" added'),
        *four("indicator-added", "SCI.INQ", "SCI.INQ", SCIENCE_STATEMENTS),
    ]),
    "area removed": (both(add_science, swap(science, "status: draft", "status: adopted")),
                     lambda r: science(r).unlink(), [
        ("area-removed", "area:SCI", "SCI", None, False, {"en": "Science"}, None,
         'competency area SCI "Science" removed'),
        ("competency-removed", "competency:SCI.INQ", "SCI.INQ", None, True, {"en": "Students ask questions."}, None,
         'competency SCI.INQ "Inquiry" removed'),
        *four("indicator-removed", "SCI.INQ", "SCI.INQ", SCIENCE_STATEMENTS),
    ]),
    "area reworded": (None, both(swap(math, "es: Matemáticas}", "es: Matemática}"),
                                 swap(math, "summary: What every graduate can do in mathematics.",
                                      "summary: What graduates do.")), [
        ("area-reworded", "area:MATH", "MATH", "title", False, {"es": "Matemáticas"}, {"es": "Matemática"},
         "competency area MATH title: translation changed (es)"),
        ("area-reworded", "area:MATH", "MATH", "summary", False, {"en": "What every graduate can do in mathematics."},
         {"en": "What graduates do."},
         'competency area MATH summary reworded: "What every graduate can do in mathematics." → "What graduates do."'),
    ]),
    "area kind": (None, swap(xc, "kind: cross-curricular", "kind: content"), [
        ("area-kind-changed", "area:XC", "XC", "kind", False, "cross-curricular", "content",
         'competency area XC kind changed from "cross-curricular" to "content"'),
    ]),
    "area status": (None, swap(xc, "status: vetting", "status: adopted"), [
        ("area-status-changed", "area:XC", "XC", "status", False, "vetting", "adopted",
         'competency area XC status changed from "vetting" to "adopted"'),
    ]),
    # Competencies and their performance indicators
    "competency added": (None, add_geometry, [
        ("competency-added", "competency:MATH.GEO", "MATH.GEO", None, False, None,
         {"en": "Students reason about shapes."}, 'competency MATH.GEO "Geometry" added'),
        *four("indicator-added", "MATH.GEO", "MATH.GEO", GEOMETRY_STATEMENTS),
    ]),
    "competency added as a checkpoint": (None, lambda r: append(math(r), GEOMETRY.replace(
        "    statement: Students reason", "    universal: true\n    statement: Students reason")), [
        ("competency-added", "competency:MATH.GEO", "MATH.GEO", None, True, None,
         {"en": "Students reason about shapes."},
         'competency MATH.GEO "Geometry" added as a checkpoint for every student'),
        *four("indicator-added", "MATH.GEO", "MATH.GEO", GEOMETRY_STATEMENTS),
    ]),
    "competency removed": (add_geometry, swap(math, GEOMETRY, ""), [
        ("competency-removed", "competency:MATH.GEO", "MATH.GEO", None, True, {"en": "Students reason about shapes."},
         None, 'competency MATH.GEO "Geometry" removed'),
        *four("indicator-removed", "MATH.GEO", "MATH.GEO", GEOMETRY_STATEMENTS),
    ]),
    "competency renamed": (add_geometry, swap(math, "  - id: MATH.GEO\n", RENAMED_GEO), [
        ("competency-renamed", "competency:MATH.SHAPE", "MATH.SHAPE", "id", False, "MATH.GEO", "MATH.SHAPE",
         "competency MATH.GEO renamed MATH.SHAPE (replaces)"),
    ]),
    "competency renamed, its indicators too (without replaces)": (
        add_geometry, swap(math, GEOMETRY, GEOMETRY.replace("  - id: MATH.GEO\n", RENAMED_GEO)
                           .replace("MATH.GEO.", "MATH.SHAPE.")), [
        ("competency-renamed", "competency:MATH.SHAPE", "MATH.SHAPE", "id", False, "MATH.GEO", "MATH.SHAPE",
         "competency MATH.GEO renamed MATH.SHAPE (replaces)"),
        *four("indicator-added", "MATH.SHAPE", "MATH.SHAPE", GEOMETRY_STATEMENTS),
        *four("indicator-removed", "MATH.SHAPE", "MATH.GEO", GEOMETRY_STATEMENTS),
    ]),
    "competency renamed, alignments follow": (None, rename_ee, [
        ("competency-renamed", "competency:MATH.EQ", "MATH.EQ", "id", False, "MATH.EE", "MATH.EQ",
         "competency MATH.EE renamed MATH.EQ (replaces)"),
    ]),
    "competency reworded": (None, both(swap(math, "title: Expressions and equations", "title: Equations"),
                                       swap(math, "Students write and solve", "Students solve")), [
        ("competency-reworded", "competency:MATH.EE", "MATH.EE", "title", False, {"en": "Expressions and equations"},
         {"en": "Equations"}, 'competency MATH.EE title reworded: "Expressions and equations" → "Equations"'),
        ("competency-reworded", "competency:MATH.EE", "MATH.EE", "statement", False,
         {"en": "Students write and solve equations."}, {"en": "Students solve equations."},
         'competency MATH.EE statement reworded: "Students write and solve equations." → "Students solve equations."'),
    ]),
    "competency moved to another area": (lambda r: append(xc(r), GEOMETRY_XC),
                                         both(swap(xc, GEOMETRY_XC, ""), lambda r: append(math(r), GEOMETRY_XC)), [
        ("competency-moved", "competency:XC.GEO", "XC.GEO", "area", False, "XC", "MATH",
         'competency XC.GEO area changed from "XC" to "MATH"'),
    ]),
    "competency no longer universal": (None, swap(xc, "    universal: true\n", ""), [
        ("competency-universal-changed", "competency:COLLAB", "COLLAB", "universal", False, True, False,
         "competency COLLAB is no longer a checkpoint for every student"),
    ]),
    "indicator added": (None, swap(math, RP_4, RP_4 + RP_5), [
        ("indicator-added", "competency:MATH.RP", "MATH.RP.5", None, False, None, {"en": "Graph proportions."},
         'performance indicator MATH.RP.5 added: "Graph proportions."'),
    ]),
    "indicator removed": (None, swap(math, RP_4, ""), [
        ("indicator-removed", "competency:MATH.RP", "MATH.RP.4", None, True,
         {"en": "Explain the constant of proportionality."}, None,
         'performance indicator MATH.RP.4 removed (was "Explain the constant of proportionality.")'),
    ]),
    "indicator renamed": (None, swap(math, "{id: MATH.RP.4,", "{id: MATH.RP.9, replaces: MATH.RP.4,"), [
        ("indicator-renamed", "competency:MATH.RP", "MATH.RP.9", "id", False, "MATH.RP.4", "MATH.RP.9",
         "performance indicator MATH.RP.4 renamed MATH.RP.9 (replaces)"),
    ]),
    "indicator renamed, alignments follow": (None, both(swap(math, "{id: MATH.RP.2,", RP_20),
                                                        swap(course, "MATH.RP.2]", "MATH.RP.20]")), [
        ("indicator-renamed", "competency:MATH.RP", "MATH.RP.20", "id", False, "MATH.RP.2", "MATH.RP.20",
         "performance indicator MATH.RP.2 renamed MATH.RP.20 (replaces)"),
    ]),
    "indicator moved": (None, both(swap(math, RP_4, ""), swap(math, EE_4, EE_4 + RP_4)), [
        ("indicator-moved", "competency:MATH.EE", "MATH.RP.4", "competency", False, "MATH.RP", "MATH.EE",
         'performance indicator MATH.RP.4 competency changed from "MATH.RP" to "MATH.EE"'),
    ]),
    "indicator dok": (None, swap(math, "Compute unit rates., dok: 2}", "Compute unit rates., dok: 3}"), [
        ("indicator-dok-changed", "competency:MATH.RP", "MATH.RP.1", "dok", False, 2, 3,
         "performance indicator MATH.RP.1 dok changed from 2 to 3"),
    ]),
    "indicator translated": (None, swap(math, "statement: Compute unit rates.,",
                                        "statement: {en: Compute unit rates., es: Calcula tasas unitarias.},"), [
        ("indicator-reworded", "competency:MATH.RP", "MATH.RP.1", "statement", False, {"es": None},
         {"es": "Calcula tasas unitarias."}, "performance indicator MATH.RP.1 statement: translation changed (es)"),
    ]),
    # Courses
    "course added": (None, add_geo_course, [
        ("course-added", "course:GEO", "GEO", None, False, None, {"en": "Geometry"},
         'course GEO "Geometry" added with 3 objectives'),
    ]),
    "course renamed": (add_geo_course, rename_geo_course, [
        ("course-renamed", "course:GEOM", "GEOM", "id", False, "GEO", "GEOM", "course GEO renamed GEOM (replaces)"),
        ("objective-renamed", "course:GEOM", "GEOM.1", "id", False, "GEO.1", "GEOM.1",
         "objective GEO.1 renamed GEOM.1 (replaces)"),
    ]),
    "course removed": (adopt_alg, lambda r: alg(r).unlink(), [
        ("course-removed", "course:ALG-1", "ALG-1", None, True, {"en": "Algebra I"}, None,
         'course ALG-1 "Algebra I" removed'),
    ]),
    "course reworded": (None, both(swap(alg, "title: Algebra I", "title: Algebra One"),
                                   swap(alg, "Linear equations and functions.", "Equations.")), [
        ("course-reworded", "course:ALG-1", "ALG-1", "title", False, {"en": "Algebra I"}, {"en": "Algebra One"},
         'course ALG-1 title reworded: "Algebra I" → "Algebra One"'),
        ("course-reworded", "course:ALG-1", "ALG-1", "description", False, {"en": "Linear equations and functions."},
         {"en": "Equations."}, 'course ALG-1 description reworded: "Linear equations and functions." → "Equations."'),
    ]),
    "credit reduced": (adopt_alg, swap(alg, "credit: 1.0", "credit: 0.5"), [
        ("course-credit-changed", "course:ALG-1", "ALG-1", "credit", True, 1.0, 0.5,
         "course ALG-1 credit changed from 1 to 0.5"),
    ]),
    "credit written differently": (None, swap(alg, "credit: 1.0", "credit: 1"), []),
    "grades widened with K": (None, swap(alg, "grades: [8, 9]", "grades: [9, K, 8]"), [
        ("course-grades-changed", "course:ALG-1", "ALG-1", "grades", False, [8, 9], ["K", 8, 9],
         "course ALG-1 grades changed from [8, 9] to [K, 8, 9]"),
    ]),
    "grades narrowed from K": (both(adopt_alg, swap(alg, "grades: [8, 9]", "grades: [1, K]")),
                               swap(alg, "[1, K]", "[1]"), [
        ("course-grades-changed", "course:ALG-1", "ALG-1", "grades", True, ["K", 1], [1],
         "course ALG-1 grades changed from [K, 1] to [1]"),
    ]),
    "program dropped": (None, swap(course, "[community-school, impact-academy]", "[community-school]"), [
        ("course-programs-changed", "course:MATH-7", "MATH-7", "programs", True, ["community-school", "impact-academy"],
         ["community-school"],
         "course MATH-7 programs changed from [community-school, impact-academy] to [community-school]"),
    ]),
    "course retired": (adopt_alg, swap(alg, "status: adopted", "status: retired"), [
        ("course-status-changed", "course:ALG-1", "ALG-1", "status", True, "adopted", "retired",
         'course ALG-1 status changed from "adopted" to "retired"'),
    ]),
    "draft course retired": (None, swap(alg, "status: draft", "status: retired"), [
        ("course-status-changed", "course:ALG-1", "ALG-1", "status", False, "draft", "retired",
         'course ALG-1 status changed from "draft" to "retired"'),
    ]),
    "course back from retirement": (swap(alg, "status: draft", "status: retired"),
                                     swap(alg, "status: retired", "status: adopted"), [
        ("course-status-changed", "course:ALG-1", "ALG-1", "status", False, "retired", "adopted",
         'course ALG-1 status changed from "retired" to "adopted"'),
    ]),
    "area of a course": (swap(alg, "area: MATH", "area: XC"), swap(alg, "area: XC", "area: MATH"), [
        ("course-area-changed", "course:ALG-1", "ALG-1", "area", False, "XC", "MATH",
         'course ALG-1 area changed from "XC" to "MATH"'),
    ]),
    "state code": (None, swap(alg, '"27.09910"', '"27.09920"'), [
        ("course-state-code-changed", "course:ALG-1", "ALG-1", "state code", False, "27.09910", "27.09920",
         'course ALG-1 state code changed from "27.09910" to "27.09920"'),
    ]),
    "suggested weeks": (None, swap(course, "suggested_weeks: 36", "suggested_weeks: 30"), [
        ("course-pacing-changed", "course:MATH-7", "MATH-7", "suggested weeks", False, 36.0, 30.0,
         "course MATH-7 suggested weeks changed from 36 to 30"),
    ]),
    "pacing note": (None, swap(course, "when they show mastery.", "when ready."), [
        ("course-pacing-changed", "course:MATH-7", "MATH-7", "pacing note", False,
         {"en": "Students move on when they show mastery."}, {"en": "Students move on when ready."},
         'course MATH-7 pacing note reworded: "Students move on when they show mastery." → "Students move on when '
         'ready."'),
    ]),
    # Objectives for Mastery
    "objective added": (adopt_alg, lambda r: append(alg(r), FOURTH), [
        ("objective-added", "course:ALG-1", "ALG-1.4", None, True, None, {"en": "I can solve systems of equations."},
         'objective ALG-1.4 "Systems" added to ALG-1'),
    ]),
    "objective replacing one still there": (adopt_alg, lambda r: append(alg(r), FOURTH.replace(
        "  - id: ALG-1.4\n", "  - id: ALG-1.4\n    replaces: ALG-1.1\n")), [
        ("objective-added", "course:ALG-1", "ALG-1.4", None, True, None, {"en": "I can solve systems of equations."},
         'objective ALG-1.4 "Systems" added to ALG-1'),
    ]),
    "objective moved to another course, its replacement is new": (
        both(adopt_alg, lambda r: append(alg(r), SYSTEMS)), both(
        swap(alg, SYSTEMS, SYSTEMS.replace("{id: ALG-1.4,", "{id: ALG-1.5, replaces: ALG-1.4,")),
        lambda r: append(course(r), SYSTEMS)), [
        ("objective-added", "course:ALG-1", "ALG-1.5", None, True, None, {"en": "I can solve systems."},
         'objective ALG-1.5 "Systems" added to ALG-1'),
        ("objective-removed", "course:ALG-1", "ALG-1.4", None, True, {"en": "I can solve systems."}, None,
         'objective ALG-1.4 "Systems" removed from ALG-1'),
        ("objective-added", "course:MATH-7", "ALG-1.4", None, True, None, {"en": "I can solve systems."},
         'objective ALG-1.4 "Systems" added to MATH-7'),
    ]),
    "objective removed": (both(adopt_alg, lambda r: append(alg(r), FOURTH)), swap(alg, FOURTH, ""), [
        ("objective-removed", "course:ALG-1", "ALG-1.4", None, True, {"en": "I can solve systems of equations."}, None,
         'objective ALG-1.4 "Systems" removed from ALG-1'),
    ]),
    "objective renamed": (None, swap(course, "  - id: MATH-7.2\n", "  - id: MATH-7.20\n    replaces: MATH-7.2\n"), [
        ("objective-renamed", "course:MATH-7", "MATH-7.20", "id", False, "MATH-7.2", "MATH-7.20",
         "objective MATH-7.2 renamed MATH-7.20 (replaces)"),
    ]),
    "objective statement reworded": (None, swap(course, "solve two-step equations.", "solve multi-step equations."),
                                     [
        ("objective-reworded", "course:MATH-7", "MATH-7.2", "statement", True,
         {"en": "I can solve two-step equations."}, {"en": "I can solve multi-step equations."},
         'objective MATH-7.2 statement reworded: "I can solve two-step equations." → "I can solve multi-step '
         'equations."'),
    ]),
    "objective dok": (None, swap(course, "dok: 2\n    assessment_types: [written-test]\n",
                                 "dok: 3\n    assessment_types: [written-test]\n"), [
        ("objective-dok-changed", "course:MATH-7", "MATH-7.2", "dok", False, 2, 3,
         "objective MATH-7.2 dok changed from 2 to 3"),
    ]),
    "objective weeks": (None, swap(course, "suggested_weeks: 6", "suggested_weeks: 8"), [
        ("objective-pacing-changed", "course:MATH-7", "MATH-7.1", "suggested weeks", False, 6.0, 8.0,
         "objective MATH-7.1 suggested weeks changed from 6 to 8"),
    ]),
    "alignment added": (None, swap(course, "aligns: [MATH.EE]\n", "aligns: [MATH.EE, MATH.RP.1]\n"), [
        ("alignment-added", "course:MATH-7", "MATH-7.2", None, False, None, "MATH.RP.1",
         "objective MATH-7.2 now builds MATH.RP.1"),
    ]),
    "standard added": (add_standards, swap(course, "aligns: [MATH.EE]\n", "aligns: [MATH.EE]\n    standards: "
                                          "[gse-math:MGSE7.EE.4]\n"), [
        ("standard-added", "course:MATH-7", "MATH-7.2", None, False, None, "gse-math:MGSE7.EE.4",
         "objective MATH-7.2 now covers state standard gse-math:MGSE7.EE.4"),
    ]),
    "standard removed": (both(add_standards, swap(course, "aligns: [MATH.EE]\n", "aligns: [MATH.EE]\n    "
                                                   "standards: [gse-math:MGSE7.EE.4]\n")),
                         swap(course, "standards: [gse-math:MGSE7.EE.4]\n", "standards: []\n"), [
        ("standard-removed", "course:MATH-7", "MATH-7.2", None, False, "gse-math:MGSE7.EE.4", None,
         "objective MATH-7.2 no longer covers state standard gse-math:MGSE7.EE.4"),
    ]),
    "alignment removed": (None, swap(course, "aligns: [MATH.RP, MATH.RP.2]", "aligns: [MATH.RP]"), [
        ("alignment-removed", "course:MATH-7", "MATH-7.1", None, True, "MATH.RP.2", None,
         "objective MATH-7.1 no longer builds MATH.RP.2"),
    ]),
    "assessment type allowed": (None, swap(course, "[written-test]\n", "[written-test, project]\n"), [
        ("assessment-type-added", "course:MATH-7", "MATH-7.2", None, False, None, "project",
         'objective MATH-7.2 now also allows "Project"'),
    ]),
    "assessment types removed": (None, swap(course, "[written-test, project, presentation]", "[written-test]"), [
        ("assessment-type-removed", "course:MATH-7", "MATH-7.1", None, True, "project", None,
         'objective MATH-7.1 no longer allows "Project"'),
        ("assessment-type-removed", "course:MATH-7", "MATH-7.1", None, True, "presentation", None,
         'objective MATH-7.1 no longer allows "Presentation"'),
    ]),
    "own rubric to shared": (None, swap(course, OWN_RUBRIC, "    rubric: MATH.RP\n"), [
        ("objective-rubric-source-changed", "course:MATH-7", "MATH-7.1", "rubric", False, None, "MATH.RP",
         "objective MATH-7.1 is now scored with the scoring criteria of MATH.RP (was its own rubric)"),
        ("rubric-criterion-added", "course:MATH-7", "MATH-7.1", None, True, None, "Accuracy",
         'objective MATH-7.1 rubric: criterion "Accuracy" added'),
        ("rubric-criterion-removed", "course:MATH-7", "MATH-7.1", None, False, "Modeling", None,
         'objective MATH-7.1 rubric: criterion "Modeling" removed'),
    ]),
    "criterion added": (None, swap(course, "4: Compares models.}\n", "4: Compares models.}\n" + PRECISION), [
        ("rubric-criterion-added", "course:MATH-7", "MATH-7.1", None, True, None, "Precision",
         'objective MATH-7.1 rubric: criterion "Precision" added'),
    ]),
    "criterion renamed": (None, swap(course, "criterion: Modeling", "criterion: Modelling"), [
        ("rubric-criterion-renamed", "course:MATH-7", "MATH-7.1", None, False, {"en": "Modeling"}, {"en": "Modelling"},
         'objective MATH-7.1 rubric: criterion name reworded: "Modeling" → "Modelling"'),
    ]),
    "descriptor at mastery": (None, swap(course, "3: Models correctly.", "3: Models the relationship."), [
        ("rubric-descriptor-changed", "course:MATH-7", "MATH-7.1", None, True, {"en": "Models correctly."},
         {"en": "Models the relationship."},
         'objective MATH-7.1 rubric: criterion "Modeling", level 3 (Meets) reworded: "Models correctly." → "Models '
         'the relationship."'),
    ]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_kind(tmp_path: Path, name: str) -> None:
    before, after, expected = CASES[name]
    assert [fact(c) for c in changes(tmp_path, before, after)] == expected


def test_every_kind_has_a_row() -> None:
    covered = {f[0] for _, _, expected in CASES.values() for f in expected}
    assert covered == set(KIND_LABELS["en"]), set(KIND_LABELS["en"]) ^ covered


def test_titles_prefer_the_new_edition_and_keep_what_was_removed(tmp_path: Path) -> None:
    # The outputs print a title next to every subject and item ID: the new edition's wording, and
    # for something removed, its last title.
    sides = []
    for name in ("old", "new"):
        root = tmp_path / name
        shutil.copytree(MINI, root)
        both(add_geometry, add_review, add_geo_course)(root)
        if name == "new":
            both(swap(district, "district: Test District", "district: Test District Schools"),
                 swap(alg, "title: Algebra I", "title: Algebra One"),
                 swap(alg, "title: Functions", "title: Functions!"),
                 swap(math, GEOMETRY, ""), swap(district, REVIEW, ""), add_evening, add_science,
                 swap(math, "es: Matemáticas}", "es: Matemática}"), lambda r: course(r, "geo").unlink())(root)
        result = check_repository(root, portfolios=False)
        assert result.framework is not None and not result.report.errors, result.report.sorted()
        sides.append(result.framework)
    titles = compare(sides[0], sides[1], Side("old", None, "x"), Side("new", None, "x")).titles
    shown = {item: titles[item].text() for item in (
        "district", "portfolio-review", "evening", "project", "community-school", "MATH", "SCI", "MATH.GEO",
        "MATH.RP", "ALG-1", "ALG-1.2", "GEO", "GEO.1", "MATH-7-OLD.1")}
    assert shown == {
        "district": "Test District Schools", "portfolio-review": "Portfolio review", "evening": "Evening school",
        "project": "Project", "community-school": "Your community school", "MATH": "Mathematics", "SCI": "Science",
        "MATH.GEO": "Geometry", "MATH.RP": "Ratios and proportional reasoning", "ALG-1": "Algebra One",
        "ALG-1.2": "Functions!", "GEO": "Geometry", "GEO.1": "Angles", "MATH-7-OLD.1": "Ratios"}
    assert titles["MATH"].text("es") == "Matemática"
