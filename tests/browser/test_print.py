"""A course page printed as a handout: no navigation, rubrics kept whole, link targets shown."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hcs_site.cli import main
from tests.browser.conftest import REPO


@pytest.mark.browser
def test_print_stylesheet_makes_a_clean_handout(browser: Any, served: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(served + "courses/math-7/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-content__button"):
        assert not page.is_visible(hidden), hidden
    assert page.is_visible("h1")
    breaks = page.eval_on_selector_all(
        "table.hcs-rubric tr", "rows => rows.map(r => getComputedStyle(r).breakInside)")
    assert breaks and set(breaks) == {"avoid"}
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.md-content a[data-print-url]'), '::after').content")
    assert re.match(r'^" \(https://henry-county-schools\.github\.io/competencies/.+\)"$', after), after
    context.close()


def test_pdf_command_refuses_an_unknown_course(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "content", root / "content")
    result = CliRunner().invoke(main, ["pdf", "MATH-77", "--root", str(root)])
    assert result.exit_code == 2
    assert "no course 'MATH-77'; use the nearest of 17: MATH-7," in result.output
