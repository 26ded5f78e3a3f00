"""The JSON API is written by a forked child while the pages are built (`api_writer`): the site is
the one an in-process build makes, a child's failure is the build's failure, and a build that
fails leaves no child writing behind it."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hcs_site.adapters import api_writer, cache_store, html_cache, up_to_date
from hcs_site.adapters.cache_store import CacheStore
from hcs_site.adapters.forked import fork
from hcs_site.adapters.site_listing import listing
from hcs_site.export import case_api, json_api
from tests.sitecheck import build, tree_digest

COURSE = "content/courses/math-7.yml"
EVIDENCE = "portfolios/p-0001/evidence/ratio-recipes.md"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCS_TODAY", "2026-10-15")


def no_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api_writer, "start", lambda *args, **kw: None)


@pytest.fixture
def spawned(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pid of each child a build forks to write the API (every build here must fork one)."""
    pids: list[int] = []
    start = api_writer.start

    def counted(*args: object, **kw: object) -> api_writer.ApiWriter | None:
        writer = start(*args, **kw)  # type: ignore[arg-type]
        assert writer is not None
        pids.append(writer.pid)
        return writer

    monkeypatch.setattr(api_writer, "start", counted)
    return pids


def test_the_plan_names_exactly_the_files_it_makes(two_students: Path) -> None:
    from hcs_site.check.pipeline import check_repository

    fw = check_repository(two_students, portfolios=False).framework
    assert fw is not None
    for resources in (True, False):
        plan = json_api.api_plan(fw, "https://example.org/", case_resources=resources)
        files = json_api.api_files(fw, "https://example.org/", case_resources=resources)
        assert list(plan) == list(files) and json_api.made(plan) == files


def test_a_site_whose_api_a_child_wrote_is_the_in_process_one(
        two_students: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spawned: list[int]) -> None:
    for extra in (["--no-cache"], []):
        assert build(two_students, *extra, "--site-dir", str(tmp_path / "child")).exit_code == 0
    course = two_students / COURSE
    course.write_text(course.read_text(encoding="utf-8").replace("this course", "that course"), encoding="utf-8")
    result = build(two_students, "-v", "--site-dir", str(tmp_path / "child"))
    assert "linked from the site it replaces" in result.output and len(spawned) == 3
    no_fork(monkeypatch)
    assert build(two_students, "--no-cache", "--site-dir", str(tmp_path / "in-process")).exit_code == 0
    assert tree_digest(tmp_path / "child") == tree_digest(tmp_path / "in-process")


def test_the_folders_the_child_wrote_are_listed_as_the_site_holds_them(
        two_students: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spawned: list[int]) -> None:
    """The child lists the API's folders while the pages are built; the snapshot the next build
    compares is the listing of the site as it is after the swap, so that build has nothing to do."""
    answers: list[api_writer.Written | None] = []
    finish = api_writer.WriterSlot.finish

    def kept(slot: api_writer.WriterSlot) -> api_writer.Written | None:
        answers.append(finish(slot))
        return answers[-1]

    monkeypatch.setattr(api_writer.WriterSlot, "finish", kept)
    site = tmp_path / "site"
    assert build(two_students, "--site-dir", str(site)).exit_code == 0
    assert len(spawned) == 1 and answers[0] is not None and sorted(answers[0].listed) == ["api", "schemas"]
    snapshot = up_to_date.last_snapshot(CacheStore(two_students / ".cache" / "hcs"), site)
    assert snapshot is not None and snapshot.listing == listing(site)
    again = build(two_students, "--site-dir", str(site))
    assert again.exit_code == 0 and len(spawned) == 1  # nothing to do: no child, no page


