"""Golden files: the Markdown each page template produces for a small fixed repository.

A template change shows up here as a readable diff. After an intended change, regenerate with
`UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden_pages.py` and review the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hcs_site.check.pipeline import check_repository
from hcs_site.render.framework_pages import framework_pages
from hcs_site.render.page import Page

MINI = Path(__file__).parent / "fixtures" / "mini"
GOLDEN = Path(__file__).parent / "golden"

# One page per template (course, area, catalog, areas index, assessment types, crosswalk), plus the
# retired course page and the Spanish course page that exercise the other branches.
CASES = [
    "courses/math-7.md",
    "courses/math-7-old.md",
    "courses/alg-1.md",
    "competencies/math.md",
    "competencies/xc.md",
    "courses/index.md",
    "competencies/index.md",
    "assessment-types.md",
    "crosswalk.md",
    "es/courses/math-7.md",
    # The families-first pages (render/family_pages.py) and the first edition's What-changed page.
    "mastery.md",
    "contact.md",
    "es/contact.md",
    "what-changed.md",
]


@pytest.fixture(scope="module")
def pages() -> dict[str, Page]:
    result = check_repository(MINI, portfolios=False)
    assert result.report.errors == 0, result.report.sorted()
    assert result.framework is not None
    return {p.path: p for p in framework_pages(result.framework, languages=["en", "es"])}


@pytest.mark.parametrize("path", CASES)
def test_page_matches_golden(pages: dict[str, Page], path: str) -> None:
    golden = GOLDEN / (path.replace("/", "__"))
    produced = pages[path].content
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert golden.exists(), f"no golden file for {path}; run with UPDATE_GOLDEN=1"
    assert produced == golden.read_text(encoding="utf-8")


def test_rendering_twice_is_identical() -> None:
    def render() -> list[tuple[str, str]]:
        result = check_repository(MINI, portfolios=False)
        assert result.framework is not None
        return [(p.path, p.content) for p in framework_pages(result.framework, languages=["en", "es"])]

    assert render() == render()


def test_committee_html_is_escaped_not_rendered(pages: dict[str, Page]) -> None:
    body = pages["courses/math-7.md"].content.split("\n---\n", 1)[1]
    assert "<b>more</b>" not in body
    assert "&lt;b&gt;more&lt;&#47;b&gt;" in body  # text, inert to MkDocs' own Markdown parse


def test_spanish_page_marks_untranslated_text(pages: dict[str, Page]) -> None:
    es = pages["es/courses/math-7.md"].content
    assert "Matemáticas de 7.º grado" in es
    # The pacing note has no Spanish: it is shown in English, marked as such.
    assert '<div class="hcs-text hcs-fallback" lang="en"><p>Students move on when they show mastery&#46;</p>' in es
    assert "(todavía sin traducir)" in es
