"""`hcs-site generate`: the site as plain Markdown and a mkdocs.yml that needs no hcs plugin."""

from __future__ import annotations

from pathlib import Path

import click

from ..check.pipeline import check_repository
from .common import output_errors, report_or_exit, repository_root, root_option, strict_option, verbose_option


@click.command()
@root_option
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder to write docs/ and mkdocs.yml into: new, empty, or an earlier output of hcs-site.")
@click.option("--config-file", "-f", default="mkdocs.yml", show_default=True,
              help="The district's MkDocs configuration, relative to --root.")
@click.option("--force", is_flag=True, hidden=True,
              help="Kept for old scripts: an earlier output is replaced anyway, any other folder never.")
@strict_option
@verbose_option
def generate(root: str, out: str, config_file: str, force: bool, strict: bool) -> None:
    """Write the complete site source for any engine: plain MkDocs, or Zensical.

    Then build it with `mkdocs build -f OUT/mkdocs.yml` (and `-f OUT/mkdocs.<lang>.yml` for each
    other language, after the main build), or with `zensical build -f ...` in the same order.
    """
    from ..adapters.generate import GenerateError, output_folder
    from ..adapters.generate import generate as write_tree

    repo = repository_root(root)
    config = repo / config_file
    if not config.is_file():
        raise click.UsageError(f"{config} does not exist")
    with output_errors("generate"):
        output_folder(repo, config, Path(out))  # refused before the content is even read
    result = check_repository(repo)
    report_or_exit(result, strict, what="generate")
    try:
        with output_errors("generate"):
            done = write_tree(result, config, Path(out))
    except GenerateError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"wrote {done.files} files and {', '.join(done.configs)} into {done.out}")
    for extra in done.configs[1:]:
        click.echo(f"  then: mkdocs build -f {done.out / extra}  (after the main build)")
