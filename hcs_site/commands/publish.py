"""`hcs-site publish`: deploy one edition (a school year) of the site to the gh-pages branch."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..check.pipeline import check_repository
from .cache import cache_options, open_cache
from .common import EXIT_CONTENT, EXIT_OK, report_or_exit, repository_root, root_option, strict_option, verbose_option

if TYPE_CHECKING:
    from ..adapters.withdraw import Withdrawal


@click.command()
@click.argument("edition", required=False)
@root_option
@click.option("--alias", "aliases", multiple=True, metavar="NAME",
              help="Also serve the edition as NAME (repeatable), e.g. latest; the alias moves from the "
                   "edition that had it.")
@click.option("--alias-type", type=click.Choice(["redirect", "copy"]), default="redirect", show_default=True,
              help="redirect pages or full copies: static hosts do not follow symlinks.")
@click.option("--set-default", is_flag=True, help="Make the site's root address open this edition.")
@click.option("--force", is_flag=True, help="Replace the edition if it is already published.")
@click.option("--push", is_flag=True, help="Push the branch (and the edition tag) to the remote afterwards.")
@click.option("--no-tag", "no_tag", is_flag=True,
              help="Do not tag the source commit edition-EDITION (the tag a later edition compares with).")
@click.option("--title", default=None, help="The edition's name in the selector (default: EDITION).")
@click.option("--branch", default="gh-pages", show_default=True, help="The branch the site is served from.")
@click.option("--remote", default="origin", show_default=True)
@click.option("--config-file", "-f", default="mkdocs.yml", show_default=True,
              help="The MkDocs configuration, relative to --root.")
@click.option("--withdraw-only", is_flag=True,
              help="Only withdraw, from every published edition, the portfolios that may not be published "
                   "today; build nothing (the nightly job).")
@click.option("--allow-dirty", is_flag=True,
              help="Publish even with uncommitted changes (the edition tag then marks the last commit only).")
@strict_option
@verbose_option
@cache_options
def publish(edition: str | None, root: str, aliases: tuple[str, ...], alias_type: str, set_default: bool,
            force: bool, push: bool, no_tag: bool, title: str | None, branch: str, remote: str,
            config_file: str, withdraw_only: bool, allow_dirty: bool, strict: bool, cache_dir: str | None,
            no_cache: bool, use_cache: bool) -> None:
    """Build the site and publish it as EDITION (default: `edition` in content/district.yml).

    Every edition stays online under its own address, and Material's selector lists them. An
    edition that is already published is replaced only with --force; a failed build or check
    publishes nothing and leaves the branch as it was. Exit 1 when nothing was published.

    First, every portfolio that may not be published today (consent withdrawn or expired, no
    consent, folder deleted) is removed from all the editions on the branch, in one commit.
    """
    from ..adapters.progress import for_terminal
    from ..adapters.publish import PublishError, Request
    from ..adapters.publish import publish as deploy
    from ..adapters.publish_guard import branch_problem, dirty_message, dirty_paths

    repo = repository_root(root)
    if problem := branch_problem(repo, branch):
        raise click.UsageError(problem)
    if withdraw_only:
        _withdraw_only(repo, edition, aliases, set_default, force, title, branch, remote, push)
    if not (repo / config_file).is_file():
        raise click.UsageError(f"{repo / config_file} does not exist")
    for kind, name in ([("edition", edition)] if edition is not None else []) + [("alias", a) for a in aliases]:
        _check_name(kind, name)
    if not allow_dirty and (dirty := dirty_paths(repo, config_file)):
        raise click.UsageError(dirty_message(dirty))
    result = check_repository(repo)
    report_or_exit(result, strict, what="publish")
    assert result.framework is not None
    content_edition = result.framework.district.edition
    edition = edition or content_edition
    _check_name("edition", edition)
    if edition != content_edition:
        click.echo(f"publish stopped: content/district.yml describes edition {content_edition}, not {edition}; "
                   "check out that edition's source (tag edition-EDITION) to republish it", err=True)
        sys.exit(EXIT_CONTENT)
    if "version:" not in (repo / config_file).read_text(encoding="utf-8"):
        click.echo("note: mkdocs.yml has no `extra: version: provider: mike`, so the site will not show "
                   "the edition selector nor the older-edition banner", err=True)
    request = Request(repo, edition, list(aliases), alias_type, set_default, force, push, strict, not no_tag,
                      branch, remote, config_file, title, allow_dirty, open_cache(repo, cache_dir, no_cache, use_cache))
    try:
        outcome = deploy(request, result, for_terminal())
    except PublishError as exc:
        click.echo(f"publish failed: {exc}", err=True)
        sys.exit(EXIT_CONTENT)
    for note in outcome.notes:
        click.echo(f"note: {note}", err=True)
    _report_withdrawal(outcome.withdrawal, branch)
    names = ", ".join(
        v["version"] + (f" [{', '.join(sorted(v['aliases']))}]" if v["aliases"] else "") for v in outcome.versions
    )
    verb = "replaced" if outcome.replaced else "published"
    click.echo(f"{verb} edition {edition} on {branch}{' and pushed it' if push else ''}; editions: {names}")
    sys.exit(EXIT_CONTENT if outcome.withdrawal.residue else EXIT_OK)


def _check_name(kind: str, name: str) -> None:
    from ..adapters.publish_guard import name_problem

    problem = name_problem(kind, name)
    if problem:
        raise click.UsageError(problem)


def _withdraw_only(repo: Path, edition: str | None, aliases: tuple[str, ...], set_default: bool, force: bool,
                   title: str | None, branch: str, remote: str, push: bool) -> None:
    """Withdraw without building: content errors do not stop it (a broken portfolio is withdrawn)."""
    from ..adapters.publish import PublishError, Request, withdraw_only

    if edition is not None or aliases or set_default or force or title:
        raise click.UsageError("--withdraw-only builds no edition: it takes no EDITION, --alias, --set-default, "
                               "--force nor --title")
    result = check_repository(repo)
    try:
        outcome = withdraw_only(Request(repo, "", branch=branch, remote=remote, push=push), result)
    except PublishError as exc:
        click.echo(f"withdrawal failed: {exc}", err=True)
        sys.exit(EXIT_CONTENT)
    _report_withdrawal(outcome.withdrawal, branch)
    if not outcome.withdrawal.removed:
        click.echo(f"nothing to withdraw: every portfolio on {branch} may still be published")
    elif push:
        click.echo(f"pushed {branch}")
    sys.exit(EXIT_CONTENT if outcome.withdrawal.residue else EXIT_OK)


def _report_withdrawal(done: Withdrawal, branch: str) -> None:
    """By key and edition only: this output lands in public CI logs."""
    for key in sorted(done.removed):
        click.echo(f"withdrew portfolio {key} from {', '.join(sorted(done.removed[key]))} on {branch}")
    if done.name_residue:
        click.echo("note: the name shown on withdrawn pages still appears in "
                   f"{', '.join(done.name_residue[:10])}; check whether it is another student's", err=True)
    if done.residue:
        click.echo(f"withdrawal incomplete: the key of a withdrawn portfolio is still in {', '.join(done.residue[:10])}"
                   f" on {branch}; remove it by hand (then `git push`)", err=True)
