"""The check's layer of the build cache: a portfolio or evidence file read and shape-checked once is
read back while its bytes are the same, exactly as it was checked, and never through a link."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from hcs_site.adapters.cache_store import CacheStore
from hcs_site.check import checked_json
from hcs_site.check.cache import LAYER, FileCache, markdown_checked
from hcs_site.cli import main
from hcs_site.diagnostics import Diagnostic, Loc, Severity
from hcs_site.load.files import MarkdownFile
from hcs_site.load.yaml_reader import Document
from tests.conftest import MakeRepo, write_files
from tests.sitecheck import build, tree_digest

MKDOCS = "site_name: T\ntheme:\n  name: material\nplugins:\n  - search\n  - hcs\n"
EVIDENCE = "portfolios/p-0001/evidence/ratio-recipes.md"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCS_TODAY", "2026-10-15")


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "v1" / LAYER).rglob("*") if p.is_file())


def test_a_checked_file_reads_back_exactly(valid_repo: Path) -> None:
    value = markdown_checked(valid_repo, EVIDENCE, "evidence", None)
    assert value[0] is not None
    payload = checked_json.encode(value)
    assert payload is not None
    assert repr(checked_json.decode(payload)) == repr(value)
    with_problems = (value[0], [Diagnostic(Loc(EVIDENCE, 3, 1), "x", Severity.WARNING, "m", "h")], [])
    assert repr(checked_json.decode(checked_json.encode(with_problems) or b"")) == repr(with_problems)


@pytest.mark.parametrize("data", [{1: "a number as a key"}, {"a": ("a", "tuple")}, {"a": float("nan")}])
def test_what_would_not_read_back_the_same_is_not_stored(data: object) -> None:
    md = MarkdownFile(Document("e.md", data), "body", 5)
    assert checked_json.encode((md, [], [])) is None


def test_a_second_build_reads_the_checked_files_back(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo({"mkdocs.yml": MKDOCS, "docs/guide.md": "# Guide\n\nHow to read a course page.\n"})
    cache = tmp_path / "cache"
    assert build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "one")).exit_code == 0
    stored = entries(cache)
    assert len(stored) == 2  # the portfolio and its evidence file
    store = CacheStore(cache)
    for i, path in enumerate(stored):  # a warning only the stored entries hold
        entry = json.loads(store.get(LAYER, path.name) or b"")
        entry["shape"].append([EVIDENCE, 2 + i, 1, "from-the-cache", "warning", "read back from the cache", "none"])
        store.put(LAYER, path.name, json.dumps(entry).encode("utf-8"))
    second = build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "two"))
    assert second.output.count("read back from the cache") == 2
    assert entries(cache) == stored  # kept by the build that used them
    evidence = root / EVIDENCE
    evidence.write_text(evidence.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    third = build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "three"))
    assert third.output.count("read back from the cache") == 1  # the edited file was checked again
    clear = CliRunner().invoke(main, ["cache", "clear", "--root", str(root), "--cache-dir", str(cache)])
    assert clear.exit_code == 0, clear.output
    assert build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "four")).exit_code == 0
    assert build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "five")).exit_code == 0
    assert build(root, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    assert tree_digest(tmp_path / "five") == tree_digest(tmp_path / "clean")


def test_a_linked_file_is_never_read_for_its_key(valid_repo: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    write_files(tmp_path, {"secret.md": (valid_repo / EVIDENCE).read_text(encoding="utf-8")})
    (valid_repo / EVIDENCE).unlink()
    os.symlink(secret, valid_repo / EVIDENCE)
    store = CacheStore.open(tmp_path / "cache")
    md, problems, _shape = markdown_checked(valid_repo, EVIDENCE, "evidence", FileCache(store, "v"))
    assert md is None and [p.code for p in problems] == ["symlink"]
    assert entries(tmp_path / "cache") == [] or all(
        checked_json.decode(CacheStore(tmp_path / "cache").get(LAYER, p.name) or b"") is not None
        for p in entries(tmp_path / "cache"))
