"""`hcs-site import csv`: a committee's spreadsheet of objectives -> a course file in content/courses/."""

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
from ..import_.course_file import NewCourse, check_text, course_rel, updated_course_text
from ..import_.csv_import import import_objectives
from ..scaffold.schema_lines import schema_line
from ..scaffold.yaml_out import document
from ..scratch import write_atomic
from .common import EXIT_CONTENT, parse_grades, pick, repository_root, root_option


@click.group("import")
def import_() -> None:
    """Bring a committee's spreadsheet, or a state's CASE standards, into content/."""


@import_.command("csv")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--course", "course_id", required=True, help="The course the sheet's objectives belong to.")
@root_option
@click.option("--title", help="New course only: its title.")
@click.option("--area", help="New course only: the competency area ID it belongs to.")
@click.option("--grades", help='New course only: grades, e.g. "7", "9; 10", "9-12" or "K".')
@click.option("--credit", type=float, default=1.0, show_default=True, help="New course only: Carnegie units.")
@click.option("--programs", help="New course only: program IDs (default: the first program of district.yml).")
@click.option("--description", help="New course only: what a family should know (default: a TODO placeholder).")
@click.option("--force", is_flag=True, help="Replace the objectives of an existing course.")
@click.option("--dry-run", is_flag=True, help="Print the course file instead of writing it.")
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text", show_default=True,
              help="How to report problems in the sheet.")
def csv_(file: str, course_id: str, root: str, title: str | None, area: str | None, grades: str | None,
         credit: float, programs: str | None, description: str | None, force: bool, dry_run: bool,
         fmt: str) -> None:
    """Turn FILE, one row per Objective for Mastery, into the course's `objectives:`.

    An existing course (content/courses/) keeps every other field and comment; replacing its
    objectives needs --force. A new course needs --title, --area and --grades and starts as draft.
    Nothing is written unless the whole sheet is valid.
    """
    repo = repository_root(root)
    if not re.match(ID_PATTERN, course_id):
        raise click.BadParameter(f"'{course_id}' is not a valid ID", param_hint="--course")
    result = check_repository(repo, portfolios=False)
    fw = result.framework
    if fw is None:
        click.echo(REPORTERS[fmt](result.report), nl=False, err=True)
        sys.exit(EXIT_CONTENT)
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
    objectives, report = import_objectives(fw, course_id, Path(file).read_bytes(), file)
    if report.errors:
        click.echo(REPORTERS[fmt](report), nl=False, err=True)
        click.echo("import stopped: the sheet has errors; nothing was written", err=True)
        sys.exit(EXIT_CONTENT)
    if course is not None:
        rel = course.path
        original = (repo / rel).read_text(encoding="utf-8")
        text = updated_course_text(original, course, objectives)
    else:
        rel = course_rel(course_id)
        original = None
        spec = NewCourse(course_id, title or "", area or "", parse_grades(grades or ""), credit,
                         programs=re.split(r"[;,\s]+", programs.strip()) if programs else None,
                         description=description or "")
        text = document(spec.data(fw, objectives), schema_line(repo, rel, "course"))
    check = Report(files_checked=1)
    check.extend(check_text(fw, "course", rel, text))
    if check.diagnostics:
        click.echo(REPORTERS[fmt](check), nl=False, err=True)
    if check.errors:
        click.echo(f"import stopped: {rel} would not be valid; nothing was written", err=True)
        sys.exit(EXIT_CONTENT)
    if dry_run:
        click.echo(text, nl=False)
        return
    target = repo / rel
    if original is not None and text == original:
        click.echo(f"{rel} already has these {len(objectives)} objectives; nothing to do")
        return
    if target.exists() and not force:
        what = f"already has {len(course.objectives)} objectives" if course else "already exists"
        click.echo(f"{rel} {what}; pass --force to replace them with the sheet's {len(objectives)} "
                   "(or --dry-run to see the result first)", err=True)
        sys.exit(EXIT_CONTENT)
    write_atomic(target, text)
    click.echo(f"wrote {rel}: {len(objectives)} objectives from {file}")


def _register_case() -> None:
    from .import_case import case

    import_.add_command(case)


_register_case()
