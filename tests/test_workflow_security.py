"""What a security reviewer checks in .github/: every action pinned by commit SHA (Dependabot keeps
them current), least privilege per job, no job that can write runs a pull request's code,
timeouts, locked installs, and actionlint (with shellcheck) clean. docs/releases.md explains why."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).parent.parent
WORKFLOW_DIR = REPO / ".github" / "workflows"
WORKFLOWS = sorted([*WORKFLOW_DIR.glob("*.yml"), *WORKFLOW_DIR.glob("*.yaml")])
PINNED = {  # tag -> commit, as verified in each action's own repository; all run on node24
    "actions/checkout": ("3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"),
    "actions/setup-python": ("5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"),
    "actions/upload-artifact": ("bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0"),
    "actions/download-artifact": ("3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", "v8.0.1"),
    "actions/github-script": ("ed597411d8f924073f98dfc5c65a23a2325f34cd", "v8.0.0"),
    "actions/cache": ("27d5ce7f107fe9357f9df03efb73ab90386fccae", "v5.0.5"),
}
WRITES = {  # the only jobs that may write, and what
    ("publish.yml", "publish"): {"contents"},
    ("pull-request-comment.yml", "comment"): {"pull-requests"},
    ("release.yml", "release"): {"contents"},
}
MAX_MINUTES = 180
"""GitHub's default is 360; a job that needs more than three hours is a job to split."""
UNTRUSTED_TRIGGERS = {"pull_request", "pull_request_target", "workflow_run"}


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers(workflow: dict[Any, Any]) -> set[str]:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    return {on} if isinstance(on, str) else set(on)


def every_uses(workflow: dict[Any, Any]) -> list[str]:
    """Every `uses:` value: of the steps, and of jobs that call a reusable workflow."""
    found = []
    for job in workflow["jobs"].values():
        if "uses" in job:
            found.append(str(job["uses"]))
        found += [str(step["uses"]) for step in job.get("steps", []) if "uses" in step]
    return found


