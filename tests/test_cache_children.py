"""The checked students and their pages are stored in the build cache by children forked once the
check and the students' pages are done (`CacheStore.later`): the next build reads them as before,
the build waits for them before the swap, and one that fails fails the build as storing in the
build's own process did."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from hcs_site.adapters import cache_store, forked, html_cache
from hcs_site.adapters.cache_store import FORMAT, CacheStore
from hcs_site.adapters.cache_writer import WRITER
from hcs_site.check import student_cache
from tests.sitecheck import build, tree_digest

EVIDENCE_FILE = "portfolios/p-0001/evidence/ratio-recipes.md"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCS_TODAY", "2026-10-15")


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What each child forked by `CacheStore.later` was for, in order (a child for any number of
    entries: these sites have two students)."""
    monkeypatch.setattr(cache_store, "APART", 1)
    made: list[str] = []
    real = forked.fork

    def counted(work: Any, what: str, **kw: Any) -> forked.Child | None:
        child = real(work, what, **kw)
        if what == cache_store.STORING and child is not None:
            made.append(child.what)
        return child

    monkeypatch.setattr(forked, "fork", counted)
    return made


def layer(root: Path, name: str) -> list[Path]:
    return sorted(p for p in (root / ".cache" / "hcs" / f"v{FORMAT}" / name).rglob("*") if p.is_file())


def test_children_store_the_checked_students_and_their_pages_before_the_command_returns(
        two_students: Path, tmp_path: Path, forks: list[str]) -> None:
    site = tmp_path / "site"
    first = build(two_students, "--site-dir", str(site))
    assert first.exit_code == 0, first.output
    assert len(forks) >= 2  # the check's students, then their pages (in each language that renders them)
    assert cache_store._STORING == []  # waited for, none left running
    assert len(layer(two_students, "checked")) >= 2 and len(layer(two_students, "markdown")) >= 2
    evidence = two_students / EVIDENCE_FILE
    evidence.write_text(evidence.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    again = build(two_students, "-v", "--site-dir", str(site))
    assert again.exit_code == 0
    assert re.search(r"hcs: 1 of 2 students' pages from the build cache", again.output), again.output


def test_a_few_entries_are_stored_without_a_child(
        two_students: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Forking a large build costs more than storing a few entries (a one-course rebuild's)."""
    made: list[str] = []
    real = forked.fork
    monkeypatch.setattr(forked, "fork", lambda work, what, **kw: made.append(what) or real(work, what, **kw))
    assert build(two_students, "--site-dir", str(tmp_path / "site")).exit_code == 0
    assert cache_store.STORING not in made and html_cache.STORING not in made
    assert len(layer(two_students, "checked")) >= 2 and len(layer(two_students, "markdown")) >= 2
    assert len(layer(two_students, "pages")) >= 20


def test_a_child_that_fails_to_store_fails_the_build_before_the_swap(
        two_students: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: list[str]) -> None:
    """A bug while encoding a checked student stops the build as it did in one process (exit 70),
    with the old site in place; what was stored of other layers is whole or ignored."""
    site = tmp_path / "site"
    assert build(two_students, "--site-dir", str(site)).exit_code == 0
    before = tree_digest(site)

    def broken(*args: object) -> bytes:
        raise RuntimeError("a bug in storing a checked student")

    monkeypatch.setattr(student_cache, "_encode", broken)
    evidence = two_students / EVIDENCE_FILE
    evidence.write_text(evidence.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    result = build(two_students, "--site-dir", str(site))
    assert result.exit_code == 70, result.output
    assert tree_digest(site) == before
    assert cache_store._STORING == [] and [p.name for p in tmp_path.iterdir() if ".hcs-" in p.name] == []


def test_a_forked_child_writes_its_entries_itself(tmp_path: Path) -> None:
    """A child of the build stores in its own process: a writer of its own would be a copy of the
    whole build, counted again in the memory of every process."""
    store = CacheStore.open(tmp_path / "cache")

    def work() -> int:
        store.put("pages", "ab" + "0" * 62, b"payload")
        return WRITER._pid

    child = forked.fork(work, "storing a test entry")
    assert child is not None and child.wait() == 0  # no writer was forked in the child
    assert store.get("pages", "ab" + "0" * 62) == b"payload"
