"""What every command shares: exit codes, the repository option, content reporting."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from ..check.pipeline import CheckResult
from ..check.reporters import REPORTERS
from ..outputs import UnsafeOutput
from ..scratch import WriteFailed

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


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

_VERBOSE = "hcs_site.verbose"


def _remember_verbose(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    ctx.meta[_VERBOSE] = bool(value) or bool(ctx.meta.get(_VERBOSE))
    return value


verbose_option = click.option(
    "--verbose", "-v", is_flag=True, expose_value=False, callback=_remember_verbose,
    help="Also list each informational line (which portfolios are not published, and why).",
)


def verbose() -> bool:
    """-v was given to this command (informational lines are summarised otherwise)."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.meta.get(_VERBOSE))


def report_or_exit(result: CheckResult, strict: bool, what: str = "build") -> None:
    """Print what validate would print (problems only) and stop when the content fails."""
    report = result.report
    if report.diagnostics or report.failed(strict):
        click.echo(REPORTERS["text"](report, verbose()), nl=False, err=True)
    if report.failed(strict):
        click.echo(f"{what} stopped: the content has errors; nothing was written", err=True)
        sys.exit(EXIT_CONTENT)


@contextlib.contextmanager
def output_errors(what: str) -> Iterator[None]:
    """An output folder refused (exit 2) or a disk that refused a write (exit 1), as one sentence."""
    try:
        yield
    except UnsafeOutput as exc:
        raise click.UsageError(str(exc)) from exc
    except WriteFailed as exc:
        click.echo(f"{what} failed: {exc}; the previous output was left as it was and the temporary "
                   "files were removed", err=True)
        sys.exit(EXIT_CONTENT)
