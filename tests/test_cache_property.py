"""Proof that a cached build equals a clean build, byte for byte, after any sequence of edits.

Hypothesis makes random sequences of edits of every kind a district makes (framework files,
portfolios and evidence, hand-written pages, district settings, consent, templates, the theme,
mkdocs.yml); after each edit the site is built with the build cache, which is shared by every
sequence (so it holds entries of many earlier states, the hardest case), and compared with a build
without it. Marked `slow`: `-m "not slow"` leaves it out while editing. The suite makes 15
sequences (under a minute on the 2-core build machine); the weekly workflow makes 50
(`HCS_CACHE_EXAMPLES=50`, about three minutes), as does anyone who sets it.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import BASE, COURSE_MATH_7, EVIDENCE, write_files
from tests.sitecheck import build, tree_digest

pytestmark = pytest.mark.slow

MKDOCS = """\
site_name: Test district
theme:
  name: material
  custom_dir: overrides
plugins:
  - search
  - hcs:
      templates: hcs-templates
"""
MATH_8 = (COURSE_MATH_7.replace("MATH-7", "MATH-8").replace("Grade 7", "Grade 8").replace("grades: [7]", "grades: [8]")
          .replace('"27.02200"', '"27.02800"'))
"""A course no student names, until an edit puts it on a learning path."""
ARTIFACTS = "artifacts:\n  - {file: recipe-poster.png, alt: Poster comparing three recipes by cost per serving}\n"
START: dict[str, str | bytes] = {
    **BASE,
    "mkdocs.yml": MKDOCS,
    "content/courses/math-8.yml": MATH_8,
    "docs/guide.md": "# Guide for families\n\nHow to read a course page. See the [about page](about.md).\n",
    "docs/about.md": "# About\n\nWho writes the framework.\n",
    "overrides/partials/copyright.html": '<div class="md-copyright">Henry County Schools</div>\n',
    "hcs-templates/.keep": "",
    "portfolios/p-0002/portfolio.md": BASE["portfolios/p-0001/portfolio.md"].replace(  # type: ignore[union-attr]
        "Maya S.", "Leo R.").replace("bethlehem-elementary", "luella-high"),
    "portfolios/p-0002/evidence/unit-rates.md": EVIDENCE.replace("Ratio recipes", "Unit rates at the store")
    .replace(ARTIFACTS, ""),
}
EVIDENCE_1 = "portfolios/p-0001/evidence/ratio-recipes.md"
EVIDENCE_2 = "portfolios/p-0002/evidence/unit-rates.md"
PACKAGE_TEMPLATES = Path(__file__).resolve().parents[1] / "hcs_site" / "render" / "templates"

Edit = Callable[[Path, int], None]


def _sub(rel: str, old: str, new: str) -> Edit:
    def edit(root: Path, n: int) -> None:
        path = root / rel
        if path.is_file():
            path.write_text(path.read_text(encoding="utf-8").replace(old, new.format(n=n), 1), encoding="utf-8")
    return edit


def _rename_student(root: Path, n: int) -> None:
    _sub("portfolios/p-0002/portfolio.md", "display_name: Leo R.", "display_name: " + "Leo" + "n" * n + " R.")(root, n)


def _write(rel: str, text: str) -> Edit:
    def edit(root: Path, n: int) -> None:
        write_files(root, {rel.format(n=n): text.format(n=n)})
    return edit


def _delete(rel: str) -> Edit:
    def edit(root: Path, n: int) -> None:
        write_files(root, {rel: None})
    return edit


def _rename(rel: str, new: str) -> Edit:
    def edit(root: Path, n: int) -> None:
        if (root / rel).is_file():
            target = root / new.format(n=n)
            target.parent.mkdir(parents=True, exist_ok=True)
            (root / rel).rename(target)
    return edit


def _override_template(root: Path, n: int) -> None:
    text = (PACKAGE_TEMPLATES / "evidence.md.j2").read_text(encoding="utf-8")
    write_files(root, {"hcs-templates/evidence.md.j2": text + f"\nReviewed by the school, round {n}.\n"})


def _override_course_template(root: Path, n: int) -> None:
    text = (PACKAGE_TEMPLATES / "course.md.j2").read_text(encoding="utf-8")
    write_files(root, {"hcs-templates/course.md.j2": text + f"\nApproved by the board, round {n}.\n"})


EDITS: dict[str, Edit] = {
    "course statement": _sub("content/courses/math-7.yml", "I can compute unit rates.",
                             "I can compute unit rates {n}."),
    "course title (navigation)": _sub("content/courses/math-7.yml", "title: Grade 7 Mathematics",
                                      "title: Grade 7 Mathematics {n}"),
    "course deleted": _delete("content/courses/math-7.yml"),
    "unnamed course statement": _sub("content/courses/math-8.yml", "I can compute unit rates.",
                                     "I can compute unit rates {n}."),
    "unnamed course title": _sub("content/courses/math-8.yml", "title: Grade 8 Mathematics",
                                 "title: Grade 8 Mathematics {n}"),
    "unnamed course deleted": _delete("content/courses/math-8.yml"),
    "unnamed course on a learning path": _sub("portfolios/p-0001/portfolio.md", "year: 2026-27}\n", "year: 2026-27}}\n"
                                              "  - {{course: MATH-8, status: planned, year: 2027-28}}\n"),
    "not a course under content/courses": _write("content/courses/README-{n}.md", "Notes, round {n}.\n"),
    "competency statement": _sub("content/competencies/math.yml", "Students write, read and solve equations.",
                                 "Students write, read and solve equations, {n}."),
    "competency title": _sub("content/competencies/math.yml", "title: Expressions and equations",
                             "title: Expressions, equations {n}"),
    "evidence body": _sub(EVIDENCE_1, "what I would do differently.", "what I would do differently {n}."),
    "evidence title": _sub(EVIDENCE_2, "title: Unit rates at the store", "title: Unit rates {n}"),
    "evidence level": _sub(EVIDENCE_1, "level: 3", "level: 2"),
    "evidence added": _write("portfolios/p-0002/evidence/new-{n}.md",
                             EVIDENCE.replace("Ratio recipes", "New work {n}").replace(ARTIFACTS, "")
                             .replace("{", "{{").replace("}", "}}")
                             .replace("{{n}}", "{n}")),
    "evidence deleted": _delete(EVIDENCE_2),
    "evidence renamed": _rename(EVIDENCE_2, "portfolios/p-0002/evidence/renamed-{n}.md"),
    "consent withdrawn": _sub("portfolios/p-0001/portfolio.md", "publish: true", "publish: false"),
    "consent expired": _sub("portfolios/p-0002/portfolio.md", "expires: 2099-06-30", "expires: 2026-10-0{n}"),
    "student name": _rename_student,
    "portfolio body": _sub("portfolios/p-0001/portfolio.md", "About me, in my own words.", "About me {n}."),
    "docs page edited": _sub("docs/guide.md", "How to read a course page.", "How to read a course page {n}."),
    "docs page title": _sub("docs/about.md", "# About", "# About us {n}"),
    "docs page added": _write("docs/news-{n}.md", "# News {n}\n\nBack to the [guide](guide.md).\n"),
    "docs page deleted": _delete("docs/about.md"),
    "docs page renamed": _rename("docs/guide.md", "docs/families-{n}.md"),
    "district school title": _sub("content/district.yml", "title: Luella High School", "title: Luella High {n}"),
    "district name": _sub("content/district.yml", "district: Henry County Schools", "district: Henry County {n}"),
    "district edition": _sub("content/district.yml", 'edition: "2026-27"', 'edition: "202{n}-2{n}"'),
    "assessment type title": _sub("content/district.yml", "title: Written test", "title: Written test {n}"),
    "template override": _override_template,
    "course template override": _override_course_template,
    "theme override": _write("overrides/partials/copyright.html", '<div class="md-copyright">Schools {n}</div>\n'),
    "mkdocs.yml": _sub("mkdocs.yml", "site_name: Test district", "site_name: Test district {n}"),
    "mkdocs.yml feature": _sub("mkdocs.yml", "  custom_dir: overrides\n",
                               "  custom_dir: overrides\n  features: [navigation.tabs]\n"),
}


def _state(root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and ".cache" not in p.relative_to(root).parts:
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    base = tmp_path_factory.mktemp("cache-lab")
    saved = os.environ.get("HCS_TODAY")
    os.environ["HCS_TODAY"] = "2026-10-15"
    try:
        yield {"root": base / "repo", "cache": base / "cache", "cached": base / "cached", "clean": base / "clean"}
    finally:
        if saved is None:
            os.environ.pop("HCS_TODAY", None)
        else:
            os.environ["HCS_TODAY"] = saved


HITS: list[int] = []
"""Pages each cached build took from the cache: the proof is empty if the cache never served one."""
COURSE_HITS: list[int] = []
"""Course pages (Markdown) each language's cached build read back, likewise."""
_clean: dict[str, tuple[int, dict[str, str]]] = {}
"""Clean builds by repository state: a state met again is not built without the cache twice."""


