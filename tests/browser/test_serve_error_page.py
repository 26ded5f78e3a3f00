"""The error page of `hcs-site serve` in Chromium: readable, accessible (axe, WCAG 2.1 AA), a quoted
value shows as text, and the tab reloads by itself into the page once a save fixes the content."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import describe, run_axe
from tests.test_serve_people import edit, serve

pytestmark = pytest.mark.browser

HOSTILE = '"<img src=x onerror=window.hcsPwned=1><script>window.hcsPwned=2</script>"'


def test_the_error_page_is_readable_accessible_and_reloads_itself_once_fixed(browser: Any, tmp_path: Path) -> None:
    broken = {"content/courses/math-7.yml": ("area: MATH\n", f"area: {HOSTILE}\n")}
    with serve(tmp_path, before=broken) as served:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        blocked: list[str] = []
        page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
        answer = page.goto(served.url("courses/math-7/"))
        assert answer is not None and answer.status == 500
        page.wait_for_load_state("load")
        assert page.title() == "The site could not be built: 1 error"
        assert page.locator("h1").inner_text() == "The site could not be built: 1 error"
        item = page.locator(".hcs-serve-problems li").first.inner_text()
        assert "content/courses/math-7.yml:5:7" in item
        assert "<img src=x onerror=window.hcsPwned=1><script>window.hcsPwned=2</script>" in item  # text, shown
        assert page.evaluate("window.hcsPwned") is None and page.locator("main img").count() == 0
        assert page.evaluate("getComputedStyle(document.querySelector('h1')).color") == "rgb(138, 28, 28)"
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scroll
        violations = run_axe(page)
        assert violations == [], describe(violations, "the serve error page")
        assert blocked == []
        edit(served.root / "content" / "courses" / "math-7.yml", f"area: {HOSTILE}\n", "area: MATH\n")
        deadline = time.monotonic() + 30
        while "Grade 7 Mathematics" not in page.title():  # the tab reloads itself: nobody presses F5
            assert time.monotonic() < deadline, page.content()[:500]
            page.wait_for_timeout(300)
        assert page.locator("h1").first.inner_text() == "Grade 7 Mathematics"
        context.close()
