"""load -> model -> check for a whole repository, in one pass that collects every problem."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..diagnostics import Loc, Report
from ..load import no_links
from ..load.discover import DISTRICT, PortfolioFiles, RepoFiles, discover
from ..load.text_limits import Budget
from ..load.yaml_reader import Document
from ..model.build_framework import FrameworkBuilder
from ..model.framework import Framework
from ..model.portfolio import Portfolio, build_evidence, build_portfolio
from ..model.standards_files import load_standards
from . import content_format
from .blame import BaseRevision
from .cache import FileCache, markdown_checked, yaml_checked
from .rules_artifacts import check_artifact_files
from .rules_consent import check_consent, check_district_settings
from .rules_framework import check_framework
from .rules_identity import check_identity
from .rules_names import check_keys, check_names
from .rules_portfolio import check_evidence, check_portfolio
from .rules_text import check_document, check_markdown_file
from .student_cache import Files as StudentFiles
from .student_cache import Judged, StudentCache
from .student_view import student_view, view_key

DEFAULT_TIMEZONE = "America/New_York"
TODAY_VARIABLE = "HCS_TODAY"


class BuildDateError(ValueError):
    """HCS_TODAY is set to something that is not a date: a usage error (exit 2), not content."""


def today_override() -> dt.date | None:
    """HCS_TODAY=YYYY-MM-DD, the day to judge consent on instead of today; None when unset."""
    value = os.environ.get(TODAY_VARIABLE)
    if value is None or value == "":
        return None
    try:
        if len(value) != 10:
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BuildDateError(f"{TODAY_VARIABLE}={value!r} is not a date; write it as YYYY-MM-DD, "
                             f"e.g. {TODAY_VARIABLE}=2026-10-15, or unset it") from None


def zone(name: str | None) -> ZoneInfo:
    """The district's time zone; the default when the name is unknown (its own error says so)."""
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def build_date(timezone: str | None = None) -> dt.date:
    """The day consent is judged on, in the district's time zone: HCS_TODAY when set; else today,
    or SOURCE_DATE_EPOCH's day when that is later.

    Never earlier than today: SOURCE_DATE_EPOCH is often the last commit (for a reproducible
    sitemap), and a rebuild in July of content last committed in May must still drop
    a portfolio whose consent expired on 30 June. In the district's zone, not the build
    machine's: a CI runner on UTC would otherwise publish a consent that expired at midnight in
    Georgia for five more hours.
    """
    override = today_override()
    if override is not None:
        return override
    tz = zone(timezone)
    today = dt.datetime.now(tz).date()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return max(today, dt.datetime.fromtimestamp(int(epoch), tz).date())
    return today


@dataclass
class CheckResult:
    root: Path
    files: RepoFiles
    report: Report
    framework: Framework | None
    portfolios: list[Portfolio] = field(default_factory=list)
    published: list[Portfolio] = field(default_factory=list)
    day: dt.date | None = None
    """The day consent was judged on."""
    folders: dict[str, str] = field(default_factory=dict)
    """Each student's key -> the digest of the files the check read (`StudentCache.folders`)."""


def _load(root: Path, rel: str, kind: str, report: Report, cache: FileCache | None = None) -> Document | None:
    doc, problems = yaml_checked(root, rel, kind, cache)
    report.extend(problems)
    if doc is not None:
        report.extend(check_document(doc, Budget()))
    return doc


def load_framework(root: Path, files: RepoFiles, report: Report, cache: FileCache | None = None,
                   base: BaseRevision | None = None) -> Framework | None:
    if files.district is None:
        other = root / DISTRICT.replace(".yml", ".yaml")
        hint = ("rename content/district.yaml to content/district.yml" if other.is_file() else
                "create it: it holds the scale, assessment types, programs and schools")
        report.error(Loc(DISTRICT, 0, 0), "missing-file", "content/district.yml is missing", hint)
    for rel in files.ignored:
        folder = rel.split("/")[1]
        what = "competency area" if folder == "competencies" else "course"
        report.warning(Loc(rel, 0, 0), "ignored-file", f"{rel} is not read",
                       f"{what} files go directly in content/{folder}/ and end in .yml")
    if files.district and not content_format.readable(root, files.district, report):
        return None  # written for another hcs-site: its fields would be judged by the wrong model
    district_doc = _load(root, files.district, "district", report, cache) if files.district else None
    area_docs = [d for rel in files.areas if (d := _load(root, rel, "area", report, cache))]
    course_docs = [d for rel in files.courses if (d := _load(root, rel, "course", report, cache))]
    if district_doc is None:
        return None
    unread: set[str] = set()
    if len(area_docs) < len(files.areas):
        unread.add("area")
    if len(course_docs) < len(files.courses):
        unread.add("course")
    builder = FrameworkBuilder()
    district = builder.district(district_doc)
    fw = Framework(district, [builder.area(d) for d in area_docs], [builder.course(d) for d in course_docs],
                   frozenset(unread), load_standards(root, report))
    check_framework(fw, report, base)
    check_district_settings(district, report)
    check_identity(root, district, report)
    return fw


