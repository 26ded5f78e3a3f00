"""`hcs-site new portfolio` and `hcs-site new evidence`: valid, commented, never overwriting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hcs_site.check.pipeline import check_repository
from hcs_site.cli import main
from hcs_site.commands.common import EXIT_CONTENT, EXIT_OK, EXIT_USAGE

from .conftest import TODAY, MakeRepo


def run(root: Path, *args: str) -> Result:
    result = CliRunner().invoke(main, ["new", *args, "--root", str(root)])
    assert "Traceback" not in result.output
    return result


def test_new_portfolio_validates_and_stays_unpublished(make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCS_TODAY", TODAY.isoformat())  # the scaffold's consent date is that day
    root = make_repo()
    result = run(root, "portfolio", "p-7f3a2c", "--school", "luella-high", "--grade", "9")
    assert result.exit_code == EXIT_OK, result.output
    assert "wrote portfolios/p-7f3a2c/portfolio.md" in result.output
    text = (root / "portfolios/p-7f3a2c/portfolio.md").read_text(encoding="utf-8")
    for teaches in ("# First name and last initial only", "publish: false", "adult_student: true",
                    "status: planned | in-progress | achieved", "Never add a full name"):
        assert teaches in text
    assert (root / "portfolios/p-7f3a2c/evidence").is_dir()
    report = check_repository(root, today=TODAY).report
    mine = [d for d in report.diagnostics if "p-7f3a2c" in d.loc.path]
    assert [(d.severity.value, d.code) for d in mine] == [("info", "portfolio-skipped")]
    assert report.errors == 0 and report.warnings == 0


def test_new_evidence_validates_and_publishes_once_consent_is_given(make_repo: MakeRepo,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCS_TODAY", TODAY.isoformat())  # the scaffold's consent date is that day
    root = make_repo()
    assert run(root, "portfolio", "p-7f3a2c", "--school", "bethlehem-elementary", "--grade", "7").exit_code == 0
    result = run(root, "evidence", "p-7f3a2c", "ratio-recipes")
    assert result.exit_code == EXIT_OK, result.output
    evidence = (root / "portfolios/p-7f3a2c/evidence/ratio-recipes.md").read_text(encoding="utf-8")
    assert "course: MATH-7" in evidence and "objectives: [MATH-7.1]" in evidence  # the plan's course
    assert "# level: 3" in evidence and "# artifacts:" in evidence and "alt text" in evidence
    portfolio = root / "portfolios/p-7f3a2c/portfolio.md"
    text = portfolio.read_text(encoding="utf-8")
    text = text.replace("publish: false", "publish: true").replace("guardian: false", "guardian: true")
    portfolio.write_text(re.sub(r"expires: \S+", "expires: 2099-06-30", text), encoding="utf-8")
    result_check = check_repository(root, today=TODAY)
    assert result_check.report.errors == 0 and result_check.report.warnings == 0, result_check.report.sorted()
    published = {p.key: p for p in result_check.published}
    assert [ev.slug for ev in published["p-7f3a2c"].evidence] == ["ratio-recipes"]


def test_new_never_overwrites(make_repo: MakeRepo) -> None:
    root = make_repo()
    before = (root / "portfolios/p-0001/portfolio.md").read_bytes()
    result = run(root, "portfolio", "p-0001")
    assert result.exit_code == EXIT_CONTENT
    assert "portfolios/p-0001 already exists; nothing was written" in result.output
    assert (root / "portfolios/p-0001/portfolio.md").read_bytes() == before
    evidence = root / "portfolios/p-0001/evidence/ratio-recipes.md"
    before = evidence.read_bytes()
    result = run(root, "evidence", "p-0001", "ratio-recipes")
    assert result.exit_code == EXIT_CONTENT and "already exists" in result.output
    assert evidence.read_bytes() == before


def test_new_portfolio_without_key_picks_an_opaque_one(make_repo: MakeRepo) -> None:
    root = make_repo()
    result = run(root, "portfolio")
    assert result.exit_code == EXIT_OK, result.output
    key = re.search(r"portfolios/(p-[0-9a-f]{6})/portfolio\.md", result.output)
    assert key is not None and (root / "portfolios" / key.group(1) / "portfolio.md").is_file()


@pytest.mark.parametrize(("key", "why"), [
    ("maya-smith", "must not be a name"),
    ("p-1234567", "look like a student number"),
    ("P-7F3A", "lowercase letters, digits and hyphens"),
    ("../p-1", "lowercase letters, digits and hyphens"),
    ("p", "lowercase letters, digits and hyphens"),
])
def test_keys_that_are_not_opaque_are_refused(make_repo: MakeRepo, key: str, why: str) -> None:
    root = make_repo()
    result = run(root, "portfolio", key)
    assert result.exit_code == EXIT_USAGE
    assert why in result.output
    assert not (root / "portfolios" / key).exists()


def test_evidence_usage_errors(make_repo: MakeRepo) -> None:
    root = make_repo()
    missing = run(root, "evidence", "p-0404", "ratio")
    assert missing.exit_code == EXIT_USAGE and "hcs-site new portfolio p-0404" in missing.output
    bad_slug = run(root, "evidence", "p-0001", "Ratio Recipes")
    assert bad_slug.exit_code == EXIT_USAGE
    bad_course = run(root, "evidence", "p-0001", "ratio", "--course", "MATH-99")
    assert bad_course.exit_code == EXIT_USAGE and "no course 'MATH-99'" in bad_course.output
    bad_school = run(root, "portfolio", "p-2024a", "--school", "hogwarts")
    assert bad_school.exit_code == EXIT_USAGE and "luella-high" in bad_school.output
