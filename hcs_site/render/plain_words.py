"""Plain words for families (issue 15): counts that agree with their number, grade names, Depth of
Knowledge in words and dates written out, in the page's language.

A mixin of `PageContext`: every method returns inert `Markup` made of UI words (trusted) and
numbers or IDs encoded as text, so a template may print it anywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from . import inert


class PlainWords:
    """Needs `words` (the page's UI words) and `t` (a UI word with values filled in)."""

    words: dict[str, str]

    def t(self, key: str, **values: Any) -> Markup:  # pragma: no cover - PageContext's
        raise NotImplementedError

    def word(self, key: str) -> str:  # pragma: no cover - PageContext's
        raise NotImplementedError

    def count(self, key: str, count: float, **values: Any) -> Markup:
        """`1 course` / `3 courses`: the word `<key>_one` when there is exactly one, else `<key>`."""
        one = f"{key}_one"
        shown = f"{count:g}" if isinstance(count, float) else count
        return self.t(one if count == 1 and one in self.words else key, count=shown, **values)

    def grades(self, grades: list[str | int], spell_kindergarten: bool = True) -> Markup:
        """`7–9`, `K–2`, `8 and 9`, `Kindergarten`: numbers as they are, anything else inert. Kindergarten is
        spelled out alone (when `spell_kindergarten`), `K` in a list or a range."""
        if spell_kindergarten and list(grades) == ["K"]:
            return Markup(inert.text(self.word("kindergarten")))
        shown = ["K" if g == "K" else str(g) if isinstance(g, int) else inert.text(str(g)) for g in grades]
        if len(shown) > 2 and all(isinstance(g, int) or g == "K" for g in grades):
            nums = [0 if g == "K" else int(g) for g in grades]
            if nums == list(range(nums[0], nums[-1] + 1)):
                return Markup(f"{shown[0]}–{shown[-1]}")
        if len(shown) < 2:
            return Markup("".join(shown))
        return Markup(f"{', '.join(shown[:-1])} {inert.text(self.word('list_and'))} {shown[-1]}")

    def grade_names(self, grades: list[str | int], lower: bool = False) -> Markup:
        """`Kindergarten`, `Grade 7`, `Grades K–2` (`Kínder`, `Grado 7`, `Grados K–2`): a grade
        word that agrees with the grades, never `Grades Kindergarten`."""
        suffix = "_lower" if lower else ""
        if list(grades) == ["K"]:
            return Markup(inert.text(self.word("kindergarten" + suffix)))
        shown = self.grades(grades, spell_kindergarten=False)
        if len(grades) == 1:
            return self.t("grade_named" + suffix, grade=shown)
        return self.t("grades_named" + suffix, grades=shown)

    def dok(self, level: int, indicator: bool = False) -> Markup:
        """`Level 3: strategic thinking` (an indicator's: `Depth of Knowledge level 3: ...`)."""
        name = self.word(f"dok_{level}")
        return self.t("dok_indicator" if indicator else "dok_level", level=level, name=name)

    def date(self, value: str) -> Markup:
        """`<time datetime="2026-11-27">27 November 2026</time>` in the page's language: written
        out for readers, ISO for machines. A value that is not an ISO date is shown as text."""
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            return inert.markup(str(value))
        months = self.word("months").split()
        month = months[day.month - 1] if len(months) == 12 else f"{day.month:02d}"
        words = self.word("date_format").format(day=day.day, month=month, year=day.year)
        return Markup(f'<time datetime="{day.isoformat()}">{inert.text(words)}</time>')
