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
from .check.pipeline import check_repository
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
