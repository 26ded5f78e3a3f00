"""The public portfolio pages: an index of schools, one index per school, and per student a home
page, a mastery map and one page per piece of evidence.

Only `CheckResult.published` portfolios ever reach this module: a portfolio without consent is
never rendered, rather than rendered and hidden. Every page here stays out of the navigation and
out of the site search (`search: exclude` in its front matter), so neither grows with the number of
students. Student text goes through `student_text`; nothing a student wrote reaches a page raw.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Template
from markupsafe import Markup

from ..model.framework import Framework, School
from ..model.portfolio import Evidence, Portfolio
from . import inert, links
from .artifact_names import is_image, output_name
from .context import PageContext, front_matter_value
from .i18n import strings
from .mastery import MasteryMap, mastery_map
from .page import Page
from .sanitize import prose_html
from .student_framework import StudentFrameworks, replaces_student_pages
from .student_text import StudentRenderer, Targets, page_url, url_between
from .templating import environment

ROOT = "portfolios"
INDEX = f"{ROOT}/index.md"
RESERVED = frozenset({"index", "mastery"})
MAX_EXEMPLARS = 5
"""Per objective or competency: a framework page must not grow with the number of students."""


def front_matter(value: str) -> Markup:
    """A front-matter value, HTML-escaped: Material prints `title` raw into <title>, so a student's
    title `</title><script>` would otherwise run; quoted so YAML always reads it back whole."""
    return Markup(front_matter_value(value))


def slugify(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "evidence"


def page_names(slugs: Iterable[str]) -> dict[str, str]:
    """Evidence file stem -> page name: URL-safe, never `index`/`mastery`, never twice the same."""
    taken = set(RESERVED)
    names: dict[str, str] = {}
    for slug in sorted(slugs):
        base = slugify(slug)
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        taken.add(name)
        names[slug] = name
    return names


def school_folder(school_id: str) -> str:
    return f"{ROOT}/{links.anchor(school_id)}"


@dataclass
class Student:
    """Where one student's pages and files go, and what their text may link to."""

    portfolio: Portfolio
    directory_urls: bool
    base: str = ""
    names: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)
    """Artifact source (repository-relative) -> docs-relative output path."""

    def __post_init__(self) -> None:
        self.base = f"{school_folder(self.portfolio.school)}/{links.anchor(self.portfolio.key)}"
        self.names = page_names(ev.slug for ev in self.portfolio.evidence)
        for ev in self.evidence:
            for i, art in enumerate(ev.artifacts, 1):
                src = ev.artifact_source(art)
                if src is not None and src not in self.outputs:
                    self.outputs[src] = f"{self.base}/{output_name(self.names[ev.slug], i, src)}"

    @property
    def home(self) -> str:
        return f"{self.base}/index.md"

    @property
    def mastery(self) -> str:
        return f"{self.base}/mastery.md"

    @property
    def evidence(self) -> list[Evidence]:
        """Newest first: what a visitor wants to see first."""
        by_name = sorted(self.portfolio.evidence, key=lambda ev: self.names[ev.slug])
        return sorted(by_name, key=lambda ev: ev.date, reverse=True)

    def page(self, ev: Evidence) -> str:
        return f"{self.base}/{self.names[ev.slug]}.md"

    def targets(self, source: str, page: str) -> Targets:
        here = page_url(page, self.directory_urls)
        pages = {self.portfolio.path: url_between(here, page_url(self.home, self.directory_urls))}
        for ev in self.portfolio.evidence:
            pages[ev.path] = url_between(here, page_url(self.page(ev), self.directory_urls))
        alts = {ev.artifact_source(a): a.alt for ev in self.portfolio.evidence for a in ev.artifacts}
        artifacts = {src: (url_between(here, out), alts.get(src) or "") for src, out in self.outputs.items()
                     if is_image(out) or out.endswith(".pdf")}
        return Targets(source, pages, artifacts)


@dataclass
class PortfolioSite:
    pages: list[Page]
    artifacts: list[tuple[str, str]]
    """(repository-relative source, docs-relative output) of every published artifact file."""
    exemplars: dict[str, list[tuple[str, str]]]
    """Objective or competency ID -> (label, docs-relative evidence page), newest first."""


