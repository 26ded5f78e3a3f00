"""`hcs-site diff` on a real Git history: three commits with known changes, exact JSON expected.

The history (see `history`): the mini fixture; then a rubric descriptor reworded at the mastery
level (breaking) and above it (not), and an assessment type removed; then an objective added, a
competency renamed with `replaces` (its alignments follow it), a Spanish title added, and a
student portfolio, which must never reach the output.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hcs_site.cli import main

MINI = Path(__file__).parent / "fixtures" / "mini"

NEW_OBJECTIVE = """\
  - id: MATH-7.4
    title: Scale drawings
    statement: I can solve problems with scale drawings.
    aligns: [MATH.RP.3]
    dok: 2
    assessment_types: [project]
    rubric: MATH.RP
"""

PORTFOLIO = """\
---
display_name: Secretname Q.
school: east-middle
grade: 7
language: en
consent: {publish: true, guardian: true, date: 2026-09-01, expires: 2099-06-30}
---
About me.
"""


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    out = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True)
    return out.stdout.strip()


def init_repo(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test Committee")
    git(root, "config", "user.email", "committee@example.org")
    git(root, "config", "commit.gpgsign", "false")


def commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)
    return git(root, "rev-parse", "HEAD")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def make_history(root: Path) -> list[str]:
    """The three commits; returns their IDs, oldest first."""
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns("site"))
    init_repo(root)
    first = commit(root, "The 2026-27 framework")
    course = root / "content" / "courses" / "math-7.yml"
    edit(course, "3: Models correctly., 4: Compares models.",
         "3: Models the relationship with a correct ratio or equation., 4: Compares several models.")
    edit(course, "assessment_types: [presentation, project]", "assessment_types: [project]")
    second = commit(root, "Math committee: clearer mastery descriptor; MATH-7.3 by project only")
    course.write_text(course.read_text(encoding="utf-8") + NEW_OBJECTIVE, encoding="utf-8")
    edit(course, "    title: Equations\n", "    title: {en: Equations, es: Ecuaciones}\n")
    edit(root / "content" / "competencies" / "math.yml", "  - id: MATH.EE\n",
         "  - id: MATH.EQ\n    replaces: MATH.EE\n")
    for name in ("math-7.yml", "alg-1.yml", "math-7-old.yml"):
        edit(root / "content" / "courses" / name, "[MATH.EE]", "[MATH.EQ]")
    student = root / "portfolios" / "k7f3q"
    student.mkdir(parents=True)
    (student / "portfolio.md").write_text(PORTFOLIO, encoding="utf-8")
    third = commit(root, "MATH-7.4 scale drawings; MATH.EE becomes MATH.EQ")
    return [first, second, third]


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("history") / "repo"
    return root, make_history(root)


def run(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["diff", "--root", str(root), *args], catch_exceptions=False)


def change(subject: str, kind: str, item: str, message: str, breaking: bool, subject_kind: str = "course",
           **extra: object) -> dict[str, object]:
    base: dict[str, object] = {
        "subject": subject, "subject_kind": subject_kind, "kind": kind, "item": item, "field": None,
        "criterion": None, "level": None, "languages": [], "before": None, "after": None,
        "breaking": breaking, "affects": [], "message": message, "reason": "",
    }
    base.update(extra)
    return base


DESCRIPTOR_3 = change(
    "MATH-7", "rubric-descriptor-changed", "MATH-7.1",
    'objective MATH-7.1 rubric: criterion "Modeling", level 3 (Meets) reworded: "Models correctly." → '
    '"Models the relationship with a correct ratio or equation."', True,
    criterion="Modeling", level=3, languages=["en"], before={"en": "Models correctly."},
    after={"en": "Models the relationship with a correct ratio or equation."},
    reason="what is expected at or below mastery changed")
DESCRIPTOR_4 = change(
    "MATH-7", "rubric-descriptor-changed", "MATH-7.1",
    'objective MATH-7.1 rubric: criterion "Modeling", level 4 (Exceeds) reworded: "Compares models." → '
    '"Compares several models."', False,
    criterion="Modeling", level=4, languages=["en"], before={"en": "Compares models."},
    after={"en": "Compares several models."})
TYPE_REMOVED = change("MATH-7", "assessment-type-removed", "MATH-7.3",
                      'objective MATH-7.3 no longer allows "Presentation"', True, before="presentation",
                      reason="fewer ways to show it")
TRANSLATION = change("MATH-7", "objective-reworded", "MATH-7.2", "objective MATH-7.2 title: translation changed (es)",
                     False, field="title", languages=["es"], before={"es": None}, after={"es": "Ecuaciones"})
ADDED = change("MATH-7", "objective-added", "MATH-7.4", 'objective MATH-7.4 "Scale drawings" added to MATH-7', True,
               after={"en": "I can solve problems with scale drawings."},
               reason="one more objective to show for the credit")
RENAMED = change("MATH.EQ", "competency-renamed", "MATH.EQ", "competency MATH.EE renamed MATH.EQ (replaces)", False,
                 subject_kind="competency", field="id", before="MATH.EE", after="MATH.EQ")


def test_json_lists_exactly_the_known_changes(history: tuple[Path, list[str]]) -> None:
    root, commits = history
    result = run(root, commits[0], commits[2], "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["base"] == {"ref": commits[0], "commit": commits[0], "edition": "2026-27"}
    assert data["head"] == {"ref": commits[2], "commit": commits[2], "edition": "2026-27"}
    assert data["changes"] == [DESCRIPTOR_3, DESCRIPTOR_4, TRANSLATION, TYPE_REMOVED, ADDED, RENAMED]
    assert data["summary"] == {
        "changes": 6, "breaking": 3,
        "kinds": {"assessment-type-removed": 1, "competency-renamed": 1, "objective-added": 1,
                  "objective-reworded": 1, "rubric-descriptor-changed": 2},
        "subjects": [
            {"subject": "MATH-7", "subject_kind": "course", "title": "Grade 7 Mathematics", "changes": 5,
             "breaking": 3},
            {"subject": "MATH.EQ", "subject_kind": "competency", "title": "Expressions and equations",
             "changes": 1, "breaking": 0},
        ],
    }


def test_each_commit_alone(history: tuple[Path, list[str]]) -> None:
    root, commits = history
    first = json.loads(run(root, commits[0], commits[1], "--format", "json").output)
    assert first["changes"] == [DESCRIPTOR_3, DESCRIPTOR_4, TYPE_REMOVED]
    second = json.loads(run(root, "HEAD~1", "HEAD", "--format", "json").output)
    assert second["base"]["ref"] == "HEAD~1" and second["base"]["commit"] == commits[1]
    assert second["changes"] == [TRANSLATION, ADDED, RENAMED]


def test_a_rename_with_replaces_is_not_an_alignment_change(history: tuple[Path, list[str]]) -> None:
    root, commits = history
    data = json.loads(run(root, commits[1], commits[2], "--format", "json").output)
    kinds = {c["kind"] for c in data["changes"]}
    assert not kinds & {"alignment-added", "alignment-removed", "competency-added", "competency-removed",
                        "indicator-moved", "objective-rubric-source-changed"}


def test_json_output_is_stable(history: tuple[Path, list[str]]) -> None:
    root, commits = history
    assert run(root, commits[0], commits[2], "--format", "json").output == \
        run(root, commits[0], commits[2], "--format", "json").output


def test_markdown_is_a_pull_request_comment(history: tuple[Path, list[str]]) -> None:
    root, commits = history
    out = run(root, commits[0], commits[2], "--format", "markdown").output
    lines = out.splitlines()
    assert lines[0] == "<!-- hcs-site diff -->"
    assert lines[1] == "### What this change means for students"
    assert f"Comparing `{commits[0]}` (edition 2026-27) with `{commits[2]}` (edition 2026-27)." in lines
    assert ("**6 changes**, of which **3 are breaking for students**. Rewordings show ~~removed words~~ and "
            "**added words**.") in lines
    table = lines.index("| Subject | Changes | Breaking |")
    assert lines[table + 1] == "| --- | ---: | ---: |"
    assert lines[table + 2:table + 4] == [
        "| Course MATH-7 Grade 7 Mathematics | 5 | **3** :warning: |",
        "| Competency MATH.EQ Expressions and equations | 1 | 0 |",
    ]
    assert out.count("<details") == 2 and out.count("</details>") == 2
    assert "<details open>\n<summary><strong>Course MATH-7 Grade 7 Mathematics</strong>: 5 changes, " \
           "3 breaking</summary>" in out
    assert "<details>\n<summary><strong>Competency MATH.EQ Expressions and equations</strong>: 1 change, " \
           "0 breaking</summary>" in out
    assert "- :warning: **breaking** (fewer ways to show it): objective MATH-7.3 no longer allows \"Presentation\"" \
        in lines
    assert ('- :warning: **breaking** (what is expected at or below mastery changed): objective MATH-7.1 rubric: '
            'criterion "Modeling", level 3 (Meets) reworded: Models ~~correctly~~ **the relationship with a '
            'correct ratio or equation**.') in lines
    assert ('- objective MATH-7.1 rubric: criterion "Modeling", level 4 (Exceeds) reworded: Compares **several** '
            'models.') in lines
    assert "- competency MATH.EE renamed MATH.EQ (replaces)" in lines
    assert lines.index("| --- | ---: | ---: |") < out.splitlines().index("<details open>")
    assert lines[-1].startswith("<sub>Breaking: ")


def test_text_groups_changes_by_subject(history: tuple[Path, list[str]]) -> None:
    root, commits = history
    out = run(root, commits[0], commits[2]).output.splitlines()
    assert out[1] == "6 changes, 3 breaking for students"
    course = out.index("Course MATH-7 Grade 7 Mathematics (5 changes, 3 breaking)")
    competency = out.index("Competency MATH.EQ Expressions and equations (1 change, 0 breaking)")
    assert course < competency
    assert out[2] == "Rewordings show [-removed words-] and {+added words+}."
    assert out[course + 1:course + 3] == [
        '  BREAKING  objective MATH-7.1 rubric: criterion "Modeling", level 3 (Meets) reworded: '
        "Models [-correctly-] {+the relationship with a correct ratio or equation+}.",
        "            why: what is expected at or below mastery changed"]
    assert out[course + 3] == ('            objective MATH-7.1 rubric: criterion "Modeling", level 4 (Exceeds) '
                               "reworded: Compares {+several+} models.")
    assert out[competency + 1] == "            competency MATH.EE renamed MATH.EQ (replaces)"


def test_portfolios_never_appear(history: tuple[Path, list[str]]) -> None:
    root, commits = history
    for fmt in ("text", "markdown", "json"):
        out = run(root, commits[0], "--format", fmt).output
        assert "k7f3q" not in out and "Secretname" not in out and "portfolio" not in out.lower().replace(
            "portfolios are never compared", "")


def test_head_defaults_to_the_working_tree(history: tuple[Path, list[str]], tmp_path: Path) -> None:
    root, _ = history
    work = tmp_path / "work"
    shutil.copytree(root, work)
    edit(work / "content" / "courses" / "alg-1.yml", "credit: 1.0", "credit: 0.5")
    data = json.loads(run(work, "HEAD", "--format", "json").output)
    assert data["head"] == {"ref": "working tree", "commit": None, "edition": "2026-27"}
    assert data["changes"] == [change("ALG-1", "course-credit-changed", "ALG-1",
                                      "course ALG-1 credit changed from 1 to 0.5", False, field="credit",
                                      before=1.0, after=0.5, reason="not breaking: course ALG-1 was a draft in "
                                      "the base edition, so no student is held to it yet")]


def test_two_directories(tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(MINI, old)
    new = tmp_path / "new"
    shutil.copytree(MINI, new)
    edit(new / "content" / "courses" / "math-7.yml", "grades: [7]", "grades: [7, 8]")
    result = run(tmp_path / "new", str(old), str(new), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["base"] == {"ref": str(old), "commit": None, "edition": "2026-27"}
    assert [(c["kind"], c["before"], c["after"], c["breaking"]) for c in data["changes"]] == [
        ("course-grades-changed", [7], [7, 8], False)]


def test_two_directories_from_a_folder_outside_any_repository(tmp_path: Path) -> None:
    """A chair comparing two downloaded copies needs no repository around them."""
    for side in ("old", "new"):
        shutil.copytree(MINI, tmp_path / side)
    edit(tmp_path / "new" / "content" / "courses" / "math-7.yml", "grades: [7]", "grades: [7, 8]")
    elsewhere = tmp_path / "desk"
    elsewhere.mkdir()
    result = run(elsewhere, str(tmp_path / "old"), str(tmp_path / "new"))
    assert result.exit_code == 0, result.output
    assert "course MATH-7 grades changed from [7] to [7, 8]" in result.output
    one = run(elsewhere, str(tmp_path / "old"))  # the working tree of no repository: refused
    assert one.exit_code == 2 and "has no content/ folder" in one.output


def test_no_change(history: tuple[Path, list[str]]) -> None:
    root, _ = history
    assert run(root, "HEAD").output.splitlines() == [
        "Comparing HEAD (2026-27) with working tree (2026-27)", "No change to the framework."]
    assert "No change to the framework" in run(root, "HEAD", "--format", "markdown").output


def test_unknown_revision_is_a_usage_error(history: tuple[Path, list[str]]) -> None:
    root, _ = history
    result = run(root, "edition-1999-00")
    assert result.exit_code == 2
    assert ("'edition-1999-00' is neither a directory nor a Git revision (branch, tag or commit)"
            in result.output)


def test_a_side_with_content_errors_is_reported_not_compared(history: tuple[Path, list[str]],
                                                               tmp_path: Path) -> None:
    root, _ = history
    work = tmp_path / "broken"
    shutil.copytree(root, work)
    edit(work / "content" / "courses" / "alg-1.yml", "status: draft", "status: drafted")
    result = run(work, "HEAD")
    assert result.exit_code == 1
    assert "working tree: the content has errors; fix them before comparing" in result.output
    assert "content/courses/alg-1.yml:7:9: error invalid-value 'drafted' is not allowed for 'status'" in result.output


def test_output_file(history: tuple[Path, list[str]], tmp_path: Path) -> None:
    root, commits = history
    target = tmp_path / "diff.md"
    result = run(root, commits[0], commits[1], "--format", "markdown", "--output", str(target))
    assert result.exit_code == 0 and result.output == ""
    assert target.read_text(encoding="utf-8").startswith("<!-- hcs-site diff -->\n")


def test_output_never_overwrites_a_tracked_or_content_file(history: tuple[Path, list[str]]) -> None:
    root, revs = history
    readme = root / "content" / "courses"
    before = {p: p.read_bytes() for p in readme.iterdir()}
    course = next(iter(sorted(before)))
    refused = run(root, revs[0], revs[1], "--output", str(course))
    assert refused.exit_code == 2
    assert "refusing to write" in refused.output and "which hcs-site never writes into" in refused.output
    tracked = root / "mkdocs.yml"
    kept = tracked.read_bytes()
    refused = run(root, revs[0], revs[1], "--output", str(tracked))
    assert refused.exit_code == 2
    assert "already exists and is not a file hcs-site wrote" in refused.output
    assert tracked.read_bytes() == kept
    assert {p: p.read_bytes() for p in readme.iterdir()} == before


def test_output_writes_and_replaces_its_own_report(history: tuple[Path, list[str]]) -> None:
    root, revs = history
    report = root / "report.md"
    for _ in range(2):  # the second run replaces the first report
        result = run(root, revs[0], revs[1], "--format", "markdown", "--output", str(report))
        assert result.exit_code == 0, result.output
    shown = run(root, revs[0], revs[1], "--format", "markdown")
    assert report.read_text(encoding="utf-8") == shown.output
    report.unlink()
