"""Keyboard use on a phone-sized screen and a keyboard-only walk to what a family came for.

Closed panels (the navigation drawer, the search panel) must take no focus: every element Tab
reaches is on screen. The header's menu button opens the drawer from the keyboard and Escape
closes it. From the home page, the keyboard alone reaches a course's mastery descriptor.
"""

from __future__ import annotations

from typing import Any

import pytest

FOCUSED = """() => {
  let el = document.activeElement;
  if (el && el.matches('input.md-option') && el.nextElementSibling) el = el.nextElementSibling;
  const r = el.getBoundingClientRect();
  const shown = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 &&
    r.left < window.innerWidth && r.top < window.innerHeight &&
    getComputedStyle(el).visibility === 'visible';
  return {tag: el.tagName, cls: String(el.className), text: (el.textContent || '').trim().slice(0, 40),
          shown, inContent: !!el.closest('.md-content'), box: [r.left, r.top, r.right, r.bottom]};
}"""


def _tabs_to_content(page: Any, limit: int = 60) -> list[dict[str, Any]]:
    """Tab from the top of the page until focus is in the page's text; what was focused on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        where = page.evaluate(FOCUSED)
        if where["inContent"]:
            return seen
        seen.append(where)
    raise AssertionError(f"content never reached by Tab: {seen}")


@pytest.fixture
def phone(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "courses/math-7/", "es/courses/math-7/", "families/"])
def test_closed_panels_take_no_focus_on_a_phone(phone: Any, served: str, path: str) -> None:
    phone.goto(served + path)
    phone.wait_for_load_state("networkidle")
    before = _tabs_to_content(phone)
    unseen = [w for w in before if not w["shown"]]
    assert not unseen, f"focus went where nobody can see it on /{path}: {unseen}"
    # Skip link, menu, edition (3), palette, language (3), search: the page's text comes next.
    assert len(before) <= 11, [w["text"] or w["cls"] for w in before]


@pytest.mark.browser
def test_menu_opens_and_closes_from_the_keyboard(phone: Any, served: str) -> None:
    phone.goto(served + "courses/math-7/")
    phone.wait_for_load_state("networkidle")
    menu = phone.locator('.md-header button[data-hcs-toggle="__drawer"]')
    assert menu.get_attribute("aria-label") == "Navigation menu"
    assert phone.locator('.md-header label[for="__drawer"]').is_hidden()  # the label it stands for
    assert menu.get_attribute("aria-expanded") == "false"
    for _ in range(10):
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.dataset.hcsToggle === '__drawer'"):
            break
    else:
        raise AssertionError("the menu button is not reachable by Tab")
    phone.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    phone.wait_for_timeout(400)  # the drawer slides in; focus moves to its first link
    assert phone.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
    where = phone.evaluate(FOCUSED)
    assert where["shown"], where
    phone.keyboard.press("Tab")
    assert phone.evaluate(FOCUSED)["shown"]
    phone.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    assert phone.evaluate("document.activeElement.dataset.hcsToggle") == "__drawer"
    # Closed again: Tab goes on past the header without entering the drawer.
    phone.wait_for_timeout(400)
    assert all(w["shown"] for w in _tabs_to_content(phone))


@pytest.mark.browser
def test_spanish_header_buttons_speak_spanish(phone: Any, served: str) -> None:
    phone.goto(served + "es/courses/math-7/")
    phone.wait_for_load_state("networkidle")
    assert phone.get_attribute('.md-header button[data-hcs-toggle="__drawer"]', "aria-label") == "Menú de navegación"
    assert phone.get_attribute('.md-header button[data-hcs-toggle="__search"]', "aria-label") == "Buscar"


def _tab_until(page: Any, predicate: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()"):
            assert page.evaluate(FOCUSED)["shown"]
            return
    raise AssertionError(f"never reached by Tab: {predicate}")


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_keyboard_walk_from_home_to_a_mastery_descriptor(browser: Any, served: str, width: int) -> None:
    """Home -> catalog -> a course -> its first objective, where the mastery descriptor is on screen."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(served)
    page.wait_for_load_state("networkidle")
    _tab_until(page, "el.closest('.md-content') && el.getAttribute('href') === 'courses/'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/courses/")
    page.wait_for_load_state("networkidle")
    _tab_until(page, "el.closest('.hcs-catalog') && el.textContent.trim() === 'Grade 7 Mathematics'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/courses/math-7/")
    page.wait_for_load_state("networkidle")
    # The first link into the objective: its first "Builds" competency link sits just above the rubric.
    _tab_until(page, "el.closest('.md-content') && el.getAttribute('href') === '../../glossary/#rubric'")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.md-content') && "
                         "document.activeElement.compareDocumentPosition("
                         "document.querySelector('#math-7-1 ~ p.hcs-statement')) & 2"):
            break
    descriptor = page.locator("table.hcs-rubric").first.locator("tbody tr").first.locator("td.hcs-mastery")
    descriptor.scroll_into_view_if_needed()
    assert descriptor.inner_text().strip()
    column = page.locator("table.hcs-rubric").first.locator("thead th.hcs-mastery")
    assert "(mastery)" in (column.text_content() or "")
    if width < 768:  # a card: the level is named in the cell itself
        assert "(mastery)" in descriptor.inner_text()
    box = descriptor.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    context.close()
