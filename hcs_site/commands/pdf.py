"""`hcs-site pdf`: a course's expectations, or the whole catalog, as a handout a school can print."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from ..check.pipeline import build_date, check_repository
from ..outputs import UnsafeOutput, check_file
from ..render import links
from .common import EXIT_CONTENT, output_errors, pick, report_or_exit, repository_root, root_option

NO_CHROMIUM = ("pdf failed: Chromium, which prints the handouts, was not found; install it "
               "(sudo apt-get install chromium) or set HCS_CHROMIUM to its path")


@click.command()
@click.argument("course_id", required=False)
@root_option
@click.option("--all", "everything", is_flag=True, help="The whole catalog as one booklet, with a cover and contents.")
@click.option("--lang", default=None, help="Language of the handout (default: the district's).")
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None,
              help="The PDF to write (default: <course-id>[-<lang>].pdf, catalog[-<lang>].pdf with --all).")
def pdf(course_id: str | None, root: str, everything: bool, lang: str | None, out: str | None) -> None:
    """Print a course page, or with --all the catalog, to PDF, from the content as it is now."""
    from ..adapters import handout

    if everything == (course_id is not None):
        raise click.UsageError("name one course (hcs-site pdf MATH-7) or give --all for the catalog booklet")
    repo = repository_root(root)
    result = check_repository(repo, portfolios=False)
    fw = result.framework
    if fw is None:
        report_or_exit(result, strict=False, what="pdf")
        raise click.UsageError("content/district.yml could not be read")
    if course_id is not None:
        course_id = pick(course_id, fw.course_index, "course", "COURSE_ID")
    default = fw.district.default_language
    lang = (lang or default).lower()
    if lang not in fw.district.languages:
        raise click.BadParameter(f"the district publishes no language '{lang}'; use "
                                 f"{', '.join(fw.district.languages)}", param_hint="--lang")
    report_or_exit(result, strict=False, what="pdf")
    stem = links.anchor(course_id) if course_id else "catalog"
    name = stem + ("" if lang == default else f"-{lang}") + ".pdf"
    with output_errors("pdf"):  # never over a content file, a folder, a tracked file or a file that is not a PDF
        target = _target(Path(out) if out else Path(name), repo)
    config_file = repo / "mkdocs.yml"
    if not config_file.is_file():
        raise click.UsageError(f"{config_file} does not exist; the handout is printed from the site it configures")
    chromium = handout.find_chromium()
    if chromium is None:
        click.echo(NO_CHROMIUM, err=True)
        sys.exit(EXIT_CONTENT)
    job = handout.Job(result, config_file, lang, build_date(fw.district.timezone), chromium)
    try:
        data = handout.booklet(job) if course_id is None else handout.course_pdf(job, fw.course_index[course_id])
    except handout.PdfError as exc:
        click.echo(f"pdf failed: {exc}", err=True)
        sys.exit(EXIT_CONTENT)
    with output_errors("pdf"):
        handout.write(data, target)
    click.echo(f"wrote {target}")


def _target(path: Path, repo: Path) -> Path:
    """Where the PDF may go, checked before anything is printed (printing takes a while)."""
    target = check_file(path, repo, _is_pdf)
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise UnsafeOutput(f"refusing to write {path}: {folder} is a file, not a folder. Fix: choose a file "
                           "name in a folder (for example --out handouts/math-7.pdf)")
    if target.exists() and _tracked(target, repo):
        raise UnsafeOutput(f"refusing to write {path}: it is a file Git keeps in the repository. Fix: choose "
                           "a new file name, or one hcs-site pdf wrote before")
    return target


def _tracked(path: Path, repo: Path) -> bool:
    """Whether Git keeps `path` (in the repository around it): such a file is never replaced."""
    try:
        run = subprocess.run(["git", "-C", str(path.parent), "ls-files", "--error-unmatch", "--", path.name],
                             capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return run.returncode == 0


def _is_pdf(path: Path) -> bool:
    """An existing file `pdf` may replace: an earlier handout, never a course file or a page."""
    try:
        with path.open("rb") as fh:
            return fh.read(5) == b"%PDF-"
    except OSError:
        return False
