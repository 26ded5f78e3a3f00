"""The GitHub workflows and the pre-commit hook: valid YAML, and every hcs-site command they run
really runs, in a copy of the sample repository with a Git history like a pull request's."""

from __future__ import annotations

import fnmatch
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from hcs_site.cli import main
from tests.test_diff import MINI, commit, edit, git, init_repo

REPO = Path(__file__).parent.parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
MUTATION = REPO / ".github" / "workflows" / "mutation.yml"
DISTRICT_WORKFLOWS = [REPO / ".github" / "workflows" / name for name in ("publish.yml", "pull-request.yml")]
"""The workflows of a district's content repository (the sample's); ci.yml, release.yml and the
comment workflow run no hcs-site command (tests/test_workflow_security.py covers them all)."""
EXPRESSIONS = {"github.base_ref": "main", "github.event.pull_request.number": "7"}
"""Sample values of the GitHub expressions the run steps use; a new one must be added here."""
CHECKOUT = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1"
UPLOAD = "actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f"


def triggers(workflow: dict[Any, Any]) -> Any:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def expand(text: str, env: dict[str, str]) -> str:
    def expression(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        assert name in EXPRESSIONS, f"no sample value for ${{{{ {name} }}}}"
        return EXPRESSIONS[name]

    text = re.sub(r"\$\{\{(.*?)\}\}", expression, text)
    return re.sub(r"\$\{?([A-Z_][A-Z0-9_]*)\}?", lambda m: env[m.group(1)], text)


def runs_on(step: dict[str, Any], event: str | None) -> bool:
    """Whether a step runs for `event` (None: every step); only the conditions we use are understood."""
    condition = step.get("if")
    if event is None or condition is None:
        return True
    found = re.fullmatch(r"github\.event_name (==|!=) '(\w+)'", condition.strip())
    assert found, f"no test understands the condition {condition!r}"
    return (event == found.group(2)) == (found.group(1) == "==")


def hcs_commands(workflow: dict[Any, Any], event: str | None = None) -> list[list[str]]:
    """Each `hcs-site ...` line of every run step, as argv, GitHub expressions and env expanded."""
    found = []
    for step in steps(workflow):
        if not runs_on(step, event):
            continue
        env = {k: expand(str(v), {}) for k, v in (step.get("env") or {}).items()}
        for line in str(step.get("run", "")).splitlines():
            if line.strip().startswith("hcs-site"):
                argv = shlex.split(expand(line, env))
                if ">" in argv:
                    argv = argv[:argv.index(">")]
                found.append(argv)
    return found


@pytest.mark.parametrize("path", DISTRICT_WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_valid(path: Path) -> None:
    workflow = load(path)
    assert triggers(workflow), "no trigger"
    text = path.read_text(encoding="utf-8")
    assert "index-url" not in text and "pypi" not in text.lower()
    for step in steps(workflow):
        assert ("uses" in step) != ("run" in step), step
        if step.get("uses") == CHECKOUT:
            assert step["with"]["fetch-depth"] == 0
    assert hcs_commands(workflow), "the workflow runs no hcs-site command"


def test_the_workflows_we_promise() -> None:
    names = {p.name for p in (REPO / ".github" / "workflows").glob("*.yml")}
    assert names >= {"pull-request.yml", "pull-request-comment.yml", "publish.yml", "ci.yml", "release.yml",
                     "mutation.yml"}
    pr = load(REPO / ".github" / "workflows" / "pull-request.yml")
    assert set(triggers(pr)) == {"pull_request"}
    assert [c[:2] for c in hcs_commands(pr)] == [["hcs-site", "validate"], ["hcs-site", "diff"],
                                                 ["hcs-site", "build"]]
    uses = [s.get("uses") for s in steps(pr)]
    assert uses.count(UPLOAD) == 2  # the diff for the comment workflow, the site preview
    publish = load(REPO / ".github" / "workflows" / "publish.yml")
    assert triggers(publish)["push"] == {"branches": ["main"]}
    assert "workflow_dispatch" in triggers(publish)
    assert [c[1:] for c in hcs_commands(publish, "push")] == [
        ["validate", "--format", "github"], ["publish", "--alias", "latest", "--set-default", "--force", "--push",
                                             "--strict", "--cache"]]


def test_publishing_also_runs_every_day_and_withdraws() -> None:
    """Consent expires on a date, not on a merge: a daily run withdraws, without building."""
    publish = load(REPO / ".github" / "workflows" / "publish.yml")
    [schedule] = triggers(publish)["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert minute.isdigit() and hour.isdigit() and (day, month, weekday) == ("*", "*", "*")
    assert [c[1:] for c in hcs_commands(publish, "schedule")] == [["publish", "--withdraw-only", "--push"]]
    assert publish["concurrency"] == {"group": "publish", "cancel-in-progress": False}


def test_mutation_workflow_is_weekly_and_optional() -> None:
    # Not on pull requests or pushes: it takes minutes per module. Its command line must parse
    # and name only modules whose tests are declared.
    workflow = load(MUTATION)
    assert set(triggers(workflow)) == {"schedule", "workflow_dispatch"}
    runs = [shlex.split(line) for step in steps(workflow) for line in str(step.get("run", "")).splitlines()
            if "scripts/mutation.py" in line]
    assert len(runs) == 1 and runs[0][:2] == ["python", "scripts/mutation.py"], runs
    spec = importlib.util.spec_from_file_location("mutation_cli", REPO / "scripts" / "mutation.py")
    assert spec is not None and spec.loader is not None
    sys.path.insert(0, str(REPO / "scripts"))
    tool = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(tool)
        args = tool.parse_args(runs[0][2:])
        targets = tool.load_targets()
    finally:
        sys.path.remove(str(REPO / "scripts"))
        del sys.modules[spec.name]
    assert args.all and args.fail_under == 90 and not args.list
    assert {"hcs_site/render/mastery.py", "hcs_site/diff/compare.py"} <= set(targets)


@pytest.fixture
def pull_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample at main (pushed to an `origin`), and a pull request's commit checked out on top."""
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    init_repo(root)
    commit(root, "main")
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", str(origin))
    git(root, "remote", "add", "origin", str(origin))
    git(root, "push", "-q", "origin", "main")
    git(root, "fetch", "-q", "origin")
    edit(root / "content" / "courses" / "math-7.yml", "assessment_types: [presentation, project]",
         "assessment_types: [project]")
    commit(root, "MATH-7.3 by project only")
    monkeypatch.chdir(root)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return root


@pytest.mark.parametrize("path", DISTRICT_WORKFLOWS, ids=lambda p: p.name)
def test_every_hcs_site_command_runs(path: Path, pull_request: Path) -> None:
    for argv in hcs_commands(load(path)):
        result = CliRunner().invoke(main, argv[1:], catch_exceptions=False)
        assert result.exit_code == 0, f"{shlex.join(argv)}:\n{result.output}"
    if path.name == "pull-request.yml":
        comment = (pull_request / "diff.md").read_text(encoding="utf-8")
        assert comment.startswith("<!-- hcs-site diff -->")
        assert '- :warning: **breaking** (fewer ways to show it): objective MATH-7.3 no longer allows "Presentation"' \
            in comment
        upload = next(s for s in steps(load(path)) if s.get("uses") == UPLOAD and s["with"]["path"] == "site/")
        assert (pull_request / upload["with"]["path"] / "index.html").is_file()
        hand_over(load(path), pull_request)
    else:
        assert git(pull_request, "rev-parse", "origin/gh-pages") == git(pull_request, "rev-parse", "gh-pages")


def hand_over(workflow: dict[Any, Any], root: Path) -> None:
    """Runs the step that hands the diff to the comment workflow, as the runner's bash would."""
    [step] = [s for s in steps(workflow) if "pr-diff" in str(s.get("run", ""))]
    summary = root.parent / "summary.md"
    env = {"PATH": os.environ["PATH"], "GITHUB_STEP_SUMMARY": str(summary),
           **{k: expand(str(v), {}) for k, v in step["env"].items()}}
    subprocess.run(["bash", "-e", "-o", "pipefail", "-c", step["run"]], cwd=root, env=env, check=True)
    [upload] = [s for s in steps(workflow) if s.get("uses") == UPLOAD and s["with"]["name"] == "pr-diff"]
    folder = root / upload["with"]["path"]
    assert sorted(p.name for p in folder.iterdir()) == ["diff.md", "number"]
    assert (folder / "number").read_text(encoding="utf-8") == "7\n"
    assert (folder / "diff.md").read_bytes() == (root / "diff.md").read_bytes() == summary.read_bytes()


def test_the_nightly_run_takes_a_withdrawn_portfolio_off_the_published_site(pull_request: Path) -> None:
    from tests.test_publish import GONE, GONE_NAME, KEEP, grep, student, withdraw_consent

    publish = load(REPO / ".github" / "workflows" / "publish.yml")
    student(pull_request, KEEP, "Kim K.")
    student(pull_request, GONE, GONE_NAME)
    commit(pull_request, "Two portfolios")
    for argv in hcs_commands(publish, "push"):
        assert CliRunner().invoke(main, argv[1:], catch_exceptions=False).exit_code == 0
    assert grep(pull_request, GONE_NAME, "origin/gh-pages")
    withdraw_consent(pull_request, GONE)
    commit(pull_request, "The family withdrew consent")
    for argv in hcs_commands(publish, "schedule"):
        result = CliRunner().invoke(main, argv[1:], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    git(pull_request, "fetch", "-q", "origin")
    assert grep(pull_request, GONE, "origin/gh-pages") == []
    assert grep(pull_request, GONE_NAME, "origin/gh-pages") == []
    assert grep(pull_request, KEEP, "origin/gh-pages")


def test_pre_commit_hook_runs_validate(pull_request: Path) -> None:
    config = load(REPO / ".pre-commit-config.yaml")
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    assert [h["id"] for h in hooks] == ["hcs-site-validate"]
    hook = hooks[0]
    assert config["repos"][0]["repo"] == "local" and hook["language"] == "system"
    assert hook["pass_filenames"] is False
    argv = shlex.split(hook["entry"])
    assert argv[0] == "hcs-site"
    result = CliRunner().invoke(main, argv[1:], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert re.search(hook["files"], "content/courses/math-7.yml")
    assert re.search(hook["files"], "portfolios/k7f3q/portfolio.md")
    assert not re.search(hook["files"], "docs/index.md")


def test_codeowners_and_template() -> None:
    owners = (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    rules = [line.split() for line in owners.splitlines() if line.strip() and not line.startswith("#")]
    assert all(len(rule) >= 2 and all(o.startswith("@") for o in rule[1:]) for rule in rules)
    patterns = [rule[0] for rule in rules]
    assert "/content/district.yml" in patterns and "/content/competencies/math.yml" in patterns
    for area in (REPO / "content" / "competencies").glob("*.yml"):
        assert f"/content/competencies/{area.name}" in patterns, area.name
    for course in (REPO / "content" / "courses").glob("*.yml"):  # every course has its committee
        assert any(fnmatch.fnmatch(f"/content/courses/{course.name}", p) for p in patterns if p != "*"), course
    template = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "## Why: the rationale" in template
