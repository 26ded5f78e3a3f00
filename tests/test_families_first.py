"""A site built for families first: navigation, search rank and accents, the designed home page,
how mastery works, contacts per school, no repository widget and no edit pencils on their pages."""

from __future__ import annotations

import json
from pathlib import Path

from hcs_site.adapters.family_site import fold, folded_words
from tests.conftest import DISTRICT, MakeRepo
from tests.sitecheck import build, soup

CONFIG = ("site_name: Test District\nrepo_url: https://github.com/example/td\nedit_uri: edit/main/docs/\n"
          "theme:\n  name: material\n  features: [content.action.edit]\nplugins:\n  - search\n  - hcs\n")
IDENTITY = """\
contact: {phone: 770-555-0100, email: families@district.example.org, web: https://www.district.example.org}
"""
SCHOOLS = """\
schools:
  - {id: luella-high, title: Luella High School, level: high, contact: {phone: (770) 555-0131}}
  - {id: bethlehem-elementary, title: Bethlehem Elementary School, level: elementary}
"""
DOCS = {
    "docs/families.md": "# Help for families\n\nWhat mastery means for your child and its rubric.\n",
    "docs/es/families.md": "# Ayuda para familias\n\nQué significa el dominio y la rúbrica.\n",
    "docs/performance.md": "# Performance\n\nMastery rubric mastery rubric mastery rubric mastery rubric.\n",
    "docs/reading-guide.md": "---\naudience: families\n---\n\n# A reading guide\n\nFor parents.\n",
    "docs/es/personal.md": "# Guía del personal\n\nDominio rúbrica dominio rúbrica dominio rúbrica.\n",
}


def _site(make_repo: MakeRepo, extra: dict[str, str] | None = None) -> Path:
    district = DISTRICT.replace("short_name: HCS\n", "short_name: HCS\n" + IDENTITY)
    district = district[: district.index("schools:")] + SCHOOLS
    root = make_repo({"mkdocs.yml": CONFIG, "content/district.yml": district, **DOCS, **(extra or {})})
    result = build(root, "--strict")
    assert result.exit_code == 0, result.output
    return root / "site"


def _nav(site: Path, page: str) -> list[tuple[str, list[str]]]:
    """Top-level entries of the primary navigation, each with the titles of its children."""
    top = soup(site, page).select_one("nav.md-nav--primary > ul")
    assert top is not None
    out = []
    for li in top.find_all("li", recursive=False):
        label = li.find(["a", "label"], class_="md-nav__link")
        children = [" ".join(a.get_text(" ", strip=True).split()) for a in li.select("ul a.md-nav__link")]
        out.append((" ".join(label.get_text(" ", strip=True).split()) if label else "", children))
    return out


def test_the_navigation_leads_with_what_a_family_needs(make_repo: MakeRepo) -> None:
    site = _site(make_repo)
    nav = _nav(site, "glossary/index.html")
    titles = [title for title, _ in nav]
    assert titles[:8] == ["Home", "Course catalog", "How mastery works", "Help for families", "A reading guide",
                          "Contact your school", "Glossary", "Student portfolios"], titles
    assert titles[-1] == "For district staff"
    assert nav[-1][1] == ["Performance"]  # every staff guide is in the staff section, and only there
    assert "Performance" not in titles
    es = _nav(site, "es/glossary/index.html")
    es_titles = [title for title, _ in es]
    assert es_titles[:6] == ["Inicio", "Catálogo de cursos", "Cómo funciona el dominio", "Ayuda para familias",
                             "Contacte a su escuela", "Glosario"], es_titles
    assert es[-1] == ("Para el personal del distrito", ["Guía del personal"])


