"""Plain words (issue 15, item 4), exactly as a family reads them in English and in Spanish:
codes with their words, DOK levels named, grade names that agree, counts in the singular when there
is one, dates written out, glossary terms linked on their first use only, and catalog filters
whose every choice finds a course."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from hcs_site.check.pipeline import check_repository
from hcs_site.model.framework import Framework
from hcs_site.render.context import PageContext
from hcs_site.render.framework_pages import FrameworkRenderer, filter_options
from hcs_site.render.i18n import strings

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture(scope="module")
def fw() -> Framework:
    result = check_repository(MINI, portfolios=False)
    assert result.framework is not None
    return result.framework


def ctx(fw: Framework, lang: str, page: str = "courses/math-7.md") -> PageContext:
    return PageContext(fw, lang, page, strings(lang))


@pytest.mark.parametrize(("grades", "en", "es", "en_lower", "es_lower"), [
    (["K"], "Kindergarten", "Kínder", "kindergarten", "kínder"),
    ([7], "Grade 7", "Grado 7", "grade 7", "el grado 7"),
    (["K", 1, 2], "Grades K–2", "Grados K–2", "grades K–2", "los grados K–2"),
    ([9, 10, 11, 12], "Grades 9–12", "Grados 9–12", "grades 9–12", "los grados 9–12"),
    ([8, 9], "Grades 8 and 9", "Grados 8 y 9", "grades 8 and 9", "los grados 8 y 9"),
    ([9, 10, 12], "Grades 9, 10 and 12", "Grados 9, 10 y 12", "grades 9, 10 and 12", "los grados 9, 10 y 12"),
])
def test_grade_names_agree_with_the_grades(fw: Framework, grades: list[str | int], en: str, es: str,
                                           en_lower: str, es_lower: str) -> None:
    assert ctx(fw, "en").grade_names(grades) == en
    assert ctx(fw, "es").grade_names(grades) == es
    assert ctx(fw, "en").grade_names(grades, lower=True) == en_lower
    assert ctx(fw, "es").grade_names(grades, lower=True) == es_lower
    assert "Kindergarten" not in ctx(fw, "en").grade_names(grades).replace(en if grades == ["K"] else "", "")


@pytest.mark.parametrize(("key", "count", "en", "es"), [
    ("course_count", 0, "0 courses", "0 cursos"),
    ("course_count", 1, "1 course", "1 curso"),
    ("course_count", 2, "2 courses", "2 cursos"),
    ("objective_count", 1, "1 Objective for Mastery", "1 Objetivo de dominio"),
    ("objective_count", 5, "5 Objectives for Mastery", "5 Objetivos de dominio"),
    ("week_count", 1.0, "1 week", "1 semana"),
    ("week_count", 1.5, "1&#46;5 weeks", "1&#46;5 semanas"),  # "1.5", made inert
    ("standard_count", 1, "1 standard", "1 estándar"),
    ("pacing_weeks", 1, "about 1 week", "alrededor de 1 semana"),
    ("pacing_weeks", 36, "about 36 weeks", "unas 36 semanas"),
])
def test_counts_in_the_singular_when_there_is_one(fw: Framework, key: str, count: float, en: str, es: str) -> None:
    assert ctx(fw, "en").count(key, count, weeks=count) == en
    assert ctx(fw, "es").count(key, count, weeks=count) == es


def test_dok_in_words_on_webbs_four_levels(fw: Framework) -> None:
    en, es = ctx(fw, "en"), ctx(fw, "es")
    assert [en.dok(n) for n in (1, 2, 3, 4)] == [
        "Level 1: recall and reproduction", "Level 2: skills and concepts",
        "Level 3: strategic thinking", "Level 4: extended thinking"]
    assert [es.dok(n) for n in (1, 2, 3, 4)] == [
        "Nivel 1: recordar y reproducir", "Nivel 2: habilidades y conceptos",
        "Nivel 3: pensamiento estratégico", "Nivel 4: pensamiento extendido"]
    assert en.dok(2, indicator=True) == "Depth of Knowledge level 2: skills and concepts"
    assert es.dok(2, indicator=True) == "nivel 2 de profundidad de conocimiento: habilidades y conceptos"


def test_dates_written_out_with_the_iso_date_for_machines(fw: Framework) -> None:
    assert ctx(fw, "en").date("2026-11-27") == '<time datetime="2026-11-27">27 November 2026</time>'
    assert ctx(fw, "es").date("2026-11-27") == '<time datetime="2026-11-27">27 de noviembre de 2026</time>'
    assert ctx(fw, "es").date("2027-01-03") == '<time datetime="2027-01-03">3 de enero de 2027</time>'
    # Not a date: shown as inert text, never as markup.
    assert ctx(fw, "en").date("<b>soon</b>") == "&lt;b&gt;soon&lt;&#47;b&gt;"


def test_codes_come_with_their_words(fw: Framework) -> None:
    """An indicator has no title: its statement goes with its code, linked."""
    en, es = ctx(fw, "en"), ctx(fw, "es")
    assert en.ref("MATH.RP.2") == ("[MATH&#46;RP&#46;2 Recognize proportional relationships]"
                                   "(../competencies/math.md#math-rp-2)")
    assert es.ref("MATH.RP.2").endswith("{ lang=en }")  # untranslated, and says so
    assert en.ref("MATH.RP") == "[MATH&#46;RP Ratios and proportional reasoning](../competencies/math.md#math-rp)"


def test_a_term_is_linked_on_its_first_use_only(fw: Framework) -> None:
    page = ctx(fw, "en")
    assert page.term("mastery") == "[Mastery](../glossary.md#mastery)"
    assert page.term("mastery", "mastery") == "mastery"
    assert page.term("credit", "Credit", raw=True) == '<a href="../../glossary/#credit" class="hcs-term">Credit</a>'
    assert page.term("credit", "Credit", raw=True) == "Credit"
    assert page.level_term(3) == "[Meets](../glossary.md#level-3)"
    assert page.level_term(3) == "Meets"
    es = ctx(fw, "es")
    assert es.term("not_yet") == "[Todavía no](../glossary.md#not-yet)"
    # A label from content stays text: it is encoded, whatever it holds.
    assert ctx(fw, "en").term("rubric", "<img src=x onerror=alert(1)>") == (
        "[&lt;img src&#61;x onerror&#61;alert&#40;1&#41;&gt;](../glossary.md#rubric)")
    # Where the page's glossary is not in its tree, terms are named, not linked.
    unlinked = PageContext(fw, "es", "portfolios/s/k/index.md", strings("es"), glossary_links=False)
    assert unlinked.term("not_yet") == "Todavía no"


def test_the_glossary_explains_every_term_a_family_meets(fw: Framework) -> None:
    renderer = FrameworkRenderer(fw)
    for lang, expected in {
        "en": ["## Learner Profile { #learner-profile }", "## Universal checkpoint { #checkpoint }",
               "## Not yet { #not-yet }", "## No teacher score yet { #no-score }",
               "## Meets (level 3 of 4) { #level-3 }", "## Emerging (level 1 of 4) { #level-1 }",
               "## Credit (Carnegie unit) { #credit }", "## Assessment type { #assessment-type }",
               "## Objective for Mastery { #objective }", "## Competency { #competency }",
               "## Mastery { #mastery }", "## Depth of Knowledge (DOK) { #dok }"],
        "es": ["## Perfil del Estudiante { #learner-profile }", "## Todavía no { #not-yet }",
               "## Sin calificación del maestro { #no-score }", "## Cumple (nivel 3 de 4) { #level-3 }"],
    }.items():
        content = html.unescape(renderer.glossary(lang).content)
        for heading in expected:
            assert heading in content, (lang, heading)
    content = html.unescape(renderer.glossary("en").content)
    assert "The mastery level of the district's scale" in content
    assert content.index("{ #mastery }") < content.index("{ #level-1 }") < content.index("{ #level-4 }")


def test_every_catalog_filter_choice_matches_a_course(fw: Framework) -> None:
    """The class of "a subject filter that always gives 0": no choice of any filter without a course."""
    courses = [c for c in fw.courses if c.status != "retired"]
    options = filter_options(fw, courses)
    assert [a.id for a in options["areas"]] == ["MATH"]  # XC has competencies, no course
    assert options["bands"] == ["middle", "high"]
    for area in options["areas"]:
        assert any(c.area == area.id for c in courses)
    for band in options["bands"]:
        assert any(band in c.grade_bands for c in courses)
    for program in options["programs"]:
        assert any(program.id in c.programs for c in courses)
    catalog = next(p for p in FrameworkRenderer(fw).pages("en") if p.path == "courses/index.md").content
    assert '<option value="XC">' not in catalog and '<option value="elementary">' not in catalog
