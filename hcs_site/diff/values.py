"""The building blocks of a comparison: a change collector, ID pairing, text and rubric deltas.

Text is compared per language after collapsing whitespace, so re-flowing a YAML paragraph is not a
change and a change only in a translation is reported as such (and is never breaking).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..model.framework import Criterion, Framework
from ..model.text import Text
from .model import Change
from .reasons import REASONS, under_review
from .word_diff import word_diff

T = TypeVar("T")


def _norm(value: str) -> str:
    return " ".join(value.split())


def quote(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return f'"{value}"' if isinstance(value, str) else str(value)


@dataclass(frozen=True)
class TextDelta:
    languages: tuple[str, ...]
    before: dict[str, str | None]
    after: dict[str, str | None]
    default: str

    @property
    def default_changed(self) -> bool:
        return self.default in self.languages

    def describe(self, what: str) -> str:
        """`objective X statement reworded: "a" → "b"`, or a translation-only note."""
        if not self.default_changed:
            return f"{what}: translation changed ({', '.join(self.languages)})"
        old, new = self.before[self.default], self.after[self.default]
        if old is None:
            return f"{what} added: {quote(new)}"
        if new is None:
            return f"{what} removed (was {quote(old)})"
        return f"{what} reworded: {quote(old)} → {quote(new)}"

    def words(self) -> tuple[tuple[str, str], ...]:
        """The default-language rewording word by word; () when it was added, removed or not changed."""
        old, new = self.before.get(self.default), self.after.get(self.default)
        if not self.default_changed or old is None or new is None:
            return ()
        return tuple(word_diff(old, new))


def text_value(text: Text) -> dict[str, str | None]:
    """A whole text, every language, as the JSON `before` or `after` of an added or removed item."""
    return {lang: _norm(v) for lang, v in text.values}


def text_delta(old: Text, new: Text, default: str) -> TextDelta | None:
    before = {lang: _norm(v) for lang, v in old.values}
    after = {lang: _norm(v) for lang, v in new.values}
    langs = sorted(set(before) | set(after), key=lambda lang: (lang != default, lang))
    changed = tuple(lang for lang in langs if before.get(lang) != after.get(lang))
    if not changed:
        return None
    return TextDelta(changed, {k: before.get(k) for k in changed}, {k: after.get(k) for k in changed}, default)


def pair(old: Mapping[str, T], new: Mapping[str, T], replaces: Callable[[T], str | None],
         ) -> tuple[list[tuple[T, T, bool]], list[T], list[T]]:
    """(matched (old, new, renamed), added, removed): an ID is kept, or renamed with `replaces`.

    `replaces` counts as a rename only when the old ID existed and is gone; a course that replaces
    one still on the books is simply new.
    """
    pairs: list[tuple[T, T, bool]] = []
    used: set[str] = set()
    added: list[T] = []
    for new_id, item in new.items():
        old_id = replaces(item)
        if new_id in old:
            pairs.append((old[new_id], item, False))
            used.add(new_id)
        elif old_id and old_id in old and old_id not in new and old_id not in used:
            pairs.append((old[old_id], item, True))
            used.add(old_id)
        else:
            added.append(item)
    removed = [item for old_id, item in old.items() if old_id not in used]
    return pairs, added, removed


class Collector:
    """Collects changes and the titles the outputs show next to IDs."""

    def __init__(self, old: Framework, new: Framework) -> None:
        self.old, self.new = old, new
        self.default = new.district.default_language
        self.mastery = new.district.mastery_level
        self.changes: list[Change] = []
        self.titles: dict[str, Text] = {}
        self.renamed: dict[str, str] = {}
        """Old ID to new ID for competencies and indicators renamed with `replaces`."""

    def add(self, kind: str, subject: tuple[str, str], item: str, message: str, breaking: bool,
            **extra: Any) -> None:
        """A breaking change gets its reason; one to a subject still in draft or vetting in the base
        edition is never breaking (no student is held to it yet), and says so."""
        reason = ""
        if breaking:
            waived = under_review(self.old, subject[0], subject[1])
            if waived and any(self._held(obj) for obj in extra.get("affects", ())):
                waived = None  # a shared rubric still in review, already used by an adopted course
            breaking = waived is None
            reason = waived or REASONS.get(kind, "")
        self.changes.append(Change(kind, subject[1], subject[0], item, message, breaking, reason=reason,
                                   **extra))

    def _held(self, objective: str) -> bool:
        """Whether students are held to this objective: its course is past review in the base edition."""
        found = self.old.objectives.get(objective)
        course = self.old.course_index.get(found.course_id) if found else None
        return course is not None and under_review(self.old, "course", course.id) is None

    def text(self, kind: str, subject: tuple[str, str], item: str, field: str, what: str,
             old: Text, new: Text, breaking: bool = False) -> None:
        """A text field; `breaking` applies only when the default-language text changed."""
        delta = text_delta(old, new, self.default)
        if delta is None:
            return
        self.add(kind, subject, item, delta.describe(f"{what} {field}"), breaking and delta.default_changed,
                 field=field, languages=delta.languages, before=delta.before, after=delta.after,
                 headline=f"{what} {field} reworded", words=delta.words())

    def value(self, kind: str, subject: tuple[str, str], item: str, field: str, what: str,
              old: Any, new: Any, breaking: bool) -> None:
        if old == new:
            return
        self.add(kind, subject, item, f"{what} {field} changed from {quote(old)} to {quote(new)}", breaking,
                 field=field, before=old, after=new)

    def level_label(self, level: int) -> str:
        found = self.new.district.level(level) or self.old.district.level(level)
        return f"level {level} ({found.label.text()})" if found else f"level {level}"

    def rubric(self, subject: tuple[str, str], item: str, what: str, old: Sequence[Criterion],
               new: Sequence[Criterion], affects: tuple[str, ...] = ()) -> None:
        """Criteria matched by name (unmatched ones by position when as many were added as removed)."""
        def name(c: Criterion) -> str:
            return _norm(c.name.text(self.default))

        old_by = {name(c): c for c in old}
        new_by = {name(c): c for c in new}
        pairs = [(old_by[n], c) for n, c in new_by.items() if n in old_by]
        gone = [c for n, c in old_by.items() if n not in new_by]
        fresh = [c for n, c in new_by.items() if n not in old_by]
        if gone and len(gone) == len(fresh):  # renamed in place: same position, a descriptor in common
            same = [(o, n) for o, n in zip(gone, fresh, strict=True)
                    if any(o.levels.get(k) == v for k, v in n.levels.items())]
            pairs += same
            gone = [c for c in gone if all(c is not o for o, _ in same)]
            fresh = [c for c in fresh if all(c is not n for _, n in same)]
        extra: dict[str, Any] = {"affects": affects}
        for crit in fresh:
            self.add("rubric-criterion-added", subject, item, f'{what}: criterion "{name(crit)}" added', True,
                     criterion=name(crit), after=name(crit), **extra)
        for crit in gone:
            self.add("rubric-criterion-removed", subject, item, f'{what}: criterion "{name(crit)}" removed',
                     False, criterion=name(crit), before=name(crit), **extra)
        for before, after in pairs:
            delta = text_delta(before.name, after.name, self.default)
            if delta:
                self.add("rubric-criterion-renamed", subject, item, delta.describe(f"{what}: criterion name"),
                         False, criterion=name(after), languages=delta.languages, before=delta.before,
                         after=delta.after, **extra)
            for level in sorted(set(before.levels) | set(after.levels)):
                delta = text_delta(before.levels.get(level, Text(())), after.levels.get(level, Text(())),
                                   self.default)
                if delta is None:
                    continue
                where = f'{what}: criterion "{name(after)}", {self.level_label(level)}'
                self.add("rubric-descriptor-changed", subject, item, delta.describe(where),
                         delta.default_changed and level <= self.mastery, criterion=name(after), level=level,
                         languages=delta.languages, before=delta.before, after=delta.after,
                         headline=f"{where} reworded", words=delta.words(), **extra)
