"""The `hcs-site` command: one small function per command over the core layers.

Exit codes are the same everywhere: 0 clean, 1 content errors (or warnings under --strict),
2 usage errors, 70 an internal error (a bug in hcs-site, never the user's content).
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

import click

from . import __version__
from .check.pipeline import CheckResult, check_repository
from .check.reporters import REPORTERS
from .check.schema_defs import SCHEMAS, dump

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70
REPORT_URL = "https://github.com/henry-county-schools/hcs-site/issues"


class Group(click.Group):
    """Turns an unexpected exception into a short, reportable message instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception:
            with tempfile.NamedTemporaryFile(
                "w", prefix="hcs-site-crash-", suffix=".txt", delete=False
            ) as fh:
                fh.write(f"hcs-site {__version__}\n{' '.join(sys.argv)}\n\n{traceback.format_exc()}")
            click.echo(
                "hcs-site stopped on an internal error. This is a bug in hcs-site, not a problem "
                f"in your content.\nPlease report it at {REPORT_URL} and attach {fh.name} "
                "(it holds the details).",
                err=True,
            )
            sys.exit(EXIT_INTERNAL)


def repository_root(root: str) -> Path:
    path = Path(root)
    if not (path / "content").is_dir():
        raise click.UsageError(
            f"{path.resolve()} has no content/ folder; run hcs-site from the repository root "
            "or pass --root DIR"
        )
    return path


root_option = click.option(
    "--root", default=".", show_default=True, type=click.Path(file_okay=False),
    help="The content repository (the folder holding content/ and portfolios/).",
)
strict_option = click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hcs-site")
def main() -> None:
    """Validate and publish a competency-based learning framework and student portfolios."""


@main.command()
@root_option
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True,
              help="text for people, json for tools, github for workflow annotations.")
@strict_option
def validate(root: str, fmt: str, strict: bool) -> None:
    """Check every file of the repository and report every problem at once."""
    result = check_repository(repository_root(root))
    click.echo(REPORTERS[fmt](result.report), nl=False)
    sys.exit(EXIT_CONTENT if result.report.failed(strict) else EXIT_OK)


@main.command()
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder to write the JSON Schemas into.")
def schema(out: str) -> None:
    """Write the JSON Schemas of every content file (for editors and other tools)."""
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    for kind in SCHEMAS:
        (target / f"{kind}.schema.json").write_text(dump(kind), encoding="utf-8")
        click.echo(f"wrote {target / f'{kind}.schema.json'}")


def _report_or_exit(result: CheckResult, strict: bool) -> None:
    """Print what validate would print (problems only) and stop when the content fails."""
    report = result.report
    if report.diagnostics or report.failed(strict):
        click.echo(REPORTERS["text"](report), nl=False, err=True)
    if report.failed(strict):
        click.echo("build stopped: the content has errors; the previous site was left as it was", err=True)
        sys.exit(EXIT_CONTENT)


@main.command()
@root_option
@click.option("--site-dir", type=click.Path(file_okay=False), default=None,
              help="Where to write the site (default: mkdocs.yml's site_dir, usually site/).")
@click.option("--config-file", "-f", default="mkdocs.yml", show_default=True,
              help="The MkDocs configuration, relative to --root.")
@strict_option
@click.option("--verbose", "-v", is_flag=True, help="Show MkDocs' own progress messages.")
def build(root: str, site_dir: str | None, config_file: str, strict: bool, verbose: bool) -> None:
    """Check the content and build the site; the old site is replaced only on success."""
    from .adapters.build import BuildFailed, ConfigMissing, build_site
    from .adapters.progress import for_terminal

    repo = repository_root(root)
    result = check_repository(repo)
    _report_or_exit(result, strict)
    try:
        target = build_site(result, repo / config_file, Path(site_dir) if site_dir else None,
                            strict, for_terminal(), verbose)
    except ConfigMissing as exc:
        raise click.UsageError(str(exc)) from exc
    except BuildFailed as exc:
        click.echo(f"build failed: {exc}; the previous site was left as it was", err=True)
        sys.exit(EXIT_CONTENT)
    click.echo(f"built {target} ({result.report.summary()})")


@main.command()
@root_option
@click.option("--config-file", "-f", default="mkdocs.yml", show_default=True)
@click.option("--dev-addr", "-a", default=None, help="IP:PORT to serve on (default 127.0.0.1:8000).")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
def serve(root: str, config_file: str, dev_addr: str | None, open_browser: bool) -> None:
    """Serve the site locally and rebuild it whenever content/, portfolios/ or docs/ change."""
    from .adapters.build import serve_site

    repo = repository_root(root)
    config = repo / config_file
    if not config.is_file():
        raise click.UsageError(f"{config} does not exist")
    serve_site(config, dev_addr, open_browser)