def load_portfolios(root: Path, files: RepoFiles, fw: Framework | None, report: Report, today: dt.date,
                    cache: FileCache | None = None,
                    students: StudentCache | None = None) -> tuple[list[Portfolio], list[Portfolio]]:
    """Every student's folder judged against `fw`: the framework as the students' rules see it
    (`student_view`), which is what their cache entries are keyed on."""
    everyone: list[Portfolio] = []
    published: list[Portfolio] = []
    with_links = {rel.split("/")[1] for rel, _ in files.refused if rel.startswith("portfolios/")}
    check_keys([entry.key for entry in files.portfolios], report)
    by_file = None if students else cache  # a build reads each file once: serve's memory of files is no use
    for entry in files.portfolios:
        def judge(out: Report, read: StudentFiles, entry: PortfolioFiles = entry) -> Judged | None:
            return judge_student(root, entry, fw, out, today, by_file, read)

        linked = entry.key in with_links
        judged = students.judged(entry, linked, report, judge) if students else judge(report, [])
        if judged is None:
            continue
        portfolio, shaped = judged
        everyone.append(portfolio)
        reason = portfolio.skip_reason(today)
        if reason is None and linked:
            reason = "it holds a link to a file or folder (see the symlink error)"
        if reason:
            report.info(portfolio.loc(), "portfolio-skipped",
                        f"portfolio '{entry.key}' is not published: {reason}",
                        "nothing from this folder appears on the site")
        elif shaped:
            published.append(portfolio)
    if students:
        students.store_judged()
    return everyone, published


def judge_student(root: Path, entry: PortfolioFiles, fw: Framework | None, report: Report, today: dt.date,
                  cache: FileCache | None, read: StudentFiles) -> Judged | None:
    """One student's folder read and checked against the framework; the Markdown files it read
    are added to `read` (what `StudentCache` keeps of them)."""
    if entry.portfolio is None:
        report.error(Loc(f"portfolios/{entry.key}/portfolio.md", 0, 0), "missing-file",
                     f"portfolio folder '{entry.key}' has no portfolio.md",
                     "add portfolio.md with the student's front matter, or remove the folder")
        return None
    checked = markdown_checked(root, entry.portfolio, "portfolio", cache)
    md, problems, shape = checked
    report.extend(problems)
    if md is None:
        return None
    read.append((entry.portfolio, checked))
    report.extend(shape)
    report.extend(check_markdown_file(md.front, md.body, md.body_line))
    portfolio = build_portfolio(entry.key, md)
    artifact_files = set(entry.artifacts)
    for rel in entry.evidence:
        ev_checked = markdown_checked(root, rel, "evidence", cache)
        ev_md, ev_problems, ev_shape = ev_checked
        read.append((rel, ev_checked))
        report.extend(ev_problems)
        if ev_md is None:
            continue
        report.extend(ev_shape)
        report.extend(check_markdown_file(ev_md.front, ev_md.body, ev_md.body_line))
        evidence = build_evidence(PurePosixPath(rel).stem, ev_md)
        if fw is not None:
            check_evidence(fw, evidence, artifact_files, report)
        check_artifact_files(root, evidence, artifact_files, report)
        portfolio.evidence.append(evidence)
    if fw is not None:
        check_portfolio(fw, portfolio, report)
        check_consent(fw, portfolio, today, report)
    check_names(portfolio, entry.artifacts, report)
    return portfolio, not shape


@contextlib.contextmanager
def few_collections() -> Iterator[None]:
    """Loading builds many small, long-lived objects (positions of every value), and a build 20,000
    pages and files: the default thresholds run a full collection over all of them again and
    again, a tenth of the time."""
    old = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def check_repository(root: Path, portfolios: bool = True, today: dt.date | None = None,
                     cache: FileCache | None = None, base: BaseRevision | None = None) -> CheckResult:
    """Every problem of the repository; `cache` (serve) re-reads only files that changed; `base`
    (validate --base) puts a clash between two files on the one the change touched."""
    root = root.resolve()
    today_override()  # a wrong HCS_TODAY stops before anything is read
    with few_collections():
        files = discover(root, portfolios=portfolios)
        report = Report(files_checked=files.count())
        for rel, why in files.refused:
            report.error(Loc(rel, 1, 1), "symlink", f"{rel} is not read: {why}", no_links.FIX_HINT)
        fw = load_framework(root, files, report, cache, base)
        day = today or build_date(fw.district.timezone if fw else None)
        view = student_view(fw) if fw is not None else None  # all the students' rules may read of it
        students = (StudentCache(cache, root, day, view_key(view)) if cache is not None and cache.store is not None
                    else None)
        everyone, published = load_portfolios(root, files, view, report, day, cache, students)
    return CheckResult(root, files, report, fw, everyone, published, day, students.folders if students else {})
