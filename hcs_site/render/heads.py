"""A page's head: its front matter and first heading, which is all a shard needs of another shard's
page (the title for the navigation, the metadata for plugins), without rendering the rest.

At 20,000 pages, rendering every page in every shard would cost each shard as much as a whole
build; Jinja renders lazily, so a head costs the first few lines of the template.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any, cast

from jinja2 import Template


def stand_in(content: str) -> str:
    """A page's front matter alone ("" when it has none)."""
    if content.startswith("---\n"):
        end = content.find("\n---\n", 4)
        if end >= 0:
            return content[: end + 5]
    return ""


def stand_in_document(content: str) -> str:
    """A page's front matter and first heading: its title stays, its body and links go."""
    head = stand_in(content)
    start = len(head)  # a line's start (the head ends with a line break): find the first "# " line
    if not content.startswith("# ", start):
        start = content.find("\n# ", start) + 1
    if start == 0 and not content.startswith("# "):
        return head
    end = content.find("\n", start)
    return head + content[start:end if end >= 0 else len(content)] + "\n"


def render_head(template: Template, **values: Any) -> str:
    """`stand_in_document` of the rendered page, rendering only as far as the head reaches."""
    text, scanned, state = "", 0, "start"  # start -> front (inside the front matter) -> body
    stream = cast(Generator[str, None, None], template.generate(**values))  # a generator: it can stop
    try:
        for chunk in stream:
            text += chunk
            while (end := text.find("\n", scanned)) >= 0:
                line, scanned = text[scanned:end], end + 1
                if state == "front":
                    state = "body" if line == "---" else "front"
                elif state == "start" and line == "---":
                    state = "front"
                elif line.startswith("# "):
                    return stand_in_document(text)
                else:
                    state = "body"
    finally:
        stream.close()
    return stand_in_document(text)
