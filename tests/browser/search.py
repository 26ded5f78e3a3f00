"""Material's search dialog, opened as a reader opens it: the `s` key, then the words typed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def searched(browser: Any, url: str, query: str) -> Iterator[Any]:
    """A desktop page at `url` with the search dialog open on `query` and its first results shown."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")  # the search worker has its index
        page.keyboard.press("s")
        page.keyboard.type(query)
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        yield page
    finally:
        context.close()


def results(page: Any, url: str) -> list[tuple[str, str]]:
    """(title, address relative to `url`) of each result shown, best first."""
    found = page.eval_on_selector_all(
        ".md-search-result__item > a",
        "els => els.map(a => [(a.querySelector('h1, h2') || a).textContent.trim(), a.href])")
    return [(title, href.split("?")[0].split("#")[0].removeprefix(url)) for title, href in found]
