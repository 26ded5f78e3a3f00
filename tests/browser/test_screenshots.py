"""Screenshots for people to look at: home, catalog, a course and a portfolio at a phone's and a
laptop's width, in English and Spanish. Written to tests/artifacts/screenshots/ (ignored by Git, kept
by CI as an artefact). The test checks only that each page showed its title without sideways
scrolling; judging the look is a person's job (docs/accessibility.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

OUT = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
PAGES = {
    "home": "", "catalog": "courses/", "course": "courses/math-7/",
    "es-home": "es/", "es-catalog": "es/courses/", "es-course": "es/courses/math-7/",
    "portfolio": "portfolios/ola-middle/p-c7e03b/",
    "portfolio-es-student": "portfolios/flippen-elementary/p-51c0a7/",
    "evidence-es-student": "portfolios/flippen-elementary/p-51c0a7/fases-de-la-luna/",
    "mastery-es-student": "portfolios/flippen-elementary/p-51c0a7/mastery/",
}
WIDTHS = (390, 1280)


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots_for_review(browser: Any, served: str, width: int) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for name, path in PAGES.items():
        page.goto(served + path)
        page.wait_for_load_state("networkidle")
        assert page.is_visible("h1"), path
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"/{path} at {width}px scrolls sideways by {overflow}px"
        page.screenshot(path=str(OUT / f"{name}-{width}.png"), full_page=True)
    context.close()
