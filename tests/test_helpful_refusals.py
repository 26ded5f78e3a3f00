"""Refusals that name the way out: the valid choices, titles and other capitals accepted (with a
warning) wherever an ID is, and every command run from any folder of the repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hcs_site.check.pipeline import check_repository
from hcs_site.check.suggest import choices
from hcs_site.cli import main

from .conftest import AREA_MATH, COURSE_MATH_7, DISTRICT, EVIDENCE, TODAY, MakeRepo


def found(root: Path) -> list[tuple[int, int, str, str, str, str]]:
    report = check_repository(root, today=TODAY).report
    return [(d.loc.line, d.loc.col, d.severity.value, d.code, d.message, d.hint) for d in report.sorted()
            if d.code != "portfolio-skipped"]


def test_titles_and_capitals_stand_for_the_id_with_a_warning(make_repo: MakeRepo) -> None:
    course = (COURSE_MATH_7.replace("assessment_types: [written-test]\n", "assessment_types: [Written Test]\n")
              .replace("area: MATH", "area: Mathematics").replace("aligns: [MATH.EE]", "aligns: [math.ee]"))
    root = make_repo({"content/courses/math-7.yml": course})
    assert found(root) == [
        (4, 7, "warning", "ref-normalised", "course MATH-7 names area 'Mathematics' by its title; its ID is MATH",
         "write MATH: IDs never change, while titles and spellings may"),
        (27, 24, "warning", "ref-normalised",
         "objective MATH-7.2 names assessment type 'Written Test' by its title; its ID is written-test",
         "write written-test: IDs never change, while titles and spellings may"),
        (38, 14, "warning", "ref-normalised",
         "objective MATH-7.3 names competency or performance indicator 'math.ee' in other capitals; "
         "its ID is MATH.EE", "write MATH.EE: IDs never change, while titles and spellings may"),
    ]
    fw = check_repository(root, today=TODAY).framework
    assert fw is not None
    math7 = fw.course_index["MATH-7"]
    assert math7.area == "MATH"  # pages, exports and diffs see the ID
    assert math7.objectives[1].assessment_types == ["written-test"]
    assert math7.objectives[2].aligns == ["MATH.EE"]


def test_a_title_in_another_language_counts_too(make_repo: MakeRepo) -> None:
    evidence = EVIDENCE.replace("assessment_type: project", "assessment_type: Proyecto")
    root = make_repo({"portfolios/p-0001/evidence/ratio-recipes.md": evidence})
    assert [(code, message) for _l, _c, _s, code, message, _h in found(root)] == [
        ("ref-normalised", "evidence names assessment type 'Proyecto' by its title; its ID is project")]


def test_unknown_reference_lists_every_choice_when_few(make_repo: MakeRepo) -> None:
    """`SOC` is nearer to `SCI` than to the intended `SS`: the list shows SS all the same."""
    areas = {f"content/competencies/{a.lower()}.yml": AREA_MATH.replace("id: MATH\n", f"id: {a}\n")
             .replace("MATH.", f"{a}.").replace("title: Mathematics", f"title: Area {a}")
             for a in ("SCI", "SS", "ELA")}
    root = make_repo({**areas, "content/courses/math-7.yml": COURSE_MATH_7.replace("area: MATH", "area: SOC")})
    assert found(root) == [
        (4, 7, "error", "unknown-ref", "course MATH-7 refers to area 'SOC', which does not exist; "
         "did you mean SCI?",
         "use the `id` of a file in content/competencies/: one of: ELA, MATH, SCI, SS"),
    ]


def test_unknown_reference_among_many_lists_the_five_nearest() -> None:
    pool = [f"MATH.RP.{n}" for n in range(1, 20)] + ["ELA.W.1", "SCI.PS.2"]
    assert choices("MATH.RP.22", pool) == "the nearest of 21: MATH.RP.2, MATH.RP.12, MATH.RP.1, MATH.RP.3, MATH.RP.4"
    assert choices("x", ["b", "a"]) == "one of: a, b"
    assert choices("x", []) == ""


def test_assessment_type_choices_are_listed(make_repo: MakeRepo) -> None:
    root = make_repo({"content/courses/math-7.yml": COURSE_MATH_7.replace("[written-test]\n", "[quiz]\n")})
    assert found(root) == [
        (27, 24, "error", "unknown-ref", "objective MATH-7.2 refers to assessment type 'quiz', which does not exist",
         "use an assessment type `id` from content/district.yml: one of: presentation, project, written-test"),
    ]


def test_an_ambiguous_title_is_not_guessed(make_repo: MakeRepo) -> None:
    district = DISTRICT.replace("title: Presentation", "title: Written test")
    root = make_repo({"content/district.yml": district,
                      "content/courses/math-7.yml": COURSE_MATH_7.replace("[written-test]\n", "[Written test]\n")})
    codes = [(code, message) for _l, _c, _s, code, message, _h in found(root)]
    assert ("unknown-ref", "objective MATH-7.2 refers to assessment type 'Written test', which does not exist; "
            "did you mean written-test?") in codes


# ------------------------------------------------------------------ the command line


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("folder", ["content/courses", "content", "portfolios/p-0001/evidence", "."])
def test_every_command_finds_the_repository_from_a_subfolder(valid_repo: Path, folder: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(valid_repo / folder)
    code, out = run("validate")
    assert code == 0, out
    assert out.endswith("0 errors, 0 warnings in 5 files\n")
    note = f"hcs-site: using the repository {valid_repo.resolve()}\n"
    assert (note in out) == (folder != ".")  # said when it is not the current folder
    code, out = run("validate", "--root", str(valid_repo / "content" / "courses"))
    assert code == 0, out


def test_no_repository_above_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The search stops at the top of a Git repository: it never borrows a folder around it."""
    outer = tmp_path / "outer"
    (outer / "content").mkdir(parents=True)
    (outer / "other" / ".git").mkdir(parents=True)
    (outer / "other" / "notes").mkdir()
    monkeypatch.chdir(outer / "other" / "notes")
    code, out = run("validate")
    assert code == 2
    assert "has no content/ folder, nor has any folder above it" in out


def test_course_ids_in_any_capitals_on_the_command_line(valid_repo: Path) -> None:
    code, out = run("new", "evidence", "p-0001", "fractions", "--course", "math-7", "--root", str(valid_repo))
    assert code == 0, out
    text = (valid_repo / "portfolios/p-0001/evidence/fractions.md").read_text(encoding="utf-8")
    assert "course: MATH-7\n" in text
    code, out = run("pdf", "mathh-7", "--root", str(valid_repo))
    assert code == 2
    assert "no course 'mathh-7'; use one of: MATH-7" in out


def test_a_student_grade_is_one_grade(valid_repo: Path) -> None:
    code, out = run("new", "portfolio", "p-0009", "--grade", "k", "--root", str(valid_repo))
    assert code == 0, out
    assert "grade: K\n" in (valid_repo / "portfolios/p-0009/portfolio.md").read_text(encoding="utf-8")
    code, out = run("new", "portfolio", "p-0010", "--grade", "9-12", "--root", str(valid_repo))
    assert code == 2 and "a student is in one grade" in out
