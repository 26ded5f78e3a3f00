"""A build with nothing to do says so and writes nothing; anything a build reads, or a site touched
by hand, makes it build again, and what it then writes is a clean build's site."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from hcs_site.adapters import up_to_date
from hcs_site.adapters.cache_store import CacheStore
from hcs_site.cli import main
from tests.sitecheck import copy_repo, tree_digest

MINI = Path(__file__).parent / "fixtures" / "mini"
UP_TO_DATE = "is up to date: nothing it is built from has changed since the last build"


def build(root: Path, *extra: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(main, ["build", "--root", str(root), "--site-dir", str(root.parent / "site"),
                                       *extra], env=env)
    assert result.exit_code == 0, result.output
    return result


def inodes(site: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The mini district with one file the check warns about (so there is a report to replay),
    built once."""
    root = copy_repo(MINI, tmp_path / "repo")
    (root / "content" / "courses" / "notes.txt").write_text("minutes of the committee\n", encoding="utf-8")
    first = build(root)
    assert "content/courses/notes.txt is not read" in first.output
    assert UP_TO_DATE not in first.output
    return root


def test_a_build_with_nothing_changed_writes_nothing_and_says_what_the_last_build_said(repo: Path) -> None:
    site = repo.parent / "site"
    before = inodes(site)
    again = build(repo)
    assert f"{site} {UP_TO_DATE} (0 errors, 1 warning in 6 files)" in again.output
    assert "content/courses/notes.txt is not read" in again.output  # the check's report, as before
    assert not any(line.startswith("built ") for line in again.output.splitlines())
    assert inodes(site) == before


def _edit(path: str, text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        target.write_text(old + text, encoding="utf-8")
    return change


def _git_commit(root: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                       check=True, capture_output=True)
    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "the district's content")


CHANGES: dict[str, Callable[[Path], None]] = {
    "a course": _edit("content/courses/math-7.yml", "\n# reviewed\n"),
    "a hand-written page": _edit("docs/index.md", "\nOne more line.\n"),
    "a new page": _edit("docs/families.md", "# Families\n"),
    "mkdocs.yml, a comment only": _edit("mkdocs.yml", "\n# a comment\n"),
    "a template in a folder the theme reads": _edit("overrides/main.html", "{% extends 'base.html' %}\n"),
    "a file no rule names": _edit("notes/agenda.md", "Agenda\n"),
    "a removed file": lambda root: (root / "content" / "courses" / "notes.txt").unlink(),
    "a commit": _git_commit,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_anything_a_build_reads_makes_it_build(repo: Path, change: Callable[[Path], None]) -> None:
    change(repo)
    result = build(repo)
    assert UP_TO_DATE not in result.output and "built " in result.output
    assert UP_TO_DATE in build(repo).output  # and then it is up to date again


@pytest.mark.parametrize("variable", ["HCS_TODAY", "SOURCE_DATE_EPOCH", "MIKE_DOCS_VERSION"])
def test_a_variable_the_build_reads_makes_it_build(repo: Path, variable: str) -> None:
    value = {"HCS_TODAY": "2026-10-15", "SOURCE_DATE_EPOCH": "1790000000", "MIKE_DOCS_VERSION": "2026-27"}[variable]
    assert UP_TO_DATE not in build(repo, env={variable: value}).output
    assert UP_TO_DATE in build(repo, env={variable: value}).output


def test_a_new_day_makes_it_build_consent_may_have_expired(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    monkeypatch.setattr(up_to_date, "build_date", lambda _zone: tomorrow)
    assert UP_TO_DATE not in build(repo).output


@pytest.mark.parametrize("touch", ["edited, time put back", "deleted", "added", "folder added"])
def test_a_site_touched_by_hand_is_built_again_as_a_clean_build(repo: Path, tmp_path: Path, touch: str) -> None:
    site = repo.parent / "site"
    clean = tree_digest(site)
    page = site / "index.html"
    if touch == "edited, time put back":
        st = page.stat()
        page.write_text(page.read_text(encoding="utf-8").replace("Test District", "Tset District"), encoding="utf-8")
        os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))
    elif touch == "deleted":
        page.unlink()
    elif touch == "added":
        (site / "extra.html").write_text("<p>not ours</p>", encoding="utf-8")
    else:
        (site / "uploads").mkdir()
    result = build(repo)
    assert UP_TO_DATE not in result.output
    assert tree_digest(site) == clean and not (site / "uploads").exists()


def test_a_build_that_warned_leaves_nothing_to_vouch_for_the_next(repo: Path) -> None:
    _edit("docs/index.md", "\nSee [the plan](missing-plan.md).\n")(repo)
    first = build(repo)
    assert "missing-plan.md" in first.output
    second = build(repo)
    assert UP_TO_DATE not in second.output and "missing-plan.md" in second.output


def test_without_the_cache_or_for_one_part_it_always_builds(repo: Path) -> None:
    assert UP_TO_DATE not in build(repo, "--no-cache").output
    build(repo)
    assert UP_TO_DATE not in CliRunner().invoke(main, ["build", "--root", str(repo), "--site-dir",
                                                       str(repo.parent / "part"), "--shard", "framework"]).output


def test_virtual_environments_caches_and_outputs_are_not_inputs(repo: Path) -> None:
    for folder, marker in ((".venv", "pyvenv.cfg"), ("tool-cache", "CACHEDIR.TAG"), ("old-site", ".hcs-site-output")):
        (repo / folder).mkdir()
        (repo / folder / marker).write_text("home = /usr\n", encoding="utf-8")
        (repo / folder / "data.txt").write_text("anything\n", encoding="utf-8")
    (repo / "content" / "__pycache__").mkdir()
    (repo / "content" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert UP_TO_DATE in build(repo).output


def test_a_snapshot_is_for_its_own_site_folder(repo: Path) -> None:
    other = CliRunner().invoke(main, ["build", "--root", str(repo), "--site-dir", str(repo.parent / "other")])
    assert other.exit_code == 0 and UP_TO_DATE not in other.output
    assert UP_TO_DATE in build(repo).output
    store = CacheStore(repo / ".cache" / "hcs")
    assert store.get(up_to_date.LAYER, up_to_date._entry(repo.parent / "site")) is not None
