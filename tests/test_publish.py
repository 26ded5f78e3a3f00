"""`hcs-site publish` with mike into a temporary repository: two editions, aliases, safety."""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import html
import io
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from mike import git_utils

from hcs_site.cli import main
from tests.conftest import EVIDENCE, PNG_1X1, PORTFOLIO
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
    commit(root, "A broken link")
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
    commit(root, "A status that does not exist")
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


# Withdrawal reaches every edition ---------------------------------------------------------------

KEEP, GONE = "p-7k3e91", "p-2g0n4e"  # opaque keys: the address rule refuses words such as "keep"
GONE_NAME = "Zed Q."


def student(root: Path, key: str, name: str, expires: str = "2099-06-30") -> None:
    """A consented portfolio at East Middle with one exemplar (MATH-7.1, level 3) and an artifact."""
    folder = root / "portfolios" / key
    (folder / "evidence").mkdir(parents=True)
    (folder / "portfolio.md").write_text(
        PORTFOLIO.replace("display_name: Maya S.", f"display_name: {name}")
        .replace("school: bethlehem-elementary", "school: east-middle").replace("grade: 5", "grade: 7")
        .replace("expires: 2099-06-30", f"expires: {expires}"), encoding="utf-8")
    (folder / "evidence" / "ratio-recipes.md").write_text(
        EVIDENCE.replace("title: Ratio recipes", f"title: Ratio recipes of {key}"), encoding="utf-8")
    (folder / "recipe-poster.png").write_bytes(PNG_1X1)


def withdraw_consent(root: Path, key: str) -> None:
    edit(root / "portfolios" / key / "portfolio.md", "publish: true", "publish: false")


def portfolio_repo(root: Path, gone_expires: str = "2099-06-30") -> Path:
    root = make_repo(root)
    student(root, KEEP, "Kim K.")
    student(root, GONE, GONE_NAME, gone_expires)
    commit(root, "Two portfolios")
    return root


def everything(root: Path, branch: str = "gh-pages") -> list[str]:
    return git(root, "ls-tree", "-r", "--name-only", branch).splitlines()


def grep(root: Path, text: str, branch: str = "gh-pages") -> list[str]:
    """Files of the branch that show `text` to a reader: pages write punctuation as character
    references, so every file is decoded (compressed sitemaps unzipped, references resolved)."""
    found = []
    for path in everything(root, branch):
        data = subprocess.run(["git", "-C", str(root), "show", f"{branch}:{path}"], capture_output=True,
                              check=True).stdout
        if path.endswith(".gz"):
            data = gzip.decompress(data)
        if text in html.unescape(data.decode("utf-8", "replace")):
            found.append(path)
    return sorted(found)


def last_message(root: Path, rev: str) -> str:
    return git(root, "log", "-1", "--format=%B", rev)


@pytest.fixture(scope="module")
def withdrawn(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result, str]:
    """Two students in edition OLD (and `latest`); one withdraws; edition NEW is published."""
    root = portfolio_repo(tmp_path_factory.mktemp("withdraw") / "repo")
    first = publish(root, OLD, "--alias", "latest", "--set-default")
    assert first.exit_code == 0, first.output
    assert f"{OLD}/portfolios/east-middle/{GONE}/ratio-recipes/index.html" in everything(root)
    assert grep(root, GONE_NAME)  # the exemplar on the course page names the student
    before = git(root, "rev-parse", "gh-pages")
    withdraw_consent(root, GONE)
    next_edition(root)
    second = publish(root, "--alias", "latest", "--set-default")
    assert second.exit_code == 0, second.output
    return root, second, before


def test_withdrawal_removes_every_trace_from_every_edition(withdrawn: tuple[Path, Result, str]) -> None:
    root, _, _ = withdrawn
    assert grep(root, GONE) == []
    assert grep(root, GONE_NAME) == []
    assert grep(root, f"Ratio recipes of {GONE}") == []
    assert not [p for p in everything(root) if f"/{GONE}/" in p]


