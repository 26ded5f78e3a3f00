"""The check's layer of the build cache: a student's folder checked once is read back, with every
diagnostic the rules gave, while nothing it depends on changed; a cached check always says what a
check without the cache says (the oracle of every test here)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from hcs_site.adapters.cache_store import FORMAT, CacheStore
from hcs_site.check import pipeline, rules_names, student_cache
from hcs_site.check.cache import LAYER, FileCache
from hcs_site.check.pipeline import check_repository
from hcs_site.check.student_cache import Files as StudentFiles
from hcs_site.cli import main
from hcs_site.diagnostics import Report
from hcs_site.load.files import MarkdownFile
from hcs_site.load.yaml_reader import Document
from hcs_site.model.portfolio import Portfolio, build_portfolio
from tests.conftest import DISTRICT, EVIDENCE, PORTFOLIO, MakeRepo, write_files
from tests.sitecheck import build, tree_digest

MKDOCS = "site_name: T\ntheme:\n  name: material\nplugins:\n  - search\n  - hcs\n"
EVIDENCE_FILE = "portfolios/p-0001/evidence/ratio-recipes.md"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCS_TODAY", "2026-10-15")


def entries(cache: Path) -> list[Path]:
    CacheStore(cache).flush()  # entries are written by a thread beside the check
    return sorted(p for p in (cache / f"v{FORMAT}" / LAYER).rglob("*") if p.is_file())


MARK = "read back from the cache"


def checked(root: Path, store: CacheStore) -> tuple[list[str], str]:
    """The cached check's diagnostics (as printed) and published models, after asserting they are
    what the check says without the cache."""
    cached, clean = check_repository(root, cache=FileCache(store, "v")), check_repository(root)
    said = [str(d) for d in cached.report.sorted()]
    assert said == [str(d) for d in clean.report.sorted()]
    assert repr(cached.portfolios) == repr(clean.portfolios) and repr(cached.published) == repr(clean.published)
    assert cached.report.files_checked == clean.report.files_checked
    return said, repr(cached.published)


def mark(store: CacheStore) -> int:
    """Add a warning only the stored entries hold (a check that prints it read an entry back)."""
    stored = entries(store.folder)
    for path in stored:
        entry = json.loads(store.get(LAYER, path.name) or b"")
        entry["diagnostics"].append([EVIDENCE_FILE, 2, 1, "from-the-cache", "warning", MARK, "none"])
        store.put(LAYER, path.name, json.dumps(entry).encode("utf-8"))
    return len(stored)


def read_back(root: Path, store: CacheStore) -> bool:
    return any(MARK in str(d) for d in check_repository(root, cache=FileCache(store, "v")).report.diagnostics)


Edit = Callable[[Path], object]


def replace(rel: str, old: str, new: str) -> Edit:
    def edit(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


EDITS: dict[str, Edit] = {
    "the course no longer allows a project": replace(
        "content/courses/math-7.yml", "assessment_types: [written-test, project]", "assessment_types: [written-test]"),
    "the objective moved to another ID": replace("content/courses/math-7.yml", "id: MATH-7.1", "id: MATH-7.9"),
    "the competency left the area": replace("content/competencies/math.yml", "id: MATH.EE", "id: MATH.EF"),
    "a student-number pattern that the reflection matches": lambda root: write_files(root, {
        "content/district.yml": DISTRICT + "student_number_pattern: 'what I \\w+'\n"}),
    "the level left the scale": replace(EVIDENCE_FILE, "level: 3", "level: 7"),
    "the artifact is no picture": lambda root: write_files(root, {"portfolios/p-0001/recipe-poster.png": b"not a PNG"}),
    "the artifact was removed": lambda root: write_files(root, {"portfolios/p-0001/recipe-poster.png": None}),
    "a second evidence file": lambda root: write_files(root, {
        "portfolios/p-0001/evidence/unit-rates.md": EVIDENCE.replace("Ratio recipes", "Unit rates").replace(
            "level: 3", "level: 9")}),
    "the display name is a full name": replace("portfolios/p-0001/portfolio.md", "Maya S.", "Maya Smith"),
    "a link in the student's folder": lambda root: os.symlink("/etc/hostname", root / "portfolios/p-0001/notes.md"),
    "consent expires before the day": lambda root: write_files(root, {
        "portfolios/p-0001/portfolio.md": PORTFOLIO.replace("expires: 2099-06-30", "expires: 2026-10-01")}),
}


@pytest.mark.parametrize("what", sorted(EDITS))
def test_a_change_the_student_depends_on_is_judged_again(what: str, make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo()
    store = CacheStore.open(tmp_path / "cache")
    before = checked(root, store)
    assert mark(store) == 1 and read_back(root, store)  # one entry, for the one student, read back
    EDITS[what](root)
    assert checked(root, store) != before  # the oracle: what the check says without the cache


def test_consent_is_judged_on_the_day_of_the_build(make_repo: MakeRepo, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo({"portfolios/p-0001/portfolio.md": PORTFOLIO.replace("expires: 2099-06-30",
                                                                          "expires: 2026-10-20")})
    store = CacheStore.open(tmp_path / "cache")
    said, published = checked(root, store)
    assert "Maya S." in published and mark(store) == 1 and read_back(root, store)
    monkeypatch.setenv("HCS_TODAY", "2026-10-21")
    said_later, published_later = checked(root, store)
    assert published_later == "[]" and any("consent" in line for line in said_later) and said_later != said


def test_a_rewritten_reference_reads_back_as_the_rules_left_it(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo({EVIDENCE_FILE: EVIDENCE.replace("course: MATH-7", "course: math-7")})
    store = CacheStore.open(tmp_path / "cache")
    said, published = checked(root, store)
    assert any("ref-normalised" in line for line in said) and "course='MATH-7'" in published
    assert checked(root, store) == (said, published)  # read back or judged again: the same model


def test_a_second_build_reads_each_student_back(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo({"mkdocs.yml": MKDOCS, "docs/guide.md": "# Guide\n\nHow to read a course page.\n"})
    cache = tmp_path / "cache"
    assert build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "one")).exit_code == 0
    stored = entries(cache)
    assert len(stored) == 1  # Maya's folder
    store = CacheStore(cache)
    mark(store)
    second = build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "two"))
    assert second.output.count("read back from the cache") == 1
    assert entries(cache) == stored  # kept by the build that used it
    evidence = root / EVIDENCE_FILE
    evidence.write_text(evidence.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    third = build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "three"))
    assert "read back from the cache" not in third.output  # the student was judged again
    clear = CliRunner().invoke(main, ["cache", "clear", "--root", str(root), "--cache-dir", str(cache)])
    assert clear.exit_code == 0, clear.output
    assert build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "four")).exit_code == 0
    assert build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "five")).exit_code == 0
    assert build(root, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    assert tree_digest(tmp_path / "five") == tree_digest(tmp_path / "clean")


def test_a_rule_that_changes_the_model_without_a_word_stores_nothing(
        make_repo: MakeRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The model is made again from the stored files: a rule that changed it silently would be lost."""
    original = rules_names.check_names

    def renaming(p: Portfolio, artifacts: list[str], report: Report) -> None:
        p.interests = [i.upper() for i in p.interests]
        original(p, artifacts, report)

    monkeypatch.setattr(pipeline, "check_names", renaming)
    root = make_repo()
    store = CacheStore.open(tmp_path / "cache")
    cached = check_repository(root, cache=FileCache(store, "v"))
    assert "ROBOTICS" in repr(cached.published) and entries(store.folder) == []
    assert repr(check_repository(root, cache=FileCache(store, "v")).published) == repr(cached.published)