def _clean_build(lab: dict[str, Path]) -> tuple[int, dict[str, str]]:
    state = _state(lab["root"])
    if state not in _clean:
        result = build(lab["root"], "--no-cache", "--site-dir", str(lab["clean"]))
        _clean[state] = (result.exit_code, tree_digest(lab["clean"]) if result.exit_code == 0 else {})
    return _clean[state]


EXAMPLES = int(os.environ.get("HCS_CACHE_EXAMPLES", "15"))


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(sorted(EDITS)), st.integers(1, 3)), min_size=1, max_size=3))
def test_a_cached_build_equals_a_clean_build(lab: dict[str, Path], steps: list[tuple[str, int]]) -> None:
    root = lab["root"]
    if root.exists():
        shutil.rmtree(root)
    write_files(root, START)
    if not HITS:  # the first example starts from a cache that knows the starting state
        assert build(root, "--cache-dir", str(lab["cache"]), "--site-dir", str(lab["cached"])).exit_code == 0
    for name, n in steps:
        EDITS[name](root, n)
        result = build(root, "-v", "--cache-dir", str(lab["cache"]), "--site-dir", str(lab["cached"]))
        HITS.extend(int(h) for h in re.findall(r"hcs: ([0-9]+) of [0-9]+ pages from the build cache", result.output))
        COURSE_HITS.extend(int(h) for h in re.findall(r"hcs: ([0-9]+) of [0-9]+ course pages from", result.output))
        clean_code, clean_tree = _clean_build(lab)
        assert result.exit_code == clean_code, (name, result.output)
        if clean_code == 0:
            cached_tree = tree_digest(lab["cached"])
            different = sorted(k for k in cached_tree.keys() | clean_tree.keys()
                               if cached_tree.get(k) != clean_tree.get(k))
            assert different == [], f"after {steps}: {different[:10]}"


def test_the_cached_builds_took_pages_from_the_cache() -> None:
    if not HITS:
        pytest.skip("runs after test_a_cached_build_equals_a_clean_build")
    assert sum(HITS) > len(HITS)  # on average more than one page a build
    assert sum(COURSE_HITS) > 0


def test_every_edit_changes_the_repository(tmp_path: Path) -> None:
    """An edit that no longer matches its file would test nothing."""
    for name, edit in EDITS.items():
        root = tmp_path / re.sub(r"\W+", "-", name)
        write_files(root, START)
        before = _state(root)
        edit(root, 2)
        assert _state(root) != before, name
