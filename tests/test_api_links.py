"""After a change to the framework, the JSON API's files whose bytes did not change are hard links
to the site the build replaces; the site is still byte for byte a clean build's, whatever the old
site, the cache's record or the file system does while it is built."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from hcs_site import scratch
from hcs_site.adapters import api_cache, api_links, up_to_date
from hcs_site.adapters.cache_store import CacheStore
from tests.sitecheck import build, tree_digest

LINKED = "linked from the site it replaces"
COURSE = "content/courses/math-7.yml"


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCS_TODAY", "2026-10-15")


@pytest.fixture
def repo(two_students: Path, tmp_path: Path) -> Path:
    """Maya and Leo's district, built once with the cache (.cache/hcs in the repository)."""
    assert build(two_students, "--site-dir", str(tmp_path / "site")).exit_code == 0
    return two_students


def edit_course(root: Path) -> None:
    course = root / COURSE
    text = course.read_text(encoding="utf-8")
    old = "What a family should know about this course."  # on the course's page, not on students'
    assert old in text
    course.write_text(text.replace(old, "What a family should know about that course."), encoding="utf-8")  # same size


def rebuild(root: Path, tmp_path: Path) -> Result:
    result = build(root, "-v", "--site-dir", str(tmp_path / "site"))
    assert result.exit_code == 0, result.output
    return result


def clean(root: Path, tmp_path: Path) -> dict[str, str]:
    shutil.rmtree(tmp_path / "clean", ignore_errors=True)
    assert build(root, "--no-cache", "--site-dir", str(tmp_path / "clean")).exit_code == 0
    return tree_digest(tmp_path / "clean")


def api(site: Path) -> dict[str, tuple[int, str]]:
    """Each file of the API's folders -> its inode and the sha256 of its bytes."""
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, hashlib.sha256(p.read_bytes()).hexdigest())
            for folder in ("api", "schemas") for p in sorted((site / folder).rglob("*")) if p.is_file()}