def test_search_ranks_family_pages_above_staff_pages(make_repo: MakeRepo) -> None:
    site = _site(make_repo)
    for prefix, staff in (("", "performance/"), ("es/", "personal/")):
        docs = json.loads((site / prefix / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
        boost = {d["location"]: d.get("boost") for d in docs}
        assert boost[staff] == 0.001, prefix
        assert boost["families/"] == boost["mastery/"] == boost["glossary/"] == boost["contact/"] == 4.0, prefix
        assert boost["reading-guide/"] == 4.0 if not prefix else True
        assert boost.get("courses/math-7/") is None  # the rest of the framework: Material's default


def test_search_finds_words_typed_without_their_accents() -> None:
    assert fold("rúbrica") == "rubrica" and fold("Matemáticas") == "Matematicas" and fold("niño") == "nino"
    assert folded_words("<p>La rúbrica de Matemáticas</p>", "rúbrica <b>año</b> plain") == [
        "rubrica", "matematicas", "ano"]
    assert folded_words("no accents at all") == []


def test_the_search_index_holds_accent_free_copies(make_repo: MakeRepo) -> None:
    site = _site(make_repo)
    docs = json.loads((site / "es/search/search_index.json").read_text(encoding="utf-8"))["docs"]
    families = next(d for d in docs if d["location"] == "families/")
    assert families["text"].endswith('<span hidden data-hcs-folded>que rubrica</span>'), families["text"]
    assert "rúbrica" in families["text"]  # the original stays, for words typed with accents


def test_no_repository_widget_no_credit_and_no_pencil_on_family_pages(make_repo: MakeRepo) -> None:
    site = _site(make_repo)
    for page in ("index.html", "families/index.html", "reading-guide/index.html", "mastery/index.html",
                 "contact/index.html", "courses/math-7/index.html", "es/families/index.html", "es/index.html"):
        doc = soup(site, page)
        assert doc.select(".md-source, .md-header__source, a[rel=edit], a.md-content__button") == [], page
        assert "github.com/example/td" not in str(doc), page
        assert "Made with" not in doc.get_text(), page
    staff = soup(site, "performance/index.html")
    assert staff.select_one("a[rel=edit]")["href"] == "https://github.com/example/td/edit/main/docs/performance.md"
    assert staff.select(".md-source") == []


def test_the_header_shows_the_short_name_beside_the_full_one(make_repo: MakeRepo) -> None:
    site = _site(make_repo)
    for page in ("index.html", "es/courses/math-7/index.html", "404.html"):
        topic = soup(site, page).select_one(".md-header__topic")
        assert topic is not None
        long, short = topic.select_one(".hcs-name-long"), topic.select_one(".hcs-name-short")
        assert long is not None and short is not None, page
        assert short.get_text(strip=True) == "HCS" and short["aria-hidden"] == "true"


def test_contacts_per_school_in_both_languages(make_repo: MakeRepo) -> None:
    site = _site(make_repo)
    page = soup(site, "contact/index.html")
    text = page.select_one("article").get_text(" ", strip=True)
    assert "Phone: 770-555-0100 Email: families@district.example.org Website: https://www.district.example.org" in text
    assert page.select_one('a[href="tel:7705550100"]') is not None
    assert page.select_one('a[href="mailto:families@district.example.org"]') is not None
    assert "Luella High School Phone: (770) 555-0131" in text
    assert page.select_one('a[href="tel:7705550131"]') is not None
    assert "Bethlehem Elementary School Ask the district office for this school's contact." in text
    assert [h.get_text(" ", strip=True).rstrip("¶ ").strip() for h in page.select("article h3")] == [
        "Elementary (K-5)", "High (9-12)"]
    es = soup(site, "es/contact/index.html").select_one("article").get_text(" ", strip=True)
    assert "Teléfono: 770-555-0100 Correo electrónico: families@district.example.org" in es
    assert "Pida a la oficina del distrito el contacto de esta escuela." in es


def test_how_mastery_works_says_the_districts_scale_and_rule(make_repo: MakeRepo) -> None:
    site = _site(make_repo)
    text = soup(site, "mastery/index.html").select_one("article").get_text(" ", strip=True)
    assert "Emerging Progressing Meets (mastery level) Exceeds" in text
    assert "Meets is mastery" in text and "most recent score by a teacher" in text
    es = soup(site, "es/mastery/index.html").select_one("article").get_text(" ", strip=True)
    assert "calificación más reciente de un maestro" in es


def test_the_home_page_is_designed_for_families(make_repo: MakeRepo) -> None:
    site = _site(make_repo)
    for prefix, families, search, levels in (
            ("", "Help for families", "Search the site", ["Middle (6-8)"]),
            ("es/", "Ayuda para familias", "Buscar en el sitio", ["Secundaria (6-8)"])):
        doc = soup(site, prefix + "index.html")
        article = doc.select_one("article")
        links = article.select("a")
        assert links[0].get_text(strip=True) == families and links[0]["href"] == "families/", prefix
        form = article.select_one("form[role=search]")
        assert form is not None and form["action"] == "./" and form["method"] == "get"
        field = form.select_one("input[name=q]")
        label = form.select_one(f"label[for={field['id']}]")
        assert label is not None and label.get_text(strip=True) == search
        assert [h.get_text(strip=True) for h in article.select(".hcs-home-level h3")] == levels
        assert article.select_one(".hcs-home-level a")["href"] == "courses/math-7/"


def test_the_home_page_groups_courses_by_school_level(make_repo: MakeRepo) -> None:
    site = _site(make_repo, {"content/courses/bridge.yml": _BRIDGE})
    doc = soup(site, "index.html")
    levels = {h.get_text(strip=True): [a.get_text(strip=True) for a in h.find_parent("section").select("a")]
              for h in doc.select(".hcs-home-level h3")}
    assert levels == {"Middle (6-8)": ["Grade 7 Mathematics", "Bridge to Algebra"],
                      "High (9-12)": ["Bridge to Algebra"]}


_BRIDGE = """\
id: BRIDGE
title: Bridge to Algebra
area: MATH
grades: [8, 9]
credit: 0.5
status: adopted
programs: [community-school]
description: A course between grade 8 and algebra.
objectives:
""" + "".join(f"""\
  - {{id: BRIDGE.{n}, title: Part {n}, statement: I can do part {n}., aligns: [MATH.RP], dok: 2,
     assessment_types: [project], rubric: MATH.RP}}
""" for n in (1, 2, 3))


def test_the_first_editions_what_changed_page_says_what_it_will_show(make_repo: MakeRepo) -> None:
    site = _site(make_repo)
    text = soup(site, "what-changed/index.html").select_one("article").get_text(" ", strip=True)
    assert "Once the district publishes its next edition, this page will show, course by course:" in text
    assert "Until then, the course catalog shows every course as it is in the 2026-27 edition." in text
    es = soup(site, "es/what-changed/index.html").select_one("article").get_text(" ", strip=True)
    assert "Cuando el distrito publique su próxima edición" in es


def test_a_hostile_short_name_stays_text_in_the_header(make_repo: MakeRepo) -> None:
    hostile = '<img src=x onerror="window.__pwned=1">'
    district = DISTRICT.replace("short_name: HCS", f"short_name: '{hostile}'")
    root = make_repo({"mkdocs.yml": CONFIG, "content/district.yml": district, "docs/families.md": "# Help\n"})
    assert build(root).exit_code == 0
    for page in ("index.html", "es/index.html", "courses/math-7/index.html", "404.html"):
        doc = soup(root / "site", page)
        short = doc.select_one(".hcs-name-short")
        assert short is not None and short.get_text() == hostile and short.find("img") is None, page
        assert doc.select("img[onerror]") == [], page
