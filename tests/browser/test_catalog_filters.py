"""Every choice of every catalog filter finds at least one course, in both languages (issue 15:
"a subject filter that always gives 0"), and the count under the filters says how many, in words
that agree with the number."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "one", "many"), [("", "1 course shown", "courses shown"),
                                                   ("es/", "1 curso mostrado", "cursos mostrados")])
def test_every_filter_choice_finds_a_course(browser: Any, served: str, lang: str, one: str, many: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(served + lang + "courses/")
    selects = page.eval_on_selector_all("select[data-filter]", "els => els.map(e => e.id)")
    assert sorted(selects) == ["hcs-filter-area", "hcs-filter-band", "hcs-filter-program"]
    tried = 0
    for select in selects:
        values = page.eval_on_selector_all(f"#{select} option", "els => els.map(e => e.value)")
        assert values[0] == "" and len(values) > 1, select
        for value in values[1:]:
            for other in selects:  # one filter at a time: each choice on its own
                page.select_option(f"#{other}", "")
            page.select_option(f"#{select}", value)
            shown = page.eval_on_selector_all("ul.hcs-catalog > li:not([hidden])", "els => els.length")
            assert shown >= 1, (lang, select, value)
            count = page.text_content("[data-hcs-count]")
            assert count == (one if shown == 1 else f"{shown} {many}"), (select, value, count)
            tried += 1
    assert tried >= 8  # subjects, school levels and places of the sample
    context.close()
