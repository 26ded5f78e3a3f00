"""The diff for people (text), for pull-request comments (Markdown) and for tools (JSON)."""

from __future__ import annotations

import html
import json
from collections.abc import Callable

from .model import Change, ChangeSet, SubjectGroup
from .word_diff import as_marked_text, render

MARKER = "<!-- hcs-site diff -->"
"""First line of the Markdown, so a workflow can find and update its own comment."""

COMMENT_BUDGET = 60_000
"""GitHub refuses comments over 65,536 characters; details beyond this budget are left out."""

BREAKING_NOTE = ("Breaking: a student who was on track under the base edition could be off track under "
                 "the new one (more to show, fewer ways to show it, or something already shown no longer "
                 "counts). Portfolios are never compared.")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _heading(group: SubjectGroup) -> str:
    title = group.title.text()
    name = f"{group.kind.capitalize()} {group.subject}" if group.kind != "district" else "District settings"
    return f"{name} {title}" if title and group.kind != "district" else name


WORDS_NOTE = "Rewordings show [-removed words-] and {+added words+}."


def _text_change(c: Change) -> list[str]:
    """One change: the rewording word by word, and why it is (or is not) breaking."""
    message = f"{c.headline}: {as_marked_text(list(c.words))}" if c.words else c.message
    lines = [f"  {'BREAKING' if c.breaking else '        '}  {message}"]
    if c.reason:
        lines.append(f"            {'why: ' if c.breaking else ''}{c.reason}")
    return lines


def as_text(changes: ChangeSet) -> str:
    lines = [f"Comparing {changes.base.label} with {changes.head.label}"]
    if not changes.changes:
        return "\n".join([*lines, "No change to the framework."]) + "\n"
    lines.append(f"{_plural(len(changes.changes), 'change')}, {changes.breaking} breaking for students")
    if any(c.words for c in changes.changes):
        lines.append(WORDS_NOTE)
    for group in changes.groups():
        lines += ["", f"{_heading(group)} ({_plural(len(group.changes), 'change')}, {group.breaking} breaking)"]
        for c in group.changes:
            lines += _text_change(c)
    lines += ["", BREAKING_NOTE]
    return "\n".join(lines) + "\n"


_MD_SYNTAX = "\\`*_{}[]<>#|~$&"
_MD_TABLE = {ord(c): f"&#{ord(c)};" for c in _MD_SYNTAX}
_MD_TABLE.update({ord("\n"): " ", ord("\r"): " "})


def md(value: str) -> str:
    """Content as literal text in GitHub Markdown, on one line: every character that CommonMark or
    GitHub reads as syntax in the middle of a line (emphasis, links, images, raw HTML, tables,
    math, strikethrough) as a numeric character reference, which GitHub shows as the character.
    IDs and sentences stay readable in the raw comment: `-`, `.`, `:`, `!`, `+`, parentheses and
    quotes are kept, as none is syntax mid-line once `[`, `]` and `<` are references."""
    return value.translate(_MD_TABLE)


def code(value: str) -> str:
    """A revision name in a code span (where references are not decoded): backticks cannot end it."""
    return "`" + value.replace("`", "").replace("\n", " ") + "`"


def md_words(segments: list[tuple[str, str]]) -> str:
    """A rewording in Markdown: removed words struck through, added words in bold."""
    return render(segments, "~~{}~~", "**{}**", md)


def _markdown_change(c: Change) -> str:
    message = f"{md(c.headline)}: {md_words(list(c.words))}" if c.words else md(c.message)
    if c.breaking:
        why = f" ({md(c.reason)})" if c.reason else ""
        return f"- :warning: **breaking**{why}: {message}"
    return f"- {message}" + (f" _({md(c.reason)})_" if c.reason else "")


def as_markdown(changes: ChangeSet) -> str:
    base, head = changes.base, changes.head
    out = [MARKER, "### What this change means for students", "",
           f"Comparing {code(base.ref)} (edition {md(base.edition)}) "
           f"with {code(head.ref)} (edition {md(head.edition)}).",
           ""]
    if not changes.changes:
        out += ["No change to the framework: no course, objective, rubric or competency changed.", ""]
        return "\n".join(out)
    out += [f"**{_plural(len(changes.changes), 'change')}**, of which "
            f"**{changes.breaking} {'is' if changes.breaking == 1 else 'are'} breaking for students**."
            + (" Rewordings show ~~removed words~~ and **added words**." if any(c.words for c in changes.changes)
               else ""), "",
            "| Subject | Changes | Breaking |", "| --- | ---: | ---: |"]
    groups = changes.groups()
    for group in groups:
        flag = f"**{group.breaking}** :warning:" if group.breaking else "0"
        out.append(f"| {md(_heading(group))} | {len(group.changes)} | {flag} |")
    out.append("")
    size = sum(len(line) + 1 for line in out)
    for index, group in enumerate(groups):
        block = [f"<details{' open' if group.breaking else ''}>",
                 f"<summary><strong>{md(_heading(group))}</strong>: "
                 f"{_plural(len(group.changes), 'change')}, {group.breaking} breaking</summary>", ""]
        block += [_markdown_change(c) for c in group.changes]
        block += ["", "</details>", ""]
        cost = sum(len(line) + 1 for line in block)
        if size + cost > COMMENT_BUDGET:
            rest = sum(len(g.changes) for g in groups[index:])
            out += [f"_{rest} more changes are not shown here; run `hcs-site diff` to see them all._", ""]
            break
        out += block
        size += cost
    out += [f"<sub>{html.escape(BREAKING_NOTE)}</sub>", ""]
    return "\n".join(out)


def as_json(changes: ChangeSet) -> str:
    return json.dumps(changes.to_json(), indent=2, ensure_ascii=False) + "\n"


FORMATS: dict[str, Callable[[ChangeSet], str]] = {"text": as_text, "markdown": as_markdown, "json": as_json}
