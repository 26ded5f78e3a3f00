"""`hcs-site publish` with mike into a temporary repository: two editions, aliases, safety."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from mike import git_utils

from hcs_site.cli import main
from tests.test_diff import MINI, commit, edit, git, init_repo
from tests.test_diff_site import VERSIONED

OLD, NEW = "2025-26", "2026-27"


def publish(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["publish", "--root", str(root), *args], catch_exceptions=False)


def show(root: Path, path: str, branch: str = "gh-pages") -> str:
    return git(root, "show", f"{branch}:{path}")


def tree(root: Path, folder: str) -> dict[str, str]:
    """Path -> blob ID of every file under `folder` on gh-pages."""
    out = git(root, "ls-tree", "-r", "gh-pages", "--", folder)
    return {line.split("\t")[1]: line.split()[2] for line in out.splitlines()}


def refresh_target(html: str) -> str:
    found = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html)
    assert found, html
    return found.group(1)


def make_repo(root: Path) -> Path:
    shutil.copytree(MINI, root, ignore=shutil.ignore_patterns("site"))
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text(encoding="utf-8") + VERSIONED,
                                     encoding="utf-8")
    edit(root / "content" / "district.yml", f"edition: {NEW}", f"edition: {OLD}")
    init_repo(root)
    commit(root, f"The {OLD} framework")
    return root


def next_edition(root: Path) -> None:
    edit(root / "content" / "district.yml", f"edition: {OLD}", f"edition: {NEW}")
    edit(root / "content" / "courses" / "alg-1.yml", "credit: 1.0", "credit: 0.5")
    commit(root, f"The {NEW} framework")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    """Two editions published in turn; yields the repo and the first edition's files before the second."""
    root = make_repo(tmp_path_factory.mktemp("publish") / "repo")
    first = publish(root, OLD, "--alias", "latest", "--set-default", "--strict")
    assert first.exit_code == 0, first.output
    assert first.output.strip().endswith(f"published edition {OLD} on gh-pages; editions: {OLD} [latest]")
    before = tree(root, OLD)
    next_edition(root)
    second = publish(root, "--alias", "latest", "--set-default", "--strict")  # EDITION from district.yml
    assert second.exit_code == 0, second.output
    assert f"editions: {NEW} [latest], {OLD}" in second.output
    yield root, before


def test_versions_json_lists_both_editions(published: tuple[Path, dict[str, str]]) -> None:
    root, _ = published
    assert json.loads(show(root, "versions.json")) == [
        {"version": NEW, "title": NEW, "aliases": ["latest"]},
        {"version": OLD, "title": OLD, "aliases": []},
    ]


def test_alias_is_a_redirect_to_the_edition(published: tuple[Path, dict[str, str]]) -> None:
    root, _ = published
    assert refresh_target(show(root, "latest/index.html")) == f"../{NEW}/"
    assert refresh_target(show(root, "latest/courses/math-7/index.html")) == f"../../../{NEW}/courses/math-7/"
    assert git(root, "ls-tree", "gh-pages", "latest").startswith("040000 tree")  # a folder, not a symlink
    assert "lang=\"en\"" in show(root, "latest/index.html")


def test_root_redirects_to_the_default_edition(published: tuple[Path, dict[str, str]]) -> None:
    root, _ = published
    assert refresh_target(show(root, "index.html")) == f"{NEW}/"
    assert show(root, ".nojekyll") == ""


def test_the_second_publish_kept_the_first_edition(published: tuple[Path, dict[str, str]]) -> None:
    root, before = published
    assert len(before) > 20 and f"{OLD}/courses/math-7/index.html" in before
    assert tree(root, OLD) == before
    assert "1 Carnegie unit" in show(root, f"{OLD}/courses/alg-1/index.html")
    assert "0.5 Carnegie units" in show(root, f"{NEW}/courses/alg-1/index.html")


def test_each_edition_knows_its_version(published: tuple[Path, dict[str, str]]) -> None:
    root, _ = published
    page = show(root, f"{OLD}/courses/math-7/index.html")
    assert f'<link rel="canonical" href="https://example.org/td/{OLD}/courses/math-7/">' in page
    assert '"version": {"provider": "mike"}' in page  # Material's selector reads ../versions.json
    assert "You are viewing an older edition of these expectations." in page


def test_each_edition_is_tagged_at_its_source(published: tuple[Path, dict[str, str]]) -> None:
    root, _ = published
    assert git(root, "tag", "--list", "edition-*").splitlines() == [f"edition-{OLD}", f"edition-{NEW}"]
    assert git(root, "rev-parse", f"edition-{NEW}^{{commit}}") == git(root, "rev-parse", "HEAD")
    assert git(root, "rev-parse", f"edition-{OLD}^{{commit}}") == git(root, "rev-parse", "HEAD~1")


def copy_published(published: tuple[Path, dict[str, str]], tmp_path: Path) -> Path:
    root = tmp_path / "copy"
    shutil.copytree(published[0], root, symlinks=True)
    return root


