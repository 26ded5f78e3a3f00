"""`hcs-site pdf`: a course's expectations as a printable handout."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..check.pipeline import check_repository
from ..outputs import check_file
from ..render import links
from .common import EXIT_CONTENT, output_errors, pick, report_or_exit, repository_root, root_option


@click.command()
@click.argument("course_id")
@root_option
@click.option("--site-dir", type=click.Path(file_okay=False), default="site", show_default=True,
              help="The built site (relative to --root) to print from.")
@click.option("--lang", default=None, help="Language of the handout (default: the district's).")
@click.option("--out", "out", type=click.Path(dir_okay=False), default=None,
              help="The PDF to write (default: <course-id>[-<lang>].pdf).")
def pdf(course_id: str, root: str, site_dir: str, lang: str | None, out: str | None) -> None:
    """Print a course page of the built site to PDF with headless Chromium."""
    from ..adapters.pdf import PdfError, find_chromium, print_page

    repo = repository_root(root)
    result = check_repository(repo, portfolios=False)
    fw = result.framework
    if fw is None:
        report_or_exit(result, strict=False, what="pdf")
        raise click.UsageError("content/district.yml could not be read")
    course_id = pick(course_id, fw.course_index, "course", "COURSE_ID")
    default = fw.district.default_language
    lang = (lang or default).lower()
    if lang not in fw.district.languages:
        raise click.UsageError(f"language {lang} is not one of {', '.join(fw.district.languages)}")
    page = links.course_page(course_id)[: -len(".md")] + "/index.html"
    prefix = "" if lang == default else f"{lang}/"
    html_file = repo / site_dir / prefix / page
    name = links.anchor(course_id) + ("" if lang == default else f"-{lang}") + ".pdf"
    with output_errors("pdf"):  # never over a content file, a folder or a file that is not a PDF
        target = check_file(Path(out) if out else Path(name), repo, _is_pdf)
    chromium = find_chromium()
    if chromium is None:
        raise click.UsageError("Chromium is needed to print; install it (apt-get install chromium) "
                               "or set HCS_CHROMIUM to its path")
    try:
        print_page(html_file, target, chromium)
    except PdfError as exc:
        click.echo(f"pdf failed: {exc}", err=True)
        sys.exit(EXIT_CONTENT)
    click.echo(f"wrote {target}")


def _is_pdf(path: Path) -> bool:
    """An existing file `pdf` may replace: an earlier handout, never a course file or a page."""
    with path.open("rb") as fh:
        return fh.read(5) == b"%PDF-"
