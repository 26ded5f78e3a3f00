"""Where every generated page lives, and the anchors inside them: one place to change URLs."""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache

from markupsafe import Markup

from ..model.framework import Area, Competency, Course, Framework, Indicator, Objective


@lru_cache(maxsize=65536)
def anchor(item_id: str) -> str:
    """`MATH-7.3` -> `math-7-3`: stable, readable fragment IDs."""
    return re.sub(r"[^a-z0-9]+", "-", item_id.lower()).strip("-")


def anchor_markup(item_id: str) -> Markup:
    """`anchor` for the templates: made of `[a-z0-9-]` only, printed as it is (`{ #math-7-3 }`)."""
    return Markup(anchor(item_id))


def course_page(course: Course | str) -> str:
    cid = course if isinstance(course, str) else course.id
    return f"courses/{anchor(cid)}.md"


def area_page(area: Area | str) -> str:
    aid = area if isinstance(area, str) else area.id
    return f"competencies/{anchor(aid)}.md"


CATALOG = "courses/index.md"
AREAS_INDEX = "competencies/index.md"
ASSESSMENT_TYPES = "assessment-types.md"
CROSSWALK = "crosswalk.md"


def standards_page(set_id: str) -> str:
    """The coverage page of an imported state framework (content/standards/<id>.json)."""
    return f"standards/{set_id}.md"


def relative(from_page: str, to_page: str, fragment: str = "") -> str:
    """A relative .md link that MkDocs resolves (and checks) like a hand-written one."""
    rel = _relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{rel}#{fragment}" if fragment else rel


@lru_cache(maxsize=65536)
def _relpath(to_page: str, start: str) -> str:
    """`posixpath.relpath`, remembered: it reads the working directory twice per call, and every
    course page links the same pages from the same folder."""
    return posixpath.relpath(to_page, start)


def item_target(fw: Framework, item_id: str) -> tuple[str, str] | None:
    """(page, fragment) where a competency, indicator, course or objective is shown."""
    item = fw.index.get(item_id)
    if isinstance(item, Competency):
        return area_page(item.area_id), anchor(item.id)
    if isinstance(item, Indicator):
        comp = fw.competencies.get(item.competency_id)
        return (area_page(comp.area_id), anchor(item.id)) if comp else None
    if isinstance(item, Course):
        return course_page(item), ""
    if isinstance(item, Objective):
        return course_page(item.course_id), anchor(item.id)
    return None
