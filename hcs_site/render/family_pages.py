"""Pages a family reads first: the home page, how mastery works, and whom to contact.

Built from content/district.yml in every language of the site, like the other generated pages,
so the language selector keeps them and a district's own words (scale, rule, schools, contacts)
appear in each. Every value reaches the page through `PageContext`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.framework import Contact, Course, Framework, School
from . import glossary, links
from .page import Page

MASTERY = "mastery.md"
CONTACT = "contact.md"
LEVELS = ("elementary", "middle", "high")

Render = Callable[..., str]


def courses_by_level(courses: list[Course]) -> list[tuple[str, list[Course]]]:
    """Each school level with the courses taught there (by their grades), in catalog order; a
    course that spans two levels (8-9) is listed in both."""
    return [(level, found) for level in LEVELS
            if (found := [c for c in courses if level in c.grade_bands])]


def schools_by_level(fw: Framework) -> list[tuple[str, list[School]]]:
    return [(level, found) for level in LEVELS
            if (found := [s for s in fw.district.schools if s.level == level])]


def contact_lines(contact: Contact | None) -> list[tuple[str, str, str]]:
    """(word key, shown text, link target) of each way to reach someone; values are schema-checked."""
    if contact is None:
        return []
    out = []
    if contact.phone:
        dial = "".join(ch for ch in contact.phone if ch.isdigit() or ch == "+")
        out.append(("contact_phone", contact.phone, "tel:" + dial))
    if contact.email:
        out.append(("contact_email", contact.email, "mailto:" + contact.email))
    if contact.web:
        out.append(("contact_web", contact.web, contact.web))
    return out


def mastery_page(render: Render, lang: str, prefix: str) -> Page:
    content = render("mastery.md.j2", lang, MASTERY, glossary_page=glossary.GLOSSARY, catalog=links.CATALOG)
    return Page(prefix + MASTERY, content, None, in_nav=True)


def contact_page(render: Render, fw: Framework, lang: str, prefix: str) -> Page:
    content = render("contact.md.j2", lang, CONTACT, levels=schools_by_level(fw), lines=contact_lines)
    return Page(prefix + CONTACT, content, fw.district.path, in_nav=True)


def home_values(courses: list[Course], families: str | None) -> dict[str, Any]:
    return {"levels": courses_by_level(courses), "families": families, "mastery": MASTERY, "contact": CONTACT,
            "catalog": links.CATALOG, "areas": links.AREAS_INDEX, "assessment_types": links.ASSESSMENT_TYPES,
            "crosswalk": links.CROSSWALK, "glossary": glossary.GLOSSARY}