def test_an_existing_edition_needs_force(published: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    root = copy_published(published, tmp_path)
    head = git(root, "rev-parse", "gh-pages")
    refused = publish(root, "--alias", "latest")
    assert refused.exit_code == 1
    assert f"edition {NEW} is already published on gh-pages; pass --force to replace it" in refused.output
    assert git(root, "rev-parse", "gh-pages") == head
    edit(root / "content" / "courses" / "alg-1.yml", "credit: 0.5", "credit: 0.25")
    commit(root, "A correction during the year")
    forced = publish(root, "--alias", "latest", "--force")
    assert forced.exit_code == 0, forced.output
    assert f"replaced edition {NEW}" in forced.output
    assert "0.25 Carnegie units" in show(root, f"{NEW}/courses/alg-1/index.html")
    assert tree(root, OLD) == published[1]
    assert len(json.loads(show(root, "versions.json"))) == 2


def test_a_failed_build_publishes_nothing(published: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    root = copy_published(published, tmp_path)
    head = git(root, "rev-parse", "gh-pages")
    (root / "docs" / "broken.md").write_text("# Broken\n\n[a page that is not there](nowhere.md)\n")
    result = publish(root, "--force", "--strict")
    assert result.exit_code == 1
    assert "publish failed: the build failed" in result.output
    assert git(root, "rev-parse", "gh-pages") == head


def test_a_failure_while_writing_the_branch_leaves_it_as_it_was(
        published: tuple[Path, dict[str, str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_published(published, tmp_path)
    head = git(root, "rev-parse", "gh-pages")
    written = []
    real_add = git_utils.Commit.add_file

    def add_then_fail(self: git_utils.Commit, info: git_utils.FileInfo) -> None:
        written.append(info.path)
        if len(written) == 50:
            raise git_utils.GitError("disk full")
        real_add(self, info)

    monkeypatch.setattr(git_utils.Commit, "add_file", add_then_fail)
    result = publish(root, "--force")
    assert result.exit_code == 1
    assert "publish failed: disk full; gh-pages was left as it was" in result.output
    assert len(written) == 50
    assert git(root, "rev-parse", "gh-pages") == head
    assert tree(root, OLD) == published[1]


def test_content_errors_publish_nothing(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    edit(root / "content" / "courses" / "alg-1.yml", "status: draft", "status: drafted")
    result = publish(root)
    assert result.exit_code == 1
    assert "publish stopped: the content has errors; nothing was written" in result.output
    assert not git_branch_exists(root, "gh-pages")


def git_branch_exists(root: Path, branch: str) -> bool:
    return bool(git(root, "branch", "--list", branch))


def test_the_edition_must_match_the_content(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    result = publish(root, NEW)
    assert result.exit_code == 1
    assert f"content/district.yml describes edition {OLD}, not {NEW}" in result.output
    assert not git_branch_exists(root, "gh-pages")


def test_copy_aliases_and_pushing(tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    root = make_repo(tmp_path / "repo")
    git(root, "remote", "add", "origin", str(remote))
    result = publish(root, "--alias", "latest", "--alias-type", "copy", "--push", "--set-default")
    assert result.exit_code == 0, result.output
    assert "and pushed it" in result.output
    assert show(root, "latest/courses/math-7/index.html") == show(root, f"{OLD}/courses/math-7/index.html")
    assert git(remote, "rev-parse", "gh-pages") == git(root, "rev-parse", "gh-pages")
    assert git(remote, "rev-parse", f"edition-{OLD}^{{commit}}") == git(root, "rev-parse", "HEAD")


def test_an_alias_cannot_take_an_editions_name(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    assert publish(root).exit_code == 0
    next_edition(root)
    result = publish(root, "--alias", OLD)
    assert result.exit_code == 1
    assert f"alias '{OLD}' is the name of a published edition" in result.output


def test_symlink_aliases_are_not_offered(tmp_path: Path) -> None:
    result = publish(tmp_path, "--alias-type", "symlink")
    assert result.exit_code == 2


@pytest.mark.browser
def test_in_a_browser_older_editions_show_the_banner_and_the_selector_lists_both(
        published: tuple[Path, dict[str, str]], tmp_path: Path, browser: Any) -> None:
    """The gh-pages branch served as GitHub Pages would, read by Chromium."""
    from tests.browser.conftest import Server

    root, _ = published
    host = tmp_path / "host"
    host.mkdir()
    archive = tmp_path / "pages.tar"
    git(root, "archive", "--format=tar", "-o", str(archive), "gh-pages")
    shutil.unpack_archive(archive, host)
    server = Server(host)
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(server.url)  # the root redirects to the default edition
        page.wait_for_url(f"{server.url}{NEW}/")
        page.goto(server.url + "latest/courses/math-7/#math-7-1")  # aliases keep the path and anchor
        page.wait_for_url(f"{server.url}{NEW}/courses/math-7/#math-7-1")
        page.wait_for_selector(".md-version__current")
        assert page.text_content(".md-version__current") == NEW
        assert page.eval_on_selector_all(".md-version__link", "els => els.map(e => e.textContent.trim())")[:2] \
            == [NEW, OLD]
        assert page.is_hidden("[data-md-component=outdated]")
        old = context.new_page()
        old.goto(f"{server.url}{OLD}/courses/math-7/")
        old.wait_for_selector("[data-md-component=outdated]:not([hidden])")
        banner = old.locator("[data-md-component=outdated]")
        assert "You are viewing an older edition of these expectations." in banner.inner_text()
        banner.get_by_text("See the current edition.").click()
        old.wait_for_url(f"{server.url}{NEW}/")
    finally:
        context.close()
        server.close()
