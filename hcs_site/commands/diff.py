"""`hcs-site diff`: what a change to the framework means, between two revisions or directories."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from ..check.reporters import REPORTERS
from ..diff.format import FORMATS
from ..diff.revisions import RevisionError
from ..diff.revisions import diff as semantic_diff
from ..outputs import check_file
from ..scratch import file_errors, write_atomic
from .common import EXIT_CONTENT, EXIT_OK, find_root, output_errors, repository_root, root_option


@click.command()
@click.argument("base")
@click.argument("head", required=False)
@root_option
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True,
              help="text for people, markdown for a pull-request comment, json for tools.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to this file instead of standard output.")
def diff(base: str, head: str | None, root: str, fmt: str, output: str | None) -> None:
    """Report the semantic changes from BASE to HEAD, grouped by course and competency.

    BASE and HEAD are Git revisions (a branch, a tag such as edition-2025-26, a commit) or
    directories holding content/. HEAD defaults to the working tree. Only content/ is compared:
    portfolios never appear in the output. Exit 0 when compared, 1 when either side has content
    errors, 2 when a revision cannot be found.
    """
    repo = _folders_only(root, base, head) or repository_root(root)
    try:
        changes, broken = semantic_diff(repo, base, head)
    except RevisionError as exc:
        raise click.UsageError(str(exc)) from exc
    if changes is None:
        for side in broken:
            click.echo(f"{side.side.ref}: the content has errors; fix them before comparing", err=True)
            click.echo(REPORTERS["text"](side.report), nl=False, err=True)
        sys.exit(EXIT_CONTENT)
    text = FORMATS[fmt](changes)
    if output:
        with output_errors("diff"):
            target = check_file(Path(output), repo, lambda path: not _tracked(repo, path))
            with file_errors(target):
                write_atomic(target, text)
    else:
        click.echo(text, nl=False)
    sys.exit(EXIT_OK)


def _folders_only(root: str, base: str, head: str | None) -> Path | None:
    """Two folders holding content/ need no repository around them: the current folder then
    stands in for it (where a report may be written)."""
    here = Path(root)
    if head is None or not (Path(base).is_dir() and Path(head).is_dir()):
        return None
    return here if not (here / "content").is_dir() and find_root(here) is None else None


def _tracked(repo: Path, path: Path) -> bool:
    """A file under version control is the repository's, never a report to overwrite."""
    probe = subprocess.run(["git", "-C", str(repo), "ls-files", "--error-unmatch", "--", str(path)],
                           capture_output=True, check=False)
    return probe.returncode == 0
