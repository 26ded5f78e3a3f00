"""A site's listing changes with any change to any entry, and the listing of a site that a folder
was moved into can take that folder's digest from before the move."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from hcs_site.adapters import site_listing
from hcs_site.adapters.site_listing import line, listing
from tests.conftest import write_files

TREE = {"index.html": "home", "api/a.json": "{}", "api/case/b.json": "[]", "portfolios/s/p/index.html": "p"}


def edit_keeping_mtime(path: Path, text: str) -> None:
    st = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_every_kind_of_change_changes_the_listing(tmp_path: Path) -> None:
    site = write_files(tmp_path / "site", TREE)
    seen = {listing(site)}
    assert listing(site) in seen  # the same tree, the same listing
    b = site / "api/case/b.json"
    changes: list[Callable[[], object]] = [
        lambda: b.write_text("[1]", encoding="utf-8"),  # size
        lambda: b.write_text("[2]", encoding="utf-8"),  # same size: mtime, ctime
        lambda: edit_keeping_mtime(b, "[3]"),  # an edit whose mtime was put back: ctime alone
        lambda: os.chmod(b, 0o600),  # mode
        lambda: (site / "api/case/c.json").write_text("", encoding="utf-8"),  # a new empty file
        lambda: (site / "api/case/d").mkdir(),  # a new empty folder, deep down
        lambda: (site / "api/case/c.json").rename(site / "api/case/e.json"),  # a name
        lambda: os.symlink("b.json", site / "api/case/link"),  # a link
    ]
    for change in changes:
        change()
        now = listing(site)
        assert now not in seen
        seen.add(now)
    assert listing(tmp_path / "nothing") == "" and listing(write_files(tmp_path / "empty", {})) == ""


def test_a_moved_folder_keeps_its_digest(tmp_path: Path) -> None:
    old = write_files(tmp_path / "old", TREE)
    new = write_files(tmp_path / "new", {"index.html": "home", "portfolios/s/q/index.html": "q"})
    recorded: dict[str, str] = {}
    listing(old, record={"api", "portfolios/s/p"}, recorded=recorded)
    assert sorted(recorded) == ["api", "portfolios/s/p"]
    (old / "api").rename(new / "api")
    (old / "portfolios/s/p").rename(new / "portfolios/s/p")
    assert listing(new, known=recorded) == listing(new)
    (new / "api/case/b.json").write_text("[9]", encoding="utf-8")  # a change after the digest was taken
    assert listing(new, known=recorded) != listing(new)  # is not seen by the given digest: the next build lists


def test_a_listing_made_meanwhile_is_the_listing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "api" / "case").mkdir(parents=True)
    (site / "api" / "case" / "a.json").write_text("{}")
    (site / "index.html").write_text("<p>home</p>")
    pending = site_listing.listing_later(site)
    assert pending() == pending() == site_listing.listing(site) != ""


def test_a_child_that_cannot_list_leaves_the_listing_to_the_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A child that fails, or cannot be made, never answers for the site: the build lists it itself."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>home</p>")
    expected = site_listing.listing(site)
    parent = os.getpid()
    real = site_listing.listing

    def fails_in_the_child(target: os.PathLike[str] | str, *args: object, **kwargs: object) -> str:
        if os.getpid() != parent:
            raise OSError("the child cannot read the site")
        return real(target)

    monkeypatch.setattr(site_listing, "listing", fails_in_the_child)
    assert site_listing.listing_later(site)() == expected

    def no_fork() -> int:
        raise OSError("no more processes")

    monkeypatch.setattr(os, "fork", no_fork)
    assert site_listing.listing_later(site)() == expected


def test_a_file_linked_elsewhere_counts_as_before_only_while_untouched(tmp_path: Path) -> None:
    """A hard link changes the shared file's ctime: `linked` counts it as it was, and only as long
    as it stays exactly as the link left it."""
    site = write_files(tmp_path / "site", TREE)
    b = site / "api/case/b.json"
    before, then = listing(site), os.lstat(b)
    os.link(b, tmp_path / "new-b.json")
    now = os.lstat(b)
    assert now.st_ctime_ns != then.st_ctime_ns or now.st_nlink == 2
    linked = {"api/case/b.json": (line("b.json", now), line("b.json", then))}
    assert listing(site, linked=linked) == before
    assert listing(site, linked={"api/a.json": linked["api/case/b.json"]}) != before  # another file's lines
    edit_keeping_mtime(tmp_path / "new-b.json", "[9]")  # through the other name
    assert listing(site, linked=linked) != before


def test_held_files_stray_when_edited_linked_again_or_gone(tmp_path: Path) -> None:
    """The new site's linked files, checked by the listing the snapshot keeps: only a ctime may
    move (removing the old site's name moves it), so an edit that puts the mtime back is the window
    docs/building-in-parts.md tells of."""
    site = write_files(tmp_path / "site", TREE)
    names = ["api/a.json", "api/case/b.json", "index.html"]
    held = {name: (site / name).stat() for name in names}
    strayed: list[str] = []
    first = listing(site, held=held, strayed=strayed)
    assert strayed == [] and first == listing(site)
    os.chmod(site / "index.html", 0o600)  # the ctime alone
    os.chmod(site / "index.html", 0o644)
    assert listing(site, held=held, strayed=strayed) and strayed == []
    (site / "api/a.json").write_text("[1]", encoding="utf-8")  # an edit that moves the mtime or size
    os.link(site / "api/case/b.json", tmp_path / "second-name")
    (site / "index.html").unlink()
    listing(site, held=held, strayed=strayed)
    assert strayed == ["api/a.json", "api/case/b.json", "index.html"]
