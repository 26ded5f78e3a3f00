"""Course handouts and the catalog booklet as PDF, printed from the content as it is now.

A handout never prints a `site/` built earlier (a credit changed since would print the old value):
the pages are built from the checked content into a temporary folder, by the same build session
as `hcs-site build`, framework pages only, in the handout's language. Student work is left out:
paper cannot be withdrawn when a consent ends. Chromium (over DevTools, `cdp`) prints each page
with a header and a footer; the PDF is then rebuilt by `pdf_clean`, as a student's PDF would be
(no script, no actions, no attachments, no dates or producer), and written atomically.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs import exceptions
from mkdocs.config import load_config

from .. import scratch
from ..check.artifact_problem import ArtifactProblem
from ..check.pdf_clean import clean_pdf
from ..check.pdf_read import verify
from ..check.pipeline import CheckResult
from ..model.framework import Course, Framework
from ..render import handout, links
from ..selection import Selection
from . import booklet_pdf
from .cdp import Browser, BrowserError
from .driver import build_shard
from .session import build_date

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
PAPER = {"paperWidth": 8.5, "paperHeight": 11, "marginTop": 0.75, "marginBottom": 0.75,
         "marginLeft": 0.6, "marginRight": 0.6}
"""US Letter, as a Georgia district's printers are loaded; the header and footer sit in the margins."""
HANDOUT_PAGE = "index.hcs-handout.html"
"""The printed copy of a page, beside it so that its stylesheets and scripts load the same."""


class PdfError(Exception):
    """The handout could not be made; the message says why in one sentence."""


def find_chromium() -> str | None:
    configured = os.environ.get("HCS_CHROMIUM")
    if configured:
        return configured if Path(configured).is_file() and os.access(configured, os.X_OK) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass(frozen=True)
class Job:
    """One printing run: what is printed, in which language, on which day, by which browser."""

    result: CheckResult
    config_file: Path
    lang: str
    today: dt.date
    chromium: str

    @property
    def fw(self) -> Framework:
        assert self.result.framework is not None
        return self.result.framework

    @property
    def default(self) -> bool:
        return self.lang == self.fw.district.default_language

    @property
    def printed(self) -> str:
        return handout.date_words(self.today, self.lang)

    @property
    def district(self) -> str:
        return self.fw.district.name.text(self.lang)


@dataclass(frozen=True)
class Scratch:
    pages: Path
    """The built pages of the handout's language (the root of its site)."""
    work: Path
    """The run's temporary folder: the browser's profile goes here too."""


@contextmanager
def built_pages(job: Job) -> Iterator[Scratch]:
    """The framework pages of `job.lang`, built now from the checked content, in a temporary folder
    that is removed on every way out."""
    spec = f"framework:{job.lang}"  # that language alone, without student work
    languages = [job.fw.district.default_language, *[x for x in job.fw.district.languages
                                                       if x != job.fw.district.default_language]]
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with scratch.system_temporary("pdf") as work:
            site = work / "site"
            try:
                build_shard(job.result, job.config_file, site, False,
                            Selection.parse(spec, [], languages), build_date=build_date(job.result.root))
            except (exceptions.Abort, exceptions.ConfigurationError, exceptions.BuildError,
                    exceptions.PluginError) as exc:
                raise PdfError(f"the pages could not be built: {exc}") from exc
            yield Scratch(site if job.default else site / job.lang, work)
    finally:
        logger.setLevel(level)


def site_address(config_file: Path, edition: str) -> str:
    """The address of this edition's root on the web ('' when mkdocs.yml has no site_url): with
    mike, editions live under `<site_url>/<edition>/`."""
    config = load_config(config_file=str(config_file))
    base = str(config.site_url or "")
    if not base:
        return ""
    base = base if base.endswith("/") else base + "/"
    extra: dict[str, Any] = dict(config.extra or {})
    version = extra.get("version") or {}
    if isinstance(version, dict) and version.get("provider") == "mike" and edition:
        base += edition + "/"
    return base


def _options(header: str, footer: str, outline: bool) -> dict[str, Any]:
    return {**PAPER, "displayHeaderFooter": True, "headerTemplate": header, "footerTemplate": footer,
            "printBackground": True, "preferCSSPageSize": False, "generateDocumentOutline": outline,
            "generateTaggedPDF": outline}


