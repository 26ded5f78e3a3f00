"""The Spanish catalog filter understands Spanish: accents and case do not matter, a subject's
Spanish name finds its courses, and a course's English name still finds it."""

from __future__ import annotations

from typing import Any

import pytest


def _visible(page: Any) -> list[str]:
    return list(page.eval_on_selector_all(
        "ul.hcs-catalog > li:not([hidden]) a", "els => els.map(e => e.textContent.trim())"))


@pytest.mark.browser
def test_spanish_catalog_filter_matches_spanish_words_without_accents(browser: Any, served: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(served + "es/courses/")
    box = page.locator("#hcs-filter-text")
    math = page.eval_on_selector_all(
        "ul.hcs-catalog > li[data-area=MATH] a", "els => els.map(e => e.textContent.trim())")
    assert len(math) >= 5
    for typed in ("matemáticas", "MATEMATICAS", "matematicas"):
        box.fill(typed)
        assert sorted(_visible(page)) == sorted(math), typed
    box.fill("algebra")
    assert _visible(page) == ["Álgebra I"]  # Coordinate Algebra is retired: not in the catalog
    box.fill("biology")  # the English name on the Spanish site
    assert _visible(page) == ["Biología"]
    assert page.text_content("[data-hcs-count]") == "1 curso mostrado"
    box.fill("7 grado matematicas")  # every word, in any order
    assert _visible(page) == ["Matemáticas de 7.º grado"]
    context.close()


@pytest.mark.browser
def test_english_catalog_ignores_accents_too(browser: Any, served: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(served + "courses/")
    page.locator("#hcs-filter-text").fill("álgebra")
    assert _visible(page) == ["Algebra I"]
    assert page.text_content("[data-hcs-count]") == "1 course shown"
    page.locator("#hcs-filter-text").fill("grade 7")
    assert page.text_content("[data-hcs-count]") == f"{len(_visible(page))} courses shown"
    context.close()
