"""WCAG 2.1 AA in a real browser: axe-core on every page template, on a desktop and a phone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.axe import describe, run_axe

PAGES = {
    "home": "",
    "catalog": "courses/",
    "course": "courses/math-7/",
    "competency area": "competencies/math/",
    "cross-curricular area": "competencies/xc/",
    "assessment types": "assessment-types/",
    "crosswalk": "crosswalk/",
    "families help": "families/",
    "glossary": "glossary/",
    "what changed": "what-changed/",
    "data and API": "data-and-api/",
    "Spanish course": "es/courses/math-7/",
    "Spanish catalog": "es/courses/",
    "Spanish home": "es/",
    "Spanish families help": "es/families/",
    "Spanish glossary": "es/glossary/",
    "Spanish competency area": "es/competencies/math/",
    "404 page": "404.html",
    "Spanish 404 page": "es/404.html",
}
WIDTHS = {"desktop": 1280, "phone": 390}


SCHEMES = ("light", "dark")


@pytest.fixture(scope="module", params=SCHEMES)
def context(browser: Any, request: pytest.FixtureRequest) -> Any:
    """Material picks the light or dark palette from the system preference; both ship."""
    ctx = browser.new_context(color_scheme=request.param)
    yield ctx
    ctx.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_has_no_axe_violations(context: Any, served: str, path: str, width: int) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(served + path)  # "load": the page and its scripts ran (no waiting for the search worker)
    violations = run_axe(page)
    page.close()
    assert not violations, "\n" + describe(violations, f"/{path} at {width}px")


@pytest.mark.browser
def test_broken_contrast_is_caught(context: Any, served: str) -> None:
    """The check can fail: grey on grey (in either palette) must be reported, naming rule and element."""
    page = context.new_page()
    page.goto(served + "courses/math-7/")
    # The page's Content-Security-Policy refuses a <style> element; a constructed stylesheet is CSSOM.
    page.evaluate("""() => { const sheet = new CSSStyleSheet();
        sheet.replaceSync('.hcs-statement { color: #909090 !important; background: #a0a0a0 !important; }');
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }""")
    violations = run_axe(page)
    page.close()
    report = describe(violations, "/courses/math-7/")
    assert "color-contrast on /courses/math-7/: .hcs-statement" in report or (
        "color-contrast" in report and "hcs-statement" in report), report
