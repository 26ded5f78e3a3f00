"""What a semantic diff reports: one `Change` per fact a reviewer has to weigh.

A change names its subject (the course, competency, area or the district it belongs to), the item
that changed (an objective, an indicator, the subject itself), the values before and after, and
whether it is *breaking*: whether a student who was on track could now be off track.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model.text import Text

SUBJECT_KINDS = ("district", "course", "area", "competency")
"""Order of the groups in every output: district-wide first, then courses, then competencies."""

DISTRICT = "district"


@dataclass(frozen=True)
class Change:
    kind: str
    """`objective-added`, `assessment-type-removed`, `rubric-descriptor-changed`, ..."""
    subject: str
    subject_kind: str
    item: str
    message: str
    breaking: bool
    field: str | None = None
    criterion: str | None = None
    level: int | None = None
    languages: tuple[str, ...] = ()
    """For text changes: the languages whose text changed (default language first)."""
    before: Any = None
    after: Any = None
    affects: tuple[str, ...] = ()
    """Objectives that use a changed shared rubric (`rubric: COMP-ID`)."""
    reason: str = ""
    """Why it is breaking ("fewer ways to show it"), or why a change that would be is not (the
    course was a draft in the base edition)."""
    headline: str = ""
    """A rewording: what was reworded ("objective MATH-7.2 statement reworded"), for `words`."""
    words: tuple[tuple[str, str], ...] = ()
    """A rewording of the default-language text, word by word (see word_diff.py)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "subject_kind": self.subject_kind,
            "kind": self.kind,
            "item": self.item,
            "field": self.field,
            "criterion": self.criterion,
            "level": self.level,
            "languages": list(self.languages),
            "before": self.before,
            "after": self.after,
            "breaking": self.breaking,
            "affects": list(self.affects),
            "message": self.message,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Side:
    """One side of a comparison: what the user named, the commit it resolved to, its edition."""

    ref: str
    commit: str | None
    edition: str

    def to_json(self) -> dict[str, Any]:
        return {"ref": self.ref, "commit": self.commit, "edition": self.edition}

    @property
    def label(self) -> str:
        return f"{self.ref} ({self.edition})" if self.edition and self.edition != self.ref else self.ref


@dataclass
class ItemGroup:
    item: str
    title: Text
    changes: list[Change]


@dataclass
class SubjectGroup:
    subject: str
    kind: str
    title: Text
    items: list[ItemGroup]

    @property
    def changes(self) -> list[Change]:
        return [c for i in self.items for c in i.changes]

    @property
    def breaking(self) -> int:
        return sum(1 for c in self.changes if c.breaking)


@dataclass
class ChangeSet:
    base: Side
    head: Side
    changes: list[Change]
    titles: dict[str, Text] = field(default_factory=dict)
    """ID to title (head edition preferred), for subjects and items."""

    def title(self, item_id: str) -> Text:
        return self.titles.get(item_id, Text(()))

    @property
    def breaking(self) -> int:
        return sum(1 for c in self.changes if c.breaking)

    def groups(self) -> list[SubjectGroup]:
        """Changes by subject (in `SUBJECT_KINDS` order, then by ID), then by item."""
        subjects: dict[tuple[str, str], dict[str, list[Change]]] = {}
        for change in self.changes:
            items = subjects.setdefault((change.subject_kind, change.subject), {})
            items.setdefault(change.item, []).append(change)
        ordered = sorted(subjects, key=lambda k: (SUBJECT_KINDS.index(k[0]), k[1]))
        return [
            SubjectGroup(subject, kind, self.title(subject),
                         [ItemGroup(item, self.title(item), found)
                          for item, found in subjects[(kind, subject)].items()])
            for kind, subject in ordered
        ]

    def summary(self) -> dict[str, Any]:
        kinds: dict[str, int] = {}
        for change in self.changes:
            kinds[change.kind] = kinds.get(change.kind, 0) + 1
        return {
            "changes": len(self.changes),
            "breaking": self.breaking,
            "kinds": dict(sorted(kinds.items())),
            "subjects": [
                {"subject": g.subject, "subject_kind": g.kind, "title": g.title.text(),
                 "changes": len(g.changes), "breaking": g.breaking}
                for g in self.groups()
            ],
        }

    def changed_items(self) -> dict[str, Change]:
        """The first change of each objective, for the course-page flags ("Changed since ...").

        An objective whose shared rubric changed counts as changed, pointing at that rubric change.
        """
        found: dict[str, Change] = {}
        for change in self.changes:
            found.setdefault(change.item, change)
            for obj in change.affects:
                found.setdefault(obj, change)
        return found

    def to_json(self) -> dict[str, Any]:
        return {
            "base": self.base.to_json(),
            "head": self.head.to_json(),
            "summary": self.summary(),
            "changes": [c.to_json() for g in self.groups() for c in g.changes],
        }