def edit_in_place(path: Path) -> None:
    """Another program's edit: same size, its time put back (only the ctime tells)."""
    st = path.stat()
    data = bytearray(path.read_bytes())
    at = data.index(b'"') + 1
    data[at] = ord("X") if data[at] != ord("X") else ord("Y")
    with path.open("r+b") as fh:
        fh.write(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def no_siblings(tmp_path: Path) -> bool:
    return [p.name for p in tmp_path.iterdir() if ".hcs-" in p.name] == []


def test_a_course_change_links_the_unchanged_files_and_writes_the_changed(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    before = api(site)
    two_names: list[int] = []
    swap_in = scratch.swap_in

    def count(built: Path, target: Path, *args: Any, **kw: Any) -> None:
        two_names.append(sum(1 for p in (built / "api").rglob("*") if p.is_file() and p.stat().st_nlink == 2))
        swap_in(built, target, *args, **kw)

    monkeypatch.setattr(scratch, "swap_in", count)
    edit_course(repo)
    result = rebuild(repo, tmp_path)
    assert LINKED in result.output, result.output
    after = api(site)
    same = {rel for rel, (_, sha) in after.items() if before.get(rel, (0, ""))[1] == sha}
    changed = set(after) - same
    assert same and changed and "api/framework.json" in changed
    assert all(after[rel][0] == before[rel][0] for rel in same)  # the old site's files
    assert all(after[rel][0] != before.get(rel, (0, ""))[0] for rel in changed)  # written
    assert two_names and two_names[0] == sum(1 for rel in same if rel.startswith("api/"))
    assert all((site / rel).stat().st_nlink == 1 for rel in after)  # the old names are gone
    assert tree_digest(site) == clean(repo, tmp_path)
    assert no_siblings(tmp_path)


def test_links_and_carried_folders_together_pass_the_old_sites_check(repo: Path, tmp_path: Path) -> None:
    """A file under content/ that no page shows: the API's key changes (every file is linked) and
    the students' folders are carried over, so the old site's listing is compared with the
    snapshot after the links changed the ctime of the files they share."""
    (repo / "content" / "NOTES.md").write_text("Committee notes.\n", encoding="utf-8")
    result = rebuild(repo, tmp_path)
    every = re.search(r"JSON API \(([0-9]+) files\): \1 linked from the site it replaces, 0 written", result.output)
    assert every and "students' folders carried over" in result.output, result.output
    assert tree_digest(tmp_path / "site") == clean(repo, tmp_path)
    assert "is up to date" in rebuild(repo, tmp_path).output


def test_the_old_site_removed_later_leaves_the_new_one_whole_and_up_to_date(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The old site is removed after the new one's snapshot is taken (a detached child, at size):
    its removal must change nothing the snapshot read."""
    held: list[Path] = []
    monkeypatch.setattr(scratch, "discard", held.append)
    edit_course(repo)
    assert LINKED in rebuild(repo, tmp_path).output
    assert len(held) == 1
    shutil.rmtree(held[0])
    assert tree_digest(tmp_path / "site") == clean(repo, tmp_path)
    assert "is up to date" in rebuild(repo, tmp_path).output


def test_an_old_file_edited_between_its_check_and_its_link_is_written(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    before = api(site)
    link = api_links._link
    edited = tmp_path / "edited"  # a file: the API is linked by a child process (api_writer)

    def meddle(old: str, new: str) -> None:
        if not edited.exists():
            edit_in_place(Path(old))
            edited.write_text(Path(old).relative_to(site).as_posix())
        link(old, new)

    monkeypatch.setattr(api_links, "_link", meddle)
    edit_course(repo)
    rebuild(repo, tmp_path)
    name = edited.read_text()
    assert (site / name).stat().st_ino != before[name][0]
    assert tree_digest(site) == clean(repo, tmp_path)


@pytest.mark.parametrize("change", ["a course", "a file no page shows"])
def test_an_old_file_edited_after_its_link_stops_the_build(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    """Found by `edited` or, when students' folders are carried too, by the old site's listing."""
    site = tmp_path / "site"
    link = api_links.link

    def meddle(links: api_links.Links, built: Path, quiet: bool = False) -> None:
        link(links, built, quiet)
        edit_in_place(site / next(iter(links.held)))

    monkeypatch.setattr(api_links, "link", meddle)
    if change == "a course":
        edit_course(repo)
    else:
        (repo / "content" / "NOTES.md").write_text("Committee notes.\n", encoding="utf-8")
    result = build(repo, "-v", "--site-dir", str(site))
    assert ("students' folders carried over" in result.output) == (change != "a course")
    assert result.exit_code == 1
    assert "changed while the new site was being built; build again" in result.output
    assert no_siblings(tmp_path)
    monkeypatch.setattr(api_links, "link", link)
    assert LINKED not in rebuild(repo, tmp_path).output  # the edited site is vouched for by nothing
    assert tree_digest(site) == clean(repo, tmp_path)


def last_record(repo: Path, site: Path) -> tuple[CacheStore, str]:
    store = CacheStore(repo / ".cache" / "hcs")
    snapshot = up_to_date.last_snapshot(store, site)
    assert snapshot is not None and snapshot.api_key is not None
    return store, api_cache.digests_key(snapshot.api_key)


def test_a_record_that_lies_never_gives_wrong_bytes(repo: Path, tmp_path: Path) -> None:
    """A whole entry that claims every file of the old site holds the new bytes: each link is
    read back, so the files that did change are written."""
    site = tmp_path / "site"
    before = api(site)
    store, key = last_record(repo, site)
    edit_course(repo)
    wanted = clean(repo, tmp_path)
    lie = {rel: sha for rel, sha in wanted.items() if rel.split("/", 1)[0] in ("api", "schemas")}
    assert any(before[rel][1] != sha and (site / rel).stat().st_size == (tmp_path / "clean" / rel).stat().st_size
               for rel, sha in lie.items())  # changed, but not in size
    store.put("api", key, json.dumps(lie).encode("utf-8"))
    assert LINKED in rebuild(repo, tmp_path).output
    assert tree_digest(site) == wanted
    after = api(site)
    assert all(after[rel][0] != before[rel][0] for rel in after if before.get(rel, (0, ""))[1] != after[rel][1])


def test_a_damaged_record_links_nothing(repo: Path, tmp_path: Path) -> None:
    store, key = last_record(repo, tmp_path / "site")
    entry = store.path("api", key)
    data = bytearray(entry.read_bytes())
    data[-3] ^= 1
    entry.write_bytes(bytes(data))
    edit_course(repo)
    assert LINKED not in rebuild(repo, tmp_path).output
    assert tree_digest(tmp_path / "site") == clean(repo, tmp_path)


@pytest.mark.parametrize("code", [errno.EXDEV, errno.EPERM, errno.EMLINK, errno.EOPNOTSUPP],
                         ids=["EXDEV", "EPERM", "EMLINK", "EOPNOTSUPP"])
def test_a_refused_link_is_written(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    site = tmp_path / "site"
    before = api(site)
    calls = tmp_path / "calls"

    def refuse(old: str, new: str) -> None:
        with calls.open("a") as fh:
            fh.write(old + "\n")
        raise OSError(code, os.strerror(code), old, None, new)

    monkeypatch.setattr(api_links, "_link", refuse)
    edit_course(repo)
    result = rebuild(repo, tmp_path)
    assert "Traceback" not in result.output and ": 0 linked from the site it replaces" in result.output
    called = calls.read_text().splitlines()
    assert len(called) == 1 if code != errno.EMLINK else len(called) > 1  # a whole file system's refusal: once
    assert not set(i for i, _ in api(site).values()) & set(i for i, _ in before.values())
    assert tree_digest(site) == clean(repo, tmp_path)


def test_a_file_the_build_put_there_is_left_as_it_is(repo: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A link is made only where nothing is: never over, or into, a file of the new site."""
    site = tmp_path / "site"
    before = api(site)
    link = api_links.link
    seen = tmp_path / "seen"

    def first_write(links: api_links.Links, built: Path, quiet: bool = False) -> None:
        name = links.names[0]
        (built / name).parent.mkdir(parents=True, exist_ok=True)
        (built / name).write_bytes(links.files[name])
        seen.write_text(name)
        link(links, built, quiet)

    monkeypatch.setattr(api_links, "link", first_write)
    edit_course(repo)
    rebuild(repo, tmp_path)
    name = seen.read_text()
    assert (site / name).stat().st_ino != before[name][0]
    assert tree_digest(site) == clean(repo, tmp_path)



def test_a_linked_file_changed_while_the_site_is_put_in_place_is_vouched_for_by_nothing(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After the last check and before the old names are removed, an edit reaches the new site
    (the window docs/building-in-parts.md tells of); one that moved the file's time or size keeps
    the build from leaving a snapshot, so the next build trusts nothing of that site."""
    site = tmp_path / "site"
    swap_in = scratch.swap_in

    def meddle(built: Path, target: Path, *args: Any, **kw: Any) -> None:
        name = next(p for p in sorted((built / "api").rglob("*.json")) if p.stat().st_nlink == 2)
        (target / name.relative_to(built)).write_bytes(b'{"edited": "during the swap"}')
        swap_in(built, target, *args, **kw)

    monkeypatch.setattr(scratch, "swap_in", meddle)
    edit_course(repo)
    result = rebuild(repo, tmp_path)
    assert "changed while the site was put in place" in result.output
    monkeypatch.setattr(scratch, "swap_in", swap_in)
    again = rebuild(repo, tmp_path)
    assert "is up to date" not in again.output and LINKED not in again.output
    assert tree_digest(site) == clean(repo, tmp_path)
