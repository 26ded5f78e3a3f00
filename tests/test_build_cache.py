"""The build cache: reused when nothing changed, never trusted when half written, never hiding a
withdrawal, and a folder hcs-site deletes only when it holds nothing but cache files."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from hcs_site.adapters import page_entry, shards
from hcs_site.adapters.cache_folder import TAG, CacheRefused, clear, locate
from hcs_site.adapters.cache_store import FORMAT, CacheStore
from hcs_site.cli import main
from tests.conftest import MakeRepo, write_files
from tests.sitecheck import build, tree_digest

MKDOCS = "site_name: T\ntheme:\n  name: material\nplugins:\n  - search\n  - hcs\n"
SITE = {"mkdocs.yml": MKDOCS, "docs/guide.md": "# Guide\n\nHow to read a course page.\n"}
STUDENT_PAGE = "portfolios/bethlehem-elementary/p-0001/index.html"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCS_TODAY", "2026-10-15")


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / f"v{FORMAT}" / "pages").rglob("*") if p.is_file()) if cache.is_dir() else []


def test_an_entry_is_read_back_only_whole(tmp_path: Path) -> None:
    store = CacheStore.open(tmp_path / "cache")
    key = "ab" + "0" * 62
    store.put("pages", key, b"payload")
    store.flush()  # written by the cache's thread
    assert store.get("pages", key) == b"payload"
    path = store.path("pages", key)
    whole = path.read_bytes()
    path.write_bytes(whole[:-3])  # the end lost: a killed build, a disk that dropped it
    assert store.get("pages", key) is None
    path.write_bytes(whole[:-7] + b"PAYLOAD")  # same length, other bytes
    assert store.get("pages", key) is None
    path.write_bytes(b"")
    assert store.get("pages", key) is None
    assert store.get("pages", "cd" + "0" * 62) is None



def test_a_two_part_entry_reads_its_head_alone_and_its_body_only_whole(tmp_path: Path) -> None:
    """A page's head (its search entries) is read without its HTML, but never from a file that
    lost its end; the body is checked by its own hash when it is read."""
    store = CacheStore.open(tmp_path / "cache")
    key = "ab" + "0" * 62
    store.put_parts("pages", key, b"head", b"<html>body</html>")
    store.flush()  # written by the cache's thread
    assert store.get_head("pages", key) == b"head"
    assert store.get_parts("pages", key) == (b"head", b"<html>body</html>")
    assert store.get("pages", key) is None  # one kind of entry is never read as the other
    path = store.path("pages", key)
    whole = path.read_bytes()
    for broken in (whole[:-3], whole + b"more", b"", whole[:20]):  # the end lost, or something added
        path.write_bytes(broken)
        assert store.get_head("pages", key) is None and store.get_parts("pages", key) is None
    path.write_bytes(whole[:-7] + b"</HTML>")  # the body damaged in place: the head alone still reads
    assert store.get_head("pages", key) == b"head" and store.get_parts("pages", key) is None
    path.write_bytes(whole.replace(b"head", b"HEAD"))
    assert store.get_head("pages", key) is None and store.get_parts("pages", key) is None
    store.put("pages", key, b"payload")
    store.flush()  # written by the cache's thread
    assert store.get_head("pages", key) is None and store.get_parts("pages", key) is None

def test_the_folder_must_be_new_empty_or_a_cache(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    write_files(mine, {"notes.txt": "my notes"})
    with pytest.raises(CacheRefused, match="not empty"):
        CacheStore.open(mine)
    CacheStore.open(tmp_path / "new")
    tag = (tmp_path / "new" / TAG).read_text(encoding="utf-8")
    assert tag.startswith("Signature: 8a477f597d28d172789f06886806bc55")
    CacheStore.open(tmp_path / "new")  # a cache already: used as it is


@pytest.mark.parametrize("place", ["content", "content/courses", "portfolios/p-0001", "docs", ".git", ".", ".."])
def test_the_cache_never_lies_in_the_content_or_holds_the_repository(valid_repo: Path, place: str) -> None:
    (valid_repo / ".git").mkdir(exist_ok=True)
    with pytest.raises(CacheRefused):
        locate(valid_repo, valid_repo / place)
    assert locate(valid_repo, None) == (valid_repo / ".cache" / "hcs").resolve()


def test_clear_deletes_only_a_folder_holding_nothing_but_cache_files(tmp_path: Path) -> None:
    store = CacheStore.open(tmp_path / "cache")
    store.put("pages", "ab" + "1" * 62, b"x")
    store.put_parts("pages", "ab" + "3" * 62, b"head", b"body")
    store.flush()  # written by the cache's thread
    (store.path("pages", "ab" + "1" * 62).parent / ("ab" + "2" * 62 + ".123.k_x9.tmp")).write_bytes(b"half")
    write_files(tmp_path / "cache", {"v1/pages/ab/" + "ab" + "4" * 62: "an entry of an older format"})
    notes = tmp_path / "cache" / f"v{FORMAT}" / "pages" / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    with pytest.raises(CacheRefused, match=r"notes\.txt"):
        clear(tmp_path / "cache")
    assert notes.is_file()
    notes.unlink()
    assert clear(tmp_path / "cache") == 6  # the tag, .gitignore, three entries and a half-written one
    assert not (tmp_path / "cache").exists()
    untagged = tmp_path / "untagged"
    write_files(untagged, {"v1/pages/ab/" + "ab" + "1" * 62: "x"})
    with pytest.raises(CacheRefused, match="not an hcs-site build cache"):
        clear(untagged)
    assert untagged.is_dir()


def test_a_build_uses_the_cache_in_the_repository_by_default(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo(SITE)
    assert build(root, "--site-dir", str(tmp_path / "one")).exit_code == 0
    assert (root / ".cache" / "hcs" / TAG).is_file() and entries(root / ".cache" / "hcs")
    result = build(root, "-v", "--site-dir", str(tmp_path / "two"))
    found = re.findall(r"hcs: ([0-9]+) of ([0-9]+) pages from the build cache", result.output)
    assert found and all(hit == total != "0" for hit, total in found), result.output
    assert tree_digest(tmp_path / "two") == tree_digest(tmp_path / "one")


def test_cache_clear_command(make_repo: MakeRepo) -> None:
    root = make_repo(SITE)
    assert build(root, "--cache", "--site-dir", str(root / "site")).exit_code == 0
    assert (root / ".cache" / "hcs" / TAG).is_file() and entries(root / ".cache" / "hcs")
    result = CliRunner().invoke(main, ["cache", "clear", "--root", str(root)])
    assert result.exit_code == 0 and "removed the build cache" in result.output
    assert not (root / ".cache" / "hcs").exists()
    result = CliRunner().invoke(main, ["cache", "clear", "--root", str(root), "--cache-dir", str(root / "content")])
    assert result.exit_code == 2 and "inside content/" in result.output
    assert (root / "content" / "district.yml").is_file()


def test_git_never_sees_the_cache(make_repo: MakeRepo) -> None:
    """A district that runs `git add -A` must not commit the cache, even without `.cache/` in its .gitignore."""
    root = make_repo(SITE)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    assert build(root, "--cache", "--site-dir", str(tmp_site(root))).exit_code == 0
    status = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=all"],
                            capture_output=True, text=True, check=True).stdout
    assert ".cache" not in status and "content/district.yml" in status


def tmp_site(root: Path) -> Path:
    return root.parent / "site"


def test_no_cache_reads_and_writes_none(make_repo: MakeRepo) -> None:
    root = make_repo(SITE)
    assert build(root, "--no-cache", "--site-dir", str(root / "site")).exit_code == 0
    assert not (root / ".cache").exists()


def test_a_cache_dir_in_the_content_is_a_usage_error(make_repo: MakeRepo) -> None:
    root = make_repo(SITE)
    result = build(root, "--cache-dir", str(root / "portfolios" / "cache"), "--site-dir", str(root / "site"))
    assert result.exit_code == 2
    assert "refusing to use" in result.output and "inside portfolios/" in result.output
    assert not (root / "portfolios" / "cache").exists() and not (root / "site").exists()


def test_a_second_build_takes_its_pages_from_the_cache(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo(SITE)
    cache = tmp_path / "cache"
    assert build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "one")).exit_code == 0
    stored = entries(cache)
    assert len(stored) > 20
    # Every entry altered (validly): the next build shows the altered pages, so it rendered none.
    store = CacheStore(cache)
    for path in stored:
        key = path.name
        found = page_entry.whole(store, key)
        assert found is not None
        page_entry.put(store, key, found[1].replace(b"</body>", b"<!-- from the cache --></body>"), *found[0])
    result = build(root, "-v", "--cache-dir", str(cache), "--site-dir", str(tmp_path / "two"))
    assert result.exit_code == 0
    assert "pages from the build cache" in result.output
    pages = sorted((tmp_path / "two").rglob("*.html"))
    marked = [p for p in pages if "<!-- from the cache -->" in p.read_text(encoding="utf-8")]
    assert len(marked) == len(stored)
    assert (tmp_path / "two" / "es" / "courses" / "math-7" / "index.html") in marked
    assert (tmp_path / "two" / "404.html") not in marked  # the theme's pages are rendered every time


def test_half_written_entries_are_rebuilt(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo(SITE)
    cache = tmp_path / "cache"
    assert build(root, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    assert build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "one")).exit_code == 0
    for path in entries(cache):
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    assert build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "two")).exit_code == 0
    assert tree_digest(tmp_path / "two") == tree_digest(tmp_path / "clean")


def test_a_withdrawn_student_disappears_on_the_next_cached_build(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo(SITE)
    cache = tmp_path / "cache"
    assert build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site")).exit_code == 0
    assert (tmp_path / "site" / STUDENT_PAGE).is_file()
    portfolio = root / "portfolios" / "p-0001" / "portfolio.md"
    portfolio.write_text(portfolio.read_text(encoding="utf-8").replace("publish: true", "publish: false"),
                         encoding="utf-8")
    assert build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site")).exit_code == 0
    assert build(root, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    site = tmp_path / "site"
    assert not (site / "portfolios" / "bethlehem-elementary" / "p-0001").exists()
    assert "Maya" not in (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert not [p for p in site.rglob("*.html") if "Maya S." in p.read_text(encoding="utf-8")]
    assert tree_digest(site) == tree_digest(tmp_path / "clean")


def test_a_build_with_a_warning_stores_no_page(make_repo: MakeRepo, tmp_path: Path) -> None:
    """The English build warns (a broken link): it stores nothing; the Spanish build, clean, does."""
    root = make_repo({**SITE, "docs/guide.md": "# Guide\n\nSee [the missing page](missing.md).\n"})
    cache = tmp_path / "cache"
    result = build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 0 and "missing.md" in result.output
    result = build(root, "-v", "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site"))
    assert "missing.md" in result.output  # a cached rebuild never hides the warning
    found = re.findall(r"hcs: ([0-9]+) of ([0-9]+) pages from the build cache", result.output)
    assert len(found) == 2 and found[0][0] == "0" and found[1][0] == found[1][1] != "0"


def test_parallel_jobs_share_the_cache(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo(SITE)
    cache = tmp_path / "cache"
    assert build(root, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    for run in ("one", "two"):
        result = build(root, "--jobs", "2", "--cache-dir", str(cache), "--site-dir", str(tmp_path / run))
        assert result.exit_code == 0, result.output
        assert tree_digest(tmp_path / run) == tree_digest(tmp_path / "clean")


def test_parallel_and_sharded_builds_from_a_warm_cache_equal_a_clean_build(make_repo: MakeRepo,
                                                                           tmp_path: Path) -> None:
    """Every way of building, sharing one cache warmed by a whole build of the previous state."""
    root = make_repo(SITE)
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert build(root, *cache, "--site-dir", str(tmp_path / "before")).exit_code == 0
    evidence = root / "portfolios" / "p-0001" / "evidence" / "ratio-recipes.md"
    evidence.write_text(evidence.read_text(encoding="utf-8") + "\nWe tried a fourth recipe.\n", encoding="utf-8")
    write_files(root, {"docs/guide.md": "# Guide\n\nHow to read a course page, step by step.\n"})
    assert build(root, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    clean = tree_digest(tmp_path / "clean")
    result = build(root, "--jobs", "2", *cache, "--site-dir", str(tmp_path / "jobs"))
    assert result.exit_code == 0, result.output
    assert tree_digest(tmp_path / "jobs") == clean
    parts = [tmp_path / "part-1", tmp_path / "part-2"]
    for k, part in enumerate(parts, 1):
        result = build(root, "--shard", f"{k}/2", *cache, "--site-dir", str(part))
        assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["assemble", *map(str, parts), "--site-dir", str(tmp_path / "assembled")])
    assert result.exit_code == 0, result.output
    assert tree_digest(tmp_path / "assembled") == clean
    page = tmp_path / "assembled" / "portfolios" / "bethlehem-elementary" / "p-0001" / "ratio-recipes" / "index.html"
    assert "fourth recipe" in page.read_text(encoding="utf-8")


def every_entry(cache: Path) -> set[str]:
    return {p.relative_to(cache).as_posix() for layer in ("pages", "markdown", "checked", "api")
            for p in (cache / f"v{FORMAT}" / layer).rglob("*") if p.is_file()}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_whole_site_build_keeps_only_the_entries_it_used(make_repo: MakeRepo, tmp_path: Path, jobs: str) -> None:
    """What the build read is kept, in its own process or in a `--jobs` worker; what it no longer
    needs (the guide's old page, the student's old entries) is removed."""
    root = make_repo(SITE)
    cache = tmp_path / "cache"
    assert build(root, "--jobs", jobs, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site")).exit_code == 0
    before, every_before = entries(cache), every_entry(cache)
    write_files(root, {"docs/guide.md": "# Guide\n\nHow to read a course page, again.\n"})
    assert build(root, "--jobs", jobs, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site")).exit_code == 0
    after = entries(cache)
    assert len(after) == len(before) and len(set(after) - set(before)) == 1  # the guide's new entry
    evidence = root / "portfolios" / "p-0001" / "evidence" / "ratio-recipes.md"
    evidence.write_text(evidence.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert build(root, "--jobs", jobs, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site")).exit_code == 0
    kept = every_entry(cache)
    assert len(kept) == len(every_before) and 0 < len(kept - every_before) < len(kept) / 2  # Maya's, replaced
    write_files(root, {"docs/guide.md": "# Guide\n\nHow to read a course page, once more.\n"})
    assert build(root, "--shard", "framework:en", "--cache-dir", str(cache),
                 "--site-dir", str(tmp_path / "part")).exit_code == 0
    assert kept < every_entry(cache)  # a shard prunes nothing: other shards' pages are not its to judge



def test_prune_removes_the_entries_of_other_formats(tmp_path: Path) -> None:
    """After an upgrade changes the format, the old entries are unreachable: the first whole-site
    build deletes them, but never a file that is not the cache's."""
    store = CacheStore.open(tmp_path / "cache")
    key = "ab" + "0" * 62
    store.put_parts("pages", key, b"head", b"body")
    store.flush()  # written by the cache's thread
    before = f"v{FORMAT - 1}"
    old = {f"{before}/{layer}/ab/{key}": "old" for layer in ("pages", "api", "markdown", "checked", "state")}
    write_files(tmp_path / "cache", {**old, f"{before}/pages/notes.txt": "mine", f"{before}/mine/ab/{key}": "x"})
    assert store.prune(0) == len(old)
    assert not [rel for rel in old if (tmp_path / "cache" / rel).exists()]
    assert (tmp_path / "cache" / before / "pages" / "notes.txt").is_file()
    assert (tmp_path / "cache" / before / "mine" / "ab" / key).is_file()
    assert store.get_head("pages", key) == b"head"

