"""What the plugin adds to a district's MkDocs configuration: extensions, assets, navigation."""

from __future__ import annotations

import html
import re
from importlib import resources
from pathlib import Path
from typing import Any

from ..model.framework import Framework
from ..render import glossary, links
from ..render.family_pages import CONTACT, MASTERY
from ..render.i18n import strings
from ..render.page import Page
from ..render.sanitize import plain
from ..render.what_changed import PAGE as WHAT_CHANGED

REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "admonition", "tables", "abbr")
"""The generated Markdown relies on these; they are added when mkdocs.yml does not list them."""

ASSETS = (("assets/hcs/hcs.css", "css"), ("assets/hcs/hcs.js", "js"), ("assets/hcs/family.css", "css"))
PORTFOLIO_CSS = "assets/hcs/portfolio.css"


def add_requirements(config: Any) -> None:
    """The Markdown extensions the pages need, and our stylesheets and script, each once."""
    for ext in REQUIRED_EXTENSIONS:
        if ext not in config.markdown_extensions:
            config.markdown_extensions.append(ext)
    if PORTFOLIO_CSS not in [str(x) for x in config.extra_css]:
        config.extra_css.append(PORTFOLIO_CSS)
    for rel, kind in ASSETS:
        target = config.extra_css if kind == "css" else config.extra_javascript
        if rel not in [str(x) for x in target]:
            target.append(rel)


THEME_DIR = Path(str(resources.files("hcs_site") / "theme"))
"""Template overrides for Material (accessibility fixes, language selector, edition banner)."""


def add_theme_dir(config: Any) -> None:
    """Our overrides sit under the district's own `custom_dir` and above Material's templates."""
    dirs: list[str] = config.theme.dirs
    if str(THEME_DIR) in dirs:
        return
    custom = config.theme.custom_dir  # a property: Theme.get("custom_dir") is always None
    dirs.insert(1 if custom else 0, str(THEME_DIR))


def asset_path(rel: str) -> Path:
    name = rel.rsplit("/", 1)[-1]
    return Path(str(resources.files("hcs_site") / "assets" / name))


FAMILY_PAGES = frozenset({"families.md"})
"""Hand-written pages for families by name; any other says so with `audience: families` in its
front matter. Every other hand-written page is a guide for district staff."""
_AUDIENCE = re.compile(r"\A---\s*\n(?:.*\n)*?audience:\s*[\"']?families[\"']?\s*\n(?:.*\n)*?---\s*\n")


def for_families(page: Path, name: str) -> bool:
    """Whether a hand-written page is for families (`name`: its path in the docs folder)."""
    if name in FAMILY_PAGES:
        return True
    try:
        head = page.read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError:
        return False
    return _AUDIENCE.match(head) is not None


def default_nav(docs_dir: Path, fw: Framework, pages: list[Page], lang: str | None = None,
                student_work: dict[str, str] | None = None) -> list[Any]:
    """What a family needs first (courses, how mastery works, help, contacts, glossary, student
    work), then the rest of the framework, then one section of guides for district staff.

    Sections, not one entry per page: courses are reached through the catalog and areas. MkDocs
    renders the whole navigation into every page, so a navigation that listed every course would
    make the build quadratic in the number of courses.
    """
    lang = lang or fw.district.default_language
    words = strings(lang)
    hand_written = sorted(
        p.relative_to(docs_dir).as_posix()
        for p in docs_dir.glob("*.md")
        if p.name not in ("index.md", "README.md")
    ) if docs_dir.is_dir() else []
    family = [name for name in hand_written if for_families(docs_dir / name, name)]
    staff = [name for name in hand_written if name not in family]
    generated = {p.path for p in pages}
    nav: list[Any] = []
    if (docs_dir / "index.md").is_file() or "index.md" in generated:
        nav.append({words["nav_home"]: "index.md"})
    nav.append({words["catalog"]: links.CATALOG})
    if MASTERY in generated:
        nav.append({words["mastery_page"]: MASTERY})
    for name in family:
        nav.append({words["nav_families"]: name} if name == "families.md" else name)
    if CONTACT in generated:
        nav.append({words["contact_page"]: CONTACT})
    nav.append({words["glossary"]: glossary.GLOSSARY})
    if student_work:
        nav.append(student_work)
    nav.append({
        words["competencies"]: [links.AREAS_INDEX]
        # Material prints navigation titles unescaped: a committee's title must stay text.
        + [{html.escape(plain(a.title.text(lang))): links.area_page(a)} for a in fw.areas]
    })
    nav.append({words["assessment_types"]: links.ASSESSMENT_TYPES})
    nav.append({words["crosswalk"]: links.CROSSWALK})
    if WHAT_CHANGED in generated:
        nav.append({words["what_changed"]: WHAT_CHANGED})
    if staff:
        nav.append({words["nav_staff"]: staff})
    return nav
