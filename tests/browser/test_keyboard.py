"""Keyboard-only use: the catalog filters and the edition selector, with no mouse at all."""

from __future__ import annotations

from typing import Any

import pytest

FILTERS = ["hcs-filter-area", "hcs-filter-band", "hcs-filter-program", "hcs-filter-text"]


def _tab_to(page: Any, predicate: str, limit: int = 80) -> int:
    """Press Tab until `predicate` (JS on document.activeElement) holds; return the count."""
    for count in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()"):
            return count
    raise AssertionError(f"never reached by Tab: {predicate}")


def _visible_courses(page: Any) -> list[str]:
    return list(page.eval_on_selector_all(
        "ul.hcs-catalog > li:not([hidden]) a", "els => els.map(e => e.textContent.trim())"))


@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    yield p
    context.close()


@pytest.mark.browser
def test_catalog_filters_work_from_the_keyboard(page: Any, served: str) -> None:
    page.goto(served + "courses/")
    everything = _visible_courses(page)
    assert len(everything) >= 12
    _tab_to(page, "el.id === 'hcs-filter-area'")
    order = [page.evaluate("document.activeElement.id")]
    for _ in FILTERS[1:]:
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id"))
    assert order == FILTERS
    # Back to the school-level filter, choose "Middle (6-8)" with the arrow keys.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "hcs-filter-band"
    while page.evaluate("document.activeElement.value") != "middle":
        page.keyboard.press("ArrowDown")
    middle = _visible_courses(page)
    assert "Grade 7 Mathematics" in middle and "Biology" not in middle
    assert "Algebra I" in middle  # grades 8-9: middle and high school
    status = page.text_content("[data-hcs-count]") or ""
    assert status == f"{len(middle)} courses shown"
    # Type in the search box: only matching courses stay.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "hcs-filter-text"
    page.keyboard.type("algebra")
    assert _visible_courses(page) == ["Algebra I"]
    page.keyboard.type("zzz")
    assert _visible_courses(page) == []
    assert page.text_content("[data-hcs-count]") == "No course matches these choices."


@pytest.mark.browser
def test_catalog_without_javascript_is_a_plain_list(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    p = context.new_page()
    p.goto(served + "courses/")
    assert not p.is_visible("form.hcs-filters")
    assert len(_visible_courses(p)) >= 12
    context.close()


@pytest.mark.browser
def test_edition_selector_works_from_the_keyboard(page: Any, served: str) -> None:
    page.goto(served + "courses/math-7/")
    page.wait_for_selector(".md-version__current")
    assert page.text_content(".md-version__current") == "2026-27"
    _tab_to(page, "el.classList.contains('md-version__current')")
    page.keyboard.press("Tab")
    link = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.href]")
    assert link[0] == "2026-27"
    page.keyboard.press("Tab")
    link = page.evaluate("[document.activeElement.textContent.trim(), document.activeElement.href]")
    assert link[0] == "2025-26" and "/2025-26/" in link[1]
    page.keyboard.press("Enter")
    page.wait_for_url("**/2025-26/**")
    assert "/2025-26/" in page.url
