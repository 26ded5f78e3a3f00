"""Publish one edition of the site into the gh-pages branch with mike, without losing another.

mike's Python API rather than `mike deploy`: the site goes through hcs-site's checked build (the
content is validated once, and nothing is committed unless MkDocs succeeded), and the published
editions are read first, so replacing one needs `force`. The edition, its aliases, the root API and
the default redirect are one `git fast-import` commit (publish_commit.py): a failure leaves gh-pages
exactly as it was, and `git revert` of that commit undoes the whole publish.

Before the build, every portfolio that may not be published today is withdrawn from all the
editions already on the branch (see `withdraw`), so a failed build never delays a withdrawal.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from mike import commands as mike
from mike import git_utils, mkdocs_utils
from mkdocs.config import load_config

from .. import __version__, scratch
from ..check.pipeline import CheckResult
from . import publish_commit
from .build import BuildFailed, build_site
from .cache_store import CacheStore
from .progress import Progress
from .publish_guard import dirty_paths
from .withdraw import Withdrawal, kept_folders, withdraw

REDIRECT_TEMPLATE = Path(str(resources.files("hcs_site") / "theme" / "hcs-redirect.html"))
"""Alias and root redirects: an instant meta refresh (works without JavaScript), `lang`, a title."""


class PublishError(Exception):
    """Nothing was published (or, when pushing failed, nothing left this machine)."""


@dataclass
class Request:
    root: Path
    edition: str
    aliases: list[str] = field(default_factory=list)
    alias_type: str = "redirect"
    """redirect or copy: static hosts such as GitHub Pages do not follow symlinks."""
    set_default: bool = False
    force: bool = False
    push: bool = False
    strict: bool = False
    tag: bool = True
    branch: str = "gh-pages"
    remote: str = "origin"
    config_file: str = "mkdocs.yml"
    title: str | None = None
    allow_dirty: bool = False
    """Publish uncommitted changes too (the commit message then says so)."""
    cache: CacheStore | None = None
    """The build cache (see cache_store.py); None: every page is rendered."""


@dataclass
class Outcome:
    versions: list[dict[str, Any]]
    replaced: bool
    tag: str | None
    notes: list[str] = field(default_factory=list)
    withdrawal: Withdrawal = field(default_factory=Withdrawal)


def tag_name(edition: str) -> str:
    """The source tag of a published edition, what `previous_edition` names a year later."""
    return f"edition-{edition}"


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], capture_output=True, text=True, check=False)


def published(root: Path, branch: str = "gh-pages") -> list[dict[str, Any]]:
    """versions.json of the branch (empty when nothing was published yet)."""
    with contextlib.chdir(root):
        return list(mike.list_versions(branch).to_json())


def _check_names(req: Request, versions: Any) -> bool:
    """Refuse what would overwrite something published; True when the edition is replaced."""
    found = versions.find(req.edition)
    if found and len(found) == 2:
        raise PublishError(f"'{req.edition}' is an alias of edition {found[0]}; an edition cannot take its name")
    if found and not req.force:
        raise PublishError(f"edition {req.edition} is already published on {req.branch}; pass --force to "
                           "replace it (the other editions are kept either way)")
    for alias in req.aliases:
        hit = versions.find(alias)
        if alias == req.edition or (hit and len(hit) == 1):
            raise PublishError(f"alias '{alias}' is the name of a published edition")
    return bool(found)


def _build(req: Request, result: CheckResult, progress: Progress, site: Path) -> bool:
    """Build the site for `req.edition` into `site`; returns use_directory_urls for the redirects."""
    with _environment(**{mkdocs_utils.docs_version_var: req.edition}), \
            mkdocs_utils.inject_plugin(req.config_file) as config_file:
        try:
            build_site(result, Path(config_file).resolve(), site, req.strict, progress, cache=req.cache)
        except BuildFailed as exc:
            raise PublishError(f"the build failed: {exc}") from exc
        return bool(load_config(config_file=config_file)["use_directory_urls"])


def _tag(req: Request, notes: list[str]) -> str | None:
    name = tag_name(req.edition)
    existing = _git("rev-parse", "--verify", "--quiet", f"refs/tags/{name}^{{commit}}").stdout.strip()
    head = _git("rev-parse", "HEAD").stdout.strip()
    if existing == head:
        return name
    if existing and not req.force:
        notes.append(f"tag {name} already marks another commit; left as it is (--force moves it)")
        return None
    out = _git("tag", "--force", name, "HEAD")
    if out.returncode != 0:
        notes.append(f"could not tag {name}: {out.stderr.strip()}")
        return None
    if req.allow_dirty and dirty_paths(Path.cwd(), req.config_file):
        notes.append(f"the work tree has uncommitted changes (--allow-dirty): tag {name} marks the last commit, "
                     "not them")
    return name


def _withdraw(req: Request, result: CheckResult) -> Withdrawal:
    """Withdraw from every edition on the branch what may not be published today (one commit)."""
    kept, names = kept_folders(result)
    try:
        return withdraw(req.branch, kept, __version__, names)
    except (git_utils.GitError, ValueError) as exc:
        raise PublishError(f"withdrawing portfolios failed: {exc}; {req.branch} was left as it was") from exc


def _push(req: Request) -> None:
    try:
        git_utils.push_branch(req.remote, req.branch)
    except git_utils.GitError as exc:
        raise PublishError(f"published locally on {req.branch}, but the push failed: {exc}") from exc


def _open_branch(req: Request) -> Any:
    """The branch's editions, after catching up with the remote when pushing."""
    if _git("rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        raise PublishError(f"{req.root.resolve()} is not a Git repository with at least one commit")
    try:
        if req.push:
            git_utils.update_from_upstream(req.remote, req.branch)
        return mike.list_versions(req.branch)
    except git_utils.GitError as exc:
        raise PublishError(str(exc)) from exc


def withdraw_only(req: Request, result: CheckResult) -> Outcome:
    """Only the withdrawal, without building an edition: what the nightly job runs."""
    with contextlib.chdir(req.root):
        _open_branch(req)
        done = _withdraw(req, result)
        if done.removed and req.push:
            _push(req)
        versions_now = json.loads(mike.list_versions(req.branch).dumps()) if git_utils.has_branch(req.branch) else []
    return Outcome(versions_now, False, None, [], done)


def publish(req: Request, result: CheckResult, progress: Progress) -> Outcome:
    """Build, then commit the edition (and its aliases) to `req.branch`; push when asked."""
    notes: list[str] = []
    with contextlib.chdir(req.root):
        versions = _open_branch(req)
        replaced = _check_names(req, versions)
        done = _withdraw(req, result)
        try:
            _deploy(req, result, progress, notes)
        except PublishError as exc:
            if done.removed and req.push:
                _push(req)  # a failed build must not hold a withdrawal back
                raise PublishError(f"{exc}, except for the withdrawal committed before the build, which was "
                                   "pushed") from exc
            if done.removed:
                raise PublishError(f"{exc}, except for the withdrawal committed before the build") from exc
            raise
        tag = _tag(req, notes) if req.tag else None
        if req.push:
            _push(req)
            if tag:
                out = _git("push", "--force", req.remote, f"refs/tags/{tag}")
                if out.returncode != 0:
                    notes.append(f"could not push tag {tag}: {out.stderr.strip()}")
        versions_now = json.loads(mike.list_versions(req.branch).dumps())
    return Outcome(versions_now, replaced, tag, notes, done)


def _deploy(req: Request, result: CheckResult, progress: Progress, notes: list[str]) -> None:
    """Build, then write the edition, its aliases, the root API and the root redirect in one commit."""
    with scratch.system_temporary("publish") as tmp:  # removed on signals; swept after a kill
        site = tmp / "site"
        directory_urls = _build(req, result, progress, site)
        head = _git("rev-parse", "--short", "HEAD").stdout.strip()
        dirty = " and uncommitted changes" if req.allow_dirty and dirty_paths(Path.cwd(), req.config_file) else ""
        message = f"Publish edition {req.edition} from {head}{dirty} with hcs-site {__version__}"
        edition = publish_commit.Edition(req.edition, site, directory_urls, req.title, req.aliases,
                                         req.alias_type == "copy", req.set_default)
        try:
            publish_commit.write(edition, req.branch, message, REDIRECT_TEMPLATE)
        except git_utils.GitEmptyCommit:
            notes.append(f"{req.branch} already held exactly this edition; nothing was committed")
        except (git_utils.GitError, ValueError) as exc:
            raise PublishError(f"{exc}; {req.branch} was left as it was") from exc
