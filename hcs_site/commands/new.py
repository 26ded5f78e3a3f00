"""`hcs-site new area|course|portfolio|evidence`: start a file that already validates.

(The files' text is in scaffold/: templates filled by `scaffold.framework_files` and
`scaffold.student_files`.)

The comments in the scaffold teach every field, so a teacher or a student never has to look up
the content model to fill it in. Consent starts as `publish: false`: nothing a new folder holds
is published until a guardian has agreed. Existing files are never overwritten.
"""

from __future__ import annotations

import re
import secrets
import sys
from pathlib import Path
from typing import Any

import click

from ..check.pipeline import build_date, check_repository
from ..check.references import resolve
from ..check.url_names import SLUG_HINT, key_problem, slug_problem
from ..load.files import load_markdown_file
from ..model.framework import Framework
from ..scaffold.schema_lines import schema_line
from ..scaffold.student_files import evidence_text, portfolio_text
from ..scratch import create_exclusive
from .common import EXIT_CONTENT, parse_grades, pick, repository_root, root_option

DEFAULT_GRADE = {"elementary": 3, "middle": 6, "high": 9}


def check_key(key: str) -> str:
    """An opaque folder key, by the rule `validate` enforces (check/url_names.py)."""
    problem = key_problem(key)
    if problem:
        raise click.BadParameter(f"{problem}; leave KEY out to get a random one", param_hint="KEY")
    return key


def check_slug(slug: str) -> str:
    problem = slug_problem(slug)
    if problem:
        raise click.BadParameter(f"{problem}; {SLUG_HINT}", param_hint="SLUG")
    return slug


def random_key(repo: Path) -> str:
    """`p-` and six hex digits: opaque, short, and not yet taken."""
    while True:
        key = f"p-{secrets.token_hex(3)}"
        if key_problem(key) is None and not (repo / "portfolios" / key).exists():
            return key


def _framework(root: Path) -> Framework:
    result = check_repository(root, portfolios=False)
    if result.framework is None:
        click.echo("content/district.yml cannot be read; run hcs-site validate", err=True)
        sys.exit(EXIT_CONTENT)
    return result.framework


def _refuse(path: Path, root: Path) -> None:
    if path.exists():
        click.echo(f"{path.relative_to(root).as_posix()} already exists; nothing was written "
                   "(hcs-site new never overwrites a file)", err=True)
        sys.exit(EXIT_CONTENT)


@click.group()
def new() -> None:
    """Start a new competency area, course, portfolio or piece of evidence from a commented template."""


@new.command()
@click.argument("key", required=False)
@click.option("--school", help="The school's id (default: the first school of district.yml).")
@click.option("--grade", help='"K" or 1-12 (default: a grade of the school\'s level).')
@root_option
def portfolio(key: str | None, school: str | None, grade: str | None, root: str) -> None:
    """Create portfolios/KEY/portfolio.md and its evidence/ folder (KEY: an opaque id; random if left out)."""
    repo = repository_root(root)
    fw = _framework(repo)
    schools = {s.id: s for s in fw.district.schools}
    if not schools:
        raise click.UsageError("content/district.yml lists no schools")
    if school is not None:
        school = pick(school, schools, "school", "--school")
    chosen = schools[school] if school else fw.district.schools[0]
    value: str | int = DEFAULT_GRADE.get(chosen.level, 1)
    if grade is not None:
        grades = parse_grades(grade, "--grade")
        if len(grades) != 1:
            raise click.BadParameter('a student is in one grade: use "K" or a number from 1 to 12',
                                     param_hint="--grade")
        value = grades[0]
    folder = repo / "portfolios" / check_key(key or random_key(repo))
    _refuse(folder, repo)
    (folder / "evidence").mkdir(parents=True)
    (folder / "evidence" / ".gitkeep").write_text("", encoding="utf-8")
    target = folder / "portfolio.md"
    if not create_exclusive(target, portfolio_text(fw, chosen.id, value, build_date())):  # never overwrite
        _refuse(target, repo)
    click.echo(f"wrote {target.relative_to(repo).as_posix()}; it stays unpublished until consent is given")


@new.command()
@click.argument("key")
@click.argument("slug")
@click.option("--course", "course_id", help="The course id (default: the first in-progress course of the plan).")
@root_option
def evidence(key: str, slug: str, course_id: str | None, root: str) -> None:
    """Create portfolios/KEY/evidence/SLUG.md."""
    repo = repository_root(root)
    folder = repo / "portfolios" / key
    if not (folder / "portfolio.md").is_file():
        raise click.UsageError(f"portfolios/{key}/portfolio.md does not exist; "
                               f"create it with: hcs-site new portfolio {key}")
    target = folder / "evidence" / f"{check_slug(slug)}.md"
    _refuse(target, repo)
    fw = _framework(repo)
    if course_id is None:
        course_id = _plan_course(repo, f"portfolios/{key}/portfolio.md", fw)
    if course_id is None:
        raise click.BadParameter("no course to start from; give one with --course ID", param_hint="--course")
    course = fw.course_index[pick(course_id, fw.course_index, "course", "--course")]
    if not course.objectives:
        raise click.BadParameter(f"course {course.id} has no objectives yet; choose another course",
                                 param_hint="--course")
    if not create_exclusive(target, evidence_text(fw, course, slug, build_date())):  # never overwrite
        _refuse(target, repo)
    click.echo(f"wrote {target.relative_to(repo).as_posix()}")


