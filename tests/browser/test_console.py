"""No page throws, logs an error or asks for something that is not there, whether the site is
published with mike (editions beside versions.json) or built and hosted plainly (no
versions.json anywhere); the 404 page works deep inside an edition; the catalog does not move
after it is drawn (Cumulative Layout Shift, on a phone)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_privacy import PAGES, VERSIONS, Watched, host

CLS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) { if (!e.hadRecentInput) total += e.value; } })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1500);
})"""


@pytest.fixture(scope="module")
def layouts(sample_site: Path, edition_site: Path,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """`plain`: `hcs-site build` hosted at its site_url path; `mike`: an edition as publish makes it."""
    with host({"competencies": sample_site}, {}, tmp_path_factory.mktemp("plain-host")) as plain, \
            host({"competencies/2026-27": edition_site}, {"competencies/versions.json": VERSIONS},
                 tmp_path_factory.mktemp("mike-host")) as mike:
        yield {"plain": plain + "competencies/", "mike": mike + "competencies/2026-27/"}


def failed(tab: Watched, responses: list[tuple[int, str]], page_url: str) -> list[str]:
    return [f"{status} {url}" for status, url in responses if status >= 400 and url != page_url]


@pytest.mark.browser
@pytest.mark.parametrize("layout", ["plain", "mike"])
def test_no_console_error_on_any_page(browser: Any, layouts: dict[str, str], layout: str) -> None:
    base = layouts[layout]
    tab = Watched(browser)
    responses: list[tuple[int, str]] = []
    tab.page.on("response", lambda r: responses.append((r.status, r.url)))
    problems = {}
    try:
        for name, path in {**PAGES, "404 deep in the site": "courses/no/such/page/"}.items():
            tab.requests, tab.errors, responses[:] = [], [], []
            status = tab.open(base + path)
            found = {
                "status": status if status != (404 if "404" in name else 200) else None,
                "console errors": [e for e in tab.errors if not ("404" in name and "404" in e)],
                "failed requests": failed(tab, responses, base + path),
                "versions.json asked for": [u for u in tab.requests if u.endswith("versions.json")]
                if layout == "plain" else [],
                # the theme's stylesheet and script loaded (absolute addresses that break would not)
                "theme not loaded": None if tab.page.evaluate(
                    "getComputedStyle(document.querySelector('.md-header')).position === 'sticky'"
                    " && typeof __md_get === 'function'") else True,
            }
            found = {k: v for k, v in found.items() if v}
            if found:
                problems[name] = found
    finally:
        tab.close()
    assert problems == {}


@pytest.mark.browser
def test_the_edition_selector_lists_the_editions_under_mike(browser: Any, layouts: dict[str, str]) -> None:
    tab = Watched(browser)
    try:
        tab.open(layouts["mike"] + "courses/math-7/")
        tab.page.wait_for_selector(".md-version__current")
        assert tab.page.text_content(".md-version__current") == "2026-27"
        tab.open(layouts["plain"] + "courses/math-7/")
        assert tab.page.query_selector(".md-version") is None
    finally:
        tab.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["courses/", "es/courses/"])
def test_the_catalog_does_not_shift_on_a_phone(browser: Any, layouts: dict[str, str], path: str) -> None:
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=2.625,
                                  is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        # scripts arrive late, as on a slow phone: the page is drawn before they run
        page.route("**/*.js", lambda route: (time.sleep(0.7), route.continue_()))
        page.goto(layouts["mike"] + path)
        page.wait_for_load_state("networkidle")
        shift = page.evaluate(CLS)
        assert page.is_visible("form.hcs-filters"), "the filters are shown once the script ran"
        assert shift < 0.01, f"cumulative layout shift {shift:.3f}"
    finally:
        context.close()
