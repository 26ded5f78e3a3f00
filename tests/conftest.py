"""A minimal, complete, valid content repository, and helpers to break it one file at a time.

`BASE` is the whole valid repository as {relative path: content}. Invalid cases override or add
files on top of it (see `tests/cases/` and `test_invalid_cases.py`). The dates are far in the
future and every check gets a fixed `TODAY`, so consent never expires under the tests.
"""

from __future__ import annotations

import base64
import datetime as dt
import shutil
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

TODAY = dt.date(2026, 10, 15)

# A 1x1 transparent PNG: the evidence's artifact.
PNG_1X1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)

DISTRICT = """\
district: Henry County Schools
short_name: HCS
default_language: en
languages: [en, es]
edition: "2026-27"
scale:
  - {level: 1, label: Emerging}
  - {level: 2, label: Progressing}
  - {level: 3, label: Meets, mastery: true}
  - {level: 4, label: Exceeds}
mastery_rule: {method: latest}
assessment_types:
  - id: written-test
    title: Written test
    description: Individual, timed, paper or online.
  - id: project
    title: {en: Project, es: Proyecto}
    description: Extended work that ends in a finished product.
  - id: presentation
    title: Presentation
    description: The student presents what they learned to an audience.
programs:
  - {id: community-school, title: Your community school}
  - {id: impact-academy, title: Impact Academy (virtual), virtual: true}
  - {id: academy-advanced-studies, title: Academy for Advanced Studies}
schools:
  - {id: luella-high, title: Luella High School, level: high}
  - {id: bethlehem-elementary, title: Bethlehem Elementary School, level: elementary}
"""

AREA_MATH = """\
id: MATH
title: Mathematics
kind: content
status: adopted
summary: What every graduate can do in mathematics.
competencies:
  - id: MATH.RP
    title: Ratios and proportional reasoning
    statement: Students analyze proportional relationships and use them to solve problems.
    universal: false
    performance_indicators:
      - {id: MATH.RP.1, statement: Compute unit rates., dok: 2}
      - {id: MATH.RP.2, statement: Recognize proportional relationships., dok: 2}
      - {id: MATH.RP.3, statement: Solve multistep ratio problems., dok: 3}
      - {id: MATH.RP.4, statement: Use percents in real-world problems., dok: 3}
    scoring_criteria:
      - criterion: Accuracy
        levels:
          1: Computes some rates with errors.
          2: Computes rates with minor errors.
          3: Computes rates correctly.
          4: Computes rates correctly and checks them.
  - id: MATH.EE
    title: Expressions and equations
    statement: Students write, read and solve equations.
    performance_indicators:
      - {id: MATH.EE.1, statement: Use properties of operations., dok: 1}
      - {id: MATH.EE.2, statement: Rewrite expressions in different forms., dok: 2}
      - {id: MATH.EE.3, statement: Solve multistep problems., dok: 3}
      - {id: MATH.EE.4, statement: Write and solve equations., dok: 3}
    scoring_criteria:
      - criterion: {en: Reasoning, es: Razonamiento}
        levels: {1: Guesses., 2: Tries a strategy., 3: Justifies each step., 4: Compares strategies.}
"""

COURSE_MATH_7 = """\
id: MATH-7
title: Grade 7 Mathematics
state_code: "27.02200"
area: MATH
grades: [7]
credit: 1.0
status: adopted
programs: [community-school, impact-academy]
description: What a family should know about this course.
pacing:
  suggested_weeks: 36
  note: Students move on when they show mastery.
objectives:
  - id: MATH-7.1
    title: Proportional relationships
    statement: I can recognize and represent proportional relationships.
    aligns: [MATH.RP, MATH.RP.2]
    dok: 3
    assessment_types: [written-test, project]
    rubric: MATH.RP
    suggested_weeks: 6
  - id: MATH-7.2
    title: Unit rates
    statement: I can compute unit rates.
    aligns: [MATH.RP.1]
    dok: 2
    assessment_types: [written-test]
    rubric:
      - criterion: Modeling
        levels:
          1: Identifies some quantities.
          2: Writes a ratio but misidentifies the relationship.
          3: Models the relationship correctly.
          4: Compares several models.
  - id: MATH-7.3
    title: Equations
    statement: I can write and solve equations.
    aligns: [MATH.EE]
    dok: 3
    assessment_types: [written-test, presentation]
    rubric: MATH.EE
"""

PORTFOLIO = """\
---
display_name: Maya S.
school: bethlehem-elementary
grade: 5
language: en
consent:
  publish: true
  guardian: true
  date: 2026-09-01
  expires: 2099-06-30
goals:
  - goal: Explain how I compare prices.
    aligns: [MATH.RP]
    status: in-progress
interests: [robotics, drawing]
plan:
  - {course: MATH-7, status: planned, year: 2026-27}
---
About me, in my own words.
"""

EVIDENCE = """\
---
title: Ratio recipes
date: 2026-10-12
course: MATH-7
objectives: [MATH-7.1]
competencies: [MATH.EE]
assessment_type: project
level: 3
scored_by: teacher
artifacts:
  - {file: recipe-poster.png, alt: Poster comparing three recipes by cost per serving}
---
Reflection: what I did, what I learned, what I would do differently.
"""

BASE: dict[str, str | bytes] = {
    "content/district.yml": DISTRICT,
    "content/competencies/math.yml": AREA_MATH,
    "content/courses/math-7.yml": COURSE_MATH_7,
    "portfolios/p-0001/portfolio.md": PORTFOLIO,
    "portfolios/p-0001/evidence/ratio-recipes.md": EVIDENCE,
    "portfolios/p-0001/recipe-poster.png": PNG_1X1,
}


def write_files(root: Path, files: Mapping[str, str | bytes | None]) -> Path:
    """Write (or, for None, delete) files under `root`; text is written as UTF-8 with LF."""
    for rel, content in files.items():
        target = root / rel
        if content is None:
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_bytes(content.encode("utf-8"))
    return root


MakeRepo = Callable[..., Path]


@pytest.fixture
def make_repo(tmp_path: Path) -> MakeRepo:
    """make_repo(overrides=None) -> root: the valid base, then `overrides` (None deletes a file)."""

    def make(overrides: Mapping[str, str | bytes | None] | None = None) -> Path:
        root = tmp_path / "repo"
        if root.exists():
            shutil.rmtree(root)
        write_files(root, BASE)
        write_files(root, overrides or {})
        return root

    return make


SMALL_SITE = {"mkdocs.yml": "site_name: T\ntheme:\n  name: material\nplugins:\n  - search\n  - hcs\n",
              "docs/guide.md": "# Guide\n\nHow to read a course page.\n"}
"""A plain mkdocs.yml (search and hcs) and one hand-written page, for the build cache's tests."""


@pytest.fixture
def two_students(make_repo: MakeRepo) -> Path:
    """The valid district built with `SMALL_SITE`, with a second student, Leo (p-0002), beside
    Maya (p-0001): a change to one student's files must leave the other's pages alone."""
    root = make_repo(SMALL_SITE)
    maya = root / "portfolios" / "p-0001"
    for path in sorted(maya.rglob("*")):
        if path.is_file():
            target = root / "portfolios" / "p-0002" / path.relative_to(maya)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes().replace(b"Maya S.", b"Leo R."))
    return root


@pytest.fixture
def valid_repo(make_repo: MakeRepo) -> Path:
    return make_repo()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole run (Playwright cannot nest two in one thread)."""
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, _need_browser

    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
