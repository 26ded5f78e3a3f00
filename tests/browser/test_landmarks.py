"""Screen-reader landmarks and named controls: each landmark's name is unique on its page, and every
progress bar says what it measures (the mastery map is a page families read with screen readers)."""

from __future__ import annotations

from typing import Any

import pytest

PAGES = [
    "portfolios/ola-middle/p-c7e03b/mastery/",
    "portfolios/luella-high/p-6e1d58/mastery/",
    "portfolios/flippen-elementary/p-51c0a7/mastery/",
    "portfolios/ola-middle/p-c7e03b/",
    "courses/math-7/",
    "es/courses/math-7/",
    "competencies/math/",
]

LANDMARKS = """() => [...document.querySelectorAll(
    '[role=region][aria-label], [role=region][aria-labelledby], nav[aria-label], [role=navigation][aria-label]')]
  .filter(e => e.checkVisibility({visibilityProperty: true}))  /* what a screen reader is given */
  .map(e => (e.getAttribute('role') || e.tagName.toLowerCase()) + ': ' + e.getAttribute('aria-label'))"""


@pytest.mark.browser
def test_landmark_names_are_unique_and_progress_bars_are_named(browser: Any, served: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems, bars = [], 0
    for path in PAGES:
        page.goto(served + path)
        page.wait_for_load_state("networkidle")
        names = page.evaluate(LANDMARKS)
        repeated = sorted({n for n in names if names.count(n) > 1})
        problems += [f"/{path}: landmark repeated: {n}" for n in repeated]
        for bar in page.locator("progress").all():
            bars += 1
            name = bar.get_attribute("aria-label") or ""
            said = ("Objectives for Mastery mastered", "Objetivos de dominio dominados")  # a student's language
            if bar.get_attribute("aria-hidden") == "true" or not any(words in name for words in said):
                problems.append(f"/{path}: progress bar without a name: {name!r}")
    context.close()
    assert bars >= 3
    assert not problems, "\n".join(problems)
