"""The Markdown layer of the build cache: a student's pages, rendered from the same files, are read back.

At 20,000 pages nearly every page is a student's, and rendering their Markdown from the checked
content was a third of a rebuild. A student's pages (home, mastery map, evidence) are made of that
student's folder and the student's part of the framework alone (`render.student_framework`: the
district, areas and standards, and only the courses the student names): the renderer reads nothing
else (no other student, no other course, no date, no page of the site). So one entry holds all of
them, keyed on

- the student's files as the check read them (portfolio.md, evidence, artifacts, whose size a
  page may print), by path and bytes: `CheckResult.folders`, the very bytes the model the pages
  are rendered from was made of; without it (a check without the cache), every file of the
  folder read again, a link as its target;
- the courses the pages were rendered from: each one's ID and `model.fingerprint` (its model,
  field for field, its file's data included), in the framework's order;
- every file under `content/` except the files the framework's courses were read from (the
  district's settings, areas, standards, schools, glossary, and any file under content/courses/
  that is not a course). When a course file could not be read at all (`Framework.unread`), no
  file is left out: the course it holds, if any, is unknown;
- the plugin's `templates` folder and `strings`, the URL style, the software.

So a course a student does not name is in no key of theirs: changing, adding or removing it
renders none of their pages again. A reference the check rewrote (`math-7`, a course named by its
title) is named by the ID it stands for: an edit that makes it stand for another course changes
the courses the student's part holds, and so the key. A district's template of a student's page
is given the whole framework, and its pages are keyed on every course.

Whether the student is published at all is decided by the check on every build (consent is judged
each day); only a published student's pages are rendered, from the cache or not.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from ..digests import digest, folder_parts
from ..model.fingerprint import fingerprint
from ..model.framework import Course, Framework
from ..render.page import Page
from .cache_keys import software
from .cache_store import CacheStore

log = logging.getLogger("mkdocs.plugins.hcs")
LAYER = "markdown"


def context_key(root: Path, templates: Path | None, strings: dict[str, Any], directory_urls: bool,
                fw: Framework) -> str:
    """What every student's pages share: the files under content/ but `fw`'s course files, which
    kinds of file `fw` could not read, the templates, the words, the software."""
    content = folder_parts(root / "content", root)
    left_out = course_files(fw)
    kept = [part for i in range(0, len(content), 2) if content[i] not in left_out for part in content[i:i + 2]]
    return digest(software(), LAYER, json.dumps(strings, sort_keys=True, default=str), str(directory_urls),
                  "unread", json.dumps(sorted(fw.unread)), "content", *kept,
                  *(["templates", *folder_parts(templates, templates)] if templates else []))


def course_files(fw: Framework) -> frozenset[str]:
    """The files the framework's courses were read from, which a student's key holds by the
    courses instead; none when a course file could not be read (it may hold any course)."""
    return frozenset(course.path for course in fw.courses) if fw.complete("course") else frozenset()


def for_build(store: CacheStore, root: Path, templates: Path | None, strings: dict[str, Any],
              directory_urls: bool, fw: Framework) -> MarkdownCache:
    return MarkdownCache(store, root, context_key(root, templates, strings, directory_urls, fw))


class MarkdownCache:
    def __init__(self, store: CacheStore, root: Path, context: str) -> None:
        self.store = store
        self.root = root
        self.context = context
        self.hits = 0
        self.misses = 0
        self.defer = False
        """Whether `put` leaves its pages for `store_later`."""
        self.deferred: list[tuple[str, list[Page]]] = []
        self.prints: dict[int, str] = {}
        """Each course's fingerprint by the object's id: computed once a build (the courses live
        as long as the build's framework, so no id is reused)."""

    def key(self, folder: str, checked: str | None, courses: list[Course]) -> str:
        """The key of a student's pages: the context, the courses they were rendered from, and the
        files the check read when their digest is known (`CheckResult.folders`: the same bytes
        the model was made of), else every file of the folder read again."""
        held = [part for course in courses for part in (course.id, self.fingerprint(course))]
        if checked is not None:
            return digest(self.context, folder, "courses", *held, "checked", checked)
        return digest(self.context, folder, "courses", *held, "files", *folder_parts(self.root / folder, self.root))

    def fingerprint(self, course: Course) -> str:
        found = self.prints.get(id(course))
        if found is None:
            found = self.prints[id(course)] = fingerprint(course)
        return found

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
        """Store the pages under `key`: now, or with the others by `store_later` when `defer` is set
        (pages are frozen: what is stored later is what was rendered)."""
        self.misses += 1
        if self.defer:
            self.deferred.append((key, pages))
        else:
            _put(self.store, key, pages)

    def store_later(self) -> None:
        """Store the deferred pages in a child of the build (`CacheStore.later`): encoding a cold
        build's 2,427 students' pages as JSON was most of a second of its one core."""
        jobs, self.deferred = self.deferred, []
        if jobs:
            store = self.store
            store.later(lambda: _put_all(store, jobs), len(jobs))


def _put_all(store: CacheStore, jobs: list[tuple[str, list[Page]]]) -> int:
    for key, pages in jobs:
        _put(store, key, pages)
    return len(jobs)


def _put(store: CacheStore, key: str, pages: list[Page]) -> None:
    entry = {"key": key, "pages": [{"path": p.path, "content": p.content, "source": p.source,
                                    "in_nav": p.in_nav, "search": p.search} for p in pages]}
    store.put(LAYER, key, json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