class PortfolioRenderer:
    def __init__(self, fw: Framework, published: list[Portfolio], template_dirs: list[Path] | None = None,
                 overrides: dict[str, dict[str, str]] | None = None, directory_urls: bool = True) -> None:
        self.fw = fw
        self.env = environment(template_dirs or [])
        self.lang = fw.district.default_language
        self.overrides = overrides
        self.directory_urls = directory_urls
        self.words = strings(self.lang, overrides)
        self.text = StudentRenderer()
        self.students = [Student(p, directory_urls) for p in published if p.school in fw.district.school_index]
        self.parts = None if replaces_student_pages(template_dirs or []) else StudentFrameworks(fw)
        """Each student's part of the framework (None: a district's template of a student's page,
        which may print any course, is given the whole framework)."""

    def render(self, template: str, page: str, lang: str | None = None, fw: Framework | None = None,
               **values: Any) -> str:
        """A page in the site's default language, or in `lang`: a student's pages are written in
        the student's language (`language:` of portfolio.md) when the site has it. Glossary links
        stay in the default language's tree, so a page in another language names terms unlinked.
        `fw`: the student's part of the framework, for a student's page."""
        lang = lang or self.lang
        words = self.words if lang == self.lang else strings(lang, self.overrides)
        ctx = PageContext(self.fw if fw is None else fw, lang, page, words, self.directory_urls,
                          glossary_links=lang == self.lang)
        return self.fill(self.env.get_template(template), page, ctx=ctx, anchor=links.anchor_markup,
                         meta=front_matter, page_lang=Markup(inert.lang_code(lang) if lang != self.lang else ""),
                         **values)

    def language(self, portfolio: Portfolio) -> str:
        """The language of a student's pages: theirs when the site is built in it, else the default."""
        lang = portfolio.language
        return lang if lang and lang in self.fw.district.languages else self.lang

    def fill(self, template: Template, path: str, **values: Any) -> str:
        """The page at docs path `path`, whole; a caller that needs less of some pages subclasses this."""
        return template.render(**values)

    def student_html(self, student: Student, text: str, source: str, page: str) -> Markup:
        """A student block: sanitized once, then inert (`inert.fragment`) and on one line, so it
        stays as it is whether or not MkDocs parses the raw `<div>` it is placed in."""
        fast = prose_html(text)  # plain sentences: no link or image for the policy to check
        sanitized = fast if fast is not None else self.text.block(text, student.targets(source, page))
        return Markup(inert.fragment(sanitized))

    def schools(self) -> list[tuple[School, list[Student]]]:
        found: dict[str, list[Student]] = {}
        for s in self.students:
            found.setdefault(s.portfolio.school, []).append(s)
        ordered = [school for school in self.fw.district.schools if school.id in found]
        return [(school, sorted(found[school.id], key=lambda s: (s.portfolio.display_name.casefold(),
                                                                  s.portfolio.key))) for school in ordered]

    def home(self, student: Student, school: School, progress: MasteryMap, fw: Framework) -> Page:
        p = student.portfolio
        path = student.home
        content = self.render(
            "portfolio.md.j2", path, self.language(p), fw, p=p, school=school, student=student, progress=progress,
            about=self.student_html(student, p.body, p.path, path) if p.body.strip() else "",
            goals=p.goals,
            plan=sorted(p.plan, key=lambda e: e.year or "9999"),
            course_progress={c.course_id: c for c in progress.courses},
        )
        return Page(path, content, p.path, in_nav=False, search=False)

    def evidence(self, student: Student, ev: Evidence, fw: Framework) -> Page:
        path = student.page(ev)
        figures = [(art, Markup(student.outputs[src].rsplit("/", 1)[-1]))  # made of a slug and an index
                   for art in ev.artifacts if (src := ev.artifact_source(art)) in student.outputs]
        content = self.render(
            "evidence.md.j2", path, self.language(student.portfolio), fw, p=student.portfolio, ev=ev,
            figures=figures, course=fw.course_index.get(ev.course),
            assessment=fw.district.assessment_index.get(ev.assessment_type),
            reflection=self.student_html(student, ev.body, ev.path, path) if ev.body.strip() else "",
            is_image=is_image,
        )
        return Page(path, content, ev.path, in_nav=False, search=False)

    def mastery(self, student: Student, progress: MasteryMap, fw: Framework) -> Page:
        p = student.portfolio
        titles = {ev.slug: ev.title for ev in p.evidence}
        pages = {ev.slug: student.page(ev) for ev in p.evidence}
        content = self.render("portfolio-mastery.md.j2", student.mastery, self.language(p), fw, p=p,
                              progress=progress, rule=fw.district.mastery_rule, titles=titles, pages=pages,
                              plan={e.course: e for e in p.plan})
        return Page(student.mastery, content, p.path, in_nav=False, search=False)

    def exemplars(self) -> dict[str, list[tuple[str, str]]]:
        """Teacher-scored evidence at or above mastery, by the objectives and competencies it shows."""
        level = self.fw.district.mastery_level
        found: dict[str, list[tuple[str, str, str]]] = {}
        for student in self.students:
            for ev in student.evidence:
                if not ev.counts_for_mastery or (ev.level or 0) < level:
                    continue
                refs = set(ev.objectives)
                aligned = [*ev.competencies, *(a for o in ev.objectives
                                               if (obj := self.fw.objectives.get(o)) for a in obj.aligns)]
                refs.update(c.id for ref in aligned if (c := self.fw.competency_of(ref)))
                label = f"{ev.title}, {student.portfolio.display_name} ({self._level_label(ev.level or 0)})"
                for ref in refs:
                    found.setdefault(ref, []).append((ev.date, label, student.page(ev)))
        return {ref: [(label, page) for _d, label, page in sorted(items, key=lambda i: (i[0], i[2]),
                                                                   reverse=True)[:MAX_EXEMPLARS]]
                for ref, items in sorted(found.items())}

    def _level_label(self, level: int) -> str:
        found = self.fw.district.level(level)
        return found.label.text(self.lang) if found else str(level)

    def site(self) -> PortfolioSite:
        pages: list[Page] = []
        artifacts: list[tuple[str, str]] = []
        schools = self.schools()
        if not schools:
            return PortfolioSite([], [], {})
        pages.append(Page(INDEX, self.render("portfolios-index.md.j2", INDEX, schools=schools,
                                             school_page=lambda s: f"{school_folder(s.id)}/index.md"),
                          None, in_nav=True, search=False))
        for school, students in schools:
            index = f"{school_folder(school.id)}/index.md"
            pages.append(Page(index, self.render("school-index.md.j2", index, school=school, students=students),
                              None, in_nav=False, search=False))
            for student in students:
                pages.extend(self.student_pages(student, school))
                artifacts.extend(sorted(student.outputs.items()))
        return PortfolioSite(pages, artifacts, self.exemplars())

    def student_framework(self, student: Student) -> Framework:
        """What a student's pages are rendered from: the district, the areas and the courses the
        student names (`student_framework`), or the whole framework for a district's templates."""
        return self.parts.restricted(student.portfolio) if self.parts is not None else self.fw

    def student_pages(self, student: Student, school: School) -> list[Page]:
        """A student's home page, mastery map and evidence pages."""
        return self.pages_of(student, school, self.student_framework(student))

    def pages_of(self, student: Student, school: School, fw: Framework) -> list[Page]:
        """A student's pages, made of that student's files and `fw` alone, `student_framework`'s
        (a cache keys them on exactly that, `partial_render`)."""
        progress = mastery_map(fw, student.portfolio)
        return [self.home(student, school, progress, fw), self.mastery(student, progress, fw),
                *(self.evidence(student, ev, fw) for ev in student.evidence)]


def portfolio_site(fw: Framework, published: list[Portfolio], template_dirs: list[Path] | None = None,
                   overrides: dict[str, dict[str, str]] | None = None, directory_urls: bool = True) -> PortfolioSite:
    """Every portfolio page."""
    return PortfolioRenderer(fw, published, template_dirs, overrides, directory_urls).site()
