"""`hcs-site build` and `hcs-site serve`."""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from ..check.cache import FileCache
from ..check.pipeline import CheckResult, check_repository, few_collections
from ..check.reporters import REPORTERS
from ..selection import ShardError
from .cache import cache_options, open_cache
from .common import EXIT_CONTENT, output_errors, report_or_exit, repository_root, root_option, strict_option, verbose


def _build_failed(exc: Exception) -> NoReturn:
    click.echo(f"build failed: {exc}; the previous site was left as it was", err=True)
    sys.exit(EXIT_CONTENT)


@click.command()
@root_option
@click.option("--site-dir", type=click.Path(file_okay=False), default=None,
              help="Where to write the site (default: mkdocs.yml's site_dir, usually site/).")
@click.option("--config-file", "-f", default="mkdocs.yml", show_default=True,
              help="The MkDocs configuration, relative to --root.")
@strict_option
@click.option("--shard", default="all", show_default=True,
              help="Build one part: K/N (part K of N parts of equal work), framework, framework:<language> "
                   "(one language's site), portfolios:<school>[,<school>], or several joined with +; merge "
                   "parts with hcs-site assemble.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Build the whole site as this many parts of equal work, in parallel processes.")
@click.option("--verbose", "-v", is_flag=True,
              help="Show MkDocs' own progress messages and each informational line (portfolios not published).")
@cache_options
def build(root: str, site_dir: str | None, config_file: str, strict: bool, shard: str, jobs: int,
          verbose: bool, cache_dir: str | None, no_cache: bool, use_cache: bool) -> None:
    """Check the content and build the site; the old site is replaced only on success."""
    from ..adapters import up_to_date
    from ..adapters.build import BuildFailed, ConfigMissing, build_site, output_folder, selection_for
    from ..adapters.progress import for_terminal

    repo = repository_root(root)
    try:
        with output_errors("build"):  # refused before the content is even read
            output_folder(repo / config_file, Path(site_dir) if site_dir else None, repo)
    except ConfigMissing as exc:
        raise click.UsageError(str(exc)) from exc
    except BuildFailed:
        pass  # a broken mkdocs.yml is reported after the content, as the build reports it
    cache = open_cache(repo, cache_dir, no_cache, use_cache)
    probe = up_to_date.probe(repo, repo / config_file, site_dir, cache, strict) if shard == "all" else None
    if probe is not None and probe.snapshot is not None:
        _replay(probe, verbose)
        return
    started = cache.clock() if cache is not None else None
    result = check_repository(repo, cache=checked_files(cache))
    try:
        report_or_exit(result, strict, "build", "the previous site was left as it was", show_all=verbose)
    except SystemExit:
        if cache is not None:  # the students checked are stored all the same: the build after the fix reads them
            cache.settle(quiet=True)
        raise
    gc.freeze()  # the checked content lives as long as this command: no collection need walk it again
    try:
        selection = selection_for(shard, repo / config_file, result)
    except ShardError as exc:
        raise click.BadParameter(str(exc), param_hint="--shard") from exc
    except BuildFailed as exc:
        _build_failed(exc)
    if shard != "all" and jobs > 1:
        raise click.BadParameter("--jobs splits the whole site; use it with --shard all", param_hint="--jobs")
    seen = up_to_date.WarningsSeen()
    logging.getLogger("mkdocs").addHandler(seen)
    try:
        with output_errors("build"), few_collections():
            target = build_site(result, repo / config_file, Path(site_dir) if site_dir else None,
                                strict, for_terminal(), verbose, selection=selection, jobs=jobs, cache=cache,
                                carry=probe.carry if probe else None, started=started)
    except ConfigMissing as exc:
        raise click.UsageError(str(exc)) from exc
    except BuildFailed as exc:
        _build_failed(exc)
    finally:
        logging.getLogger("mkdocs").removeHandler(seen)
    if probe is not None and not seen.count.value:
        warning = up_to_date.remember(cache, probe, result, _printed(result, False), _printed(result, True))
        if warning is not None:
            click.echo(f"WARNING -  {warning}", err=True)
    click.echo(f"built {target} ({result.report.summary()})")


def checked_files(cache: Any) -> FileCache | None:
    """The check's use of the build cache: files read and shape-checked by an earlier build."""
    from ..adapters.cache_keys import software

    return FileCache(cache, software()) if cache is not None else None


def _printed(result: CheckResult, show_all: bool) -> str:
    """What `report_or_exit` printed for this result (a build that went on: nothing failed)."""
    return REPORTERS["text"](result.report, show_all) if result.report.diagnostics else ""


def _replay(probe: Any, show_all: bool) -> None:
    """Print what the last build printed, and that there was nothing to do."""
    snapshot = probe.snapshot
    assert snapshot is not None
    text = snapshot.verbose if show_all or verbose() else snapshot.quiet
    if text:
        click.echo(text, nl=False, err=True)
    click.echo(f"{probe.target} is up to date: nothing it is built from has changed since the last build "
               f"({snapshot.summary})")


@click.command()
@root_option
@click.option("--config-file", "-f", default="mkdocs.yml", show_default=True)
@click.option("--dev-addr", "-a", default=None, help="IP:PORT to serve on (default 127.0.0.1:8000).")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@click.option("--portfolios", is_flag=True, help="Also build the student portfolio pages (slower).")
@click.option("--all-languages", is_flag=True, help="Also build the other languages (slower).")
@click.option("--verbose", "-v", is_flag=True,
              help="Also show MkDocs' own messages and each informational line (portfolios not published).")
def serve(root: str, config_file: str, dev_addr: str | None, open_browser: bool, portfolios: bool,
          all_languages: bool, verbose: bool) -> None:
    """Serve the site and rebuild what changed whenever content/, portfolios/ or docs/ change.

    For a fast edit loop only the framework in the default language is served unless asked; a
    rebuild re-reads only the saved files, reports only new problems and renders only the pages
    whose content changed. While the content has errors, every page of the site shows them (and
    reloads by itself once a save fixes them)."""
    from ..adapters.serve import ServeFailed, serve_site

    repo = repository_root(root)
    config = repo / config_file
    if not config.is_file():
        raise click.UsageError(f"{config} does not exist")
    try:
        with output_errors("serve"):
            serve_site(config, dev_addr, open_browser, repo, portfolios, all_languages, verbose)
    except ServeFailed as exc:
        click.echo(f"serve failed: {exc}", err=True)
        sys.exit(EXIT_CONTENT)


@click.command()
@click.argument("parts", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--site-dir", type=click.Path(file_okay=False), default="site", show_default=True,
              help="Where to write the assembled site.")
@click.option("--root", default=".", show_default=True, type=click.Path(file_okay=False),
              help="The content repository, if any: the site is never written into it.")
def assemble(parts: tuple[str, ...], site_dir: str, root: str) -> None:
    """Merge shard builds (hcs-site build --shard ...) into one site, all or nothing."""
    from ..adapters.build import assemble_site

    try:
        with output_errors("assemble"):
            target = assemble_site([Path(p) for p in parts], Path(site_dir), Path(root))
    except ShardError as exc:
        click.echo(f"assemble failed: {exc}; nothing was written", err=True)
        sys.exit(EXIT_CONTENT)
    click.echo(f"assembled {len(parts)} parts into {target}")