@pytest.mark.parametrize("edit", ["course title", "page heading"])
def test_a_title_in_the_navigation_renders_every_page_again(make_repo: MakeRepo, tmp_path: Path, edit: str) -> None:
    """A title is printed by every page (navigation, breadcrumbs, links): no page may keep the old
    one. A course's title is in the navigation mkdocs.yml gets; a hand-written page's comes from its heading."""
    root = make_repo(SITE)
    cache = tmp_path / "cache"
    assert build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site")).exit_code == 0
    path, old, new = (("content/courses/math-7.yml", "title: Grade 7 Mathematics", "title: Ratios in 7th")
                      if edit == "course title" else ("docs/guide.md", "# Guide", "# Reading a course page"))
    (root / path).write_text((root / path).read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert build(root, "--cache-dir", str(cache), "--site-dir", str(tmp_path / "site")).exit_code == 0
    assert build(root, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    assert tree_digest(tmp_path / "site") == tree_digest(tmp_path / "clean")
    title = new.removeprefix("title: ").removeprefix("# ")
    assert len([p for p in (tmp_path / "site").rglob("*.html") if title in p.read_text(encoding="utf-8")]) > 1


def test_a_cached_page_is_read_back_without_parsing_its_front_matter_again(
        make_repo: MakeRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cached page is a stand-in whose front matter its entry keeps; one JSON cannot keep (a
    date) is parsed again. Either way the site is the clean build's."""
    root = make_repo({**SITE, "docs/dated.md": "---\ntitle: Dated\ndate: 2026-10-01\n---\n# Dated\n\nA page.\n",
                      "docs/staff.md": "---\ntitle: Staff notes\n---\n# Staff\n\nFor teachers.\n"})
    cache = ["--cache-dir", str(tmp_path / "cache")]
    assert build(root, *cache, "--site-dir", str(tmp_path / "site")).exit_code == 0
    heads = [json.loads(found[0]) for path in entries(tmp_path / "cache")
             if (found := CacheStore(tmp_path / "cache").get_parts("pages", path.name)) is not None]
    assert {"description": "Portfolio of Maya S.", "hcs_single": True, "search": {"exclude": True},
            "title": "Maya S."} in [h.get("meta") for h in heads]  # a student's home
    assert not any(h.get("meta", {}).get("title") == "Dated" for h in heads)  # the date: parsed again
    assert {"title": "Staff notes"} in [h.get("meta") for h in heads]  # as parsed: before the plugin adds a boost
    seen: dict[str, bool] = {}
    real = shards.StandInPage.read_source

    def counting(self: shards.StandInPage, config: object) -> None:
        seen[self.file.src_uri] = self.known_meta is not None
        real(self, config)  # type: ignore[arg-type]

    monkeypatch.setattr(shards.StandInPage, "read_source", counting)
    evidence = root / "portfolios/p-0001/evidence/ratio-recipes.md"
    evidence.write_text(evidence.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    again = build(root, "-v", *cache, "--site-dir", str(tmp_path / "site"))
    assert again.exit_code == 0, again.output
    students = {src: known for src, known in seen.items() if src.startswith("portfolios/")}
    assert len(students) >= 2 and all(students.values())  # read as stand-ins, from their kept front matter
    assert build(root, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    assert tree_digest(tmp_path / "site") == tree_digest(tmp_path / "clean")


def test_a_stand_in_reads_its_kept_front_matter_as_mkdocs_would_parse_it() -> None:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.utils.meta import get_data

    config = MkDocsConfig()
    config.load_dict({"site_name": "T", "docs_dir": "/tmp", "site_dir": "/tmp/site"})
    config.validate()
    source = '---\ntitle: "A: title"\nsearch:\n  exclude: true\n---\n\n\n# Heading { #page-title }\n'
    config.plugins._current_plugin = None  # as outside a build's event
    f = File.generated(config, "a.md", content=source)
    page = shards.StandInPage(None, f, config, page_entry.stand_in_meta(source))
    page.read_source(config)
    assert (page.markdown, page.meta) == get_data(source)
