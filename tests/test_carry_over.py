"""The JSON API's folders move from the site a build replaces into the new one, only when they are
byte for byte what the build would write; a site touched by hand, a changed framework or a site
written to during the build never passes old files on."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from hcs_site.adapters import driver, html_cache, page_entry
from hcs_site.adapters.cache_store import FORMAT, CacheStore
from tests.sitecheck import build, refuse_new_site, tree_digest

CARRIED = "carried over from the site it replaces"
API_FILE = "api/framework.json"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCS_TODAY", "2026-10-15")


@pytest.fixture
def repo(two_students: Path, tmp_path: Path) -> Path:
    """Maya and Leo's district, built once."""
    assert build(two_students, "--site-dir", str(tmp_path / "site")).exit_code == 0
    return two_students


def edit_evidence(root: Path, words: str = "Looking back, I would start earlier.") -> None:
    evidence = root / "portfolios" / "p-0001" / "evidence" / "ratio-recipes.md"
    evidence.write_text(evidence.read_text(encoding="utf-8") + f"\n{words}\n", encoding="utf-8")


def rebuild(root: Path, tmp_path: Path) -> Result:
    result = build(root, "-v", "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    return result


def clean(root: Path, tmp_path: Path) -> dict[str, str]:
    assert build(root, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    return tree_digest(tmp_path / "clean")


def test_an_evidence_edit_moves_the_api_over_instead_of_writing_it(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    before = {p: p.stat().st_ino for p in (site / "api").rglob("*.json")}
    edit_evidence(repo)
    assert CARRIED in rebuild(repo, tmp_path).output
    assert {p: p.stat().st_ino for p in (site / "api").rglob("*.json")} == before  # the same files, moved
    assert tree_digest(site) == clean(repo, tmp_path)
    assert [p.name for p in tmp_path.iterdir() if ".hcs-" in p.name] == []


def test_after_a_build_that_carried_folders_over_nothing_is_left_to_do(repo: Path, tmp_path: Path) -> None:
    """The snapshot's listing of the new site takes the moved folders' digests from before the move:
    it must be the site's own listing, or the next build would see a site touched by hand."""
    edit_evidence(repo)
    assert CARRIED in rebuild(repo, tmp_path).output
    assert "is up to date" in rebuild(repo, tmp_path).output


def test_a_link_to_a_carried_api_file_resolves_as_in_a_clean_build(two_students: Path, tmp_path: Path) -> None:
    """A carried API is named to MkDocs, not listed: a page's link to one of its files must still
    find it (no 'not found' warning, even under --strict) and print the same address."""
    guide = two_students / "docs" / "guide.md"
    guide.write_text("# Guide\n\nThe [framework as data](api/framework.json) and [its schema](schemas/"
                     "framework.schema.json).\n", encoding="utf-8")
    first = build(two_students, "--strict", "--site-dir", str(tmp_path / "site"))
    assert first.exit_code == 0, first.output
    edit_evidence(two_students)
    guide.write_text(guide.read_text(encoding="utf-8") + "\nRead again.\n", encoding="utf-8")  # rendered again
    again = build(two_students, "-v", "--strict", "--site-dir", str(tmp_path / "site"))
    assert again.exit_code == 0 and CARRIED in again.output, again.output
    assert "not found" not in again.output and "WARNING" not in again.output
    assert tree_digest(tmp_path / "site") == clean(two_students, tmp_path)
    assert 'href="../api/framework.json"' in (tmp_path / "site" / "guide" / "index.html").read_text(encoding="utf-8")


def test_pages_keep_their_keys_whether_the_api_was_carried_or_written(repo: Path, tmp_path: Path) -> None:
    """The site key counts the API by its names either way: a build that cannot carry it (the old
    site touched by hand) still takes every unchanged page from the cache."""
    edit_evidence(repo)
    carried = rebuild(repo, tmp_path).output
    assert CARRIED in carried
    (tmp_path / "site" / "guide" / "index.html").write_text("<p>edited</p>", encoding="utf-8")
    edit_evidence(repo, "And once more.")
    written = rebuild(repo, tmp_path).output
    assert CARRIED not in written
    found = re.search(r"hcs: ([0-9]+) of ([0-9]+) pages from the build cache", written)
    assert found is not None and int(found[2]) - int(found[1]) == 1, written  # the edited evidence page alone
    assert tree_digest(tmp_path / "site") == clean(repo, tmp_path)


def test_a_framework_change_writes_the_api_again(repo: Path, tmp_path: Path) -> None:
    course = repo / "content" / "courses" / "math-7.yml"
    course.write_text(course.read_text(encoding="utf-8").replace("Grade 7 Mathematics", "Grade Seven Math", 1),
                      encoding="utf-8")
    assert CARRIED not in rebuild(repo, tmp_path).output
    assert tree_digest(tmp_path / "site") == clean(repo, tmp_path)


@pytest.mark.parametrize("touch", ["an API file edited, its time put back", "an API file deleted",
                                   "a page edited"])
def test_a_site_touched_by_hand_passes_nothing_on(repo: Path, tmp_path: Path, touch: str) -> None:
    site = tmp_path / "site"
    if touch == "an API file edited, its time put back":
        st = (site / API_FILE).stat()
        (site / API_FILE).write_text("{}", encoding="utf-8")
        os.utime(site / API_FILE, ns=(st.st_atime_ns, st.st_mtime_ns))
    elif touch == "an API file deleted":
        (site / API_FILE).unlink()
    else:
        (site / "guide" / "index.html").write_text("<p>edited</p>", encoding="utf-8")
    edit_evidence(repo)
    assert CARRIED not in rebuild(repo, tmp_path).output
    assert tree_digest(site) == clean(repo, tmp_path)


def test_a_site_written_to_during_the_build_fails_and_keeps_what_was_there(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    edit_evidence(repo)
    real = driver.mkdocs_build

    def meddle(config: object, **kwargs: object) -> None:
        real(config, **kwargs)  # type: ignore[arg-type]
        (site / API_FILE).write_text('{"edited": "during the build"}', encoding="utf-8")

    monkeypatch.setattr(driver, "mkdocs_build", meddle)
    result = build(repo, "--site-dir", str(site))
    assert result.exit_code == 1
    assert "changed while the new site was being built; build again" in result.output
    assert (site / API_FILE).read_text(encoding="utf-8") == '{"edited": "during the build"}'
    assert [p.name for p in tmp_path.iterdir() if ".hcs-" in p.name] == []
    monkeypatch.setattr(driver, "mkdocs_build", real)
    assert CARRIED not in rebuild(repo, tmp_path).output  # the edit is not vouched for: written again
    assert tree_digest(site) == clean(repo, tmp_path)


def test_a_failed_swap_puts_the_carried_folders_back(repo: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    before = tree_digest(site)
    edit_evidence(repo)
    refuse_new_site(monkeypatch, site)
    result = build(repo, "--site-dir", str(site))
    assert result.exit_code == 1 and "the file system is read-only" in result.output
    assert tree_digest(site) == before


MAYA = "portfolios/bethlehem-elementary/p-0001"
LEO = "portfolios/bethlehem-elementary/p-0002"


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()}


def test_an_evidence_edit_moves_the_other_students_folders_over(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    maya, leo = inodes(site / MAYA), inodes(site / LEO)
    assert "ratio-recipes-1.png" in maya and "ratio-recipes-1.png" in leo  # artifacts, carried with the pages
    edit_evidence(repo)  # Maya's
    result = rebuild(repo, tmp_path)
    assert "hcs: 1 students' folders carried over from the site it replaces" in result.output
    assert inodes(site / LEO) == leo  # moved, not written
    assert set(inodes(site / MAYA).values()).isdisjoint(maya.values())  # written again
    assert tree_digest(site) == clean(repo, tmp_path)


def test_a_folder_holding_a_file_the_plugin_did_not_make_is_written(repo: Path, tmp_path: Path) -> None:
    (repo / "docs" / LEO).mkdir(parents=True)
    (repo / "docs" / LEO / "note.txt").write_text("a file of the docs folder\n", encoding="utf-8")
    assert build(repo, "--site-dir", str(tmp_path / "site")).exit_code == 0
    edit_evidence(repo)
    assert "students' folders carried over" not in rebuild(repo, tmp_path).output
    assert tree_digest(tmp_path / "site") == clean(repo, tmp_path)


def test_a_change_no_page_shows_carries_every_folder_over(repo: Path, tmp_path: Path) -> None:
    """Every page from the cache (MkDocs still writes the first of them, for the sitemap's date:
    never one in a folder carried over) and both students' folders moved over."""
    (repo / "NOTES.md").write_text("Committee notes, read by no page.\n", encoding="utf-8")
    result = rebuild(repo, tmp_path)
    assert "hcs: 2 students' folders carried over" in result.output
    assert tree_digest(tmp_path / "site") == clean(repo, tmp_path)


def test_a_changed_artifact_is_written_though_every_page_is_the_same(repo: Path, tmp_path: Path) -> None:
    from PIL import Image

    poster = repo / "portfolios" / "p-0002" / "recipe-poster.png"
    assert poster.is_file()
    Image.new("RGB", (3, 2), (200, 30, 30)).save(poster)
    result = rebuild(repo, tmp_path)
    assert "hcs: 1 students' folders carried over" in result.output  # Maya's; Leo's poster is new
    assert tree_digest(tmp_path / "site") == clean(repo, tmp_path)


def test_pages_gone_from_the_cache_are_rendered_not_carried(repo: Path, tmp_path: Path) -> None:
    import shutil

    shutil.rmtree(repo / ".cache" / "hcs" / f"v{FORMAT}" / "pages")
    edit_evidence(repo)
    result = rebuild(repo, tmp_path)
    assert "students' folders carried over" not in result.output
    assert tree_digest(tmp_path / "site") == clean(repo, tmp_path)


def test_a_rebuild_reads_the_html_only_of_the_pages_it_writes(repo: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A carried folder's pages are hits by their entries' heads (their search entries) alone:
    their HTML, most of the cache's bytes, is never read."""
    read: list[str] = []
    caches: list[html_cache.HtmlCache] = []
    whole, look_up = page_entry.whole, html_cache.HtmlCache.look_up
    monkeypatch.setattr(page_entry, "whole", lambda store, key: read.append(key) or whole(store, key))
    monkeypatch.setattr(html_cache.HtmlCache, "look_up",
                        lambda self, *args, **kw: caches.append(self) or look_up(self, *args, **kw))
    edit_evidence(repo)
    assert "hcs: 1 students' folders carried over" in rebuild(repo, tmp_path).output
    english = caches[0]  # the default language's build, the one that carries folders over
    leo = {src for src in english.keys if "/p-0002/" in english.dest[src]}
    assert leo and leo <= set(english.hits)
    written = {english.keys[src] for src in english.hits if src not in leo}
    assert written and set(read) & set(english.keys.values()) == written


@pytest.mark.parametrize("loss", ["pruned", "cleared", "end lost", "damaged in place"])
def test_html_lost_from_the_cache_during_the_build_is_rendered(repo: Path, tmp_path: Path, loss: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Between `look_up`, which reads only heads, and `write_hits`, which reads the HTML, another
    build may prune or clear the cache, or a disk lose part of an entry: the pages `look_up` took
    are rendered instead, never written from a broken entry, and the build does not fail."""
    write_hits = html_cache.HtmlCache.write_hits

    def lose(self: html_cache.HtmlCache, *args: Any, **kw: Any) -> None:
        entries = sorted(p for p in (self.store.folder / f"v{FORMAT}" / "pages").rglob("*") if p.is_file())
        assert entries
        if loss == "pruned":
            assert CacheStore(self.store.folder).prune(time.time() + 60) > 0  # another build's prune
        for path in entries if loss != "pruned" else []:
            data = path.read_bytes()
            if loss == "cleared":
                path.unlink()
            else:
                path.write_bytes(data[:-5] if loss == "end lost" else data[:-1] + bytes([data[-1] ^ 1]))
        write_hits(self, *args, **kw)

    monkeypatch.setattr(html_cache.HtmlCache, "write_hits", lose)
    edit_evidence(repo)
    result = rebuild(repo, tmp_path)
    assert "hcs: 1 students' folders carried over" in result.output  # Leo's: the old site holds his pages
    assert tree_digest(tmp_path / "site") == clean(repo, tmp_path)
