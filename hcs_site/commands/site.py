"""`hcs-site build` and `hcs-site serve`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..check.pipeline import check_repository
from .common import EXIT_CONTENT, repository_root, root_option, strict_option


@click.command()
@root_option
@click.option("--site-dir", type=click.Path(file_okay=False), default=None,
              help="Where to write the site (default: mkdocs.yml's site_dir, usually site/).")
@click.option("--config-file", "-f", default="mkdocs.yml", show_default=True,
              help="The MkDocs configuration, relative to --root.")
@strict_option
@click.option("--verbose", "-v", is_flag=True, help="Show MkDocs' own progress messages.")
def build(root: str, site_dir: str | None, config_file: str, strict: bool, verbose: bool) -> None:
    """Check the content and build the site; the old site is replaced only on success."""
    from ..adapters.build import BuildFailed, ConfigMissing, build_site
    from ..adapters.progress import for_terminal

    repo = repository_root(root)
    result = check_repository(repo)
    report = result.report
    if report.diagnostics:
        from ..check.reporters import REPORTERS

        click.echo(REPORTERS["text"](report), nl=False, err=True)
    if report.failed(strict):
        click.echo("build stopped: the content has errors; the previous site was left as it was", err=True)
        sys.exit(EXIT_CONTENT)
    try:
        target = build_site(result, repo / config_file, Path(site_dir) if site_dir else None,
                            strict, for_terminal(), verbose)
    except ConfigMissing as exc:
        raise click.UsageError(str(exc)) from exc
    except BuildFailed as exc:
        click.echo(f"build failed: {exc}; the previous site was left as it was", err=True)
        sys.exit(EXIT_CONTENT)
    click.echo(f"built {target} ({report.summary()})")


@click.command()
@root_option
@click.option("--config-file", "-f", default="mkdocs.yml", show_default=True)
@click.option("--dev-addr", "-a", default=None, help="IP:PORT to serve on (default 127.0.0.1:8000).")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
def serve(root: str, config_file: str, dev_addr: str | None, open_browser: bool) -> None:
    """Serve the site locally and rebuild it whenever content/, portfolios/ or docs/ change."""
    from ..adapters.build import serve_site

    repo = repository_root(root)
    config = repo / config_file
    if not config.is_file():
        raise click.UsageError(f"{config} does not exist")
    serve_site(config, dev_addr, open_browser)