def pin_problems(text: str) -> list[str]:
    """What is wrong with the pins of one workflow's text: each `uses:` must name a known action
    at its full 40-hex commit, with that commit's tag in a comment on the same line."""
    problems = []
    values = every_uses(yaml.safe_load(text))
    for value in values:
        action, _, ref = value.partition("@")
        if action not in PINNED:
            problems.append(f"{value}: not an action this repository has reviewed ({', '.join(PINNED)})")
            continue
        sha, tag = PINNED[action]
        if not re.fullmatch(r"[0-9a-f]{40}", ref):
            problems.append(f"{value}: not pinned by a full commit SHA")
        elif ref != sha:
            problems.append(f"{value}: not the reviewed commit of {action} {tag} ({sha})")
        lines = [line for line in text.splitlines() if re.search(rf"""uses:\s*["']?{re.escape(value)}\b""", line)]
        if not lines or not all(re.search(rf"""["']?\s+#\s*{re.escape(tag)}\s*$""", line) for line in lines):
            problems.append(f"{value}: every line that uses it must end in the comment `# {tag}`")
    return problems


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_with_its_tag(path: Path) -> None:
    assert pin_problems(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(("line", "problem"), [
    ("actions/checkout@v4", "not pinned by a full commit SHA"),
    ("actions/checkout@3d3c42e5", "not pinned by a full commit SHA"),
    ("actions/checkout@main", "not pinned by a full commit SHA"),
    ("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1", "must end in the comment `# v7.0.1`"),
    ("actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v4", "must end in the comment `# v7.0.1`"),
    ("'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1'", "must end in the comment `# v7.0.1`"),
    ("actions/checkout@" + "a" * 40 + " # v7.0.1", "not the reviewed commit"),
    ("evil/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1", "not an action this repository has reviewed"),
    ("docker://alpine:3", "not an action this repository has reviewed"),
])
def test_a_loose_pin_is_refused(line: str, problem: str) -> None:
    text = f"on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: {line}\n"
    assert any(problem in found for found in pin_problems(text)), pin_problems(text)
    job_level = f"on: push\njobs:\n  a:\n    uses: {line}\n"
    assert any(problem in found for found in pin_problems(job_level))


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege(path: Path) -> None:
    """No permission for the workflow; each job names its own, and only the jobs in WRITES write."""
    workflow = load(path)
    assert workflow.get("permissions") == {}, "the workflow's token must have no permission: set them per job"
    for name, job in workflow["jobs"].items():
        permissions = job.get("permissions")
        assert isinstance(permissions, dict), f"job {name} must list its permissions (an empty {{}} for none)"
        assert set(permissions.values()) <= {"read", "write", "none"}, permissions
        writes = {scope for scope, access in permissions.items() if access == "write"}
        assert writes <= WRITES.get((path.name, name), set()), f"job {name} may not write {writes}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_job_that_can_write_runs_pull_request_code(path: Path) -> None:
    workflow = load(path)
    on = triggers(workflow)
    assert "pull_request_target" not in on, "pull_request_target runs with secrets next to the pull request's code"
    if not on & UNTRUSTED_TRIGGERS:
        return
    for name, job in workflow["jobs"].items():
        writes = [s for s, access in job["permissions"].items() if access == "write"]
        if "pull_request" in on:
            assert not writes, f"job {name} runs a pull request's code with a token that writes {writes}"
        elif writes:  # workflow_run: trusted code, untrusted artifacts
            for step in job.get("steps", []):
                assert "run" not in step, f"job {name} runs a shell step with a token that writes"
                assert not str(step.get("uses", "")).startswith("actions/checkout@"), f"job {name} checks out code"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_container_images_are_pinned_by_digest(path: Path) -> None:
    """A job's container, like an action, is named by content, not by a tag that can be moved."""
    for name, job in load(path)["jobs"].items():
        for image in [job.get("container"), *(job.get("services") or {}).values()]:
            ref = image.get("image") if isinstance(image, dict) else image
            if ref is not None:
                assert re.fullmatch(r"[^@\s]+@sha256:[0-9a-f]{64}", str(ref)), f"{path.name} {name}: {ref}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_has_a_timeout(path: Path) -> None:
    for name, job in load(path)["jobs"].items():
        minutes = job.get("timeout-minutes")
        assert isinstance(minutes, int) and 1 <= minutes <= MAX_MINUTES, f"job {name}: timeout-minutes {minutes!r}"


def install_lines(workflow: dict[Any, Any]) -> list[str]:
    lines = []
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            lines += [line.strip() for line in str(step.get("run", "")).splitlines() if "pip install" in line]
    return lines


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_installs_are_locked(path: Path) -> None:
    """Packages come only from a lock file, each checked by its hash; hcs-site itself from the
    checkout or the built wheel, without dependencies (they are all in the lock)."""
    for line in install_lines(load(path)):
        argv = line.split()
        locked = "--require-hashes" in argv and "-r" in argv and argv[argv.index("-r") + 1].startswith(
            "requirements/") and "--only-binary=:all:" in argv
        own = "--no-deps" in argv and argv[-1] in {".", "dist/*.whl"}
        assert locked or own, f"unlocked install: {line}"


def locked(name: str) -> dict[str, list[str]]:
    """requirements/NAME as {name==version: [hashes]}."""
    text = (REPO / "requirements" / name).read_text(encoding="utf-8").replace("\\\n", " ")
    pins: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            pin, *options = line.split()
            assert re.fullmatch(r"[a-z0-9-]+==[A-Za-z0-9.+-]+", pin), line
            hashes = [o.removeprefix("--hash=sha256:") for o in options]
            assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), line
            pins[pin] = hashes
    return pins


def test_the_lock_files_hold_every_dependency_with_its_hash() -> None:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    run, test = locked("run.txt"), locked("test.txt")
    assert run.items() <= test.items(), "run.txt and test.txt disagree: rerun scripts/lock.py"
    names = {pin.split("==")[0] for pin in test}

    def name(requirement: str) -> str:
        return re.split(r"[<>=!~\[ ;]", requirement, maxsplit=1)[0].lower().replace("_", "-")

    assert {name(r) for r in project["dependencies"]} | {"setuptools"} <= {p.split("==")[0] for p in run}
    assert {name(r) for r in project["optional-dependencies"]["test"]} <= names


def test_dependabot_updates_actions_and_python_packages() -> None:
    config = load(REPO / ".github" / "dependabot.yml")
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert ecosystems["github-actions"]["directory"] == "/"
    assert "/requirements" in ecosystems["pip"]["directories"]


def actionlint(paths: list[Path]) -> subprocess.CompletedProcess[str]:
    """actionlint with shellcheck and .github/actionlint.yaml's policy (SHA pins, job timeouts);
    usable on any folder of workflows, such as the ones `hcs-site init` writes."""
    binary = Path(sys.executable).parent / "actionlint"
    shellcheck = shutil.which("shellcheck")
    assert binary.is_file(), "actionlint is missing: run scripts/setup.sh (the test extra installs it)"
    assert shellcheck, "shellcheck is missing: run scripts/setup.sh (it installs Debian's shellcheck)"
    return subprocess.run(
        [str(binary), "-no-color", "-oneline", f"-shellcheck={shellcheck}", "-pyflakes=",
         "-config-file", str(REPO / ".github" / "actionlint.yaml"), *map(str, paths)],
        capture_output=True, text=True, timeout=120, check=False)


