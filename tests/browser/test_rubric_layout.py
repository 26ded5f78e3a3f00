"""Rubrics a parent can read on any screen: no cell is cut off, nothing scrolls sideways.

On every course and competency-area page, in both languages and both palettes, at a phone, a
tablet, a laptop and a desktop width, every visible rubric cell must lie inside the viewport and
inside every ancestor that clips (overflow other than visible).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

WIDTHS = {"phone": 390, "tablet": 768, "laptop": 1280, "desktop": 1440}
SCHEMES = ("light", "dark")
"""Material's palettes: `default` is light, `slate` dark."""

OUTSIDE = """() => {
  const bad = [];
  for (const cell of document.querySelectorAll('table.hcs-rubric th, table.hcs-rubric td')) {
    const r = cell.getBoundingClientRect();
    const head = cell.closest('thead');
    const hidden = head && head.getBoundingClientRect().width <= 1;  /* kept for screen readers only */
    if (hidden || r.width <= 1 || r.height <= 1) continue;  /* not shown */
    const what = cell.textContent.trim().slice(0, 40);
    if (r.left < -0.5 || r.right > window.innerWidth + 0.5) {
      bad.push(`${what}: ${Math.round(r.left)}-${Math.round(r.right)} outside the viewport`);
      continue;
    }
    for (let a = cell.parentElement; a; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const box = a.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) {
        bad.push(`${what}: ${Math.round(r.left)}-${Math.round(r.right)} clipped by ` +
                 `${a.tagName.toLowerCase()}.${a.className} ${Math.round(box.left)}-${Math.round(box.right)}`);
        break;
      }
    }
  }
  return bad;
}"""


def rubric_pages(site: Path) -> list[str]:
    """Every course and area page of the built site, in every language."""
    found = []
    for prefix in ("", "es/"):
        for kind in ("courses", "competencies"):
            for index in sorted((site / prefix / kind).glob("*/index.html")):
                found.append(f"{prefix}{kind}/{index.parent.name}/")
    return found


@pytest.mark.browser
def test_every_rubric_cell_is_on_screen(browser: Any, served: str, sample_site: Path) -> None:
    """Each page is loaded once and measured at every width in both palettes (the palette is
    switched as Material's own toggle does it, and the layout follows the viewport)."""
    pages = rubric_pages(sample_site)
    assert len(pages) >= 30 and "es/courses/math-7/" in pages
    context = browser.new_context()
    page = context.new_page()
    page.route("**/search/**", lambda route: route.abort())  # not needed to measure
    problems, cells, measured = [], 0, set()
    for path in pages:
        page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
        page.goto(served + path)
        cells += page.locator("table.hcs-rubric td").count()
        for scheme in SCHEMES:
            page.evaluate("s => document.body.setAttribute('data-md-color-scheme', s)",
                          "slate" if scheme == "dark" else "default")
            for width in WIDTHS.values():
                page.set_viewport_size({"width": width, "height": 900})
                measured.add((scheme, width))
                problems += [f"/{path} at {width}px, {scheme}: {p}" for p in page.evaluate(OUTSIDE)]
    context.close()
    assert cells > 100 and len(measured) == len(SCHEMES) * len(WIDTHS)
    assert not problems, "\n".join(problems[:20])


@pytest.mark.browser
def test_phone_rubric_is_a_card_per_criterion_with_mastery_marked(browser: Any, served: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(served + "es/courses/math-7/")
    first_row = page.locator("table.hcs-rubric tbody tr").first
    # Stacked: each level below the one before, each as wide as the card.
    boxes = [c.bounding_box() for c in first_row.locator("td").all()]
    assert all(b is not None for b in boxes)
    tops = [b["y"] for b in boxes if b]
    assert tops == sorted(tops) and len(set(tops)) == len(tops)
    # The level's name is shown inside each cell, and the mastery cell says so in words.
    mastery = first_row.locator("td.hcs-mastery")
    assert mastery.locator(".hcs-cell-level").is_visible()
    assert "(dominio)" in mastery.inner_text()
    assert not page.is_visible("table.hcs-rubric thead th") or \
        page.locator("table.hcs-rubric thead").first.bounding_box()["width"] <= 1  # type: ignore[index]
    # The header row stays for screen readers: the cells keep their column headers.
    assert page.locator("table.hcs-rubric thead th[scope=col]").count() > 0
    context.close()


@pytest.mark.browser
def test_a_clipped_rubric_is_reported(browser: Any, served: str) -> None:
    """The check can fail: a rubric forced wider than its column is named, with where it is cut."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served + "courses/math-7/")
    page.evaluate("""() => { const sheet = new CSSStyleSheet();
        sheet.replaceSync('.hcs-rubric-box { overflow-x: auto } .md-typeset table.hcs-rubric { min-width: 60rem }');
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }""")
    problems = page.evaluate(OUTSIDE)
    context.close()
    assert any("clipped by div.hcs-rubric-box" in p for p in problems), problems
