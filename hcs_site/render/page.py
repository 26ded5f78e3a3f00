"""A generated page: where it goes in the docs tree and its Markdown. Every renderer returns these;
the adapters decide what becomes of them (a MkDocs file, a file on disk).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    path: str
    """Docs-relative source path, language prefix included (`es/courses/math-7.md`)."""
    content: str
    source: str | None = None
    """Repository-relative file the page is generated from (for "edit this page")."""
    in_nav: bool = False
    search: bool = True
