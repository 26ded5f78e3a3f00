"""What every command shares: exit codes, the repository option, content reporting."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import click

from ..check.pipeline import CheckResult
from ..check.references import resolve
from ..check.reporters import REPORTERS
from ..check.suggest import choices
from ..outputs import UnsafeOutput
from ..scratch import WriteFailed

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 70


def find_root(start: Path) -> Path | None:
    """The folder holding content/: `start` or the nearest folder above it, as Git finds its root.

    The search stops at the top of a Git repository (a folder holding .git), so a repository
    without content/ never borrows the content of a folder around it."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / "content").is_dir():
            return folder
        if (folder / ".git").exists():
            return None
    return None


def repository_root(root: str) -> Path:
    """--root (default: the current folder) or the folder above it that holds content/.

    Used by every command, so `hcs-site validate` works from content/courses/ as `git` does."""
    path = Path(root)
    if (path / "content").is_dir():
        return path
    found = find_root(path)
    if found is None:
        raise click.UsageError(
            f"{path.resolve()} has no content/ folder, nor has any folder above it; run hcs-site inside "
            "the repository or pass --root DIR"
        )
    click.echo(f"hcs-site: using the repository {found}", err=True)  # say where, as it is not here
    return found


def parse_grades(value: str, param_hint: str = "--grades") -> list[str | int]:
    """Grades as a committee writes them: "7", "9; 10", "9-12", "K-2", "k, 1"."""
    grades: list[str | int] = []
    for part in re.split(r"[;,\s]+", value.strip()):
        if not part:
            continue
        ends = re.fullmatch(r"([0-9]+|[kK])\s*[-\u2013\u2014]\s*([0-9]+|[kK])", part) or \
            re.fullmatch(r"([0-9]+|[kK])", part)
        numbers = [0 if g.upper() == "K" else int(g) for g in ends.groups()] if ends else []
        if not numbers or not all(0 <= n <= 12 for n in numbers) or numbers[0] > numbers[-1]:
            raise click.BadParameter(f"'{part}' is not a grade or a range of grades; write K or 1 to 12, "
                                     "several with commas (9, 10) or a range (9-12)", param_hint=param_hint)
        for n in range(numbers[0], numbers[-1] + 1):
            grade: str | int = "K" if n == 0 else n
            if grade not in grades:
                grades.append(grade)
    return grades


def pick(value: str, index: Mapping[str, Any], what: str, param_hint: str) -> str:
    """The ID a command-line value names, the way YAML files accept it: any capitals (`econ`),
    or the item's title; a usage error listing the choices otherwise."""
    found = resolve(value, index)
    if found is None:
        listed = choices(value, index)
        raise click.BadParameter(f"no {what} '{value}'" + (f"; use {listed}" if listed else ""),
                                 param_hint=param_hint)
    return found


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
