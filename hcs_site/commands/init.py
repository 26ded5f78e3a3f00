"""`hcs-site init DIR`: a district's own content repository that validates, builds and publishes.

It never overwrites: DIR must be new or an empty folder, and not inside another content
repository. The files are written into a temporary sibling and renamed into place at the end, so
a failure leaves nothing half written; they get the usual modes (0644, folders 0755, under umask
022).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from .. import __version__
from ..check.pipeline import build_date
from ..outputs import UnsafeOutput
from ..scaffold.district_repo import NoSample, repository
from ..scaffold.schema_lines import MODES, Mode
from ..scratch import disk_errors, temporary
from .common import EXIT_USAGE

HINT = "Fix: choose a new folder, or an empty one (hcs-site init never overwrites a file)"


def _target(path: Path) -> Path:
    """`path` resolved, if init may write there; else UnsafeOutput (exit 2)."""
    try:
        resolved = Path(os.path.abspath(path)).resolve()
    except (RuntimeError, OSError) as exc:
        raise UnsafeOutput(f"refusing to write into {path}: its path cannot be resolved ({exc}). {HINT}") from exc
    shown = f"{path.as_posix().rstrip('/') or '/'}/"
    if resolved.exists() and not resolved.is_dir():
        raise UnsafeOutput(f"refusing to write the repository into {shown}: it is a file. {HINT}")
    if resolved.is_dir():
        try:
            entries = sorted(p.name for p in resolved.iterdir())
        except OSError as exc:
            raise UnsafeOutput(f"refusing to write into {shown}: it cannot be read ({exc.strerror}). {HINT}") from exc
        if entries:
            listed = ", ".join(entries[:3]) + (" ..." if len(entries) > 3 else "")
            raise UnsafeOutput(f"refusing to write the repository into {shown}: it is not empty ({listed}). {HINT}")
    for parent in resolved.parents:
        if parent.name == ".git" or (parent / "content" / "district.yml").is_file():
            what = "Git's folder" if parent.name == ".git" else "the content repository"
            raise UnsafeOutput(f"refusing to write the repository into {shown}: it is inside {what} "
                               f"{parent.as_posix()}/. {HINT}")
    return resolved


def write(files: dict[str, bytes], target: Path) -> None:
    """`files` as the new folder `target` (or in it, when it is an empty folder), all or nothing."""
    with temporary(target, "init") as work, disk_errors(work, target):
        out = work / "out"
        out.mkdir()
        for rel, data in sorted(files.items()):
            path = out / rel
            if out not in path.resolve().parents:
                raise ValueError(f"{rel} would be written outside the new repository")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if not target.is_dir():
            out.rename(target)
            return
        # An empty folder stays (it may be the current one: a shell inside it must see the files).
        moved: list[Path] = []
        try:
            for entry in sorted(out.iterdir()):
                if (target / entry.name).exists() or (target / entry.name).is_symlink():
                    raise UnsafeOutput(f"refusing to write into {target}/: {entry.name} appeared there "
                                       f"meanwhile; nothing was written. {HINT}")
                entry.rename(target / entry.name)
                moved.append(target / entry.name)
        except BaseException:
            for path in moved:
                shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
            raise


@click.command()
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--sample", is_flag=True, help="Copy the whole Henry County sample instead of the small starter.")
@click.option("--schemas", "mode", type=click.Choice(MODES), default="local", show_default=True,
              help="Where editors find the content files' schemas: url (those the site publishes, under "
                   "--site-url) or local (a schemas/ folder in the repository, works offline).")
@click.option("--site-url", metavar="URL", help="The address the site will be published at "
              "(https://OWNER.github.io/REPOSITORY/); needed with --schemas url.")
def init(folder: Path, sample: bool, mode: Mode, site_url: str | None) -> None:
    """Start a district's content repository in DIR (new or empty): content, pages, workflows."""
    if site_url is not None and not site_url.startswith(("https://", "http://")):
        raise click.BadParameter("give the whole address, starting with https://", param_hint="--site-url")
    if mode == "url" and site_url is None and not sample:
        raise click.UsageError("--schemas url points editors to the schemas the site publishes: give its "
                               "address with --site-url https://OWNER.github.io/REPOSITORY/ (or use --schemas local)")
    target = _target(folder)
    try:
        files = repository(mode=mode, site_url=site_url, with_sample=sample, today=build_date())
    except NoSample as exc:
        click.echo(f"Error: {exc}. Fix: install hcs-site from its wheel, or leave out --sample", err=True)
        sys.exit(EXIT_USAGE)
    write(files, target)
    shown = folder.as_posix()
    click.echo(f"wrote {len(files)} files into {shown}/ (hcs-site {__version__}, schemas: {mode})\n"
               f"next: cd {shown} && git init && hcs-site validate && hcs-site serve")
    if shutil.which("git") is None:
        click.echo("(git is not installed: the repository needs it to publish)", err=True)
