"""Shards of equal work: `--jobs N` and `--shard K/N` divide a site by pages, not by school.

The framework (default language) and each other language cannot be divided: they are placed
first, largest first, each into the least loaded shard. The students are then laid end to end,
school after school, and cut into the room each shard has left up to an equal share of the whole:
a school that holds most of the students is divided between shards, the others mostly stay whole
(a whole school keeps the short `portfolios:<school>` form). The plan is a function of the checked
content alone, so every CI job of `--shard K/N` computes the same one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..check.pipeline import CheckResult
from ..model.portfolio import Portfolio
from ..render import links
from ..selection import Selection, ShardError

COURSE_WEIGHT = 7.0
"""Build cost of a course page in the default language, with its JSON API and CASE files, in
portfolio pages (the unit). Measured with 300 courses (benchmarks/bench_build.py): about 40 ms a
course in English, 31 ms in Spanish, 6.3 to 7.4 ms a portfolio page."""
COURSE_WEIGHT_OTHER = 5.0
"""The same course page in another language."""
FIXED_WEIGHT = 135.0
"""What the default language's framework costs whatever the number of courses and pages: the pages
that list every course (home, catalog, areas, crosswalk, glossary) and the site-wide files of
fixed size it alone writes (theme assets, JSON Schemas). Measured with 30 courses and 300 students
(benchmarks/bench_build.py's mkdocs.yml, API on): `--shard framework:en` cost 4.4 s of CPU beyond
a shard of three students, 5.9 ms a portfolio page, 500 pages in all with `SITE_PAGE_WEIGHT`."""
SITE_PAGE_WEIGHT = 0.15
"""What the default language's framework adds for every page of the site: the sitemap (each page
with its translations) and the search index cover every page, and only that part writes them.
At 20,000 pages a plan without it gave the framework's part 1.19 to 1.25 times the CPU of the
other (`bench_build.py --pages 20000 --skew 0.9 --skew 1`): about 2,500 portfolio pages' worth
the 2,437-page measurement above could not see."""
FIXED_WEIGHT_OTHER = 130.0
"""The same for another language, which writes no site-wide files."""
STUDENT_PAGES = 2
"""A student's home page and mastery map; each piece of evidence adds one page."""
ARTIFACT_WEIGHT = 0.5
"""A published image or PDF (checked, re-encoded, copied): an estimate, not measured yet."""
MAX_PARTS = 256
_PART = re.compile(r"\s*(\d{1,6})\s*/\s*(\d{1,6})\s*")


@dataclass(frozen=True)
class StudentWork:
    """One student's pages: the unit a school is divided into."""

    school: str
    """The school's folder (`links.anchor`), as in `portfolios/<school>/`."""
    folder: str
    """The student's folder inside it."""
    weight: float


def student_work(published: Sequence[Portfolio]) -> list[StudentWork]:
    """Every published student with an estimate of their pages, school after school, in a fixed order."""
    work = [StudentWork(links.anchor(p.school), links.anchor(p.key),
                        STUDENT_PAGES + len(p.evidence) + ARTIFACT_WEIGHT * sum(len(e.artifacts) for e in p.evidence))
            for p in published]
    return sorted(work, key=lambda s: (s.school, s.folder))


def fixed_weights(courses: int, languages: Sequence[str], student_pages: float) -> dict[str, float]:
    """The weight of each indivisible part (a language's framework); the default language's grows
    with the pages of the whole site, which it alone lists in the sitemap."""
    pages = student_pages + courses * len(languages)
    weights = {languages[0]: courses * COURSE_WEIGHT + FIXED_WEIGHT + SITE_PAGE_WEIGHT * pages}
    return weights | {lang: courses * COURSE_WEIGHT_OTHER + FIXED_WEIGHT_OTHER for lang in languages[1:]}


