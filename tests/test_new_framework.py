"""`hcs-site new area` and `hcs-site new course`: commented scaffolds that validate clean."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from hcs_site.cli import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def validate(root: Path) -> Result:
    return run("validate", "--root", str(root), "--strict")


def test_new_area_validates_clean(valid_repo: Path) -> None:
    result = run("new", "area", "ARTS", "--title", "Fine Arts: music & art", "--root", str(valid_repo))
    assert result.exit_code == 0, result.output
    target = valid_repo / "content" / "competencies" / "arts.yml"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# A competency area")  # the repository chose no schema line (test_init.py)
    assert "TODO" in text and "\n#" in text  # placeholders and teaching comments
    data = yaml.safe_load(text)
    assert data["id"] == "ARTS" and data["title"] == "Fine Arts: music & art" and data["status"] == "draft"
    assert len(data["competencies"][0]["performance_indicators"]) == 4
    assert sorted(data["competencies"][0]["scoring_criteria"][0]["levels"]) == [1, 2, 3, 4]
    checked = validate(valid_repo)
    assert checked.exit_code == 0, checked.output


def test_new_course_validates_clean(valid_repo: Path) -> None:
    result = run("new", "course", "MATH-8", "--title", "Grade 8 Mathematics", "--area", "MATH",
                 "--grades", "8", "--programs", "community-school; impact-academy", "--root", str(valid_repo))
    assert result.exit_code == 0, result.output
    target = valid_repo / "content" / "courses" / "math-8.yml"
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["id"] == "MATH-8" and data["grades"] == [8] and data["status"] == "draft"
    assert data["programs"] == ["community-school", "impact-academy"]
    assert [o["id"] for o in data["objectives"]] == ["MATH-8.1", "MATH-8.2", "MATH-8.3"]
    assert isinstance(data["objectives"][0]["rubric"], list) and data["objectives"][1]["rubric"] == "MATH.RP"
    checked = validate(valid_repo)
    assert checked.exit_code == 0, checked.output


def test_new_course_in_a_new_area(valid_repo: Path) -> None:
    assert run("new", "area", "ARTS", "--title", "Arts", "--root", str(valid_repo)).exit_code == 0
    result = run("new", "course", "ART-K", "--title", "Kindergarten Art", "--area", "ARTS", "--grades", "K",
                 "--credit", "0", "--root", str(valid_repo))
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((valid_repo / "content/courses/art-k.yml").read_text(encoding="utf-8"))
    assert data["grades"] == ["K"] and data["credit"] == 0.0
    assert validate(valid_repo).exit_code == 0


@pytest.mark.parametrize("command", [
    ["new", "area", "MATHS", "--title", "Maths", "--file", "math.yml"],
    ["new", "course", "MATH-7B", "--title", "X", "--area", "MATH", "--grades", "7"],
])
def test_never_overwrites(valid_repo: Path, command: list[str]) -> None:
    if command[1] == "course":
        (valid_repo / "content/courses/math-7b.yml").write_text("# mine\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (valid_repo / "content").rglob("*.yml")}
    result = run(*command, "--root", str(valid_repo))
    assert result.exit_code == 1
    assert "already exists; nothing was written" in result.output
    assert {p: p.read_bytes() for p in (valid_repo / "content").rglob("*.yml")} == before


@pytest.mark.parametrize(("command", "message"), [
    (["new", "area", "1ARTS", "--title", "Arts"], "not a valid ID"),
    (["new", "area", "MATH", "--title", "Arts"], "already used"),
    (["new", "course", "MATH-7", "--title", "X", "--area", "MATH", "--grades", "7"], "already used"),
    (["new", "course", "MATH.RP", "--title", "X", "--area", "MATH", "--grades", "7"], "already used"),
    (["new", "course", "ART 1", "--title", "X", "--area", "MATH", "--grades", "7"], "not a valid ID"),
    (["new", "course", "ART-1", "--title", "X", "--area", "MAHT", "--grades", "7"],
     "no competency area 'MAHT'; use one of: MATH"),
    (["new", "course", "math-7", "--title", "X", "--area", "MATH", "--grades", "7"], "ID 'MATH-7' is already used"),
    (["new", "course", "ART-1", "--title", "X", "--area", "MATH", "--grades", "12-9"], "'12-9' is not a grade"),
    (["new", "course", "ART-1", "--title", "X", "--area", "MATH", "--grades", "13"], "not a grade"),
])
def test_bad_input_is_a_usage_error(valid_repo: Path, command: list[str], message: str) -> None:
    before = sorted(p.name for p in (valid_repo / "content").rglob("*"))
    result = run(*command, "--root", str(valid_repo))
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert sorted(p.name for p in (valid_repo / "content").rglob("*")) == before


def test_unknown_program_is_refused_before_writing(valid_repo: Path) -> None:
    result = run("new", "course", "ART-1", "--title", "X", "--area", "MATH", "--grades", "7",
                 "--programs", "night-school", "--root", str(valid_repo))
    assert result.exit_code == 2
    assert ("no program 'night-school'; use one of: academy-advanced-studies, community-school, impact-academy"
            in result.output)
    assert not (valid_repo / "content/courses/art-1.yml").exists()


def test_grade_ranges_titles_and_any_capitals_are_accepted(valid_repo: Path) -> None:
    """What a committee types: a range of grades, the area in small letters, a program by its title."""
    result = run("new", "course", "MATH-9", "--title", "Grade 9 Mathematics", "--area", "math",
                 "--grades", "9-12", "--programs", "Impact Academy (virtual)", "--root", str(valid_repo))
    assert result.exit_code == 0, result.output
    text = (valid_repo / "content/courses/math-9.yml").read_text(encoding="utf-8")
    assert "area: MATH\n" in text and "grades: [9, 10, 11, 12]" in text and "impact-academy" in text


def test_placeholders_left_in_an_adopted_course_are_flagged(valid_repo: Path) -> None:
    """`new` says "replace every TODO, then run hcs-site validate": a draft may keep them, but once
    the committee adopts the course, validate names each one (and --strict fails)."""
    (valid_repo / "mkdocs.yml").write_text("site_url: https://example.org/site/\n", encoding="utf-8")
    assert run("new", "course", "MATH-8", "--title", "Grade 8 Mathematics", "--area", "MATH",
               "--grades", "8", "--root", str(valid_repo)).exit_code == 0
    target = valid_repo / "content" / "courses" / "math-8.yml"
    lines = target.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "# yaml-language-server: $schema=https://example.org/site/schemas/course.schema.json"
    status = next(i for i, line in enumerate(lines) if line.startswith("status: draft"))
    lines[status] = "status: adopted"
    description = next(i for i, line in enumerate(lines) if line.startswith("description: TODO -"))
    target.write_text("\n".join(lines), encoding="utf-8")
    checked = validate(valid_repo)
    assert checked.exit_code == 1
    assert (f"content/courses/math-8.yml:{description + 1}:14: warning placeholder-left 'description' still "
            "holds the placeholder text of a new file, and this course is adopted") in checked.output
    assert "fix: write the real text (it is published as it is), or keep the status draft" in checked.output
    assert "math-8.yml:27:14: warning placeholder-left 'objectives.0.rubric.0.levels.1' still" in checked.output
    # the description, 3 objective titles and "I can" statements, the first objective's rubric (criterion, 4 levels)
    assert checked.output.count("placeholder-left") == 12
