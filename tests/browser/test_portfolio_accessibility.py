"""Portfolio pages in Chromium: axe-core (WCAG 2.1 AA), and the phone layout of the mastery map.

A student's pages are read on phones first; the mastery map's status must be on screen at 390 px,
not in a column scrolled out of view.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.axe import describe, run_axe

PAGES = {
    "portfolios index": "portfolios/",
    "school index": "portfolios/ola-middle/",
    "portfolio home": "portfolios/ola-middle/p-c7e03b/",
    "mastery map": "portfolios/ola-middle/p-c7e03b/mastery/",
    "evidence with a picture": "portfolios/ola-middle/p-c7e03b/ratio-recipes/",
    "evidence with a PDF": "portfolios/stockbridge-high/p-94b2e0/creek-water/",
    "Spanish-speaking student": "portfolios/flippen-elementary/p-51c0a7/",
}


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_portfolio_page_has_no_axe_violations(browser: Any, served: str, path: str, width: int,
                                               scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(served + path)  # "load": the page and its scripts ran (no waiting for the search worker)
    violations = run_axe(page)
    context.close()
    assert not violations, "\n" + describe(violations, f"/{path} at {width}px, {scheme}")


@pytest.mark.browser
def test_mastery_status_is_on_screen_on_a_phone(browser: Any, served: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(served + "portfolios/ola-middle/p-c7e03b/mastery/")
    status = page.locator("#math-7 ~ div table .hcs-mastered").first
    box = status.bounding_box()
    label = page.locator("#math-7 ~ div table .hcs-cell-label").first
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert label.is_visible()  # each cell names itself once the header row is hidden
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not label.is_visible() and page.locator("#math-7 ~ div table thead").first.is_visible()
    context.close()
