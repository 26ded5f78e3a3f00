"""A clash between two files is reported on the file the change touched, naming the other one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from hcs_site.check.blame import BaseRevision
from hcs_site.check.pipeline import check_repository
from hcs_site.cli import main

from .conftest import COURSE_MATH_7, TODAY, MakeRepo
from .test_diff import commit, git, init_repo

# An adopted algebra course that sorts before math-7.yml, with IDs of its own.
ALGEBRA = (COURSE_MATH_7.replace("MATH-7", "ALG-1").replace("grades: [7]", "grades: [9]")
           .replace("Grade 7 Mathematics", "Algebra I"))


def duplicates(root: Path, base: BaseRevision | None = None) -> list[tuple[str, int, str]]:
    report = check_repository(root, today=TODAY, base=base).report
    return [(d.loc.path, d.loc.line, d.message) for d in report.sorted() if d.code == "duplicate-id"]


def test_a_draft_reusing_an_adopted_id_gets_the_error(make_repo: MakeRepo) -> None:
    """econ.yml sorts first, so the untouched, adopted math-7.yml used to get the error."""
    econ = ALGEBRA.replace("ALG-1.3", "MATH-7.3").replace("status: adopted", "status: draft")
    root = make_repo({"content/courses/alg-1.yml": econ})
    assert duplicates(root) == [("content/courses/alg-1.yml", 35, "ID 'MATH-7.3' is already used at "
                                 "content/courses/math-7.yml:35")]


def test_a_course_in_vetting_is_newer_than_an_adopted_one(make_repo: MakeRepo) -> None:
    econ = ALGEBRA.replace("ALG-1.3", "MATH-7.3").replace("status: adopted", "status: vetting")
    root = make_repo({"content/courses/alg-1.yml": econ})
    assert [path for path, _line, _m in duplicates(root)] == ["content/courses/alg-1.yml"]


def test_when_nothing_tells_the_later_file_gets_it(make_repo: MakeRepo) -> None:
    root = make_repo({"content/courses/alg-1.yml": ALGEBRA.replace("ALG-1.3", "MATH-7.3")})
    assert duplicates(root) == [("content/courses/math-7.yml", 35, "ID 'MATH-7.3' is already used at "
                                 "content/courses/alg-1.yml:35")]


@pytest.fixture
def pull_request(make_repo: MakeRepo) -> Path:
    """Base: two adopted courses. The change: alg-1.yml reuses MATH-7.3 (math-7.yml untouched)."""
    root = make_repo({"content/courses/alg-1.yml": ALGEBRA})
    init_repo(root)
    commit(root, "base")
    git(root, "checkout", "-q", "-b", "change")
    (root / "content/courses/alg-1.yml").write_text(ALGEBRA.replace("ALG-1.3", "MATH-7.3"), encoding="utf-8")
    commit(root, "reuse an ID")
    return root


def test_with_a_base_the_file_in_the_diff_gets_it(pull_request: Path) -> None:
    base = BaseRevision.load(pull_request, "main")
    assert base.changed == frozenset({"content/courses/alg-1.yml"})
    assert duplicates(pull_request, base) == [("content/courses/alg-1.yml", 35, "ID 'MATH-7.3' is already used "
                                               "at content/courses/math-7.yml:35")]


def test_an_id_already_in_the_base_keeps_the_error_on_the_new_one(pull_request: Path) -> None:
    """Both files changed: the one whose ID was not there at the base is the newer."""
    math7 = pull_request / "content/courses/math-7.yml"
    math7.write_text(COURSE_MATH_7.replace("title: Equations", "title: Solving equations"), encoding="utf-8")
    base = BaseRevision.load(pull_request, "main")
    assert base.changed == frozenset({"content/courses/alg-1.yml", "content/courses/math-7.yml"})
    assert [path for path, _l, _m in duplicates(pull_request, base)] == ["content/courses/alg-1.yml"]


def run_validate(root: Path, *args: str) -> tuple[int, str]:
    epoch = int(dt.datetime.combine(TODAY, dt.time(12), dt.UTC).timestamp())
    result = CliRunner().invoke(main, ["validate", "--root", str(root), *args],
                                env={"SOURCE_DATE_EPOCH": str(epoch)})
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_github_annotations_with_a_base_pin_only_changed_files(pull_request: Path) -> None:
    """The change also renames an assessment type that the untouched math-7.yml still uses."""
    district = pull_request / "content/district.yml"
    district.write_text(district.read_text("utf-8").replace("  - id: presentation\n    title: Presentation\n",
                                                            "  - id: talk\n    title: Talk\n"), encoding="utf-8")
    code, out = run_validate(pull_request, "--format", "github", "--base", "main")
    assert code == 1
    lines = out.splitlines()
    assert "::error file=content/courses/alg-1.yml,line=35,col=9,title=duplicate-id::" in out
    assert "::error file=content/courses/alg-1.yml,line=40,col=38,title=unknown-ref::" in out
    # math-7.yml is not in the change: its problem is reported, but not pinned to the file.
    assert ("::error title=unknown-ref::content/courses/math-7.yml:40:38 (a file this change does not touch): "
            "objective MATH-7.3 refers to assessment type 'presentation', which does not exist") in lines[-2]
    assert "file=content/courses/math-7.yml" not in out
    code, out = run_validate(pull_request, "--format", "github")
    assert "::error file=content/courses/math-7.yml,line=40,col=38,title=unknown-ref::" in out


def test_an_unknown_base_is_a_usage_error(pull_request: Path) -> None:
    code, out = run_validate(pull_request, "--base", "no-such-branch")
    assert code == 2
    assert "'no-such-branch' is not a Git revision" in out


def test_two_items_replacing_one_id_blame_the_draft(make_repo: MakeRepo) -> None:
    """alg-1.yml sorts first; the adopted MATH-7.3 claimed MATH-7.0 long ago, the draft just now."""
    draft = ALGEBRA.replace("status: adopted", "status: draft").replace(
        "  - id: ALG-1.3\n", "  - id: ALG-1.3\n    replaces: MATH-7.0\n")
    math7 = COURSE_MATH_7.replace("  - id: MATH-7.3\n", "  - id: MATH-7.3\n    replaces: MATH-7.0\n")
    root = make_repo({"content/courses/alg-1.yml": draft, "content/courses/math-7.yml": math7})
    report = check_repository(root, today=TODAY).report
    assert [(d.loc.path, d.loc.line, d.message) for d in report.sorted() if d.code == "replaces-twice"] == [
        ("content/courses/alg-1.yml", 36, "ALG-1.3 and MATH-7.3 both replace MATH-7.0 (MATH-7.3 at "
         "content/courses/math-7.yml:36)")]
