"""Rendering less than every page whole: what shards and `hcs-site serve` add to the renderers.

The renderers in render/ always render a page whole; these subclasses, made by the plugin, render
only the head of a page another shard owns (`heads.render_head`: its title and front matter,
which is all the navigation needs), keep course pages between serve rebuilds, keyed by the
course file and everything else the page depends on (`FrameworkRenderer.context_key`), and read
course pages (`course_cache`) and a student's pages (`markdown_cache`) from the build cache.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import PurePosixPath
from typing import Any

from jinja2 import Template

from ..model.framework import Course, School
from ..render import links
from ..render.framework_pages import FrameworkRenderer
from ..render.heads import render_head
from ..render.page import Page
from ..render.portfolio_pages import PortfolioRenderer, PortfolioSite, Student
from . import course_cache
from .markdown_cache import MarkdownCache

log = logging.getLogger("mkdocs.plugins.hcs")

Wants = Callable[[str], bool]
"""Whether the page at a docs path is built whole by this build (`Selection.wants`)."""
CoursePages = dict[tuple[str, str, str, str], Page]
"""Rendered course pages by (language, course, `course_key`, `context_key`)."""


class PartialFrameworkRenderer(FrameworkRenderer):
    def __init__(self, *args: Any, wants: Wants, memo: CoursePages | None = None,
                 cache: MarkdownCache | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wants = wants
        self.memo = memo
        self.cache = cache
        """Course pages of earlier builds (`course_cache`; None: no cache, or serve: `memo`)."""

    def fill(self, template: Template, path: str, **values: Any) -> str:
        return super().fill(template, path, **values) if self.wants(path) else render_head(template, **values)

    def course(self, course: Course, lang: str) -> Page:
        """A course page, from the memo (serve) or the build cache when neither its file nor its
        context changed; only a page this build renders whole (a shard's others: heads only)."""
        path = self.prefix(lang) + links.course_page(course)
        if not self.wants(path) or (self.memo is None and self.cache is None):
            return super().course(course, lang)
        if self.memo is not None:
            memo_key = (lang, course.id, self.course_key(course), self.context_key())
            if memo_key not in self.memo:
                self.memo[memo_key] = super().course(course, lang)
            return self.memo[memo_key]
        assert self.cache is not None
        key = course_cache.key(self.cache, self, course, lang)
        pages = self.cache.get(key)
        if pages is None or [page.path for page in pages] != [path]:
            pages = [super().course(course, lang)]
            self.cache.put(key, pages)
        return pages[0]

    def overview_pages(self, lang: str) -> list[Page]:
        """The overview pages from the build cache when no input of theirs changed (`overview_key`);
        only when this build renders them all whole."""
        if self.cache is None:
            return super().overview_pages(lang)
        cache = MarkdownCache(self.cache.store, self.cache.root, self.cache.context)  # counted apart
        key = course_cache.overview_key(cache, self, lang)
        pages = cache.get(key)
        if pages is not None and all(self.wants(page.path) for page in pages):
            log.info(f"hcs: {len(pages)} overview pages from the build cache")
            return pages
        pages = super().overview_pages(lang)
        if all(self.wants(page.path) for page in pages):
            cache.put(key, pages)
        return pages

    def pages(self, lang: str) -> list[Page]:
        out = super().pages(lang)
        if self.cache is not None:
            total = self.cache.hits + self.cache.misses
            log.info(f"hcs: {self.cache.hits} of {total} course pages from the build cache")
        return out


class PartialPortfolioRenderer(PortfolioRenderer):
    def __init__(self, *args: Any, wants: Wants, cache: MarkdownCache | None = None,
                 checked: Mapping[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wants = wants
        self.cache = cache
        self.checked = checked or {}

    def fill(self, template: Template, path: str, **values: Any) -> str:
        return super().fill(template, path, **values) if self.wants(path) else render_head(template, **values)

    def site(self) -> PortfolioSite:
        """Every student's pages; those rendered are stored in the build cache by a child, once all are."""
        if self.cache is not None:
            self.cache.defer = True
        folio = super().site()
        if self.cache is not None:
            self.cache.store_later()
            total = self.cache.hits + self.cache.misses
            log.info(f"hcs: {self.cache.hits} of {total} students' pages from the build cache")
        return folio

    def student_pages(self, student: Student, school: School) -> list[Page]:
        """A student's pages from the Markdown cache when their folder and their part of the
        framework are unchanged; only when this build renders all of them whole (a shard's others:
        heads only). Rendered or read back, they are made of that part alone (`student_framework`)."""
        paths = [student.home, student.mastery, *(student.page(ev) for ev in student.evidence)]
        if self.cache is None or not all(self.wants(path) for path in paths):
            return super().student_pages(student, school)
        fw = self.student_framework(student)
        key = self.cache.key(PurePosixPath(student.portfolio.path).parent.as_posix(),
                             self.checked.get(student.portfolio.key), fw.courses)
        pages = self.cache.get(key)
        if pages is None or [page.path for page in pages] != paths:
            pages = self.pages_of(student, school, fw)
            self.cache.put(key, pages)
        return pages
