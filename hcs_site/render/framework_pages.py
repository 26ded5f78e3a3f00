"""The public framework pages: catalog, courses, competency areas, assessment types, crosswalk.

Pure functions from the model to Markdown; the MkDocs plugin and `hcs-site generate` both call
`framework_pages` and decide what to do with the result.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Template
from markupsafe import Markup

from ..diff.model import ChangeSet
from ..model.framework import Course, Framework, Objective
from ..model.text import Text
from . import family_pages, glossary, links
from .context import PageContext
from .i18n import strings
from .page import Page
from .sanitize import plain
from .standards_coverage import coverage
from .templating import environment
from .what_changed import PAGE as WHAT_CHANGED
from .what_changed import ChangeView, flag, since

BANDS = ("elementary", "middle", "high")


def _group(objectives: Iterable[Objective], fw: Framework) -> list[tuple[Course, list[Objective]]]:
    grouped: dict[str, list[Objective]] = {}
    for obj in objectives:
        grouped.setdefault(obj.course_id, []).append(obj)
    return [(fw.course_index[cid], objs) for cid, objs in grouped.items() if cid in fw.course_index]


def _sorted_courses(fw: Framework) -> list[Course]:
    def key(c: Course) -> tuple[int, int, str]:
        first = min((0 if g == "K" else int(g)) for g in c.grades) if c.grades else 99
        return (BANDS.index(c.grade_bands[0]), first, c.id)

    return sorted(fw.courses, key=key)


def filter_options(fw: Framework, courses: list[Course]) -> dict[str, Any]:
    """The choices of the catalog's filters: only those that match at least one listed course, so
    that no choice ever shows "No course matches" on its own (a subject no course belongs to, such
    as the cross-curricular skills, a school level or a program without courses)."""
    areas = {c.area for c in courses}
    bands = {b for c in courses for b in c.grade_bands}
    programs = {p for c in courses for p in c.programs}
    return {"areas": [a for a in fw.areas if a.id in areas],
            "bands": [b for b in BANDS if b in bands],
            "programs": [p for p in fw.district.programs if p.id in programs]}


class FrameworkRenderer:
    def __init__(self, fw: Framework, template_dirs: list[Path] | None = None,
                 overrides: dict[str, dict[str, str]] | None = None, prefixed: bool = True,
                 exemplars: Mapping[str, Sequence[tuple[str, str]]] | None = None,
                 changes: ChangeSet | None = None, directory_urls: bool = True) -> None:
        self.fw = fw
        self.changes = changes
        """Changes since the previous edition: the "What changed" page and the objective flags."""
        self.changed = changes.changed_items() if changes else {}
        self.since = since(changes) if changes else ""
        self.prefixed = prefixed
        self.directory_urls = directory_urls
        self._context_key: str | None = None
        self.env = environment(template_dirs or [])
        self.overrides = overrides or {}
        self.exemplars = exemplars or {}
        """Item ID -> (label, docs-relative page) of published student work at mastery."""
        self.active = [c for c in fw.courses if c.status != "retired"]

    def ctx(self, lang: str, page: str) -> PageContext:
        return PageContext(self.fw, lang, page, strings(lang, self.overrides), self.directory_urls)

    def render(self, template: str, lang: str, page: str, **values: Any) -> str:
        ctx = self.ctx(lang, page)
        values.setdefault("area_page", links.area_page)
        values.setdefault("changed", lambda item_id: flag(ctx, self.changed, self.since, item_id))
        up = "../" * self.prefix(lang).count("/")  # portfolio pages exist once, at the root
        values.setdefault("exemplars", lambda item_id: [(label, up + target)
                                                        for label, target in self.exemplars.get(item_id, ())])
        return self.fill(self.env.get_template(template), self.prefix(lang) + page, ctx=ctx,
                         anchor=links.anchor_markup, **values)

    def fill(self, template: Template, path: str, **values: Any) -> str:
        """The page at docs path `path`, whole; a caller that needs less of some pages subclasses this."""
        return template.render(**values)

    def prefix(self, lang: str) -> str:
        return "" if lang == self.fw.district.default_language or not self.prefixed else f"{lang}/"

    def builders(self, comp_id: str) -> list[tuple[Course, list[Objective]]]:
        objs = [o for o in self.fw.builders.get(comp_id, []) if self._active(o.course_id)]
        return _group(objs, self.fw)

    def allowed(self, at_id: str) -> list[tuple[Course, list[Objective]]]:
        objs = [o for c in _sorted_courses(self.fw) if c.status != "retired"
                for o in c.objectives if at_id in o.assessment_types]
        return _group(objs, self.fw)

    def _active(self, course_id: str) -> bool:
        course = self.fw.course_index.get(course_id)
        return course is not None and course.status != "retired"

    def crosswalk(self) -> list[tuple[Any, list[tuple[Course, list[list[Objective]]]]]]:
        cell: dict[tuple[str, str], list[Objective]] = {}
        for comp_id, objectives in self.fw.builders.items():
            for o in objectives:
                cell.setdefault((comp_id, o.course_id), []).append(o)
        courses = [c for c in _sorted_courses(self.fw) if c.status != "retired"]
        tables = []
        for area in self.fw.areas:
            rows = []
            for course in courses:
                cells = [cell.get((comp.id, course.id), []) for comp in area.competencies]
                if any(cells):
                    rows.append((course, cells))
            if rows:
                tables.append((area, rows))
        return tables

    def course_key(self, course: Course) -> str:
        """A course's own input: its file as read (its path too: the page's source)."""
        return hashlib.sha1(f"{course.path}\x00{course.doc.data!r}".encode()).hexdigest()

    def context_key(self) -> str:
        """What every course page depends on besides its own file: the district, the areas, the
        other courses' titles and replacements, the state standards, exemplars, changes and the
        previous edition's name. Computed once per renderer; the caches of course pages (serve's
        memory, the build cache) key them with it."""
        if self._context_key is None:
            fw = self.fw
            parts = [repr(fw.district.doc.data), *(repr(a.doc.data) for a in fw.areas),
                     repr(sorted((c.id, repr(c.title), c.status, c.replaces) for c in fw.courses
                                 if c.replaces or c.id in fw.replaced_by)),  # replacement notices
                     repr(sorted(fw.replaced_by.items())), repr(sorted(fw.standards.items())),
                     repr(sorted(self.exemplars.items())), repr(sorted(self.changed.items())), self.since,
                     repr(self.overrides), str(self.directory_urls), str(self.prefixed)]
            self._context_key = hashlib.sha1("\x00".join(parts).encode("utf-8")).hexdigest()
        return self._context_key

    def course(self, course: Course, lang: str) -> Page:
        page = links.course_page(course)
        area = self.fw.area_index.get(course.area)
        replacement_id = self.fw.replaced_by.get(course.id)
        replacement = self.fw.course_index.get(replacement_id or "")
        content = self.render(
            "course.md.j2", lang, page,
            course=course,
            area=area,
            area_page=links.area_page(course.area),
            programs=[self.fw.district.program_index[p] for p in course.programs
                      if p in self.fw.district.program_index],
            assessment=self.fw.district.assessment_index,
            assessment_page=links.ASSESSMENT_TYPES,
            rubric=self.fw.rubric_for,
            universal=[] if course.status == "retired" else self.fw.universal,
            replacement=replacement,
        )
        return Page(self.prefix(lang) + page, content, course.path)

    def home(self, lang: str, families: str | None = None) -> Page:
        """A home page for a language whose docs/<lang>/ has none of its own; `families`: the
        hand-written help page it leads with (else the generated "How mastery works")."""
        courses = [c for c in _sorted_courses(self.fw) if c.status != "retired"]
        content = self.render("home.md.j2", lang, "index.md", **family_pages.home_values(courses, families))
        return Page(self.prefix(lang) + "index.md", content, None, in_nav=True)

    def what_changed(self, lang: str) -> Page:
        """Always generated (for a first edition it says so), so its place in the nav never moves."""
        changes = self.changes
        content = self.render("what-changed.md.j2", lang, WHAT_CHANGED, changes=changes,
                              view=ChangeView(self.ctx(lang, WHAT_CHANGED), changes) if changes else None,
                              groups=changes.groups() if changes else [], edition=self.since,
                              catalog=links.CATALOG)
        return Page(self.prefix(lang) + WHAT_CHANGED, content, None, in_nav=True)

    def pages(self, lang: str) -> list[Page]:
        overview = self.overview_pages(lang)
        at = next((i for i, page in enumerate(overview) if page.path == self.prefix(lang) + glossary.GLOSSARY),
                  len(overview))  # "What changed" goes before the glossary, as it always has
        return [*(self.course(c, lang) for c in self.fw.courses), *overview[:at], self.what_changed(lang),
                *overview[at:]]

    def overview_pages(self, lang: str) -> list[Page]:
        """The pages made of the whole framework (areas, catalog, crosswalk, standards, glossary, the
        family pages), "What changed" aside: a cache keys them on every course (`overview_key`)."""
        fw = self.fw
        out: list[Page] = []
        p = self.prefix(lang)
        for area in fw.areas:
            page = links.area_page(area)
            courses = {o.course_id for c in area.competencies for o in self.fw.builders.get(c.id, [])
                       if self._active(o.course_id)}
            out.append(Page(p + page, self.render("area.md.j2", lang, page, area=area, course_count=len(courses),
                                                   builders=self.builders), area.path, in_nav=True))
        listed = [c for c in _sorted_courses(fw) if c.status != "retired"]
        out.append(Page(p + links.CATALOG, self.render(
            "catalog.md.j2", lang, links.CATALOG, courses=listed, **filter_options(fw, listed),
            area_title=lambda aid: fw.area_index[aid].title if aid in fw.area_index else Text.of(aid, "en"),
            program_title=lambda pid: fw.district.program_index[pid].title
            if pid in fw.district.program_index else Text.of(pid, "en"),
        ), None, in_nav=True))
        out.append(Page(p + links.AREAS_INDEX, self.render(
            "areas-index.md.j2", lang, links.AREAS_INDEX, areas=fw.areas), None, in_nav=True))
        out.append(Page(p + links.ASSESSMENT_TYPES, self.render(
            "assessment-types.md.j2", lang, links.ASSESSMENT_TYPES, allowed=self.allowed),
            fw.district.path, in_nav=True))
        out.append(Page(p + links.CROSSWALK, self.render(
            "crosswalk.md.j2", lang, links.CROSSWALK, tables=self.crosswalk()), None, in_nav=True))
        out.extend(self.standards_pages(lang))
        out.append(self.glossary(lang))
        out.append(family_pages.mastery_page(self.render, lang, p))
        out.append(family_pages.contact_page(self.render, fw, lang, p))
        return out

    def standards_pages(self, lang: str) -> list[Page]:
        """Per imported state framework: which standards each course covers, which none does."""
        courses = [c for c in _sorted_courses(self.fw) if c.status != "retired"]
        out = []
        for set_id, found in sorted(self.fw.standards.items()):
            by_course, uncovered = coverage(courses, found)
            page = links.standards_page(set_id)
            out.append(Page(self.prefix(lang) + page, self.render(
                "standards.md.j2", lang, page, standards=found, by_course=by_course, uncovered=uncovered),
                found.path))
        return out

    def glossary(self, lang: str) -> Page:
        terms = [(key, *glossary.term(key, lang)) for key in glossary.TERMS]
        district = self.fw.district
        top = max((s.level for s in district.scale), default=0)
        levels = [(glossary.level_key(s.level), *glossary.level_entry(
            s.level, plain(s.label.text(lang)), district.mastery_level, top, lang)) for s in district.scale]
        at = next((i + 1 for i, (key, _n, _d) in enumerate(terms) if key == "mastery"), len(terms))
        terms[at:at] = levels  # the scale's levels right after "Mastery"
        content = self.render("glossary.md.j2", lang, glossary.GLOSSARY, terms=terms,
                              glossary_anchor=lambda key: Markup(glossary.anchor(key)))
        return Page(self.prefix(lang) + glossary.GLOSSARY, content, None, in_nav=True)


def framework_pages(fw: Framework, languages: list[str] | None = None,
                    template_dirs: list[Path] | None = None,
                    overrides: dict[str, dict[str, str]] | None = None,
                    prefixed: bool = True, changes: ChangeSet | None = None) -> list[Page]:
    """Every framework page in every language; `prefixed` puts non-default ones under `<lang>/`
    (one tree for `hcs-site generate`) instead of at the root of their own build."""
    renderer = FrameworkRenderer(fw, template_dirs, overrides, prefixed, changes=changes)
    langs = languages or [fw.district.default_language]
    return [page for lang in langs for page in renderer.pages(lang)]
