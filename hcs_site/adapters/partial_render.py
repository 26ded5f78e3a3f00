"""Rendering less than every page whole: what shards and `hcs-site serve` add to the renderers.

The renderers in render/ always render a page whole; these subclasses, made by the plugin, render
only the head of a page another shard owns (`heads.render_head`: its title and front matter,
which is all the navigation needs), keep course pages between serve rebuilds, keyed by the
course file and everything else the page depends on (`FrameworkRenderer.context_key`), and read
a student's pages from the build cache (`markdown_cache`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

from jinja2 import Template

from ..model.framework import Course, School
from ..render import links
from ..render.framework_pages import FrameworkRenderer
from ..render.heads import render_head
from ..render.page import Page
from ..render.portfolio_pages import PortfolioRenderer, Student
from .markdown_cache import MarkdownCache

Wants = Callable[[str], bool]
"""Whether the page at a docs path is built whole by this build (`Selection.wants`)."""
CoursePages = dict[tuple[str, str, str, str], Page]
"""Rendered course pages by (language, course, digest of its file, `context_key`)."""


class PartialFrameworkRenderer(FrameworkRenderer):
    def __init__(self, *args: Any, wants: Wants, memo: CoursePages | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wants = wants
        self.memo = memo

    def fill(self, template: Template, path: str, **values: Any) -> str:
        return super().fill(template, path, **values) if self.wants(path) else render_head(template, **values)

    def course(self, course: Course, lang: str) -> Page:
        """A course page, from the memo when neither its file nor its context changed (serve)."""
        if self.memo is None or not self.wants(self.prefix(lang) + links.course_page(course)):
            return super().course(course, lang)
        key = (lang, course.id, hashlib.sha1(repr(course.doc.data).encode("utf-8")).hexdigest(),
               self.context_key())
        if key not in self.memo:
            self.memo[key] = super().course(course, lang)
        return self.memo[key]


class PartialPortfolioRenderer(PortfolioRenderer):
    def __init__(self, *args: Any, wants: Wants, cache: MarkdownCache | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.wants = wants
        self.cache = cache

    def fill(self, template: Template, path: str, **values: Any) -> str:
        return super().fill(template, path, **values) if self.wants(path) else render_head(template, **values)

    def student_pages(self, student: Student, school: School) -> list[Page]:
        """A student's pages from the Markdown cache when their folder and the framework are
        unchanged; only when this build renders all of them whole (a shard's others: heads only)."""
        paths = [student.home, student.mastery, *(student.page(ev) for ev in student.evidence)]
        if self.cache is None or not all(self.wants(path) for path in paths):
            return super().student_pages(student, school)
        key = self.cache.key(PurePosixPath(student.portfolio.path).parent.as_posix())
        pages = self.cache.get(key)
        if pages is None or [page.path for page in pages] != paths:
            pages = super().student_pages(student, school)
            self.cache.put(key, pages)
        return pages
