"""The hostile repository of `hostile_corpus` in Chromium: no planted handler or script ever runs.

Every payload sets `window.__pwned` and the document title. Each page with content is loaded, every
element in the article is hovered, focused and clicked (links are kept from navigating), and the
flag is read. A control page carrying the same payload as live markup proves the flag is set when a
handler does run, so a quiet result means something.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import Server
from tests.hostile_corpus import INLINE, two_editions
from tests.sitecheck import build

PAGES = [
    "courses/math-7/", "es/courses/math-7/", "competencies/math/", "courses/", "competencies/",
    "assessment-types/", "crosswalk/", "what-changed/", "portfolios/", "portfolios/bethlehem-elementary/",
    "portfolios/bethlehem-elementary/p-0001/", "portfolios/bethlehem-elementary/p-0001/mastery/",
    "portfolios/bethlehem-elementary/p-0001/ratio-recipes/",
]

TOUCH = """() => {
  document.addEventListener('click', e => e.preventDefault(), true);  // stay on the page
  const events = ['mouseover', 'mouseenter', 'focus', 'click', 'animationstart'];
  for (const el of document.querySelectorAll('article *')) {
    for (const type of events) el.dispatchEvent(new Event(type, {bubbles: true}));
    if (typeof el.focus === 'function') el.focus();
  }
  return document.querySelectorAll('article *').length;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = two_editions(tmp_path_factory.mktemp("hostile-browser") / "repo")
    result = build(root)
    assert result.exit_code == 0, result.output
    site = root / "site"
    (site / "control.html").write_text(f"<!doctype html><title>control</title><article>{INLINE}</article>",
                                       encoding="utf-8")
    server = Server(site)
    yield server.url
    server.close()


def _pwned(page: Any) -> bool:
    return bool(page.evaluate("() => window.__pwned === 1 || document.title === 'PWNED'"))


@pytest.mark.browser
def test_the_payload_runs_when_it_is_live_markup(browser: Any, hostile_site: str) -> None:
    page = browser.new_page()
    page.goto(hostile_site + "control.html")
    page.evaluate(TOUCH)
    page.wait_for_timeout(200)
    assert _pwned(page)
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_no_planted_handler_ever_fires(browser: Any, hostile_site: str, path: str) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    response = page.goto(hostile_site + path)
    assert response is not None and response.ok, path
    page.wait_for_load_state("load")
    touched = page.evaluate(TOUCH)
    page.wait_for_timeout(200)
    assert touched > 3, path
    assert not _pwned(page), path
    assert not dialogs, (path, dialogs)
    assert "B-" in page.locator("article").inner_text(), path  # the hostile text is there, as text
    page.close()
