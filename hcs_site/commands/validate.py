"""`hcs-site validate` and `hcs-site schema`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..check.blame import BaseError, BaseRevision
from ..check.pipeline import check_repository
from ..check.reporters import REPORTERS
from ..check.schema_defs import SCHEMAS, dump
from .common import EXIT_CONTENT, EXIT_OK, repository_root, root_option, strict_option, verbose, verbose_option


@click.command()
@root_option
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True,
              help="text for people, json for tools, github for workflow annotations.")
@strict_option
@verbose_option
@click.option("--base", "base_ref", metavar="REV", default=None,
              help="The revision a pull request starts from (e.g. origin/main): a clash between two files is "
                   "reported on the file the change touched, and --format github pins annotations to changed "
                   "files only.")
def validate(root: str, fmt: str, strict: bool, base_ref: str | None) -> None:
    """Check every file of the repository and report every problem at once."""
    repo = repository_root(root)
    base = None
    if base_ref is not None:
        try:
            base = BaseRevision.load(repo.resolve(), base_ref)
        except BaseError as exc:
            raise click.BadParameter(str(exc), param_hint="--base") from exc
    result = check_repository(repo, base=base)
    click.echo(REPORTERS[fmt](result.report, verbose(), base.changed if base else None), nl=False)
    sys.exit(EXIT_CONTENT if result.report.failed(strict) else EXIT_OK)


@click.command()
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder to write the JSON Schemas into.")
def schema(out: str) -> None:
    """Write the JSON Schemas of every content file (for editors and other tools)."""
    from ..outputs import HINT_OUT, check_folder
    from .common import output_errors

    names = {f"{kind}.schema.json" for kind in SCHEMAS}
    with output_errors("schema"):  # a folder holding only these files is an earlier output
        check_folder(Path(out), Path("."), hint=HINT_OUT, owned=lambda d: {p.name for p in d.iterdir()} <= names)
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    for kind in SCHEMAS:
        (target / f"{kind}.schema.json").write_text(dump(kind), encoding="utf-8")
        click.echo(f"wrote {target / f'{kind}.schema.json'}")
