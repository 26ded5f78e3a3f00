"""The sample repository is a real bilingual site (issue 15, item 3): a parent who chooses Español
reads every course's and subject's summary, pacing note and headings in Spanish. What is still
English (objective statements, performance indicators, rubrics) is marked, as docs/families.md says.

These read the sample's own content/ through the core renderer (no MkDocs), so they take a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from hcs_site.check.pipeline import check_repository
from hcs_site.check.private_text import private_details
from hcs_site.render.framework_pages import framework_pages

REPO = Path(__file__).resolve().parents[1]
NOT_TRANSLATED = "hcs-not-translated"
SUMMARY = re.compile(r'<div class="hcs-summary" markdown>\n(.*?)\n</div>\n', re.S)
ENGLISH_HEADING = re.compile(r"^#+ .*\blang=en\b.*$", re.M)


@pytest.fixture(scope="module")
def spanish_pages() -> dict[str, str]:
    result = check_repository(REPO, portfolios=False)
    assert result.report.errors == 0 and result.report.warnings == 0, result.report.sorted()
    assert result.framework is not None
    return {p.path: p.content for p in framework_pages(result.framework, languages=["en", "es"])
            if p.path.startswith("es/")}


def _pages(pages: dict[str, str], folder: str) -> dict[str, str]:
    found = {path: text for path, text in pages.items()
             if path.startswith(f"es/{folder}/") and not path.endswith("/index.md")}
    assert found, f"the sample has no Spanish {folder} pages"
    return found


@pytest.mark.parametrize("folder", ["courses", "competencies"])
def test_summary_box_is_spanish_on_every_course_and_subject_page(
        spanish_pages: dict[str, str], folder: str) -> None:
    for path, text in _pages(spanish_pages, folder).items():
        box = SUMMARY.search(text)
        assert box is not None, f"{path}: no 'En resumen' box"
        assert NOT_TRANSLATED not in box.group(1) and 'lang="en"' not in box.group(1), (path, box.group(1))
        front = text.split("\n---\n", 1)[0]  # the page's <meta name="description"> for search engines
        assert re.search(r'^description: "\S', front, re.M), (path, front)


@pytest.mark.parametrize("folder", ["courses", "competencies"])
def test_no_english_heading_description_or_pacing_note_on_spanish_pages(
        spanish_pages: dict[str, str], folder: str) -> None:
    """Objective and competency titles are headings; an untranslated one carries `lang=en`. An
    untranslated description, pacing note or competency statement is an English fallback block."""
    for path, text in _pages(spanish_pages, folder).items():
        assert ENGLISH_HEADING.findall(text) == [], path
        assert "hcs-fallback" not in text, path
        if folder == "competencies":  # a course's objective statements may stay English
            assert '<p class="hcs-statement"><span lang="en">' not in text, path


def test_catalog_and_subject_index_have_nothing_untranslated(spanish_pages: dict[str, str]) -> None:
    for path in ("es/courses/index.md", "es/competencies/index.md"):
        assert NOT_TRANSLATED not in spanish_pages[path], path


def _spanish(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "es" and isinstance(value, str):
                yield where, value
            else:
                yield from _spanish(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _spanish(value, f"{where}[{i}]")


def test_sample_spanish_names_no_private_details() -> None:
    """The sample is published under a district's name: its Spanish, like its English, holds no
    phone number, email, street address, birth date or student number."""
    texts = [(f"{path.relative_to(REPO)}{where}", text)
             for path in sorted((REPO / "content").rglob("*.yml"))
             for where, text in _spanish(yaml.safe_load(path.read_text(encoding="utf-8")), "")]
    assert len(texts) > 300  # every course and subject: descriptions, notes, titles, statements
    found = [(where, private_details(text, markdown=True)) for where, text in texts]
    assert [f for f in found if f[1]] == []