@pytest.mark.parametrize("data", [{1: "a number as a key"}, {"a": ("a", "tuple")}, {"a": float("nan")}])
def test_what_would_not_read_back_the_same_is_not_stored(data: dict[object, object]) -> None:
    md = MarkdownFile(Document("portfolios/p-0001/portfolio.md", {"display_name": "Maya S.", **data}), "body", 5)
    files: StudentFiles = [("portfolios/p-0001/portfolio.md", (md, [], []))]
    assert student_cache._encode("k", files, [], (build_portfolio("p-0001", md), True)) is None


def test_a_linked_file_is_never_read_for_its_key(valid_repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    write_files(tmp_path, {"secret.md": EVIDENCE.replace("Reflection:", "A secret outside the repository.")})
    (valid_repo / EVIDENCE_FILE).unlink()
    os.symlink(secret, valid_repo / EVIDENCE_FILE)
    store = CacheStore.open(tmp_path / "cache")
    said, _published = checked(valid_repo, store)
    assert any("symlink" in line for line in said)
    assert not any(b"secret outside" in path.read_bytes() for path in entries(store.folder))


def test_a_file_edited_while_the_student_is_judged_stores_nothing(
        make_repo: MakeRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key is read before the rules run and the rules read the files again: an edit in between
    would store one version's judgement under the other's key, so nothing is stored then."""
    root = make_repo()
    original = pipeline.judge_student

    def edited_meanwhile(*args: Any, **kwargs: Any) -> Any:
        judged = original(*args, **kwargs)
        evidence = root / EVIDENCE_FILE
        evidence.write_text(evidence.read_text(encoding="utf-8") + "\nWritten during the check.\n", encoding="utf-8")
        return judged

    monkeypatch.setattr(pipeline, "judge_student", edited_meanwhile)
    store = CacheStore.open(tmp_path / "cache")
    result = check_repository(root, cache=FileCache(store, "v"))
    assert entries(store.folder) == [] and result.folders == {}