def test_withdrawal_keeps_the_other_students(withdrawn: tuple[Path, Result, str]) -> None:
    root, _, _ = withdrawn
    for edition in (OLD, NEW):
        assert f"{edition}/portfolios/east-middle/{KEEP}/recipe-poster-1.png" in everything(root) or \
            any(p.startswith(f"{edition}/portfolios/east-middle/{KEEP}/") and p.endswith(".png")
                for p in everything(root))
        school = html.unescape(show(root, f"{edition}/portfolios/east-middle/index.html"))
        assert f'<li data-hcs-portfolio="{KEEP}"><a href="{KEEP}/">Kim K.</a>' in school
        course = html.unescape(show(root, f"{edition}/courses/math-7/index.html"))
        assert f'<li data-hcs-portfolio="{KEEP}"><a href="../../portfolios/east-middle/{KEEP}/ratio-recipes/">' \
               f"Ratio recipes of {KEEP}, Kim K. (Meets)</a></li>" in course
        sitemap = show(root, f"{edition}/sitemap.xml")
        assert f"/{edition}/portfolios/east-middle/{KEEP}/ratio-recipes/</loc>" in sitemap
        assert gzip.decompress(subprocess.run(["git", "-C", str(root), "show", f"gh-pages:{edition}/sitemap.xml.gz"],
                                              capture_output=True, check=True).stdout).decode() == sitemap


def test_withdrawal_is_one_commit_listing_keys_and_editions(withdrawn: tuple[Path, Result, str]) -> None:
    root, output, before = withdrawn
    commits = git(root, "rev-list", f"{before}..gh-pages").splitlines()
    messages = [last_message(root, c) for c in commits]
    withdrawals = [m for m in messages if m.startswith("Withdraw")]
    assert len(withdrawals) == 1, messages
    assert withdrawals[0].startswith("Withdraw 1 portfolio no longer consented from every published edition\n")
    assert f"- {GONE}: {OLD}, latest (alias of {OLD})\n" in withdrawals[0]
    assert GONE_NAME not in withdrawals[0] and KEEP not in withdrawals[0]
    assert f"withdrew portfolio {GONE} from {OLD}, latest on gh-pages" in output.output
    assert GONE_NAME not in output.output


def test_expired_consent_is_withdrawn_by_the_nightly_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hcs_site.commands import publish as command

    root = portfolio_repo(tmp_path / "repo", gone_expires="2027-06-30")
    assert publish(root, "--no-tag").exit_code == 0
    assert grep(root, GONE)
    nothing = publish(root, "--withdraw-only")
    assert nothing.exit_code == 0, nothing.output
    assert "nothing to withdraw: every portfolio on gh-pages may still be published" in nothing.output
    real = command.check_repository
    monkeypatch.setattr(command, "check_repository",
                        lambda repo, **kw: real(repo, today=dt.date(2027, 7, 1)))
    head = git(root, "rev-parse", "gh-pages")
    result = publish(root, "--withdraw-only")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == f"withdrew portfolio {GONE} from {OLD} on gh-pages"
    assert grep(root, GONE) == [] and grep(root, GONE_NAME) == []
    assert git(root, "rev-parse", "gh-pages~1") == head
    assert grep(root, KEEP)