def test_the_childs_exception_is_the_builds(two_students: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug while making the API (here a number that is not finite) stops the build as it would
    in one process: an internal error, and the old site untouched."""
    site = tmp_path / "site"
    assert build(two_students, "--site-dir", str(site)).exit_code == 0
    before = tree_digest(site)

    def broken(obj: object) -> bytes:
        raise json_api.NotFiniteError("a number that is not finite reached the JSON API: nan")

    monkeypatch.setattr(case_api.Encoded, "file", lambda self, obj: broken(obj))
    course = two_students / COURSE
    course.write_text(course.read_text(encoding="utf-8").replace("this course", "that course"), encoding="utf-8")
    result = build(two_students, "--site-dir", str(site))
    assert result.exit_code == 70, result.output
    assert isinstance(result.exception, SystemExit) or "not finite" in result.output
    assert tree_digest(site) == before
    assert [p.name for p in tmp_path.iterdir() if ".hcs-" in p.name] == []


def test_a_child_that_dies_fails_the_build(two_students: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    assert build(two_students, "--site-dir", str(site)).exit_code == 0
    before = tree_digest(site)
    monkeypatch.setattr(api_writer, "write_api", lambda *args, **kw: os._exit(9))
    course = two_students / COURSE
    course.write_text(course.read_text(encoding="utf-8").replace("this course", "that course"), encoding="utf-8")
    result = build(two_students, "--site-dir", str(site))
    assert result.exit_code != 0
    assert "the process writing the JSON API stopped without finishing (exit status 9)" in result.output
    assert tree_digest(site) == before


def test_the_pages_are_stored_by_a_child_and_one_that_dies_fails_the_build(
        two_students: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rendered pages go into the build cache from a child forked once they are written; the
    next build takes them from the cache. A child that dies stops the build, the old site stays."""
    monkeypatch.setattr(cache_store, "APART", 1)  # a child for this site's 20 pages too
    site = tmp_path / "site"
    stores = tmp_path / "stores"
    real = html_cache.HtmlCache.store_pages

    def counted(self: html_cache.HtmlCache, *args: Any) -> int:
        with stores.open("a", encoding="utf-8") as fh:  # the child's memory dies with it: a file tells
            fh.write(f"{os.getpid()}\n")
        return real(self, *args)

    monkeypatch.setattr(html_cache.HtmlCache, "store_pages", counted)
    assert build(two_students, "--site-dir", str(site)).exit_code == 0
    pids = stores.read_text(encoding="utf-8").split()
    assert pids and str(os.getpid()) not in pids  # one child per language, none of them this process
    evidence = two_students / EVIDENCE
    evidence.write_text(evidence.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    again = build(two_students, "-v", "--site-dir", str(site))
    assert again.exit_code == 0
    assert re.search(r"hcs: 19 of 20 pages from the build cache", again.output), again.output  # the child's entries
    before = tree_digest(site)
    course = two_students / COURSE
    course.write_text(course.read_text(encoding="utf-8").replace("this course", "that course"), encoding="utf-8")
    monkeypatch.setattr(html_cache.HtmlCache, "store_pages", lambda self, *args: os._exit(9))
    result = build(two_students, "--site-dir", str(site))
    assert result.exit_code != 0
    assert ("the process storing the pages in the build cache stopped without finishing (exit status 9); "
            "the site was not replaced: build again") in result.output
    assert tree_digest(site) == before
    assert [p.name for p in tmp_path.iterdir() if ".hcs-" in p.name] == []


def forked(work: Callable[[], api_writer.Written]) -> api_writer.ApiWriter:
    """A child doing `work` as the API's child does, and its writer (no API behind it)."""
    child = fork(work, api_writer.WHAT)
    assert child is not None
    return api_writer.ApiWriter(child, None)


def test_a_failed_build_stops_the_child_before_its_folder_goes(tmp_path: Path) -> None:
    """`abort` kills and reaps the child: nothing writes into a folder being removed."""
    built = tmp_path / "built"
    built.mkdir()

    def slow() -> api_writer.Written:
        for n in range(200):
            (built / f"{n}.json").write_text("{}\n")
            time.sleep(0.05)
        return api_writer.Written(200, False)

    writer = forked(slow)
    pid = writer.pid
    time.sleep(0.3)
    slot = api_writer.WriterSlot(writer)
    slot.abort()
    written = len(list(built.iterdir()))
    time.sleep(0.3)
    assert len(list(built.iterdir())) == written < 200
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_a_build_that_fails_after_the_child_started_leaves_no_child(
        two_students: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spawned: list[int]) -> None:
    from mkdocs.exceptions import PluginError

    from hcs_site.adapters import family_site

    def fail(index: Path) -> None:
        raise PluginError("the search index could not be folded")

    monkeypatch.setattr(family_site, "fold_search_index", fail)
    result = build(two_students, "--no-cache", "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 1 and "the search index could not be folded" in result.output
    (pid,) = spawned
    with pytest.raises(ChildProcessError):  # neither running nor left unreaped
        os.waitpid(pid, os.WNOHANG)
    assert not (tmp_path / "site").exists() and [p.name for p in tmp_path.iterdir() if ".hcs-" in p.name] == []


def test_an_interrupted_wait_kills_the_child_and_closes_nothing_else(tmp_path: Path) -> None:
    """Ctrl-C while the build waits: the answer's pipe is closed once, the child killed and reaped."""
    def slow() -> api_writer.Written:
        time.sleep(30)
        return api_writer.Written(0, False)

    writer = forked(slow)
    pid = writer.pid
    real_fdopen = os.fdopen

    def interrupt(fd: int, *args: object, **kw: object) -> object:
        pipe = real_fdopen(fd, *args, **kw)  # type: ignore[call-overload]
        pipe.close()
        raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(os, "fdopen", interrupt)
        with pytest.raises(KeyboardInterrupt):
            writer.wait()
    other = os.open(os.devnull, os.O_RDONLY)  # may reuse the pipe's number: abort must not close it
    try:
        api_writer.WriterSlot(writer).abort()
        os.fstat(other)
    finally:
        os.close(other)
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
