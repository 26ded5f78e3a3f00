"""Course pages in the build cache: a course page whose inputs are unchanged is read back.

Every build rendered every course page in every language from the templates, about a tenth of a
rebuild after one evidence file changed. `hcs-site serve` keeps them in memory between rebuilds,
keyed by the course's file and `FrameworkRenderer.context_key` (the district, the areas, the other
courses the page names, standards, exemplars, changes); within one process it may take the rest
for granted. An entry of the build cache outlives the process, so it is keyed on

- the course's file as read, and its path (`FrameworkRenderer.course_key`);
- `FrameworkRenderer.context_key`, and the language;
- the plugin's `templates` folder and `strings`, the URL style, the software;
- every file under `content/` when the templates folder holds its own course page or a partial
  (`course.md.j2`, `_*`): a district's template may print anything of the framework (`ctx.fw`).

The overview pages of a language (areas, catalog, areas index, assessment types, crosswalk,
standards, glossary, the family pages: everything but the course pages and "What changed") are
made of the whole framework, so their one entry is keyed on the same context and every course's
file as read (`overview_key`). Entries live in the Markdown layer beside students' pages, in the
same form (`MarkdownCache`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..digests import digest, folder_parts
from ..model.framework import Course
from ..render.framework_pages import FrameworkRenderer
from .cache_keys import software
from .cache_store import CacheStore
from .markdown_cache import MarkdownCache

COURSE_TEMPLATE = "course.md.j2"


def reads_anything(templates: Path) -> bool:
    """The district's templates replace the course page or a partial it includes: their output is
    no longer known to depend on `context_key` alone."""
    try:
        return any(p.name == COURSE_TEMPLATE or p.name.startswith("_") for p in templates.iterdir())
    except OSError:
        return False


def context_key(root: Path, templates: Path | None, strings: dict[str, Any], directory_urls: bool) -> str:
    """What every course page of a build shares beyond `FrameworkRenderer.context_key`."""
    parts: list[str | bytes] = [software(), "course pages", json.dumps(strings, sort_keys=True, default=str),
                                str(directory_urls)]
    if templates is not None:
        parts += ["templates", *folder_parts(templates, templates)]
        if reads_anything(templates):
            parts += ["content", *folder_parts(root / "content", root)]
    return digest(*parts)


def for_build(store: CacheStore, root: Path, templates: Path | None, strings: dict[str, Any],
              directory_urls: bool) -> MarkdownCache:
    return MarkdownCache(store, root, context_key(root, templates, strings, directory_urls))


def key(cache: MarkdownCache, renderer: FrameworkRenderer, course: Course, lang: str) -> str:
    """A course page's entry: the build's context, the language, the course, the renderer's context."""
    return digest(cache.context, "course", lang, course.id, renderer.course_key(course), renderer.context_key())


def overview_key(cache: MarkdownCache, renderer: FrameworkRenderer, lang: str) -> str:
    """The overview pages' entry: the build's context, the language, the renderer's context and
    every course (its file as read), and which kinds of file could not be read at all."""
    fw = renderer.fw
    return digest(cache.context, "overview", lang, renderer.context_key(), repr(sorted(fw.unread)),
                  *(renderer.course_key(c) for c in fw.courses))
