"""A publish is one commit of gh-pages, and the rollback recipe of docs/publishing.md, followed line
by line against a bare repository, gives back the site as it was before that publish."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

from tests.test_diff import git
from tests.test_publish import NEW, OLD, make_repo, next_edition, publish, refresh_target

DOCS = Path(__file__).resolve().parents[1] / "docs" / "publishing.md"
ORIGIN = "https://github.com/henry-county-schools/competencies.git"


def recipe() -> list[str]:
    """The commands of the "Rolling back a publish" block, in order, as a chair would type them."""
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("### Rolling back a publish", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S)
    assert block, "docs/publishing.md lost its rollback recipe"
    return [line.split("  #", 1)[0].strip() for line in block.group(1).splitlines() if line.strip()]


def site(remote: Path) -> dict[str, str]:
    """What families get from the branch: versions, the root redirect, the alias, the root API."""
    def show(path: str) -> str:
        return git(remote, "show", f"gh-pages:{path}")

    return {"versions": json.dumps(json.loads(show("versions.json"))), "root": refresh_target(show("index.html")),
            "latest": refresh_target(show("latest/index.html")),
            "api": json.loads(show("api/framework.json"))["district"]["edition"],
            "folders": git(remote, "ls-tree", "--name-only", "-d", "gh-pages")}


def test_set_default_and_aliases_are_one_commit_and_the_documented_rollback_undoes_it(tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    root = make_repo(tmp_path / "repo")
    git(root, "remote", "add", "origin", str(remote))
    first = publish(root, "--alias", "latest", "--set-default", "--push", "--strict")
    assert first.exit_code == 0, first.output
    before, tree_before = site(remote), git(remote, "rev-parse", "gh-pages^{tree}")
    assert before == {"versions": json.dumps([{"version": OLD, "title": OLD, "aliases": ["latest"]}]),
                      "root": f"{OLD}/", "latest": f"../{OLD}/", "api": OLD, "folders": f"{OLD}\napi\nlatest\nschemas"}
    head = git(remote, "rev-parse", "gh-pages")

    next_edition(root)
    second = publish(root, "--alias", "latest", "--set-default", "--push", "--strict")
    assert second.exit_code == 0, second.output
    assert git(remote, "rev-list", "--count", f"{head}..gh-pages") == "1"  # the whole publish: one commit
    assert git(remote, "log", "-1", "--format=%B", "gh-pages").splitlines()[2:] == [
        f"- edition {NEW}", "- alias latest", "- its data API at the site's root", "- the default edition"]
    assert site(remote) == {
        "versions": json.dumps([{"version": NEW, "title": NEW, "aliases": ["latest"]},
                                {"version": OLD, "title": OLD, "aliases": []}]),
        "root": f"{NEW}/", "latest": f"../{NEW}/", "api": NEW, "folders": f"{OLD}\n{NEW}\napi\nlatest\nschemas"}

    # docs/publishing.md, step by step, in a folder of its own, as a chair would do it
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Chair", "GIT_AUTHOR_EMAIL": "chair@example.org",
           "GIT_COMMITTER_NAME": "Chair", "GIT_COMMITTER_EMAIL": "chair@example.org"}
    here = tmp_path / "chair"
    here.mkdir()
    steps = recipe()
    assert steps[0].startswith("git clone") and any("git revert" in s for s in steps)
    for step in steps:
        step = step.replace(ORIGIN, str(remote))
        if step.startswith("cd "):
            here = here / step[3:]
            continue
        done = subprocess.run(step, shell=True, cwd=here, env=env, capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{step}: {done.stderr}"
        if step.startswith("git log"):
            assert done.stdout.startswith(f"Publish edition {NEW} from ")

    assert site(remote) == before
    assert git(remote, "rev-parse", "gh-pages^{tree}") == tree_before  # every file as it was
    assert git(remote, "ls-tree", "gh-pages", NEW) == ""
    # the recipe's last step, from the work tree: catches up with the reverted branch, nothing to withdraw
    after = publish(root, "--withdraw-only", "--push")
    assert after.exit_code == 0, after.output
    assert "nothing to withdraw" in after.output
    assert git(remote, "rev-parse", "gh-pages^{tree}") == tree_before


def test_republishing_the_same_source_commits_nothing_and_says_so(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    assert publish(root, "--alias", "latest", "--set-default").exit_code == 0
    head = git(root, "rev-parse", "gh-pages")
    again = publish(root, "--alias", "latest", "--set-default", "--force")
    assert again.exit_code == 0, again.output
    assert "note: gh-pages already held exactly this edition; nothing was committed" in again.output
    assert git(root, "rev-parse", "gh-pages") == head  # no empty commit for a rollback to trip over