def test_a_deleted_folder_is_withdrawn_and_pushed(tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    root = portfolio_repo(tmp_path / "repo")
    git(root, "remote", "add", "origin", str(remote))
    assert publish(root, "--push").exit_code == 0
    shutil.rmtree(root / "portfolios" / GONE)
    commit(root, "The family asked us to delete the portfolio")
    result = publish(root, "--withdraw-only", "--push")
    assert result.exit_code == 0, result.output
    assert f"withdrew portfolio {GONE} from {OLD} on gh-pages" in result.output
    assert git(remote, "rev-parse", "gh-pages") == git(root, "rev-parse", "gh-pages")
    assert grep(root, GONE) == [] and grep(root, GONE_NAME) == []


def test_withdraw_only_builds_nothing(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    for extra in ([OLD], ["--alias", "latest"], ["--set-default"], ["--force"]):
        result = publish(root, "--withdraw-only", *extra)
        assert result.exit_code == 2, result.output
        assert "--withdraw-only builds no edition" in result.output
    assert not git_branch_exists(root, "gh-pages")


OLD_COURSE = f"""<html><head><link rel="alternate" href="https://example.org/td/{OLD}/portfolios/east-middle/{GONE}/">
</head><body><article>
<h1 id="math-7">MATH-7</h1>
<blockquote data-hcs-portfolio="{GONE}">A quote marked, without a link</blockquote>
<div class="hcs-exemplars" data-search-exclude>
<p class="hcs-exemplars-title"><strong>What mastery looks like</strong></p>
<ul>
<li><a href="../../portfolios/east-middle/{GONE}/ratio-recipes/">Ratio recipes, {GONE_NAME} (Meets)</a></li>
</ul>
</div>
<div class="hcs-exemplars" data-search-exclude>
<ul>
<li><a href="../../portfolios/east-middle/{GONE}/ratio-recipes/">Ratio recipes, {GONE_NAME} (Meets)</a></li>
<li><a href="../../portfolios/west-middle/p-west/ratio-recipes/">Ratio recipes, West W. (Meets)</a></li>
</ul>
</div>
<p>See <a href="/td/{OLD}/portfolios/east-middle/{GONE}/">a page</a> and
<img src="../../portfolios/east-middle/{GONE}/recipe-poster-1.png" alt="x"> &para; &amp; stay.</p>
</article></body></html>
"""
OLD_SCHOOL = f"""<ul>
<li><a href="{GONE}/">{GONE_NAME}</a> · Grade 7</li>
</ul>
"""
OLD_INDEX = """<ul>
<li><a href="east-middle/">East Middle School</a>: 1 portfolio</li>
<li><a href="west-middle/">West Middle School</a>: 1 portfolio</li>
</ul>
"""
OLD_SITEMAP = f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url>
         <loc>https://example.org/td/{OLD}/</loc>
    </url>
    <url>
         <loc>https://example.org/td/{OLD}/portfolios/east-middle/</loc>
    </url>
    <url>
         <loc>https://example.org/td/{OLD}/portfolios/east-middle/{GONE}/mastery/</loc>
    </url>
</urlset>
"""


def old_edition(root: Path, extra: dict[str, str] | None = None) -> None:
    """An edition published before the markers existed, written straight into gh-pages."""
    files = {
        "versions.json": json.dumps([{"version": OLD, "title": OLD, "aliases": []}]),
        f"{OLD}/courses/math-7/index.html": OLD_COURSE,
        f"{OLD}/portfolios/index.html": OLD_INDEX,
        f"{OLD}/portfolios/east-middle/index.html": OLD_SCHOOL,
        f"{OLD}/portfolios/east-middle/{GONE}/index.html": f'<h1 id="zed">{GONE_NAME}<a href="#zed">¶</a></h1>',
        f"{OLD}/portfolios/east-middle/{GONE}/mastery/index.html": "<h1>Mastery map</h1>",
        f"{OLD}/portfolios/east-middle/{GONE}/recipe-poster-1.png": "PNG",
        f"{OLD}/portfolios/west-middle/index.html": '<li><a href="p-west/">West</a></li>',
        f"{OLD}/portfolios/west-middle/p-west/index.html": "<h1>West W.</h1>",
        f"{OLD}/sitemap.xml": OLD_SITEMAP,
        f"{OLD}/search/search_index.json": json.dumps({"config": {}, "docs": [
            {"location": "", "title": "Home", "text": ""},
            {"location": f"portfolios/east-middle/{GONE}/#goals", "title": GONE_NAME, "text": "secret"}]}),
        **(extra or {}),
    }
    with contextlib.chdir(root), git_utils.Commit("gh-pages", "An old edition") as new:
        for path, text in files.items():
            new.add_file(git_utils.FileInfo(path, text))
        buffer = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as fh:
            fh.write(OLD_SITEMAP.encode())
        new.add_file(git_utils.FileInfo(f"{OLD}/sitemap.xml.gz", buffer.getvalue()))


def test_editions_without_markers_are_cleaned_by_what_they_link_to(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    student(root, "p-west", "West W.")  # consented, at a school the old edition had
    edit(root / "content" / "district.yml", "  - {id: east-middle, title: East Middle School, level: middle}",
         "  - {id: east-middle, title: East Middle School, level: middle}\n"
         "  - {id: west-middle, title: West Middle School, level: middle}")
    edit(root / "portfolios" / "p-west" / "portfolio.md", "school: east-middle", "school: west-middle")
    commit(root, "West")
    old_edition(root)
    result = publish(root, "--withdraw-only")
    assert result.exit_code == 0, result.output
    assert f"withdrew portfolio {GONE} from {OLD} on gh-pages" in result.output
    assert show(root, f"{OLD}/courses/math-7/index.html") == """<html><head>
</head><body><article>
<h1 id="math-7">MATH-7</h1>
<div class="hcs-exemplars" data-search-exclude>
<ul>
<li><a href="../../portfolios/west-middle/p-west/ratio-recipes/">Ratio recipes, West W. (Meets)</a></li>
</ul>
</div>
<p>See  and
 &para; &amp; stay.</p>
</article></body></html>"""
    files = everything(root)
    assert not [p for p in files if p.startswith(f"{OLD}/portfolios/east-middle/")]  # the school had no one else
    assert show(root, f"{OLD}/portfolios/index.html") == OLD_INDEX.replace(
        "<li><a href=\"east-middle/\">East Middle School</a>: 1 portfolio</li>\n", "").strip()
    assert f"{OLD}/portfolios/west-middle/p-west/index.html" in files
    sitemap = show(root, f"{OLD}/sitemap.xml")
    assert sitemap + "\n" == OLD_SITEMAP.replace(f"""    <url>
         <loc>https://example.org/td/{OLD}/portfolios/east-middle/</loc>
    </url>
    <url>
         <loc>https://example.org/td/{OLD}/portfolios/east-middle/{GONE}/mastery/</loc>
    </url>
""", "")
    gz = subprocess.run(["git", "-C", str(root), "show", f"gh-pages:{OLD}/sitemap.xml.gz"], capture_output=True,
                        check=True).stdout
    assert gzip.decompress(gz).decode() == sitemap + "\n"
    index = json.loads(show(root, f"{OLD}/search/search_index.json"))
    assert index["docs"] == [{"location": "", "title": "Home", "text": ""}]
    assert grep(root, GONE) == [] and grep(root, GONE_NAME) == []


def test_what_cannot_be_cleaned_is_reported_and_fails(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    old_edition(root, {f"{OLD}/api/students.json": json.dumps({"key": GONE}),
                       f"{OLD}/about/index.html": f"<p>Congratulations to {GONE_NAME}!</p>"})
    result = publish(root, "--withdraw-only")
    assert result.exit_code == 1
    assert (f"withdrawal incomplete: the key of a withdrawn portfolio is still in {OLD}/api/students.json on "
            "gh-pages; remove it by hand") in " ".join(result.output.split())
    assert f"the name shown on withdrawn pages still appears in {OLD}/about/index.html" in result.output
    assert GONE_NAME not in result.output
    assert f"{OLD}/portfolios/east-middle/{GONE}/index.html" not in everything(root)


# Names and a clean work tree --------------------------------------------------------------------

HOSTILE = [".git", "..", ".", "a/b", "../x", "a\\b", "", " latest", "latest\n", "-x", "_x", "a..b", "x.lock",
           "x.", "versions.json", "index.html", "INDEX.HTML", "assets", "Api", "ims", "schemas", "search",
           "portfolios", "sitemap.xml", "404.html", "CNAME", "con", "nul.txt", "a" * 65, "é", "a b", "a:b",
           "a*", "%2e%2e", "latest?x", "@{1}", ".nojekyll"]


@pytest.fixture(scope="module")
def plain_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("names") / "repo")


@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize("kind", ["edition", "alias"])
def test_hostile_names_are_refused(plain_repo: Path, kind: str, name: str) -> None:
    args = ["--", name] if kind == "edition" else ["--alias", name]
    result = publish(plain_repo, *args)
    assert result.exit_code == 2, result.output
    assert f"{kind} names must match ^[0-9A-Za-z][0-9A-Za-z._-]{{0,63}}$" in " ".join(result.output.split())
    assert not git_branch_exists(plain_repo, "gh-pages")


@pytest.mark.parametrize("name", ["2026-27", "latest", "v2.1", "A_b", "a" * 64, "api2", "stable"])
def test_ordinary_names_pass_the_check(name: str) -> None:
    from hcs_site.adapters.publish_guard import name_problem

    assert name_problem("alias", name) is None


@pytest.mark.parametrize("extra", [[], ["--withdraw-only"]])
def test_the_site_never_goes_to_the_branch_checked_out(plain_repo: Path, extra: list[str]) -> None:
    head = git(plain_repo, "rev-parse", "main")
    result = publish(plain_repo, "--branch", "main", *extra)
    assert result.exit_code == 2
    assert "--branch main is the branch checked out here" in result.output
    assert git(plain_repo, "rev-parse", "main") == head


def test_the_edition_of_the_content_is_checked_too(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    edit(root / "content" / "district.yml", f"edition: {OLD}", "edition: assets")
    commit(root, "An edition named like a folder of the site")
    result = publish(root)
    assert result.exit_code == 2
    assert "edition name 'assets' is not allowed: the site branch uses it for its own files" in result.output
    assert not git_branch_exists(root, "gh-pages")


def test_a_dirty_work_tree_is_refused(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    (root / ".gitignore").write_text("content/*.bak\n")
    commit(root, "ignore backups")
    (root / "content" / "district.yml.bak").write_text("ignored")  # ignored files do not count
    (root / "notes.txt").write_text("not part of the site")  # nor untracked files outside it
    assert publish(root, "--no-tag").exit_code == 0
    edit(root / "content" / "courses" / "alg-1.yml", "credit: 1.0", "credit: 0.5")
    for i in range(6):
        (root / "portfolios" / f"p-{i}").mkdir(parents=True)
        (root / "portfolios" / f"p-{i}" / "portfolio.md").write_text("---\n---\n")
    head = git(root, "rev-parse", "gh-pages")
    result = publish(root, "--force")
    assert result.exit_code == 2
    assert ("the work tree has uncommitted changes (content/courses/alg-1.yml, portfolios/p-0/portfolio.md, "
            "portfolios/p-1/portfolio.md, portfolios/p-2/portfolio.md, portfolios/p-3/portfolio.md and 2 more)"
            in " ".join(result.output.split()))
    assert "--allow-dirty" in result.output
    assert git(root, "rev-parse", "gh-pages") == head
    for i in range(6):
        shutil.rmtree(root / "portfolios" / f"p-{i}")
    (root / "docs" / "new.md").write_text("# New\n")
    assert "docs/new.md" in publish(root, "--force").output
    accepted = publish(root, "--force", "--allow-dirty")
    assert accepted.exit_code == 0, accepted.output
    assert "0.5 Carnegie units" in show(root, f"{OLD}/courses/alg-1/index.html")
    assert " and uncommitted changes with hcs-site" in last_message(root, "gh-pages")


def test_the_api_has_one_stable_address_the_default_editions(published: tuple[Path, dict[str, str]]) -> None:
    """The CASE URIs are `<site>/api/case/...` in every edition, and the branch root serves the default
    edition's files there (real files, not redirects): every URI of both packages finds one."""
    from tests.case_uris import missing

    root, _before = published
    files = set(tree(root, "api")) | set(tree(root, "schemas"))
    assert json.loads(show(root, "api/framework.json"))["district"]["edition"] == NEW
    for version in ("v1p0", "v1p1"):
        listing = json.loads(show(root, f"api/case/ims/case/{version}/CFDocuments/index.html"))
        doc = listing["CFDocuments"][0]
        assert doc["uri"].startswith(f"https://example.org/td/api/case/ims/case/{version}/CFDocuments/")
        package = json.loads(show(root, f"api/case/ims/case/{version}/CFPackages/{doc['identifier']}"))
        assert not missing(package, "https://example.org/td/", files.__contains__)
        # the edition's own copy names the same addresses, so last year's URIs still resolve
        assert show(root, f"{NEW}/api/case/ims/case/{version}/CFPackages/{doc['identifier']}") == show(
            root, f"api/case/ims/case/{version}/CFPackages/{doc['identifier']}")
    assert json.loads(show(root, "schemas/course.schema.json"))["$id"] == "https://example.org/td/schemas/course.schema.json"


def test_publishing_another_edition_leaves_the_default_api(published: tuple[Path, dict[str, str]],
                                                            tmp_path: Path) -> None:
    root = copy_published(published, tmp_path)
    api_before = tree(root, "api")
    edit(root / "content" / "district.yml", f"edition: {NEW}", "edition: 2027-28")
    commit(root, "next year's draft")
    result = publish(root, "--strict")  # not --set-default: the root keeps serving 2026-27
    assert result.exit_code == 0, result.output
    assert tree(root, "api") == api_before
    assert "2027-28/api/framework.json" in tree(root, "2027-28")
    edit(root / "content" / "courses" / "alg-1.yml", "credit: 0.5", "credit: 1.0")
    commit(root, "2027-28 adopted")
    moved = publish(root, "--set-default", "--force", "--strict")
    assert moved.exit_code == 0, moved.output
    assert json.loads(show(root, "api/framework.json"))["district"]["edition"] == "2027-28"


def test_what_cannot_be_cleaned_is_found_however_a_page_writes_it(tmp_path: Path) -> None:
    """Pages write punctuation as character references: a key or name left as `p&#45;...` or
    `&#x2E;` must fail the run as surely as one written plainly."""
    def encoded(text: str) -> str:
        return "".join(f"&#{ord(c)};" if not c.isalpha() else c for c in text)

    root = make_repo(tmp_path / "repo")
    old_edition(root, {f"{OLD}/extra/index.html": f'<a href="x">{encoded(GONE)}</a>',
                       f"{OLD}/about/index.html": f"<p>Congratulations to {encoded(GONE_NAME)}!</p>"})
    result = publish(root, "--withdraw-only")
    assert result.exit_code == 1
    assert (f"withdrawal incomplete: the key of a withdrawn portfolio is still in {OLD}/extra/index.html on "
            "gh-pages; remove it by hand") in " ".join(result.output.split())
    assert f"the name shown on withdrawn pages still appears in {OLD}/about/index.html" in result.output
