"""`hcs-site import case FILE|URL --id ID`: a state's CASE package -> content/standards/ID.json."""

from __future__ import annotations

import base64
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import click

from ..check.pipeline import build_date
from ..check.reporters import REPORTERS
from ..diagnostics import Report
from ..import_.case_import import normalise, public_source, read_package, standards_bytes
from ..model.standards import STANDARDS_DIR
from ..scratch import file_errors, write_atomic
from .common import EXIT_CONTENT, output_errors, repository_root, root_option

SET_ID = re.compile(r"[a-z][a-z0-9-]{0,39}")
MAX_BYTES = 256 * 1024 * 1024


def _read(source: str) -> bytes:
    """The package's bytes, from a file or an http(s) address (a usage error when unreachable)."""
    if re.match(r"https?://", source, re.IGNORECASE):
        parts = urllib.parse.urlsplit(source)
        headers = {"Accept": "application/json"}
        if parts.username is not None:  # user:password@ in the address: sent as HTTP Basic, never shown
            login = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
            headers["Authorization"] = "Basic " + base64.b64encode(login.encode("utf-8")).decode("ascii")
        address = urllib.parse.urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path,
                                           parts.query, ""))
        try:
            with urllib.request.urlopen(urllib.request.Request(address, headers=headers), timeout=60) as response:
                data: bytes = response.read(MAX_BYTES + 1)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise click.UsageError(f"could not download {public_source(source)}: "
                                   f"{getattr(exc, 'reason', exc)}") from exc
    else:
        path = Path(source)
        if not path.is_file():
            raise click.UsageError(f"{source} is not a file (give a CASE package's .json file or its http(s) address)")
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise click.UsageError(f"{source} is larger than 256 MB")
    return data


@click.command("case")
@click.argument("source", metavar="FILE|URL")
@click.option("--id", "set_id", required=True, help="Short name of the standards set, e.g. gse-math: objectives "
              "then name its standards as gse-math:CODE.")
@root_option
@click.option("--force", is_flag=True, help="Replace an earlier import of the same --id.")
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True,
              help="How to report problems in the package.")
def case(source: str, set_id: str, root: str, force: bool, fmt: str) -> None:
    """Store a state's published CASE 1.0 or 1.1 package (its CFPackage JSON) under content/standards/.

    The package is checked against the CASE schema first; nothing is written unless it is valid."""
    if not SET_ID.fullmatch(set_id):
        raise click.BadParameter(f"'{set_id}' is not a standards id: lower-case letters, digits and '-', "
                                 "starting with a letter (e.g. gse-math)", param_hint="--id")
    repo = repository_root(root)
    rel = f"{STANDARDS_DIR}/{set_id}.json"
    target = repo / rel
    if target.exists() and not force:
        click.echo(f"{rel} already exists; pass --force to replace it with this package", err=True)
        sys.exit(EXIT_CONTENT)
    data = _read(source)
    report = Report(files_checked=1)
    shown = public_source(source) if re.match(r"https?://", source, re.IGNORECASE) else Path(source).name
    package = read_package(data, shown, report)
    if package is None:
        click.echo(REPORTERS[fmt](report), nl=False, err=True)
        click.echo("import stopped: the package is not valid CASE; nothing was written", err=True)
        sys.exit(EXIT_CONTENT)
    stored = normalise(package, set_id, shown, build_date().isoformat())
    with output_errors("import"), file_errors(target):
        write_atomic(target, standards_bytes(stored).decode("utf-8"))
    coded = sum(1 for item in stored["items"] if item["code"])
    click.echo(f"wrote {rel}: {len(stored['items'])} standards ({coded} with a code) from "
               f"{stored['document'].get('title', shown)}")
