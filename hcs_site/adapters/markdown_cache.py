"""The Markdown layer of the build cache: a student's pages, rendered from the same files, are read back.

At 20,000 pages nearly every page is a student's, and rendering their Markdown from the checked
content was a third of a rebuild. A student's pages (home, mastery map, evidence) are made of that
student's folder and the framework alone: the renderer reads nothing else (no other student, no
date, no page of the site). So one entry holds all of them, keyed on

- the student's files as the check read them (portfolio.md, evidence, artifacts, whose size a
  page may print), by path and bytes: `CheckResult.folders`, the very bytes the model the pages
  are rendered from was made of; without it (a check without the cache), every file of the
  folder read again, a link as its target;
- every file under `content/` (the framework, the district's settings, schools, glossary);
- the plugin's `templates` folder and `strings`, the URL style, the software.

Whether the student is published at all is decided by the check on every build (consent is judged
each day); only a published student's pages are rendered, from the cache or not.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from ..digests import digest, folder_parts
from ..render.page import Page
from .cache_keys import software
from .cache_store import CacheStore

log = logging.getLogger("mkdocs.plugins.hcs")
LAYER = "markdown"


def context_key(root: Path, templates: Path | None, strings: dict[str, Any], directory_urls: bool) -> str:
    """What every student's pages share: the framework's files, the templates, the words, the software."""
    return digest(software(), LAYER, json.dumps(strings, sort_keys=True, default=str), str(directory_urls),
                  *folder_parts(root / "content", root),
                  *(["templates", *folder_parts(templates, templates)] if templates else []))


def for_build(store: CacheStore, root: Path, templates: Path | None, strings: dict[str, Any],
              directory_urls: bool) -> MarkdownCache:
    return MarkdownCache(store, root, context_key(root, templates, strings, directory_urls))


class MarkdownCache:
    def __init__(self, store: CacheStore, root: Path, context: str) -> None:
        self.store = store
        self.root = root
        self.context = context
        self.hits = 0
        self.misses = 0

    def key(self, folder: str, checked: str | None = None) -> str:
        """The key of a student's pages: the context, and the files the check read when their
        digest is known (`CheckResult.folders`: the same bytes the model was made of), else every
        file of the folder read again."""
        if checked is not None:
            return digest(self.context, folder, "checked", checked)
        return digest(self.context, folder, *folder_parts(self.root / folder, self.root))

    def get(self, key: str) -> list[Page] | None:
        data = self.store.get(LAYER, key)
        if data is None:
            return None
        try:
            entry = json.loads(data)
            pages = [Page(str(p["path"]), str(p["content"]), p["source"], bool(p["in_nav"]), bool(p["search"]))
                     for p in entry["pages"]] if entry.get("key") == key else None
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        if pages is not None:
            self.store.touch(LAYER, key)
            self.hits += 1
        return pages

    def put(self, key: str, pages: list[Page]) -> None:
        self.misses += 1
        entry = {"key": key, "pages": [{"path": p.path, "content": p.content, "source": p.source,
                                        "in_nav": p.in_nav, "search": p.search} for p in pages]}
        self.store.put(LAYER, key, json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
