"""The "What changed" page and the course-page flags, from a `ChangeSet` of the diff.

The CLI writes English sentences for reviewers; families read this page in their own language,
so it is built from the structured change (kind, item, before, after), not from the sentence.
Every value is content (old and new text of either edition) and goes through a `PageContext`
method, so each side of a change is as inert as the page it came from.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..diff.model import Change, ChangeSet, SubjectGroup
from ..diff.words import kind_label
from ..model.text import Text
from . import inert, links
from .context import PageContext

PAGE = "what-changed.md"


def since(changes: ChangeSet) -> str:
    """The name of the previous edition: its `edition`, or what was compared when it is the same."""
    base, head = changes.base, changes.head
    return base.edition if base.edition and base.edition != head.edition else base.ref


def _text(value: dict[str, str | None], default: str) -> Text:
    return Text(tuple((lang, v) for lang, v in value.items() if v is not None), default)


class ChangeView:
    """What the template calls to show a change in the page's language."""

    def __init__(self, ctx: PageContext, changes: ChangeSet) -> None:
        self.ctx = ctx
        self.changes = changes

    def label(self, kind: str) -> str:
        return kind_label(kind, self.ctx.lang, self.ctx.words)

    def heading(self, group: SubjectGroup) -> Markup:
        if group.kind == "district":
            return self.ctx.t("change_district")
        title = self.ctx.plain(group.title) if group.title else ""
        return Markup(f"{self.ctx.plain(group.subject)} {title}".strip())

    def item_heading(self, item: str) -> Markup:
        title = self.changes.title(item)
        return Markup(f"{self.ctx.plain(item)} {self.ctx.plain(title) if title else ''}".strip())

    def value(self, kind: str, value: Any) -> Markup:
        """One side of a change, as Markdown/HTML for this page."""
        ctx = self.ctx
        if value is None:
            return ctx.t("none")
        if isinstance(value, bool):  # universal: a checkpoint for every student, or not
            return ctx.t("universal") if value else ctx.t("none")
        if isinstance(value, dict):
            return ctx.html(_text(value, ctx.default_language))
        if kind.startswith("assessment-type"):
            found = ctx.district.assessment_index.get(str(value))
            return ctx.plain(found.title) if found else ctx.plain(str(value))
        if kind.startswith("alignment") and ctx.link(str(value)):
            return Markup(f"[{ctx.label(str(value))}]({ctx.link(str(value))})")
        if kind == "course-credit-changed" and isinstance(value, int | float):
            return ctx.credit(float(value))
        if kind == "course-grades-changed" and isinstance(value, list):
            return ctx.grades(value)
        if kind.endswith("status-changed"):
            return ctx.t(f"status_{value}")
        if isinstance(value, list):
            return Markup(", ".join(ctx.plain(str(v)) for v in value))
        if isinstance(value, float):
            return inert.markup(f"{value:g}")
        return ctx.plain(str(value))

    def inline(self, change: Change) -> Markup:
        """The value shown right after the label ("Can no longer be shown by: Presentation")."""
        if change.kind.startswith(("assessment-type-", "alignment-")):
            return self.value(change.kind, change.after if change.after is not None else change.before)
        return Markup("")

    def where(self, change: Change) -> Markup:
        """Which part of the item changed: the criterion and level of a rubric descriptor."""
        parts = []
        if change.criterion:
            parts.append(f"{inert.text(self.ctx.word('criterion'))} {self.ctx.plain(change.criterion)}")
        if change.level is not None:
            parts.append(f"{self.ctx.plain(self.ctx.scale_label(change.level))} ({change.level})")
        return Markup(", ".join(parts))

    def link(self, item: str) -> Markup:
        return self.ctx.link(item)


def flag(ctx: PageContext, changed: dict[str, Change], edition: str, item_id: str) -> Markup:
    """`Changed since 2025-26` above an objective that changed, linked to its entry on the page."""
    change = changed.get(item_id)
    if change is None:
        return Markup("")
    key = "new_since" if change.kind == "objective-added" else "changed_since"
    target = ctx.to(PAGE, links.anchor(change.item))
    return Markup(f'<p class="hcs-badge hcs-changed" markdown>[{ctx.t(key, edition=ctx.plain(edition))}]'
                  f"({target})</p>\n\n")
