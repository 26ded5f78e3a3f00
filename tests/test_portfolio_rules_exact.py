"""The portfolio and evidence rules, each diagnostic pinned whole: place, code, message and hint.

The data-driven cases (`tests/cases/`) check where and which code; a student reads the sentence
and the fix, so here every rule of `check/rules_portfolio.py` is shown as the student sees it,
with near misses on both sides: names that are and are not a first name and an initial, an
artifact type on and off the list, references written in other capitals (fixed in the model),
and the references that are not judged because the file they point into could not be read.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hcs_site.check.pipeline import CheckResult, check_repository

from .conftest import COURSE_MATH_7, DISTRICT, EVIDENCE, PORTFOLIO, TODAY, MakeRepo

P = "portfolios/p-0001/portfolio.md"
E = "portfolios/p-0001/evidence/ratio-recipes.md"
PRIVATE_HINT = "remove it; a public portfolio never shows contact details, addresses, birth dates or identity numbers"
NAME_HINT = "write it like 'Maya S.' or 'D'Andre L.' (never a full name)"
COURSE_MATH_8 = COURSE_MATH_7.replace("MATH-7", "MATH-8").replace("grades: [7]", "grades: [8]").replace(
    "Grade 7", "Grade 8")


def _check(root: Path) -> CheckResult:
    return check_repository(root, today=TODAY)


def _shown(result: CheckResult) -> list[str]:
    return [f"{d.severity.value} {d.loc.path}:{d.loc.line}:{d.loc.col}: {d.code} {d.message} ({d.hint})"
            for d in result.report.sorted()]


def _diagnostics(make_repo: MakeRepo, files: dict[str, str | bytes | None]) -> list[str]:
    return _shown(_check(make_repo(files)))


# --- display names ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Maya S.", "D'Andre L.", "D\u2019Andre L.", "Mary-Jane K.", "Jose\u0301 R.",
                                  "Zoë Ñ.", "maya s."])
def test_a_first_name_and_an_initial_is_accepted(make_repo: MakeRepo, name: str) -> None:
    assert _diagnostics(make_repo, {P: PORTFOLIO.replace("Maya S.", f'"{name}"')}) == []


@pytest.mark.parametrize("name", ["Maya Smith", "Maya S", "Maya S.x", "Maya S..", "M4ya S.", "Maya.Jo S.",
                                  "Maya- S.", "-Maya S.", " S.", "Maya  S.", "Maya SS.", "Maya 4.", "Maya _.",
                                  "Maya_Jo S.", "Maya S. Smith", "Maya'' S."])
def test_anything_else_is_refused_with_the_way_to_write_it(make_repo: MakeRepo, name: str) -> None:
    assert _diagnostics(make_repo, {P: PORTFOLIO.replace("Maya S.", f'"{name}"')}) == [
        f"error {P}:2:15: display-name display_name '{name}' must be a first name and a last initial ({NAME_HINT})"]


# --- language, school, goals and the learning path -------------------------------------------------


def test_a_language_the_district_does_not_offer(make_repo: MakeRepo) -> None:
    assert _diagnostics(make_repo, {P: PORTFOLIO.replace("language: en", "language: fr")}) == [
        f"error {P}:5:11: unknown-language language 'fr' is not one of the district's languages (use one of: en, es)"]


def test_no_language_is_not_an_unknown_one(make_repo: MakeRepo) -> None:
    assert _diagnostics(make_repo, {P: PORTFOLIO.replace("language: en\n", "")}) == []


def test_unknown_references_of_a_portfolio(make_repo: MakeRepo) -> None:
    portfolio = (PORTFOLIO.replace("school: bethlehem-elementary", "school: bethlehem")
                 .replace("aligns: [MATH.RP]", "aligns: [MATH.RX, MATH.RP.1]")
                 .replace("{course: MATH-7,", "{course: MATH-9,"))
    assert _diagnostics(make_repo, {P: portfolio}) == [
        f"error {P}:3:9: unknown-ref portfolio refers to school 'bethlehem', which does not exist; did you mean "
        "bethlehem-elementary? (use a school `id` from content/district.yml: one of: bethlehem-elementary, "
        "luella-high)",
        f"error {P}:13:14: unknown-ref goal refers to competency 'MATH.RX', which does not exist; did you mean "
        "MATH.RP? (use a competency ID from content/competencies/: one of: MATH.EE, MATH.EE.1, MATH.EE.2, "
        "MATH.EE.3, MATH.EE.4, MATH.RP, MATH.RP.1, MATH.RP.2, MATH.RP.3, MATH.RP.4)",
        f"error {P}:17:14: unknown-ref learning path refers to course 'MATH-9', which does not exist; did you mean "
        "MATH-7? (use a course ID from content/courses/: one of: MATH-7)",
    ]


def test_references_written_another_way_are_replaced_by_the_id(make_repo: MakeRepo) -> None:
    portfolio = (PORTFOLIO.replace("school: bethlehem-elementary", "school: Bethlehem Elementary School")
                 .replace("aligns: [MATH.RP]", "aligns: [math.rp, MATH.EE]")
                 .replace("{course: MATH-7,", "{course: math-7,"))
    result = _check(make_repo({P: portfolio}))
    assert [d.code for d in result.report.sorted()] == ["ref-normalised"] * 3
    p = result.portfolios[0]
    assert (p.school, p.goals[0].aligns, p.plan[0].course) == ("bethlehem-elementary", ["MATH.RP", "MATH.EE"],
                                                               "MATH-7")


def test_nothing_is_replaced_when_nothing_answers(make_repo: MakeRepo) -> None:
    portfolio = (PORTFOLIO.replace("school: bethlehem-elementary", "school: bethlehem")
                 .replace("aligns: [MATH.RP]", "aligns: [MATH.RX]").replace("{course: MATH-7,", "{course: MATH-9,"))
    evidence = (EVIDENCE.replace("course: MATH-7", "course: MATH-9").replace("[MATH.EE]", "[MATH.XX]")
                .replace("assessment_type: project", "assessment_type: projet"))
    result = _check(make_repo({P: portfolio, E: evidence}))
    p = result.portfolios[0]
    ev = p.evidence[0]
    assert (p.school, p.goals[0].aligns, p.plan[0].course) == ("bethlehem", ["MATH.RX"], "MATH-9")
    assert (ev.course, ev.competencies, ev.assessment_type) == ("MATH-9", ["MATH.XX"], "projet")


BROKEN = "  - : :\n"  # a YAML syntax error: the file is not read at all


def test_references_into_an_unreadable_area_file_are_not_judged(make_repo: MakeRepo) -> None:
    from .conftest import AREA_MATH

    files: dict[str, str | bytes | None] = {
        "content/competencies/math.yml": AREA_MATH + BROKEN,
        P: PORTFOLIO.replace("aligns: [MATH.RP]", "aligns: [MATH.RX]"),
        E: EVIDENCE.replace("competencies: [MATH.EE]", "competencies: [MATH.XX]")}
    assert [d.split(": ")[1] for d in _diagnostics(make_repo, files)] == ["yaml-syntax the text contains \""]


def test_references_into_an_unreadable_course_file_are_not_judged(make_repo: MakeRepo) -> None:
    files: dict[str, str | bytes | None] = {
        "content/courses/math-7.yml": COURSE_MATH_7 + BROKEN,
        P: PORTFOLIO.replace("{course: MATH-7,", "{course: MATH-9,"),
        E: EVIDENCE.replace("course: MATH-7", "course: MATH-9").replace("[MATH-7.1]", "[MATH-7.9]")}
    assert [d.split(": ")[1] for d in _diagnostics(make_repo, files)] == ["yaml-syntax the text contains \""]


# --- evidence -------------------------------------------------------------------------------------


def test_an_unknown_objective_is_looked_for_in_the_evidence_course_only(make_repo: MakeRepo) -> None:
    files: dict[str, str | bytes | None] = {"content/courses/math-8.yml": COURSE_MATH_8,
                                            E: EVIDENCE.replace("[MATH-7.1]", "[MATH-7.2, MATH-8.9]")}
    assert _diagnostics(make_repo, files) == [
        f"error {E}:5:24: unknown-ref evidence refers to objective 'MATH-8.9', which does not exist; did you mean "
        "MATH-7.3? (use an objective ID of the evidence's course: one of: MATH-7.1, MATH-7.2, MATH-7.3)",
        f"error {E}:7:18: assessment-not-allowed objective MATH-7.2 does not allow assessment type 'project' "
        "(allowed for it: written-test)",
    ]


def test_with_an_unknown_course_every_objective_is_a_choice(make_repo: MakeRepo) -> None:
    files: dict[str, str | bytes | None] = {
        "content/courses/math-8.yml": COURSE_MATH_8,
        E: EVIDENCE.replace("course: MATH-7", "course: MATH-9").replace("[MATH-7.1]", "[MATH-7.1, MATH-8.9]")}
    assert _diagnostics(make_repo, files) == [
        f"error {E}:4:9: unknown-ref evidence refers to course 'MATH-9', which does not exist; did you mean "
        "MATH-8? (use a course ID from content/courses/: one of: MATH-7, MATH-8)",
        f"error {E}:5:24: unknown-ref evidence refers to objective 'MATH-8.9', which does not exist; did you mean "
        "MATH-8.3? (use an objective ID of the evidence's course: one of: MATH-7.1, MATH-7.2, MATH-7.3, MATH-8.1, "
        "MATH-8.2, MATH-8.3)",
    ]


def test_an_objective_of_another_course(make_repo: MakeRepo) -> None:
    files: dict[str, str | bytes | None] = {"content/courses/math-8.yml": COURSE_MATH_8,
                                            E: EVIDENCE.replace("[MATH-7.1]", "[MATH-7.1, MATH-8.1]")}
    assert _diagnostics(make_repo, files) == [
        f"error {E}:5:24: objective-not-in-course objective MATH-8.1 belongs to course MATH-8, not MATH-7 "
        "(list objectives of MATH-7 only, or change `course`)",
    ]


def test_evidence_references_written_another_way_are_replaced_by_the_id(make_repo: MakeRepo) -> None:
    evidence = (EVIDENCE.replace("[MATH-7.1]", "[math-7.1]").replace("course: MATH-7", "course: math-7")
                .replace("competencies: [MATH.EE]", "competencies: [math.ee]")
                .replace("assessment_type: project", "assessment_type: Written test"))
    result = _check(make_repo({E: evidence}))
    assert [d.code for d in result.report.sorted()] == ["ref-normalised"] * 4
    ev = result.portfolios[0].evidence[0]
    assert (ev.course, ev.objectives, ev.competencies, ev.assessment_type) == (
        "MATH-7", ["MATH-7.1"], ["MATH.EE"], "written-test")


def test_an_objective_that_does_not_allow_the_assessment_type(make_repo: MakeRepo) -> None:
    evidence = EVIDENCE.replace("assessment_type: project", "assessment_type: presentation").replace(
        "[MATH-7.1]", "[MATH-7.1, MATH-7.3]")
    assert _diagnostics(make_repo, {E: evidence}) == [
        f"error {E}:7:18: assessment-not-allowed objective MATH-7.1 does not allow assessment type 'presentation' "
        "(allowed for it: written-test, project)"]


def test_an_unknown_competency_on_evidence(make_repo: MakeRepo) -> None:
    evidence = EVIDENCE.replace("competencies: [MATH.EE]", "competencies: [MATH.RP.4, MATH.XX]")
    assert _diagnostics(make_repo, {E: evidence}) == [
        f"error {E}:6:27: unknown-ref evidence refers to competency 'MATH.XX', which does not exist; did you mean "
        "MATH.RP? (use a competency ID from content/competencies/: one of: MATH.EE, MATH.EE.1, MATH.EE.2, "
        "MATH.EE.3, MATH.EE.4, MATH.RP, MATH.RP.1, MATH.RP.2, MATH.RP.3, MATH.RP.4)"]


@pytest.mark.parametrize("level", [0, 5])
def test_a_level_off_the_scale(make_repo: MakeRepo, level: int) -> None:
    assert _diagnostics(make_repo, {E: EVIDENCE.replace("level: 3", f"level: {level}")}) == [
        f"error {E}:8:8: unknown-level level {level} is not on the district scale (use one of: 1, 2, 3, 4)"]


@pytest.mark.parametrize("level", [1, 4])
def test_the_ends_of_the_scale(make_repo: MakeRepo, level: int) -> None:
    assert _diagnostics(make_repo, {E: EVIDENCE.replace("level: 3", f"level: {level}")}) == []


def test_evidence_without_a_level(make_repo: MakeRepo) -> None:
    evidence = EVIDENCE.replace("level: 3\n", "").replace("scored_by: teacher\n", "")
    assert _diagnostics(make_repo, {E: evidence}) == []


# --- artifacts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("file", ["work.png", "work.jpg", "work.jpeg", "work.webp", "work.pdf", "WORK.JPG"])
def test_an_allowed_type_that_is_not_there_is_missing(make_repo: MakeRepo, file: str) -> None:
    found = _diagnostics(make_repo, {E: EVIDENCE.replace("file: recipe-poster.png", f"file: {file}")})
    assert f"error {E}:11:12: artifact-missing artifact '{file}' is not in portfolios/p-0001/ (add the file next to " \
           "portfolio.md, or fix the name)" in found
    assert not any("artifact-type" in d for d in found)


@pytest.mark.parametrize(("file", "shown"), [("poster.svg", ".svg"), ("poster.gif", ".gif"), ("poster", "no extension"),
                                             ("poster.png.html", ".html"), ("poster.script", ".script")])
def test_a_type_off_the_list(make_repo: MakeRepo, file: str, shown: str) -> None:
    found = _diagnostics(make_repo, {E: EVIDENCE.replace("file: recipe-poster.png", f"file: {file}")})
    assert f"error {E}:11:12: artifact-type artifact '{file}' is not an allowed type ({shown}) (use PNG, JPEG, WebP " \
           "or PDF; SVG and other formats are not published)" in found
    assert not any("artifact-missing" in d for d in found)


def test_an_artifact_in_a_subfolder_of_the_portfolio(make_repo: MakeRepo) -> None:
    from .conftest import PNG_1X1

    files: dict[str, str | bytes | None] = {
        "portfolios/p-0001/posters/recipe-poster.png": PNG_1X1, "portfolios/p-0001/recipe-poster.png": None,
        E: EVIDENCE.replace("file: recipe-poster.png", "file: posters/recipe-poster.png")}
    assert _diagnostics(make_repo, files) == []


@pytest.mark.parametrize("file", ["../p-0001/recipe-poster.png", "posters/../recipe-poster.png",
                                  "/portfolios/p-0001/recipe-poster.png"])
def test_a_path_that_leaves_the_portfolio_even_to_come_back(make_repo: MakeRepo, file: str) -> None:
    assert _diagnostics(make_repo, {E: EVIDENCE.replace("file: recipe-poster.png", f"file: {file}")}) == [
        f"error {E}:11:12: artifact-path artifact '{file}' is outside the portfolio (put the file in the student's "
        "portfolio folder and name it relative to it)"]


# --- private details: which field, and the district's own student-number pattern --------------------


def test_each_field_is_named_as_the_student_knows_it(make_repo: MakeRepo) -> None:
    portfolio = (PORTFOLIO.replace("Explain how I compare prices.", "Email me at maya@school.us")
                 .replace("year: 2026-27", "year: 2026-27, note: 770-555-1234"))
    evidence = EVIDENCE.replace("alt: Poster", "alt: call 770-555-1234 Poster")
    found = [d for d in _diagnostics(make_repo, {P: portfolio, E: evidence}) if "private-detail" in d]
    assert found == [
        f"error {E}:11:36: private-detail the alt text contains a phone number, which cannot be published "
        f"({PRIVATE_HINT})",
        f"error {P}:12:11: private-detail the goal contains an email address, which cannot be published "
        f"({PRIVATE_HINT})",
        f"error {P}:17:60: private-detail the field `plan.note` contains a phone number, which cannot be published "
        f"({PRIVATE_HINT})",
    ]


def test_the_display_name_and_the_artifact_name_are_named(make_repo: MakeRepo) -> None:
    portfolio = PORTFOLIO.replace("Maya S.", "Maya 1234567")
    evidence = EVIDENCE.replace("file: recipe-poster.png", "file: poster-1234567.png")
    found = [d for d in _diagnostics(make_repo, {P: portfolio, E: evidence}) if "private-detail" in d]
    assert found == [
        f"error {E}:11:12: private-detail the artifact name contains what looks like a student number, which "
        f"cannot be published ({PRIVATE_HINT})",
        f"error {P}:2:15: private-detail the display name contains what looks like a student number, which "
        f"cannot be published ({PRIVATE_HINT})",
    ]


def test_a_private_field_is_refused_whole_not_read_for_details(make_repo: MakeRepo) -> None:
    portfolio = PORTFOLIO.replace("interests:", "phone: 770-555-1234\ninterests:")
    found = _diagnostics(make_repo, {P: portfolio})
    assert [d.split(": ")[1].split(" ")[0] for d in found] == ["private-field"]


def test_the_districts_student_number_pattern_is_used_everywhere(make_repo: MakeRepo) -> None:
    district = DISTRICT.replace("languages: [en, es]\n", "languages: [en, es]\nstudent_number_pattern: 'HC\\d{6}'\n")
    portfolio = PORTFOLIO.replace("About me, in my own words.", "I am HC123456.").replace(
        "interests: [robotics, drawing]", "interests: [robotics, HC654321, drawing 1234567]")
    evidence = EVIDENCE.replace("title: Ratio recipes", "title: Ratio HC111111").replace(
        "Reflection:", "Mine, HC222222. Reflection:")
    found = [d.split(" private-detail ")[0] for d in _diagnostics(make_repo, {"content/district.yml": district,
                                                                                P: portfolio, E: evidence})]
    assert found == [f"error {E}:2:8:", f"error {E}:13:7:", f"error {P}:15:23:", f"error {P}:19:6:"]


def test_a_broken_district_pattern_falls_back_to_the_default(make_repo: MakeRepo) -> None:
    district = DISTRICT.replace("languages: [en, es]\n", "languages: [en, es]\nstudent_number_pattern: 'HC(\\d{6}'\n")
    portfolio = PORTFOLIO.replace("About me, in my own words.", "I am 1234567, not HC123456.")
    found = _diagnostics(make_repo, {"content/district.yml": district, P: portfolio})
    assert [re.sub(r" .*", "", d.split(": ", 1)[1]) for d in found] == ["student-number-pattern", "private-detail"]
    assert found[1] == (f"error {P}:19:6: private-detail the text contains what looks like a student number, "
                        f"which cannot be published ({PRIVATE_HINT})")


def test_markdown_that_hides_a_detail_in_a_field_is_read_as_the_page_shows_it(make_repo: MakeRepo) -> None:
    portfolio = PORTFOLIO.replace("Explain how I compare prices.", "'Call 770\\-555\\-1234'").replace(
        "interests: [robotics, drawing]", "interests: [robotics, 'id 12**345**67']")
    found = [d for d in _diagnostics(make_repo, {P: portfolio}) if "private-detail" in d]
    assert found == [
        f"error {P}:12:11: private-detail the goal contains a phone number, which cannot be published ({PRIVATE_HINT})",
        f"error {P}:15:23: private-detail an interest contains what looks like a student number, which cannot be "
        f"published ({PRIVATE_HINT})",
    ]