def _course_page(pages: Path, course: Course, job: Job, site: str) -> Path:
    """The course's built page with its link notes, written beside it for printing."""
    rel = links.course_page(course.id)[: -len(".md")] + "/"
    page = pages / rel / "index.html"
    if not page.is_file():
        raise PdfError(f"the build made no page for {course.id}")
    prefix = "" if job.default else f"{job.lang}/"
    address = (site or "https://site.invalid/") + prefix + rel
    try:
        marked = handout.with_link_notes(page.read_text(encoding="utf-8"), address,
                                         site + prefix if site else "https://site.invalid/" + prefix, job.lang)
    except handout.LayoutUnknown as exc:
        raise PdfError(f"{course.id}: {exc}") from exc
    printed = page.parent / HANDOUT_PAGE
    printed.write_text(marked, encoding="utf-8")
    return printed


def _clean(data: bytes) -> bytes:
    try:
        return clean_pdf(data).data
    except ArtifactProblem as exc:
        raise PdfError(f"the printed PDF could not be checked: {exc}") from exc


def course_pdf(job: Job, course: Course) -> bytes:
    """One course as a handout: every page headed with the district, edition and course, and
    footed with the print date and "Page x of y"."""
    site = site_address(job.config_file, job.fw.district.edition)
    header = handout.header_template(job.district, job.fw.district.edition,
                                     handout.course_label(course, job.lang), job.lang)
    footer = handout.footer_template(job.printed, job.lang)
    with built_pages(job) as built:
        page = _course_page(built.pages, course, job, site)
        with _browser(job, built) as browser:
            data = browser.print_pdf(page, _options(header, footer, True))
    return _clean(data)


def booklet(job: Job) -> bytes:
    """Every course of the catalog: a cover, the contents with page numbers (and bookmarks), then
    each course with its own header; page numbers run over the whole booklet."""
    fw, w = job.fw, handout.words(job.lang)
    site = site_address(job.config_file, fw.district.edition)
    courses = handout.course_order(fw)
    if not courses:
        raise PdfError("the catalog has no course to print")
    footer = handout.footer_template(job.printed, job.lang, numbered=False)
    parts: list[bytes] = []
    with built_pages(job) as built, _browser(job, built) as browser:
        pages = built.pages
        for course in courses:
            header = handout.header_template(job.district, fw.district.edition,
                                             handout.course_label(course, job.lang), job.lang)
            parts.append(_clean(browser.print_pdf(_course_page(pages, course, job, site),
                                                  _options(header, footer, False))))
        counts = [booklet_pdf.page_count(p) for p in parts]
        shell = (pages / links.course_page(courses[0].id)[: -len(".md")] / "index.html").read_text(encoding="utf-8")
        front_file = pages / links.course_page(courses[0].id)[: -len(".md")] / "booklet.hcs-handout.html"
        header = handout.header_template(job.district, fw.district.edition, w["catalog"], job.lang)
        front_pages, front = 2, b""
        for _ in range(4):  # the contents' length decides where the courses start, and back
            starts = [front_pages + 1 + sum(counts[:i]) for i in range(len(courses))]
            entries = [(handout.course_label(c, job.lang), s) for c, s in zip(courses, starts, strict=True)]
            front_file.write_text(handout.booklet_front(shell, job.district, fw.district.edition, job.printed,
                                                        job.lang, entries), encoding="utf-8")
            front = browser.print_pdf(front_file, _options(header, footer, False))
            if booklet_pdf.page_count(front) == front_pages:
                break
            front_pages = booklet_pdf.page_count(front)
        else:
            raise PdfError("the contents did not settle on a number of pages")
    marks = [(w["contents"], 1), *[(label, s - 1) for label, s in entries]]
    data = booklet_pdf.join([_clean(front), *parts], marks, w["page"], job.lang)
    left = verify(data)  # each part was rebuilt by pdf_clean; the joined file must still hold nothing active
    if left:
        raise PdfError(f"the booklet holds {left[0]}, which a handout must not")
    return data


@contextmanager
def _browser(job: Job, built: Scratch) -> Iterator[Browser]:
    try:
        with Browser(job.chromium, built.work / "profile") as browser:
            yield browser
    except BrowserError as exc:
        raise PdfError(str(exc)) from exc


def write(data: bytes, target: Path) -> None:
    """The PDF in place of `target`, atomically, with the usual permissions (0644 for a new file)."""
    try:
        with scratch.file_errors(target):
            scratch.write_atomic(target, data)
    except OSError as exc:  # not the disk's fault (a folder that takes no files, such as /proc): still a sentence
        raise scratch.WriteFailed(f"could not write {target}: {exc.strerror or exc}") from exc
