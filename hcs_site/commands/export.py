"""`hcs-site export case|csv|api`: the framework in formats other systems read."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..check.pipeline import CheckResult, check_repository
from ..export.case import CASE_PATHS, PLACEHOLDER_BASE_URL, case_package, dates_for
from ..export.json_api import api_files, dumps
from ..export.mkdocs_yml import site_url
from ..model.framework import Framework
from ..outputs import HINT_OUT, check_file, check_folder
from ..scratch import file_errors, write_atomic, write_tree
from .common import EXIT_CONTENT, output_errors, report_or_exit, repository_root, root_option

base_url_option = click.option(
    "--base-url", default=None,
    help=f"The site's address, for CASE `uri` fields (default: site_url in mkdocs.yml, else {PLACEHOLDER_BASE_URL}).",
)


def _framework(root: str) -> tuple[Path, CheckResult, Framework]:
    repo = repository_root(root)
    result = check_repository(repo, portfolios=False)
    report_or_exit(result, strict=False, what="export")
    if result.framework is None:  # pragma: no cover - report_or_exit stops first
        sys.exit(EXIT_CONTENT)
    return repo, result, result.framework


def _is_case_package(path: Path) -> bool:
    """An earlier `export case` output, which may be replaced (any other file is refused)."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "CFDocument" in data and "CFItems" in data


def _out_folder(root: str, out: str) -> Path:
    """Refused before anything is read or written: see `outputs.check_folder`."""
    with output_errors("export"):
        return check_folder(Path(out), repository_root(root), hint=HINT_OUT)


def _base_url(repo: Path, given: str | None) -> str:
    if given:
        return given
    return site_url(repo) or PLACEHOLDER_BASE_URL


@click.group("export")
def export() -> None:
    """Write the framework as CASE 1.0 or 1.1 JSON, as the static JSON API, or as spreadsheets."""


@export.command("case")
@root_option
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="File to write (default: standard output).")
@base_url_option
@click.option("--case-version", type=click.Choice(sorted(CASE_PATHS)), default="1.0", show_default=True,
              help="CASE 1.0, or 1.1 (extensions, translations, item subjects; both are on the site).")
def case(root: str, out: str | None, base_url: str | None, case_version: str) -> None:
    """The framework as a 1EdTech CASE 1.0 or 1.1 CFPackage (one CFDocument; see docs/data-and-api.md)."""
    if out is not None:
        with output_errors("export"):
            check_file(Path(out), repository_root(root), _is_case_package)
    repo, _result, fw = _framework(root)
    package = case_package(fw, _base_url(repo, base_url), dates_for(fw, repo), case_version)
    data = dumps(package)
    if out is None:
        sys.stdout.buffer.write(data)
        return
    with output_errors("export"), file_errors(Path(out)):
        write_atomic(Path(out), data.decode("utf-8"))
    click.echo(f"wrote {out}: {len(package['CFItems'])} items, {len(package['CFAssociations'])} associations, "
               f"{len(package['CFRubrics'])} rubrics", err=True)


@export.command("api")
@root_option
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Folder to write api/ and schemas/ into.")
@base_url_option
@click.option("--package-only", is_flag=True,
              help="CASE: only the package and the document, not one file per item (for large frameworks).")
def api(root: str, out: str, base_url: str | None, package_only: bool) -> None:
    """The static JSON API and JSON Schemas, as the site publishes them (for another host).

    OUT is replaced whole: it must be new, empty, or an earlier output of hcs-site."""
    target = _out_folder(root, out)
    repo, _result, fw = _framework(root)
    files = api_files(fw, _base_url(repo, base_url), dates_for(fw, repo), case_resources=not package_only)
    with output_errors("export"):
        write_tree(files, target)
    click.echo(f"wrote {len(files)} files into {out}")


@export.command("csv")
@root_option
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Folder to write the sheets into.")
def csv_(root: str, out: str) -> None:
    """Spreadsheets a committee can open: areas, competencies, indicators, courses, and one
    objectives sheet per course in the layout `hcs-site import csv` reads back.

    OUT is replaced whole: it must be new, empty, or an earlier output of hcs-site."""
    from ..export.csv_export import framework_sheets

    target = _out_folder(root, out)
    _repo, _result, fw = _framework(root)
    sheets = framework_sheets(fw)
    # the BOM tells Excel the sheet is UTF-8
    with output_errors("export"):
        write_tree({name: text.encode("utf-8-sig") for name, text in sheets.items()}, target)
    click.echo(f"wrote {len(sheets)} sheets into {out}")
