"""`hcs-site import csv` for a whole export: the framework sheets, then the objectives sheets, and
the one way every import ends (checked, shown as `hcs-site diff` would, or written in place)."""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

import click

from ..check.reporters import REPORTERS
from ..diagnostics import Loc, Report
from ..diff.compare import compare
from ..diff.format import as_text
from ..diff.model import Side
from ..export.csv_layout import read_sheet
from ..import_.course_file import check_texts
from ..import_.csv_import import import_objectives
from ..import_.framework_sheets import KINDS, FrameworkSheet
from ..import_.framework_target import FileChange, Target
from ..model.framework import Framework
from ..outputs import UnsafeOutput
from ..scratch import file_errors, write_atomic
from .common import EXIT_CONTENT

SHEET_NAMES = {f"{kind}.csv": kind for kind in KINDS}
_CONTENT_FILE = re.compile(r"content/(?:competencies|courses)/[^/\\]+\.ya?ml")


def import_folder(repo: Path, fw: Framework, files: list[Path]) -> tuple[list[FileChange], Report]:
    """The framework sheets among `files` (by name: areas.csv ...) first, then every objectives
    sheet (`objectives/<COURSE-ID>.csv`, the course named by the file)."""
    report = Report(files_checked=len(files))
    target = Target(fw, report)
    by_kind = {SHEET_NAMES[f.name]: f for f in files if f.name in SHEET_NAMES}
    for kind in KINDS:
        if kind in by_kind:
            path = by_kind[kind]
            sheet = read_sheet(path.read_bytes(), str(path), report)
            if sheet is None:
                continue
            checker = FrameworkSheet(fw, kind, sheet, report)
            if checker.read_layout():
                getattr(target, f"apply_{kind}")(checker)
    objective_files = [f for f in files if f.name not in SHEET_NAMES]
    if report.errors or not objective_files:
        return ([] if report.errors else target.changes(repo)), report
    sheets_fw = target.framework()
    for path in objective_files:
        course_id = next((c for c in target.courses if c.lower() == path.stem.lower()), path.stem)
        if course_id not in target.courses:
            report.error(_loc(path), "unknown-ref", f"the sheet is named for course '{course_id}', which is "
                         "not in content/courses/ nor in courses.csv", "name the file objectives/<COURSE-ID>.csv")
            continue
        objectives, found = import_objectives(sheets_fw, course_id, path.read_bytes(), str(path))
        report.extend(found.diagnostics)
        if not found.errors:
            target.apply_objectives(course_id, objectives)
    new_courses = [c for c in target.courses if c not in target.course_paths
                   and not any(f.stem == c for f in objective_files)]
    for course_id in new_courses:
        report.error(_loc(by_kind.get("courses", Path("courses.csv"))), "csv-missing-sheet",
                     f"course {course_id} is new but has no objectives sheet",
                     f"add objectives/{course_id}.csv with its Objectives for Mastery")
    return ([] if report.errors else target.changes(repo)), report


def _loc(path: Path) -> Loc:
    return Loc(str(path), 1, 0)


def sheet_files(folder: Path) -> list[Path]:
    """The sheets of an export folder, in a stable order."""
    found = [folder / name for name in SHEET_NAMES if (folder / name).is_file()]
    objectives = folder / "objectives"
    if objectives.is_dir():
        found += sorted(p for p in objectives.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
    return found


def changed_lines(before: str, after: str) -> int:
    """Lines a reviewer sees change: a rewritten line counts once, an added or removed one once."""
    ops = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")


def content_target(repo: Path, rel: str) -> Path:
    """The file to write, only ever an area or course file inside this repository's content/."""
    target = repo / rel
    content = (repo / "content").resolve()
    resolved = target.resolve()
    if not _CONTENT_FILE.fullmatch(rel) or resolved.parent.parent != content or target.is_symlink():
        raise UnsafeOutput(f"refusing to write {rel}: import csv writes only content/competencies/*.yml "
                           "and content/courses/*.yml files. Fix: check the course or area ID")
    return resolved


def finish(repo: Path, fw: Framework, changes: list[FileChange], fmt: str, *, dry_run: bool, force: bool,
           source: str, nothing: str, refusal: str) -> None:
    """Check what the files would hold; show it (--dry-run) or write it; exit 1 on a problem."""
    check = Report(files_checked=len(changes))
    problems, new_fw = check_texts(fw, [(c.kind, c.rel, c.text) for c in changes])
    check.extend(problems)
    if check.diagnostics:
        click.echo(REPORTERS[fmt](check), nl=False, err=True)
    if check.errors:
        names = ", ".join(c.rel for c in changes)
        click.echo(f"import stopped: {names} would not be valid; nothing was written", err=True)
        sys.exit(EXIT_CONTENT)
    if not changes:
        click.echo(nothing)
        return
    if dry_run:
        edition = fw.district.edition
        click.echo(as_text(compare(fw, new_fw, Side("content/", None, edition), Side(source, None, edition))),
                   nl=False)
        for c in changes:
            if c.original is None:
                click.echo(f"{c.rel}: new file, {len(c.text.splitlines())} lines")
            else:
                n = changed_lines(c.original, c.text)
                click.echo(f"{c.rel}: {n} line{'' if n == 1 else 's'} would change" + (
                    "" if c.in_place else " (written afresh: its comments and layout would not be kept)"))
        click.echo("dry run: nothing was written")
        return
    existing = [c.rel for c in changes if c.original is not None]
    if existing and not force:
        click.echo(refusal.format(files=", ".join(existing)), err=True)
        sys.exit(EXIT_CONTENT)
    for c in changes:
        if not c.in_place:
            click.echo(f"note: {c.rel} could not be edited in place and is written afresh from its data: "
                       "its comments and layout are not kept", err=True)
        target = content_target(repo, c.rel)
        with file_errors(target):
            write_atomic(target, c.text)
        if c.original is None:
            click.echo(f"wrote {c.rel}")
        else:
            n = changed_lines(c.original, c.text)
            click.echo(f"updated {c.rel} ({n} line{'' if n == 1 else 's'} changed)")
