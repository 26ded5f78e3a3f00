"""The Markdown layer of the build cache: a student's pages are read back while their folder and
the framework are unchanged, rendered again when either changes, and the site is always a clean
build's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hcs_site.adapters.cache_store import FORMAT, CacheStore
from hcs_site.adapters.markdown_cache import LAYER
from tests.conftest import write_files
from tests.sitecheck import build, tree_digest

HOME = "portfolios/bethlehem-elementary/{key}/index.html"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCS_TODAY", "2026-10-15")


@pytest.fixture
def repo(two_students: Path) -> Path:
    return two_students


def students_from_cache(output: str) -> tuple[int, int]:
    found = re.findall(r"hcs: ([0-9]+) of ([0-9]+) students' pages from the build cache", output)
    assert len(found) == 1, output
    return int(found[0][0]), int(found[0][1])


def rebuild_and_compare(root: Path, tmp_path: Path, cache: Path) -> tuple[int, int]:
    """A cached build into site/ (from students' pages) against a build without the cache."""
    result = build(root, "-v", "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    assert build(root, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    assert tree_digest(tmp_path / "site") == tree_digest(tmp_path / "clean")
    return students_from_cache(result.output)


def test_an_evidence_edit_renders_that_student_alone(repo: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = build(repo, "-v", "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site"))
    assert students_from_cache(first.output) == (0, 2)
    evidence = repo / "portfolios" / "p-0002" / "evidence" / "ratio-recipes.md"
    evidence.write_text(evidence.read_text(encoding="utf-8") + "\nLooking back, I would start earlier.\n",
                        encoding="utf-8")
    assert rebuild_and_compare(repo, tmp_path, cache) == (1, 2)
    assert "start earlier" in (tmp_path / "site" / HOME.format(key="p-0002")).parent.joinpath(
        "ratio-recipes", "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("edit", ["school title", "artifact bytes"])
def test_what_a_students_pages_are_made_of_renders_them_again(repo: Path, tmp_path: Path, edit: str) -> None:
    cache = tmp_path / "cache"
    assert build(repo, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site")).exit_code == 0
    if edit == "school title":  # in content/: printed on every student's home page
        district = repo / "content" / "district.yml"
        district.write_text(district.read_text(encoding="utf-8").replace(
            "Bethlehem Elementary School", "Bethlehem Elementary Academy"), encoding="utf-8")
        assert rebuild_and_compare(repo, tmp_path, cache) == (0, 2)
        assert "Bethlehem Elementary Academy" in (tmp_path / "site" / HOME.format(key="p-0001")).read_text(
            encoding="utf-8")
    else:  # a file of the folder that no Markdown names: still part of the key
        write_files(repo, {"portfolios/p-0001/notes.txt": "draft\n"})
        hits, total = rebuild_and_compare(repo, tmp_path, cache)
        assert (hits, total) == (1, 2)


def test_a_students_pages_are_read_from_the_cache(repo: Path, tmp_path: Path) -> None:
    """Every entry altered (validly): the next build prints the altered words, so it rendered none."""
    cache = tmp_path / "cache"
    assert build(repo, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "one")).exit_code == 0
    store = CacheStore(cache)
    stored = [key for key in sorted(p.name for p in (cache / f"v{FORMAT}" / LAYER).rglob("*") if p.is_file())
              if json.loads(store.get(LAYER, key) or b"")["pages"][0]["path"].startswith("portfolios/")]
    assert len(stored) == 2  # the layer's other entries: course pages (test_course_cache.py)
    for key in stored:
        entry = json.loads(store.get(LAYER, key) or b"")
        for page in entry["pages"]:
            page["content"] += "\n\nRead from the cache.\n"
        store.put(LAYER, key, json.dumps(entry).encode("utf-8"))
    assert build(repo, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "two")).exit_code == 0
    home = (tmp_path / "two" / HOME.format(key="p-0001")).read_text(encoding="utf-8")
    assert "Read from the cache." in home
    bad = store.path(LAYER, stored[0])
    bad.write_bytes(bad.read_bytes()[:-5])  # half written: ignored, rendered again
    assert build(repo, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "three")).exit_code == 0
    texts = [(tmp_path / "three" / HOME.format(key=k)).read_text(encoding="utf-8") for k in ("p-0001", "p-0002")]
    assert sum("Read from the cache." in t for t in texts) == 1