def test_actionlint_and_shellcheck_are_clean() -> None:
    result = actionlint(WORKFLOWS)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_actionlint_catches_what_we_rely_on(tmp_path: Path) -> None:
    """The linter really runs shellcheck and reads the policy: a run that found nothing proves nothing."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
                   "      - uses: actions/checkout@v4\n      - run: echo $HOME/*\n", encoding="utf-8")
    out = actionlint([bad]).stdout
    assert "SC2086" in out and "[require-commit-hash]" in out and "[require-job-timeout]" in out, out


COMMENT_HARNESS = r"""
const fs = require("fs");
const [script, scenario] = [fs.readFileSync(process.argv[2], "utf8"), JSON.parse(fs.readFileSync(process.argv[3]))];
const calls = [];
const github = {
  rest: {
    pulls: {
      get: async (a) => { calls.push(["get", a.pull_number]); return { data: { head: { sha: scenario.head } } }; },
    },
    issues: {
      listComments: "listComments",
      updateComment: async (a) => calls.push(["update", a.comment_id, a.body]),
      createComment: async (a) => calls.push(["create", a.issue_number, a.body]),
    },
  },
  paginate: async () => scenario.comments,
};
const core = { setFailed: (m) => calls.push(["failed", m]), notice: (m) => calls.push(["notice", m]),
               warning: (m) => calls.push(["warning", m]) };
const context = { repo: { owner: "henry", repo: "site" } };
const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
new AsyncFunction("require", "github", "context", "core", script)(require, github, context, core)
  .then(() => console.log(JSON.stringify(calls)));
"""
MARKER = "<!-- hcs-site diff -->"
SHA = "0123456789abcdef0123456789abcdef01234567"


def post_comment(tmp_path: Path, number: str, body: str, head: str = SHA,
                 comments: list[dict[str, Any]] | None = None) -> list[list[Any]]:
    """Runs the comment workflow's script under Node with a stub GitHub API; the calls it made."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is missing: run scripts/setup.sh (it installs Debian's nodejs)")
        pytest.skip("node is not installed (scripts/setup.sh installs it)")
    [step] = [s for s in load(WORKFLOW_DIR / "pull-request-comment.yml")["jobs"]["comment"]["steps"]
              if str(s.get("uses", "")).startswith("actions/github-script@")]
    folder = tmp_path / "pr-diff"
    folder.mkdir(exist_ok=True)
    (folder / "number").write_text(number, encoding="utf-8")
    (folder / "diff.md").write_text(body, encoding="utf-8")
    files = {"harness.js": COMMENT_HARNESS, "script.js": step["with"]["script"],
             "scenario.json": json.dumps({"head": SHA if head == SHA else head, "comments": comments or []})}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert step["env"]["DIFF_DIR"] == "${{ runner.temp }}/pr-diff"
    env = {"PATH": os.environ["PATH"], "DIFF_DIR": str(folder), "HEAD_SHA": SHA}
    out = subprocess.run([node, "harness.js", "script.js", "scenario.json"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=True, timeout=60).stdout
    calls: list[list[Any]] = json.loads(out)
    return calls


def test_the_comment_is_posted_then_updated(tmp_path: Path) -> None:
    body = f"{MARKER}\n## What this change means\n"
    assert post_comment(tmp_path, "7\n", body) == [["get", 7], ["create", 7, body]]
    mine = {"id": 99, "user": {"type": "Bot"}, "body": f"{MARKER}\nold"}
    someone = {"id": 98, "user": {"type": "User"}, "body": f"{MARKER}\na person quoting it"}
    assert post_comment(tmp_path, "7\n", body, comments=[someone, mine]) == [["get", 7], ["update", 99, body]]
    assert post_comment(tmp_path, "7\n", body, comments=[someone]) == [["get", 7], ["create", 7, body]]


@pytest.mark.parametrize("number", ["7; rm -rf /", "-1", "0", "7 8", "", "1e3", "99999999999", "#7"])
def test_a_forged_number_posts_nothing(tmp_path: Path, number: str) -> None:
    [(kind, message)] = post_comment(tmp_path, number, f"{MARKER}\nhello")
    assert kind == "failed" and "not a number" in message


def test_another_pull_request_or_a_stale_run_posts_nothing(tmp_path: Path) -> None:
    calls = post_comment(tmp_path, "8", f"{MARKER}\nhello", head="f" * 40)
    assert calls[0] == ["get", 8] and [c[0] for c in calls[1:]] == ["notice"]


def test_a_body_that_is_not_a_diff_or_too_long(tmp_path: Path) -> None:
    [get, (kind, message)] = post_comment(tmp_path, "7", "@everyone look at this " + MARKER)
    assert get == ["get", 7] and kind == "failed" and "not an hcs-site diff" in message
    [_, (kind, number, body)] = post_comment(tmp_path, "7", MARKER + "x" * 100_000)
    assert (kind, number) == ("create", 7) and len(body) < 60_200 and body.endswith("pull request run)\n")
