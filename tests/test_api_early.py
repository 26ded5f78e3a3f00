"""A rebuild whose framework changed forks the API's child before MkDocs starts (`api_writer.Early`):
the child makes and hashes the files, then writes only when the build, having listed the site's
files, asks for exactly what it was forked for; any other way the build takes stops it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from hcs_site.adapters import api_writer
from hcs_site.adapters.api_cache import SiteApi
from hcs_site.adapters.carry_over import planned
from hcs_site.adapters.mkdocs_plugin import HcsPlugin
from hcs_site.check.pipeline import check_repository
from tests.sitecheck import build, tree_digest

COURSE = "content/courses/math-7.yml"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCS_TODAY", "2026-10-15")


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, bool]]:
    """Each API child a build forks: its pid, and whether it was gated (forked early)."""
    seen: list[tuple[int, bool]] = []
    start = api_writer.start

    def counted(*args: object, **kw: object) -> api_writer.ApiWriter | None:
        writer = start(*args, **kw)  # type: ignore[arg-type]
        assert writer is not None
        seen.append((writer.pid, bool(kw.get("gated"))))
        return writer

    monkeypatch.setattr(api_writer, "start", counted)
    return seen


def gone(pid: int) -> bool:
    """The child neither runs nor waits to be reaped."""
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def edit_course(repo: Path) -> None:
    course = repo / COURSE
    course.write_text(course.read_text(encoding="utf-8").replace("this course", "that course"), encoding="utf-8")


def test_a_course_change_forks_the_api_child_early_and_the_site_is_the_clean_one(
        two_students: Path, tmp_path: Path, forks: list[tuple[int, bool]]) -> None:
    site = tmp_path / "site"
    assert build(two_students, "--site-dir", str(site)).exit_code == 0
    assert [gated for _, gated in forks] == [False]  # a cold build forks it with the pages, as before
    edit_course(two_students)
    result = build(two_students, "-v", "--site-dir", str(site))
    assert result.exit_code == 0, result.output
    assert [gated for _, gated in forks] == [False, True]  # one child for the rebuild, forked early
    assert "linked from the site it replaces" in result.output
    assert all(gone(pid) for pid, _ in forks)
    assert build(two_students, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    assert tree_digest(site) == tree_digest(tmp_path / "clean")


def test_a_build_that_fails_after_the_early_fork_leaves_no_child_and_the_site_as_it_was(
        two_students: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: list[tuple[int, bool]]) -> None:
    from mkdocs.exceptions import PluginError

    site = tmp_path / "site"
    assert build(two_students, "--site-dir", str(site)).exit_code == 0
    before = tree_digest(site)
    edit_course(two_students)

    def broken(self: HcsPlugin, config: object) -> list[object]:
        raise PluginError("hcs: a template could not be read")

    monkeypatch.setattr(HcsPlugin, "render_pages", broken)
    result = build(two_students, "--site-dir", str(site))
    assert result.exit_code == 1 and "a template could not be read" in result.output
    assert [gated for _, gated in forks] == [False, True]
    assert gone(forks[-1][0])
    assert tree_digest(site) == before
    assert [p.name for p in tmp_path.iterdir() if ".hcs-" in p.name] == []


def forked_early(repo: Path, built: Path) -> tuple[api_writer.WriterSlot, int, SiteApi, list[str]]:
    """A slot whose early child writes the API of `repo` into `built`, once let; and its pid."""
    fw = check_repository(repo, portfolios=False).framework
    assert fw is not None
    api = SiteApi(None, fw, repo, "https://example.org/", True)
    names = list(planned(api))
    built.mkdir(exist_ok=True)
    slot = api_writer.WriterSlot()
    slot.start_early(api, built, names, None, None)
    assert slot.early is not None
    return slot, slot.early.writer.pid, api, names


def test_the_early_child_writes_nothing_until_the_build_lets_it(two_students: Path, tmp_path: Path) -> None:
    built = tmp_path / "built"
    slot, pid, api, names = forked_early(two_students, built)
    time.sleep(1.5)  # the files are made by now (a fraction of a second for this framework)
    assert list(built.iterdir()) == []
    writer = slot.take_early(api, built, names, None, None)
    assert writer is not None and slot.early is None
    slot.writer = writer
    done = slot.finish()
    assert done is not None and done.count == len(names)
    assert sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()) == sorted(names)
    assert gone(pid)


@pytest.mark.parametrize("other", ["folder", "old site", "names"])
def test_an_early_child_asked_for_something_else_is_stopped_and_writes_nothing(
        two_students: Path, tmp_path: Path, other: str) -> None:
    built = tmp_path / "built"
    slot, pid, api, names = forked_early(two_students, built)
    asked = {"folder": (tmp_path / "elsewhere", names, None), "old site": (built, names, tmp_path / "old"),
             "names": (built, names[:-1], None)}[other]
    assert slot.take_early(api, asked[0], asked[1], asked[2], None) is None
    assert slot.early is None and gone(pid)
    assert list(built.iterdir()) == []


def test_an_early_child_the_build_never_asks_for_is_stopped_when_it_ends(
        two_students: Path, tmp_path: Path) -> None:
    slot, pid, _, _ = forked_early(two_students, tmp_path)
    assert slot.finish() is None
    assert gone(pid) and [p for p in tmp_path.iterdir() if p.is_file()] == []
