"""`hcs-site import csv`: spreadsheets (one sheet, or the folder export csv wrote) into content/."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from ..check.pipeline import check_repository
from ..check.references import resolve
from ..check.reporters import REPORTERS
from ..check.schema_defs import ID_PATTERN
from ..diagnostics import Report
from ..import_.course_file import NewCourse, course_rel
from ..import_.csv_import import import_objectives
from ..import_.framework_target import FileChange, Target
from ..import_.yaml_patch import cleaned
from ..model.framework import Framework
from ..scaffold.schema_lines import schema_line
from ..scaffold.yaml_out import document
from .common import EXIT_CONTENT, parse_grades, pick, repository_root, root_option
from .import_sheets import SHEET_NAMES, finish, import_folder, sheet_files


@click.group("import")
def import_() -> None:
    """Bring a committee's spreadsheet, or a state's CASE standards, into content/."""


@import_.command("csv")
@click.argument("file", type=click.Path(exists=True))
@click.option("--course", "course_id", help="The course an objectives sheet belongs to (not needed for a "
              "folder written by export csv, where each sheet is named for its course).")
@root_option
@click.option("--title", help="New course only: its title.")
@click.option("--area", help="New course only: the competency area ID it belongs to.")
@click.option("--grades", help='New course only: grades, e.g. "7", "9; 10", "9-12" or "K".')
@click.option("--credit", type=float, default=1.0, show_default=True, help="New course only: Carnegie units.")
@click.option("--programs", help="New course only: program IDs (default: the first program of district.yml).")
@click.option("--description", help="New course only: what a family should know (default: a TODO placeholder).")
@click.option("--force", is_flag=True, help="Change existing files (without it, only new files are written).")
@click.option("--dry-run", is_flag=True, help="Print what would change (as hcs-site diff does) and write nothing.")
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True,
              help="How to report problems in the sheet.")
def csv_(file: str, course_id: str | None, root: str, title: str | None, area: str | None,
         grades: str | None, credit: float, programs: str | None, description: str | None, force: bool,
         dry_run: bool, fmt: str) -> None:
    """Bring spreadsheets into content/, editing the files in place.

    FILE is the folder `hcs-site export csv` wrote (every sheet in it), one of its framework
    sheets (areas.csv, competencies.csv, indicators.csv, courses.csv), or an objectives sheet with
    --course. Only the values that changed are rewritten: comments, wrapping and order stay.
    Changing an existing file needs --force. A new course from an objectives sheet alone needs
    --title, --area and --grades and starts as draft. Nothing is written unless every sheet is valid.
    """
    repo = repository_root(root)
    path = Path(file)
    if path.is_dir() or (course_id is None and path.name in SHEET_NAMES):
        if any((title, area, grades, programs, description)):
            raise click.UsageError("--title, --area, --grades, --programs and --description are for one "
                                   "objectives sheet; in courses.csv, each course has its own columns")
        files = sheet_files(path) if path.is_dir() else [path]
        if not files:
            raise click.UsageError(f"{file} holds no sheet that export csv writes (areas.csv, courses.csv, "
                                   "objectives/<COURSE-ID>.csv, ...)")
        fw = _framework(repo, fmt)
        changes, report = import_folder(repo, fw, files)
        _stop_on_errors(report, fmt)
        finish(repo, fw, changes, fmt, dry_run=dry_run, force=force, source=file,
               nothing="nothing to do: the files already hold what the sheets say",
               refusal="{files} would change; pass --force to write them (or --dry-run to see the "
                       "changes first)")
        return
    if course_id is None and path.parent.name == "objectives":
        course_id = path.stem  # objectives/MATH-7.csv, as export csv names it
    if course_id is None:
        raise click.UsageError("an objectives sheet needs --course (the course its objectives belong to); "
                               "a folder written by export csv needs no options")
    if not re.match(ID_PATTERN, course_id):
        raise click.BadParameter(f"'{course_id}' is not a valid ID", param_hint="--course")
    fw = _framework(repo, fmt)
    course_id = resolve(course_id, fw.course_index) or course_id  # `econ` is ECON, as everywhere
    course = fw.course_index.get(course_id)
    if course is None and area:
        area = pick(area, fw.area_index, "competency area", "--area")
    new_fields = {"--title": title, "--area": area, "--grades": grades}
    if course is not None and any(v for v in new_fields.values()):
        given = ", ".join(k for k, v in new_fields.items() if v)
        raise click.UsageError(f"course {course_id} exists ({course.path}); its fields are edited there, "
                               f"not with {given}")
    if course is None:
        missing = [k for k, v in new_fields.items() if not v]
        if missing:
            raise click.UsageError(f"course {course_id} is not in content/courses/; to create it, give "
                                   + ", ".join(missing))
    objectives, report = import_objectives(fw, course_id, path.read_bytes(), file)
    _stop_on_errors(report, fmt)
    if course is not None:
        target = Target(fw, Report())
        target.apply_objectives(course_id, objectives)
        changes = [c for c in target.changes(repo) if c.rel == course.path]
        rel, what = course.path, f"already has {len(course.objectives)} objectives"
    else:
        rel, what = course_rel(course_id), "already exists"
        spec = NewCourse(course_id, title or "", area or "", parse_grades(grades or ""), credit,
                         programs=re.split(r"[;,\s]+", programs.strip()) if programs else None,
                         description=description or "")
        changes = [FileChange(rel, "course", None, document(cleaned(spec.data(fw, objectives)),
                                                          schema_line(repo, rel, "course")))]
        if (repo / rel).exists() and not force:
            click.echo(f"{rel} already exists; pass --force to replace it", err=True)
            sys.exit(EXIT_CONTENT)
    finish(repo, fw, changes, fmt, dry_run=dry_run, force=force, source=file,
           nothing=f"{rel} already has these {len(objectives)} objectives; nothing to do",
           refusal=f"{rel} {what}; pass --force to replace them with the sheet's {len(objectives)} "
                   "(or --dry-run to see the result first)")
    if not dry_run and changes and (force or changes[0].original is None):
        click.echo(f"{len(objectives)} objectives from {file}")


def _framework(repo: Path, fmt: str) -> Framework:
    result = check_repository(repo, portfolios=False)
    if result.framework is None:
        click.echo(REPORTERS[fmt](result.report), nl=False, err=True)
        sys.exit(EXIT_CONTENT)
    return result.framework


def _stop_on_errors(report: Report, fmt: str) -> None:
    if report.errors:
        click.echo(REPORTERS[fmt](report), nl=False, err=True)
        click.echo("import stopped: the sheet has errors; nothing was written", err=True)
        sys.exit(EXIT_CONTENT)


def _register_case() -> None:
    from .import_case import case

    import_.add_command(case)


_register_case()
