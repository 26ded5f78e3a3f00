"""The families-first site in Chromium: the short name on a phone, no repository widget, search
that ranks family pages first and ignores accents, and a home page that fits and passes axe at a
phone's and a laptop's width, in English and Spanish, light and dark. Screenshots for people to
look at go to tests/artifacts/screenshots/ (ignored by Git)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import describe, run_axe
from tests.browser.search import results as found
from tests.browser.search import searched

OUT = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
FAMILY_PAGES = ("mastery/", "families/", "glossary/", "contact/", "")
"""Where a family's search should land first (locations in search_index.json)."""


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "query"), [("", "mastery"), ("", "rubric"), ("es/", "dominio"),
                                             ("es/", "rúbrica"), ("es/", "rubrica")])
def test_search_puts_a_family_page_first(browser: Any, served: str, lang: str, query: str) -> None:
    with searched(browser, served + lang, query) as page:
        results = found(page, served + lang)
    assert results and results[0][1] in FAMILY_PAGES, results[:5]
    staff = [i for i, (_t, where) in enumerate(results) if where.rstrip("/") in _STAFF]
    family = [i for i, (_t, where) in enumerate(results) if where in FAMILY_PAGES]
    assert not staff or min(staff) > max(family), results


_STAFF = {"performance", "architecture", "building-in-parts", "diagnostics", "data-and-api", "publishing",
          "accessibility", "content-model", "testing", "security", "portfolio-guide", "propose-a-change"}


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "query", "accented"), [
    ("es/", "rubrica", "rúbrica"), ("es/", "matematicas", "matemáticas"), ("es/", "evaluacion", "evaluación"),
    ("", "matematicas", "")])
def test_search_ignores_accents(browser: Any, served: str, lang: str, query: str, accented: str) -> None:
    with searched(browser, served + lang, query) as page:
        shown = page.inner_text(".md-search-result").lower()
    assert accented in shown and "no matching documents" not in shown, shown[:500]
    assert "data-hcs-folded" not in shown


@pytest.mark.browser
def test_the_home_search_box_opens_the_sites_search(browser: Any, served: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(served + "es/")
    page.wait_for_load_state("networkidle")
    page.fill("#hcs-home-q", "rubrica")
    page.press("#hcs-home-q", "Enter")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert "rúbrica" in page.inner_text(".md-search-result").lower()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", (390, 1280))
def test_the_header_shows_a_name_that_fits(browser: Any, served: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in ("", "es/", "courses/math-7/", "es/families/"):
        page.goto(served + path)
        page.wait_for_load_state("networkidle")
        shown = page.evaluate("""() => {
            const t = document.querySelector('.md-header__topic .md-ellipsis');
            const visible = [...t.children].filter(e => e.getBoundingClientRect().width > 1);
            return {names: visible.map(e => e.textContent.trim()), cut: t.scrollWidth > t.clientWidth + 1,
                    source: document.querySelectorAll('.md-source, .md-header__source').length,
                    credit: document.querySelector('.md-footer').innerText.includes('Made with')};
        }""")
        assert shown["names"] == (["HCS"] if width < 600 else [shown["names"][0]]), (path, shown)
        assert width < 600 or shown["names"][0].startswith(("Henry County Schools", "Escuelas del Condado")), shown
        assert not shown["cut"], (path, width, shown)
        assert shown["source"] == 0 and not shown["credit"], (path, shown)
    context.close()


HOME_PAGES = {"home": "", "es-home": "es/", "families": "families/", "es-families": "es/families/",
              "mastery": "mastery/", "es-mastery": "es/mastery/", "contact": "contact/", "es-contact": "es/contact/"}


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ("light", "dark"))
@pytest.mark.parametrize("width", (390, 1280))
def test_family_pages_fit_and_pass_axe(browser: Any, served: str, width: int, scheme: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    for name, path in HOME_PAGES.items():
        page.goto(served + path)
        page.wait_for_load_state("networkidle")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"/{path} at {width}px scrolls sideways by {overflow}px"
        violations = run_axe(page)
        assert violations == [], describe(violations, f"/{path} at {width}px, {scheme}")
        if name.endswith("home"):
            levels = page.eval_on_selector_all(".hcs-home-level", "els => els.map(e => e.getBoundingClientRect().x)")
            assert len(levels) == 3 and (len(set(levels)) == 1 if width < 600 else len(set(levels)) == 3), levels
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", (390, 1280))
def test_screenshots_of_family_pages(browser: Any, served: str, width: int) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for name, path in {**HOME_PAGES, "course": "courses/math-7/", "es-course": "es/courses/math-7/"}.items():
        page.goto(served + path)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(OUT / f"families-{name}-{width}.png"), full_page=True)
    context.close()
