"""Search in both languages, from the keyboard, in the built site."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.search import results, searched


def _search(browser: Any, url: str, query: str) -> list[str]:
    with searched(browser, url, query) as page:
        return [title for title, _where in results(page, url)]


@pytest.mark.browser
def test_english_search_finds_courses(browser: Any, served: str) -> None:
    titles = _search(browser, served, "proportional")
    assert any("Grade 7 Mathematics" in t or "Proportional" in t for t in titles), titles


@pytest.mark.browser
def test_spanish_search_finds_spanish_pages(browser: Any, served: str) -> None:
    # "ecuaciones" is only in the Spanish text; the Spanish index must stem and find it.
    titles = _search(browser, served + "es/", "ecuaciones")
    assert any("Matemáticas" in t or "ecuaciones" in t.lower() for t in titles), titles


@pytest.mark.browser
def test_portfolio_pages_are_not_searchable(browser: Any, served: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    response = page.goto(served + "search/search_index.json")
    assert response is not None
    index = response.json()
    context.close()
    assert index["docs"], "the search index is empty"
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("portfolios/")]
