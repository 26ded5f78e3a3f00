"""One publish, one commit of the site branch: the edition, its aliases, versions.json, the root
API and the root redirect together.

mike's `deploy` and `set_default` each make a commit, so `--set-default` used to leave two (three
with the root API), and the documented rollback (`git revert HEAD` on the branch) undid only the
redirect. The commit is composed here with mike's own `Commit` (one `git fast-import`): a failure
anywhere leaves the branch exactly as it was, and reverting the commit restores the site whole.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Template
from mike import git_utils
from mike.commands import list_versions, make_nojekyll, versions_to_file_info

from .api_address import API_FOLDERS, should_copy


@dataclass
class Edition:
    """What one publish writes: the built site of `name`, served also under `aliases`."""

    name: str
    site: Path
    directory_urls: bool
    title: str | None = None
    aliases: list[str] = field(default_factory=list)
    copy_aliases: bool = False
    """Aliases as full copies; otherwise a redirect page for every HTML page of the edition."""
    set_default: bool = False


def _redirect(template: Template, src: str, dst: str, directory_urls: bool) -> git_utils.FileInfo | None:
    """The alias page `src` pointing at the edition's page `dst` (HTML pages only), as mike writes it."""
    if posixpath.splitext(src)[1] != ".html":
        return None
    href = posixpath.relpath(dst, posixpath.dirname(src))
    if directory_urls and posixpath.basename(href) == "index.html":
        href = posixpath.dirname(href) + "/"
    return git_utils.FileInfo(src, template.render(href=href))


def _root_api(site: Path) -> list[git_utils.FileInfo]:
    """The edition's api/ and schemas/, to replace the root's (none: the site has no API)."""
    files = sorted(p for folder in API_FOLDERS if (site / folder).is_dir()
                   for p in (site / folder).rglob("*") if p.is_file())
    return [git_utils.FileInfo(p.relative_to(site).as_posix(), p.read_bytes()) for p in files]


def write(edition: Edition, branch: str, message: str, redirect_template: Path) -> list[str]:
    """Commit `edition` to `branch` in one commit; returns what the commit did besides the edition
    (for its message and the report). Raises git_utils.GitError or ValueError, branch untouched."""
    versions = list_versions(branch)
    info = versions.add(edition.name, edition.title, edition.aliases, True)
    template = Template(redirect_template.read_text(encoding="utf-8"), autoescape=True, keep_trailing_newline=True)
    also = [f"alias {a}" for a in info.aliases]
    api_new: list[git_utils.FileInfo] = []
    if should_copy(branch, edition.name, edition.set_default):
        api_new = _root_api(edition.site)
        if api_new:
            also.append("its data API at the site's root")
    if edition.set_default:
        also.append("the default edition")
    body = "\n".join(f"- {item}" for item in [f"edition {edition.name}", *also])
    with git_utils.Commit(branch, f"{message}\n\n{body}\n") as commit:
        commit.delete_files([edition.name, *info.aliases, *(API_FOLDERS if api_new else ())])
        for f in git_utils.walk_real_files(str(edition.site)):
            page = f.copy(edition.name, str(edition.site))
            commit.add_file(page)
            for alias in info.aliases:
                copy = f.copy(alias, str(edition.site))
                written = copy if edition.copy_aliases else _redirect(template, copy.path, page.path,
                                                                      edition.directory_urls)
                if written is not None:
                    commit.add_file(written)
        for api_file in api_new:
            commit.add_file(api_file)
        if edition.set_default:
            commit.add_file(git_utils.FileInfo("index.html", template.render(href=edition.name + "/")))
        commit.add_file(versions_to_file_info(versions))
        commit.add_file(make_nojekyll())
    return also