def _plan_course(repo: Path, rel: str, fw: Framework) -> str | None:
    """The first in-progress course of the learning path, else its first course, else any course."""
    md, _problems = load_markdown_file(repo, rel)
    plan: list[Any] = md.front.data.get("plan") or [] if md and isinstance(md.front.data, dict) else []
    entries = [p for p in plan if isinstance(p, dict) and p.get("course") in fw.course_index]
    current = [p for p in entries if p.get("status") == "in-progress"] or entries
    if current:
        return str(current[0]["course"])
    active = [c for c in fw.courses if c.status != "retired" and c.objectives]
    return active[0].id if active else None


# -- `new area` and `new course` -----------------------------------------------------------------


def _new_id(fw: Framework, item_id: str, param: str) -> str:
    from ..check.schema_defs import ID_PATTERN

    if not re.match(ID_PATTERN, item_id):
        raise click.BadParameter(f"'{item_id}' is not a valid ID: use letters, digits, '.', '-' and '_', "
                                 "starting with a letter (e.g. MATH, MATH-9)", param_hint=param)
    taken = {known.lower(): known for known in (*fw.index, *fw.area_index)}
    if item_id.lower() in taken:  # IDs differing only in capitals would be one page address
        raise click.BadParameter(f"ID '{taken[item_id.lower()]}' is already used in the framework; an ID is "
                                 "forever, choose a new one", param_hint=param)
    return item_id


def _programs(fw: Framework, value: str) -> list[str]:
    """IDs or titles, separated by commas or semicolons (IDs also by spaces)."""
    index = fw.district.program_index
    found: list[str] = []
    for part in (p.strip() for p in re.split(r"[;,]", value) if p.strip()):
        words = [part] if resolve(part, index) else part.split()
        found += [pick(w, index, "program", "--programs") for w in words]
    return list(dict.fromkeys(found))


def _write_checked(repo: Path, fw: Framework, kind: str, rel: str, text: str) -> None:
    from ..check.reporters import REPORTERS
    from ..diagnostics import Report
    from ..import_.course_file import check_text

    target = repo / rel
    _refuse(target, repo)
    report = Report(files_checked=1)
    report.extend(check_text(fw, kind, rel, text))
    if report.errors:  # a bug in the scaffold, or options the framework does not know
        click.echo(REPORTERS["text"](report), nl=False, err=True)
        click.echo(f"{rel} would not be valid; nothing was written", err=True)
        sys.exit(EXIT_CONTENT)
    if not create_exclusive(target, text):
        _refuse(target, repo)
    click.echo(f"wrote {rel}; replace every TODO, then run hcs-site validate")


@new.command()
@click.argument("area_id", metavar="ID")
@click.option("--title", required=True, help="The area's title, e.g. 'Fine Arts'.")
@click.option("--kind", type=click.Choice(["content", "cross-curricular"]), default="content", show_default=True)
@click.option("--file", "file_name", help="File name in content/competencies/ (default: the ID in lowercase).")
@root_option
def area(area_id: str, title: str, kind: str, file_name: str | None, root: str) -> None:
    """Create content/competencies/<id>.yml: a draft competency area that validates clean."""
    from ..scaffold.framework_files import area_yaml

    repo = repository_root(root)
    fw = _framework(repo)
    _new_id(fw, area_id, "ID")
    name = file_name or f"{area_id.lower()}.yml"
    if not re.match(r"^[a-z0-9][a-z0-9._-]*\.ya?ml$", name):
        raise click.BadParameter("use a lowercase file name ending in .yml", param_hint="--file")
    rel = f"content/competencies/{name}"
    _write_checked(repo, fw, "area", rel, area_yaml(fw, area_id, title, kind, schema_line(repo, rel, "area")))


@new.command()
@click.argument("course_id", metavar="ID")
@click.option("--title", required=True, help="The course's title, e.g. 'Grade 9 Mathematics'.")
@click.option("--area", "area_id", required=True, help="The competency area ID it belongs to.")
@click.option("--grades", required=True, help='Grades: "7", "9; 10", "9-12" or "K".')
@click.option("--credit", type=float, default=1.0, show_default=True, help="Carnegie units; 0 allowed.")
@click.option("--programs", help="Program IDs (default: the first program of district.yml).")
@root_option
def course(course_id: str, title: str, area_id: str, grades: str, credit: float, programs: str | None,
           root: str) -> None:
    """Create content/courses/<id>.yml: a draft course with three placeholder objectives."""
    from ..import_.course_file import course_rel
    from ..scaffold.framework_files import course_yaml
    repo = repository_root(root)
    fw = _framework(repo)
    _new_id(fw, course_id, "ID")
    area_id = pick(area_id, fw.area_index, "competency area", "--area")
    chosen = _programs(fw, programs) if programs else [p.id for p in fw.district.programs[:1]]
    rel = course_rel(course_id)
    text = course_yaml(fw, course_id, title, area_id, parse_grades(grades), credit, chosen,
                       schema_line(repo, rel, "course"))
    _write_checked(repo, fw, "course", rel, text)