def cut(loads: list[float], students: Sequence[StudentWork]) -> list[list[StudentWork]]:
    """`students` in order, cut into the room each shard has up to an equal share: each goes to the
    shard whose room holds the middle of its weight, so no shard ends more than one student's weight
    above or below its share. A shard whose fixed items alone exceed a share takes no student, and
    the share is that of the work left to the others."""
    total = sum(loads) + sum(s.weight for s in students)
    full: set[int] = set()  # shards whose fixed items alone exceed a share: the others share the rest
    while True:
        share = (total - sum(loads[k] for k in full)) / (len(loads) - len(full))
        over = {k for k, load in enumerate(loads) if k not in full and load > share}
        if not over or len(full | over) == len(loads):
            break
        full |= over
    room = [0.0 if k in full else max(0.0, share - load) for k, load in enumerate(loads)]
    parts: list[list[StudentWork]] = [[] for _ in loads]
    shard, before, laid = 0, 0.0, 0.0
    for student in students:
        middle = laid + student.weight / 2
        while shard < len(loads) - 1 and middle >= before + room[shard]:
            before += room[shard]
            shard += 1
        parts[shard].append(student)
        laid += student.weight
    return parts


def plan_parts(courses: int, students: Sequence[StudentWork], parts: int,
               languages: Sequence[str] = ("en",)) -> list[Selection]:
    """`parts` selections of about equal work (some empty when there is too little to divide)."""
    languages = list(languages) or ["en"]
    default = languages[0]
    loads = [0.0] * max(parts, 1)
    taken: list[set[str]] = [set() for _ in loads]
    fixed = fixed_weights(courses, languages, sum(s.weight for s in students))
    for weight, lang in sorted(((w, lang) for lang, w in fixed.items()), key=lambda i: (-i[0], i[1])):
        k = min(range(len(loads)), key=lambda b: (loads[b], b))
        loads[k] += weight
        taken[k].add(lang)
    school_size: dict[str, int] = {}
    for s in students:
        school_size[s.school] = school_size.get(s.school, 0) + 1
    head_of: dict[str, int] = {}
    out = []
    for k, chosen in enumerate(cut(loads, students)):
        count: dict[str, int] = {}
        for s in chosen:
            count[s.school] = count.get(s.school, 0) + 1
        whole = frozenset(school for school, n in count.items() if n == school_size[school])
        heads = frozenset(school for school in count if school not in whole and head_of.setdefault(school, k) == k)
        split = frozenset(f"{s.school}/{s.folder}" for s in chosen if s.school not in whole)
        out.append(Selection(default in taken[k], whole, frozenset(taken[k] - {default}), default,
                             students=split, heads=heads, part=(k + 1, len(loads))))
    return out


def plan(result: CheckResult, parts: int, languages: Sequence[str] = ("en",)) -> list[Selection]:
    """The plan of `--shard K/N` (N = `parts`), every part listed, empty ones included."""
    courses = len(result.framework.courses) if result.framework else 0
    return plan_parts(courses, student_work(result.published), parts, languages)


def jobs_plan(result: CheckResult, jobs: int, languages: Sequence[str] = ("en",)) -> list[Selection]:
    """The shards `--jobs` builds side by side: the plan of `jobs` parts without its empty ones
    (a small site has fewer pieces than workers), numbered again so that none counts as missing."""
    full = [s for s in plan(result, jobs, languages) if s.framework or s.languages or s.schools or s.students
            or s.heads]
    return [replace(s, part=(k, len(full))) for k, s in enumerate(full, 1)]


def read_spec(spec: str, result: CheckResult, languages: Sequence[str]) -> Selection:
    """A `--shard` value: `K/N`, part K of the plan of N parts of equal work, or a named shard."""
    m = _PART.fullmatch(spec)
    if m is None:
        if "/" in spec and not spec.strip().startswith(("framework", "portfolios")):
            raise ShardError(f"'{spec.strip()}' is not a part: write K/N with whole numbers, such as 1/3")
        schools = result.framework.district.school_index if result.framework else {}
        return Selection.parse(spec, schools, languages)
    k, n = int(m.group(1)), int(m.group(2))
    if not 1 <= n <= MAX_PARTS:
        raise ShardError(f"a site is split into 1 to {MAX_PARTS} parts, not {n}")
    if not 1 <= k <= n:
        raise ShardError(f"there is no part {k} of {n}: parts are numbered 1 to {n}")
    return plan(result, n, languages)[k - 1]
