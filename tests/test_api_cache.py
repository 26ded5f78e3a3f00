"""The API layer of the build cache: an unchanged framework's JSON API is read back whole; any change
under content/ makes it again; a damaged entry is never used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hcs_site.adapters import api_cache
from hcs_site.adapters.cache_store import FORMAT, CacheStore
from tests.conftest import MakeRepo
from tests.sitecheck import build, tree_digest

MKDOCS = "site_name: T\nsite_url: https://example.org/t/\ntheme:\n  name: material\nplugins:\n  - search\n  - hcs\n"
SITE = {"mkdocs.yml": MKDOCS, "docs/guide.md": "# Guide\n\nHow to read a course page.\n"}
FROM_CACHE = re.compile(r"hcs: the JSON API \(([0-9]+) files\) from the build cache")
REUSED = re.compile(r"hcs: the JSON API \(([0-9]+) files\) "
                    r"(from the build cache|carried over from the site it replaces)")


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCS_TODAY", "2026-10-15")


def api_entries(cache: Path) -> list[Path]:
    """The API's entries (its documents; the small entries of their names and digests are left out)."""
    return sorted(p for p in (cache / f"v{FORMAT}" / "api").rglob("*") if p.is_file() and p.stat().st_size > 1000
                  and not p.read_bytes().split(b"\n", 2)[-1].startswith((b'["', b'{"')))


def test_pack_and_unpack_give_back_every_file_byte_for_byte() -> None:
    files = {"api/a.json": b'{"a":1}', "api/empty.json": b"", "schemas/\u00e9.json": "é".encode()}
    assert api_cache.unpack(b"".join(api_cache.pack(files))) == files
    packed = b"".join(api_cache.pack(files))
    assert api_cache.unpack(packed[:-1]) is None  # a document cut short
    assert api_cache.unpack(packed + b"x") is None  # bytes no document claims
    assert api_cache.unpack(b"\x00" * 8 + b"not json") is None


@pytest.mark.parametrize("edit", ["evidence", "hand-written page"])
def test_a_change_outside_the_framework_reuses_the_api(make_repo: MakeRepo, tmp_path: Path, edit: str) -> None:
    root = make_repo(SITE)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    first = build(root, "-v", *cache, "--site-dir", str(tmp_path / "site"))
    assert first.exit_code == 0 and not REUSED.search(first.output)
    path = root / ("portfolios/p-0001/evidence/ratio-recipes.md" if edit == "evidence" else "docs/guide.md")
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    again = build(root, "-v", *cache, "--site-dir", str(tmp_path / "site"))
    found = REUSED.search(again.output)
    assert again.exit_code == 0 and found and int(found[1]) > 20, again.output
    assert build(root, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    assert tree_digest(tmp_path / "site") == tree_digest(tmp_path / "clean")
    assert len(api_entries(tmp_path / "cache")) == 1


@pytest.mark.parametrize(("path", "old", "new"), [
    ("content/courses/math-7.yml", "What a family should know about this course.",
     "What a family should know about Grade 7 math."),
    ("content/district.yml", "Henry County Schools", "Henry County Public Schools"),
])
def test_any_change_under_content_makes_the_api_again(make_repo: MakeRepo, tmp_path: Path, path: str,
                                                       old: str, new: str) -> None:
    root = make_repo(SITE)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert build(root, *cache, "--site-dir", str(tmp_path / "site")).exit_code == 0
    text = (root / path).read_text(encoding="utf-8")
    assert old in text
    (root / path).write_text(text.replace(old, new), encoding="utf-8")
    again = build(root, "-v", *cache, "--site-dir", str(tmp_path / "site"))
    assert again.exit_code == 0 and not REUSED.search(again.output), again.output
    assert build(root, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    assert tree_digest(tmp_path / "site") == tree_digest(tmp_path / "clean")
    api = (tmp_path / "site" / "api" / "framework.json").read_text(encoding="utf-8")
    assert new in api and old not in api
    assert len(api_entries(tmp_path / "cache")) == 1  # the whole-site build pruned the old API


def test_a_damaged_api_entry_is_made_again(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo(SITE)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert build(root, *cache, "--site-dir", str(tmp_path / "site")).exit_code == 0
    (entry,) = api_entries(tmp_path / "cache")
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2])
    again = build(root, "-v", *cache, "--site-dir", str(tmp_path / "again"))
    assert again.exit_code == 0 and not FROM_CACHE.search(again.output)
    assert tree_digest(tmp_path / "again") == tree_digest(tmp_path / "site")
    assert CacheStore(tmp_path / "cache").get("api", entry.name) is not None  # stored whole again


def test_a_carried_api_is_listed_from_its_names_without_reading_its_documents(
        make_repo: MakeRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo(SITE)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert build(root, *cache, "--site-dir", str(tmp_path / "site")).exit_code == 0
    (entry,) = api_entries(tmp_path / "cache")
    evidence = root / "portfolios/p-0001/evidence/ratio-recipes.md"
    evidence.write_text(evidence.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")

    def refuse(data: bytes) -> None:
        raise AssertionError("the API's documents were read")

    monkeypatch.setattr(api_cache, "unpack", refuse)
    again = build(root, "-v", *cache, "--site-dir", str(tmp_path / "site"))
    assert again.exit_code == 0 and "JSON API (" in again.output and "carried over" in again.output, again.output
    monkeypatch.undo()
    monkeypatch.setenv("HCS_TODAY", "2026-10-15")
    assert build(root, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    assert tree_digest(tmp_path / "site") == tree_digest(tmp_path / "clean")
    assert api_entries(tmp_path / "cache") == [entry]  # kept: a build that cannot carry the API reads it


@pytest.mark.parametrize("damage", [b"", b'["api/framework.json"]', b"not json"])
def test_a_damaged_list_of_names_is_never_trusted(make_repo: MakeRepo, tmp_path: Path, damage: bytes) -> None:
    root = make_repo(SITE)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert build(root, *cache, "--site-dir", str(tmp_path / "site")).exit_code == 0
    names = [p for p in (tmp_path / "cache" / f"v{FORMAT}" / "api").rglob("*") if p.is_file()
             and p.read_bytes().split(b"\n", 2)[-1].startswith(b'["')]
    assert len(names) == 1
    data = names[0].read_bytes()
    names[0].write_bytes(data[:len(data) - 5] if damage == b"" else data.split(b"\n", 2)[0] + b"\n" + b"0" * 64
                         + b"\n" + damage)
    evidence = root / "portfolios/p-0001/evidence/ratio-recipes.md"
    evidence.write_text(evidence.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    again = build(root, "-v", *cache, "--site-dir", str(tmp_path / "site"))
    assert again.exit_code == 0 and REUSED.search(again.output), again.output
    assert build(root, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    assert tree_digest(tmp_path / "site") == tree_digest(tmp_path / "clean")
    assert sorted(p.name for p in (tmp_path / "site" / "api").rglob("*")) == sorted(
        p.name for p in (tmp_path / "clean" / "api").rglob("*"))
