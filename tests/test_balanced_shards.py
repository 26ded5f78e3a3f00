"""`--jobs N` and `--shard K/N` divide the work by pages: a school that holds most of the students
is split between shards, and the parts still make exactly the site a single build makes."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from hcs_site.adapters.balance import (
    COURSE_WEIGHT,
    COURSE_WEIGHT_OTHER,
    FIXED_WEIGHT,
    FIXED_WEIGHT_OTHER,
    SITE_PAGE_WEIGHT,
    StudentWork,
    fixed_weights,
    plan,
    plan_parts,
)
from hcs_site.check.pipeline import check_repository
from hcs_site.cli import main
from hcs_site.selection import Selection
from tests.conftest import BASE, DISTRICT, EVIDENCE, PORTFOLIO, write_files
from tests.sitecheck import broken_links, tree_digest

MKDOCS_YML = """\
site_name: Test District
site_url: https://example.org/td/
theme:
  name: material
  features: [navigation.sections, navigation.prune]
plugins:
  - search
  - hcs
"""
PLAIN_EVIDENCE = EVIDENCE.replace(
    "artifacts:\n  - {file: recipe-poster.png, alt: Poster comparing three recipes by cost per serving}\n", "")
BIG = "luella-high"


def district(root: Path, students: int, big_share: float, one_school: bool = False) -> Path:
    """The test district with `students` more portfolios, `big_share` of them at Luella High (all
    of them, and the district has no other school, with `one_school`); 0 to 5 evidence each."""
    files: dict[str, str | bytes | None] = {**BASE, "mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Test District\n"}
    if one_school:
        files["content/district.yml"] = DISTRICT.replace(
            "  - {id: bethlehem-elementary, title: Bethlehem Elementary School, level: elementary}\n", "")
        files["portfolios/p-0001/portfolio.md"] = PORTFOLIO.replace("bethlehem-elementary", BIG)
    in_big = round(students * big_share)
    for i in range(students):
        school = BIG if one_school or i < in_big else "bethlehem-elementary"
        key = f"p-{i + 2:04d}"
        files[f"portfolios/{key}/portfolio.md"] = PORTFOLIO.replace("bethlehem-elementary", school)
        for j in range(i % 6):
            files[f"portfolios/{key}/evidence/work-{j + 1}.md"] = PLAIN_EVIDENCE.replace(
                "Ratio recipes", f"Work {j + 1}")
    return write_files(root, files)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def build(root: Path, out: Path, *extra: str) -> Path:
    result = run("build", "--root", str(root), "--strict", "--site-dir", str(out), *extra)
    assert result.exit_code == 0, result.output
    return out


def assemble(out: Path, *parts: Path) -> Result:
    return run("assemble", *map(str, parts), "--site-dir", str(out))


def split_schools(selections: list[Selection]) -> set[str]:
    return {folder.split("/")[0] for s in selections for folder in s.students}


# -- the plan -------------------------------------------------------------------------------------


def loads(selections: list[Selection], students: list[StudentWork], fixed: dict[str, float]) -> list[float]:
    weight = {f"{s.school}/{s.folder}": s.weight for s in students}
    by_school: dict[str, float] = {}
    for s in students:
        by_school[s.school] = by_school.get(s.school, 0.0) + s.weight
    out = []
    for sel in selections:
        load = sum(by_school[school] for school in sel.schools or ())
        load += sum(weight[f] for f in sel.students)
        load += (fixed["en"] if sel.framework else 0.0) + sum(fixed[lang] for lang in sel.languages or ())
        out.append(load)
    return out


def framework_weights(courses: int, students: list[StudentWork]) -> dict[str, float]:
    pages = sum(s.weight for s in students) + 2 * courses
    weights = {"en": courses * COURSE_WEIGHT + FIXED_WEIGHT + SITE_PAGE_WEIGHT * pages,
               "es": courses * COURSE_WEIGHT_OTHER + FIXED_WEIGHT_OTHER}
    assert weights == fixed_weights(courses, ["en", "es"], sum(s.weight for s in students))
    return weights


def skewed(count: int, share: float, seed: int) -> list[StudentWork]:
    rng = random.Random(seed)
    schools = [f"school-{n:02d}" for n in range(50)]
    return [StudentWork(BIG if rng.random() < share else rng.choice(schools), f"p-{i:04d}", 2 + rng.randint(0, 12))
            for i in range(count)]


@pytest.mark.parametrize("share", [0.9, 1.0])
@pytest.mark.parametrize("parts", [2, 3, 4, 8])
def test_a_school_with_most_students_is_divided_so_every_part_has_its_share(share: float, parts: int) -> None:
    """3,000 students, 90% (or all) in one school: every part within one student's weight of an
    equal share, where a plan by school put nearly everything into one part."""
    students = sorted(skewed(3000, share, seed=parts), key=lambda s: (s.school, s.folder))
    courses = 60
    fixed = framework_weights(courses, students)
    selections = plan_parts(courses, students, parts, ["en", "es"])
    got = loads(selections, students, fixed)
    heaviest = max(s.weight for s in students)
    assert sum(got) == pytest.approx(sum(fixed.values()) + sum(s.weight for s in students))
    # A framework heavier than a share (8 parts: the English one lists 24,000 pages in its sitemap)
    # fills a part alone; the others share what is left.
    alone = [load for load in got if load > sum(got) / parts + heaviest]
    assert alone in ([], [fixed["en"]]), (got, fixed)
    rest = [load for load in got if load not in alone]
    share_ = sum(rest) / len(rest)
    assert all(abs(load - share_) <= heaviest for load in rest), (got, share_)
    assert max(rest) / min(rest) < 1.02
    assert BIG in split_schools(selections)
    assert [s.part for s in selections] == [(k, parts) for k in range(1, parts + 1)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(2, 30)), min_size=0, max_size=80),
       st.integers(1, 6), st.integers(0, 40))
def test_every_student_is_in_exactly_one_part_and_every_split_school_has_one_head(
        raw: list[tuple[int, int]], parts: int, courses: int) -> None:
    students = sorted({StudentWork(f"s{school}", f"p-{i:03d}", float(w)) for i, (school, w) in enumerate(raw)},
                      key=lambda s: (s.school, s.folder))
    selections = plan_parts(courses, students, parts, ["en", "es"])
    assert len(selections) == parts
    pages = [f"portfolios/{s.school}/{s.folder}/index.md" for s in students]
    for page in pages:
        assert sum(sel.wants(page) for sel in selections) == 1, page
    for school in {s.school for s in students}:
        assert sum(sel.wants(f"portfolios/{school}/index.md") for sel in selections) == 1, school
    assert sum(sel.framework for sel in selections) == 1
    assert sum(sel.builds_language("es") for sel in selections) == 1
    fixed = framework_weights(courses, students)
    got = loads(selections, students, fixed)
    share = sum(got) / parts
    if students and max(fixed.values()) <= share:  # the framework fits into a share: balanced
        assert max(got) - share <= max(s.weight for s in students) + 1e-9


def test_the_plan_depends_on_the_content_alone(tmp_path: Path) -> None:
    """Every CI job of `--shard K/N` computes the plan on its own: the order files were read in,
    or a second check, must not change it."""
    root = district(tmp_path / "repo", 40, 0.9)
    first = check_repository(root)
    again = check_repository(root)
    shuffled = list(again.published)
    random.Random(7).shuffle(shuffled)
    again.published[:] = shuffled

    def key(selections: list[Selection]) -> list[tuple[object, ...]]:
        return [(s.part, s.framework, s.schools, s.languages, s.students, s.heads) for s in selections]

    for parts in (1, 2, 3, 5):
        assert key(plan(first, parts, ["en", "es"])) == key(plan(again, parts, ["en", "es"]))
    three = plan(first, 3, ["en", "es"])  # the English framework with the site-wide files fills a part
    assert split_schools(three) == {BIG}
    assert [s.contents() for s in three] == [
        "framework:en", "framework:es+portfolios:bethlehem-elementary+students:luella-high(2)",
        "students:luella-high(34)"]


# -- the site ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def skewed_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("skewed")
    root = district(base / "repo", 40, 0.9)
    return root, build(root, base / "single")


def test_parallel_builds_of_a_skewed_district_equal_a_single_build(skewed_site: tuple[Path, Path],
                                                                   tmp_path: Path) -> None:
    root, single = skewed_site
    for jobs in ("2", "3"):
        out = build(root, tmp_path / f"jobs-{jobs}", "--jobs", jobs)
        assert tree_digest(out) == tree_digest(single), jobs
    assert len(list((single / "portfolios" / BIG).iterdir())) == 37  # 36 students and the school's page


def test_parts_built_apart_assemble_into_the_single_build(skewed_site: tuple[Path, Path], tmp_path: Path) -> None:
    root, single = skewed_site
    parts = [build(root, tmp_path / f"part-{k}", "--shard", f"{k}/3") for k in (1, 2, 3)]
    markers = [json.loads((p / ".hcs-shard.json").read_text()) for p in parts]
    assert [m["shard"] for m in markers] == ["1/3", "2/3", "3/3"]
    assert sum(BIG in m["heads"] for m in markers) == 1
    assert sum(1 for m in markers if any(s.startswith(f"{BIG}/") for s in m["students"])) >= 2
    for part, marker in zip(parts, markers, strict=True):  # a part holds its own students, no others
        held = {f"{BIG}/{p.name}" for p in (part / "portfolios" / BIG).glob("p-*")} if (
            part / "portfolios" / BIG).is_dir() else set()
        assert held == {s for s in marker["students"] if s.startswith(f"{BIG}/")}
    result = assemble(tmp_path / "site", *reversed(parts))
    assert result.exit_code == 0, result.output
    assert tree_digest(tmp_path / "site") == tree_digest(single)
    assert broken_links(tmp_path / "site") == []


def test_a_district_of_one_school_is_divided_too(tmp_path: Path) -> None:
    root = district(tmp_path / "repo", 30, 1.0, one_school=True)
    single = build(root, tmp_path / "single")
    assert split_schools(plan(check_repository(root), 2, ["en", "es"])) == {BIG}
    assert tree_digest(build(root, tmp_path / "jobs", "--jobs", "2")) == tree_digest(single)


def test_more_parts_than_pieces_of_work_still_make_the_site(tmp_path: Path) -> None:
    """One course and one student cannot fill five parts: the empty parts are built (a marker
    only) and assembled, and `--jobs 5` simply starts fewer workers."""
    root = write_files(tmp_path / "repo", {**BASE, "mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Test District\n"})
    single = build(root, tmp_path / "single")
    parts = [build(root, tmp_path / f"part-{k}", "--shard", f"{k}/5") for k in range(1, 6)]
    assert sorted(p.name for p in parts[4].iterdir()) == [".hcs-shard.json", ".hcs-site-output"]
    result = assemble(tmp_path / "site", *parts)
    assert result.exit_code == 0, result.output
    assert tree_digest(tmp_path / "site") == tree_digest(single)
    assert tree_digest(build(root, tmp_path / "jobs", "--jobs", "5")) == tree_digest(single)


# -- assembling refuses parts that do not make one site ---------------------------------------------


@pytest.fixture(scope="module")
def halves(skewed_site: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root, _single = skewed_site
    base = tmp_path_factory.mktemp("halves")
    return [build(root, base / f"half-{k}", "--shard", f"{k}/2") for k in (1, 2)]


def refused(tmp_path: Path, *parts: Path) -> str:
    result = assemble(tmp_path / "site", *parts)
    assert result.exit_code == 1, result.output
    assert not (tmp_path / "site").exists()
    return result.output


def test_a_missing_part_is_refused(halves: list[Path], tmp_path: Path) -> None:
    assert "part 2/2 is missing: assemble all 2 parts" in refused(tmp_path, halves[0])


def test_a_part_given_twice_is_refused(halves: list[Path], tmp_path: Path) -> None:
    copy = shutil.copytree(halves[1], tmp_path / "again")
    assert f"part 2/2 is given twice: {halves[1]} and {copy}" in refused(tmp_path, *halves, copy)


def test_parts_of_plans_of_different_sizes_are_refused(skewed_site: tuple[Path, Path], halves: list[Path],
                                                       tmp_path: Path) -> None:
    root, _single = skewed_site
    third = build(root, tmp_path / "third", "--shard", "3/3")
    assert "plans of different sizes" in refused(tmp_path, *halves, third)


def test_parts_of_different_content_are_refused(halves: list[Path], tmp_path: Path) -> None:
    """A job that checked out another commit (one student more) makes another plan."""
    root = district(tmp_path / "repo", 41, 0.9)
    other = build(root, tmp_path / "other", "--shard", "2/2")
    output = refused(tmp_path, halves[0], other)
    assert f"{halves[0]} and {other} were built from different content" in output


def test_named_shards_and_parts_of_a_plan_do_not_mix(skewed_site: tuple[Path, Path], halves: list[Path],
                                                     tmp_path: Path) -> None:
    root, _single = skewed_site
    named = build(root, tmp_path / "named", "--shard", "portfolios:bethlehem-elementary")
    assert "is the named shard 'portfolios:bethlehem-elementary'" in refused(tmp_path, *halves, named)


def test_a_school_in_two_named_shards_is_refused(skewed_site: tuple[Path, Path], tmp_path: Path) -> None:
    root, _single = skewed_site
    one = build(root, tmp_path / "one", "--shard", f"framework+portfolios:{BIG}")
    two = build(root, tmp_path / "two", "--shard", f"portfolios:{BIG}")
    assert f"two parts hold portfolios/{BIG}" in refused(tmp_path, one, two)


def test_a_marker_naming_a_folder_outside_its_part_is_refused(halves: list[Path], tmp_path: Path) -> None:
    second = shutil.copytree(halves[1], tmp_path / "second")
    marker = second / ".hcs-shard.json"
    info = json.loads(marker.read_text())
    info["students"] = [*info["students"], "../../../etc"]
    marker.write_text(json.dumps(info))
    assert "is damaged ('students' is not a list of folder names)" in refused(tmp_path, halves[0], second)


@pytest.mark.parametrize("part", [[2, 1], [1, "2"], [True, 2], "1/2", [1, 2, 3]])
def test_a_marker_with_a_damaged_part_number_is_refused(halves: list[Path], tmp_path: Path, part: object) -> None:
    second = shutil.copytree(halves[1], tmp_path / "second")
    marker = second / ".hcs-shard.json"
    marker.write_text(json.dumps({**json.loads(marker.read_text()), "part": part}))
    assert "is damaged ('part' is not K/N)" in refused(tmp_path, halves[0], second)


@pytest.mark.parametrize(("spec", "words"), [
    ("3/2", "there is no part 3 of 2: parts are numbered 1 to 2"),
    ("0/2", "there is no part 0 of 2"),
    ("1/0", "a site is split into 1 to 256 parts, not 0"),
    ("one/two", "'one/two' is not a part: write K/N with whole numbers, such as 1/3"),
])
def test_a_part_that_does_not_exist_is_a_usage_error(skewed_site: tuple[Path, Path], tmp_path: Path,
                                                     spec: str, words: str) -> None:
    root, _single = skewed_site
    result = run("build", "--root", str(root), "--shard", spec, "--site-dir", str(tmp_path / "x"))
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert not (tmp_path / "x").exists()
