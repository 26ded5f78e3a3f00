"""Time the site build on a generated district of a chosen size, against plain MkDocs (issue #8).

Why: a district with 20,000 students publishes tens of thousands of pages; the build must stay
linear in the number of pages, and the hcs plugin must cost little beyond what MkDocs itself
spends on the same pages. For each size this script

1. generates a valid district (benchmarks/generate_content.py) and a mkdocs.yml modelled on the
   repository's own (Material, search, navigation.prune, the JSON API with per-item CASE files);
2. validates it in a child process (files per second);
3. runs `hcs-site build` (wall and CPU time, milliseconds per page, peak memory);
4. runs `hcs-site generate` and then plain `mkdocs build` of every generated configuration, in
   the order `generate` prints: the same pages without the plugin. The overhead ratio is the whole
   `hcs-site build` (validation, page rendering, JSON API and MkDocs) over the plain builds;
   the time of `generate` is reported but counted on neither side;
5. when `hcs-site build` has `--shard`, builds with `--shard all --jobs 2` and `--jobs 1`;
6. when Zensical is installed in the benchmark's own environment (`bash benchmarks/setup_zensical.sh`
   makes benchmarks/.venv-zensical), builds the same generated tree with `zensical build`, cold
   (no cache) and again with its cache, unchanged.

`--skew SHARE` puts that share of the students into one school (repeat it to measure several
spreads side by side): `--jobs 2` must divide that school's portfolios, not wait for it.

Every step runs as a child process, so its time and peak memory are its own (os.wait4), and the
resident memory of the whole process tree is sampled too (for parallel shards). Each figure comes
with the load average, because other work on the machine distorts wall times: CPU times are the
steadier figures on a shared machine. The pages are counted in the built site (every *.html).

    python benchmarks/bench_build.py --pages 2000 --pages 20000 [--courses 300]
                                     [--evidence-per-student 6] [--repeat N] [--work DIR]
    python benchmarks/bench_build.py --courses 300 --students 180 --evidence-per-student 6
    python benchmarks/bench_build.py --pages 20000 --skew 0 --skew 0.9 --no-plain --repeat 2  # balance
    python benchmarks/bench_build.py --pages 2000 --profile prof.out   # one cProfiled build
    python benchmarks/bench_build.py --summarize-profile prof.out     # where its time went
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

GENERATOR = Path(__file__).with_name("generate_content.py")
ZENSICAL = Path(__file__).with_name(".venv-zensical") / "bin" / "zensical"
"""Zensical in the benchmark's own environment (benchmarks/setup_zensical.sh), never in the project's."""
PYTHON = sys.executable

TARGET_FILES_PER_SECOND = 2000
TARGET_OVERHEAD = 1.10
TARGET_LINEAR = 1.3
TARGET_SHARD_SPEEDUP = 1.6
TARGET_PEAK_GIB = 4.0

PUBLISHED_SHARE = 0.95
"""generate_content.py: 2% of portfolios have no consent block and 3% say publish: false."""
FIXED_PAGES = 86
"""Pages that do not grow with courses or students: per language (en, es) the home, catalog,
area, assessment-type, crosswalk, glossary and what-changed pages and 404.html; the portfolio
index and up to 50 school indexes."""

MKDOCS_YML = """\
# Written by benchmarks/bench_build.py: the repository's own mkdocs.yml, without what needs the
# network or Git (repo_url, edit links, the edition selector). Both builds use these choices.
site_name: Henry County Schools (benchmark)
site_url: https://example.org/competencies/
theme:
  name: material
  language: en
  features:
    - navigation.sections
    - navigation.prune
    - navigation.indexes
    - navigation.top
    - search.highlight
    - toc.follow
plugins:
  - search
  - hcs:
      portfolios: true
      api: true
      case_resources: true
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - abbr
  - toc:
      permalink: true
"""
"""The choices that matter for time, stated: search on (portfolios are excluded from it by the
plugin), navigation.prune (without it every page carries the whole navigation), both languages of
the district (en at the root, es under es/), the JSON API with one file per CASE item (about 18,000
files for 300 courses, copied by both builds)."""
WITH_API = True
"""`--no-api` turns the JSON API off in every build: Zensical 0.0.73 hangs (two threads waiting on
each other, no CPU used, nothing written) on a tree holding its 85,000 files."""


# -- measuring child processes ------------------------------------------------------------------


def _memory_kib(pid: int) -> int:
    """The process's share of memory: its proportional set size (PSS), where a page it shares with
    another process (a forked child and its parent share nearly all of theirs) counts once over
    them all; its resident set where the kernel gives no PSS. Summing resident sets counted the
    build's memory once more for every child it forks (the JSON API's, the pages' store)."""
    for name, label in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith(label):
                        return int(line.split()[1])
        except (OSError, ValueError):
            continue
    return 0


def _descendants(root: int) -> list[int]:
    """`root` and every process below it (read from /proc; empty where there is no /proc)."""
    parents: dict[int, list[int]] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return []
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="utf-8", errors="replace") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


@dataclass
class Run:
    """One child process: what it printed, its times, its memory and the load around it."""

    label: str
    wall: float = 0.0
    cpu: float = 0.0
    peak_rss_mib: float = 0.0
    """Largest resident set of any single process of the run (ru_maxrss from wait4)."""
    peak_tree_mib: float = 0.0
    """Largest sampled memory of the whole process tree (parallel shards, forked children): the
    sum of its processes' proportional set sizes (`_memory_kib`)."""
    load_before: float = 0.0
    load_max: float = 0.0
    returncode: int = 0
    output: str = ""


def run(cmd: Sequence[str], label: str, cwd: Path | None = None, quiet: bool = True) -> Run:
    """Run `cmd`, sampling the process tree's memory and the load average every half second."""
    os.sync()  # the previous build's output (up to gigabytes) is written back now, not during this one
    result = Run(label, load_before=os.getloadavg()[0])
    result.load_max = result.load_before
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    done = threading.Event()
    chunks: list[str] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            chunks.append(line)
            if not quiet:
                print(f"    | {line}", end="", flush=True)

    def sample() -> None:
        while not done.wait(0.5):
            tree = sum(_memory_kib(pid) for pid in _descendants(proc.pid))
            result.peak_tree_mib = max(result.peak_tree_mib, tree / 1024)
            result.load_max = max(result.load_max, os.getloadavg()[0])

    reader, sampler = threading.Thread(target=read), threading.Thread(target=sample)
    reader.start()
    sampler.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    result.wall = time.perf_counter() - start
    done.set()
    reader.join()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    result.returncode = proc.returncode
    result.cpu = usage.ru_utime + usage.ru_stime
    result.peak_rss_mib = usage.ru_maxrss / 1024  # KiB on Linux
    result.peak_tree_mib = max(result.peak_tree_mib, result.peak_rss_mib)
    result.output = "".join(chunks)
    if result.returncode != 0:
        print(result.output[-4000:], file=sys.stderr)
        raise SystemExit(f"{label} failed (exit {result.returncode}): {' '.join(cmd)}")
    print(f"  {label}: {result.wall:.1f} s wall, {result.cpu:.1f} s CPU, peak {result.peak_rss_mib:,.0f} MiB "
          f"(tree {result.peak_tree_mib:,.0f} MiB), load {result.load_before:.2f} -> max {result.load_max:.2f}",
          flush=True)
    return result


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.wall)


# -- one size -----------------------------------------------------------------------------------


@dataclass
class Size:
    courses: int
    students: int
    evidence: int
    requested_pages: int | None = None
    skew: float = 0.0
    """Share of the students in one school (generate_content.py --skew); 0: spread by grade."""

    @property
    def spread(self) -> str:
        return f", {self.skew:.0%} of students in one school" if self.skew else ""

    @staticmethod
    def for_pages(pages: int, courses: int, evidence: int) -> Size:
        """Students enough for `pages` HTML pages: 2 per course (en and es) + 2 + evidence per
        published student + FIXED_PAGES."""
        per_student = PUBLISHED_SHARE * (2 + evidence)
        students = max(1, round((pages - 2 * courses - FIXED_PAGES) / per_student))
        return Size(courses, students, evidence, pages)


@dataclass
class Result:
    size: Size
    files: int = 0
    published: int = 0
    generate_content_s: float = 0.0
    validate_s: float = 0.0
    validate_cpu_s: float = 0.0
    pages: int = 0
    plain_pages: int = 0
    site_files: int = 0
    hcs: Run | None = None
    generate: Run | None = None
    plain: list[Run] = field(default_factory=list)
    plain_as_generated: list[Run] = field(default_factory=list)
    shards: dict[int, Run] = field(default_factory=dict)
    shard_note: str = ""
    part_times: list[list[float]] = field(default_factory=list)
    """[wall s, CPU s] of each part of the best `--jobs 2` build (its `-v` log): the balance."""
    zensical_version: str = ""
    zensical_cold: list[Run] = field(default_factory=list)
    """`zensical build` of every generated configuration, after its cache was removed (best round)."""
    zensical_cached: list[Run] = field(default_factory=list)
    """The same again right after, nothing changed: what its cache saves."""
    hcs_cached: Run | None = None
    """`hcs-site build` with its build cache, nothing changed (after a build that filled it): the
    figure to set beside Zensical cached (measured when Zensical is)."""
    load_validate: float = 0.0
    walls: dict[str, list[float]] = field(default_factory=dict)
    """Every round's wall time, by kind of build (hcs, plain, jobs1, jobs2): the spread."""

    def dump(self) -> dict[str, Any]:
        data = asdict(self)
        for run_ in [data["hcs"], data["generate"], *data["plain"], *data["plain_as_generated"],
                     *data["shards"].values(), *data["zensical_cold"], *data["zensical_cached"],
                     data["hcs_cached"]]:
            if run_:
                run_.pop("output", None)
        return data

    @classmethod
    def load(cls, data: dict[str, Any]) -> Result:
        def one(d: dict[str, Any] | None) -> Run | None:
            return Run(**d) if d else None

        res = cls(Size(**data["size"]))
        for key in ("files", "published", "generate_content_s", "validate_s", "validate_cpu_s", "pages",
                    "plain_pages", "site_files", "shard_note", "load_validate", "walls", "zensical_version",
                    "part_times"):
            if key in data:
                setattr(res, key, data[key])
        res.hcs, res.generate = one(data["hcs"]), one(data["generate"])
        res.plain = [Run(**d) for d in data["plain"]]
        res.plain_as_generated = [Run(**d) for d in data.get("plain_as_generated", [])]
        res.shards = {int(k): Run(**d) for k, d in data["shards"].items()}
        res.zensical_cold = [Run(**d) for d in data.get("zensical_cold", [])]
        res.zensical_cached = [Run(**d) for d in data.get("zensical_cached", [])]
        res.hcs_cached = one(data.get("hcs_cached"))
        return res

    @property
    def single(self) -> Run | None:
        """The single build: `hcs-site build` and `--shard all --jobs 1` run the same code, so the
        faster of their best runs is taken (on this machine, the same build varies by up to 10%)."""
        runs = [r for r in (self.hcs, self.shards.get(1)) if r]
        return min(runs, key=lambda r: r.wall) if runs else None

    @property
    def files_per_second(self) -> float:
        return self.files / self.validate_s if self.validate_s else 0.0

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.single.wall / self.pages if self.single and self.pages else 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        return 1000 * self.single.cpu / self.pages if self.single and self.pages else 0.0

    @property
    def plain_wall(self) -> float:
        return sum(r.wall for r in self.plain)

    @property
    def plain_cpu(self) -> float:
        return sum(r.cpu for r in self.plain)

    @property
    def overhead(self) -> float:
        return self.single.wall / self.plain_wall if self.single and self.plain_wall else 0.0

    @property
    def overhead_cpu(self) -> float:
        return self.single.cpu / self.plain_cpu if self.single and self.plain_cpu else 0.0

    @property
    def zensical_cold_wall(self) -> float:
        return sum(r.wall for r in self.zensical_cold)

    @property
    def zensical_cached_wall(self) -> float:
        return sum(r.wall for r in self.zensical_cached)

    @property
    def speedup(self) -> float:
        return self.single.wall / self.shards[2].wall if self.single and 2 in self.shards else 0.0


def make_repo(repo: Path, size: Size, seed: int) -> float:
    """Generate the district, its docs/index.md and the benchmark's mkdocs.yml; seconds taken."""
    gen = run([PYTHON, str(GENERATOR), str(repo), "--courses", str(size.courses), "--students",
               str(size.students), "--evidence-per-student", str(size.evidence), "--seed", str(seed),
               "--skew", str(size.skew)], "generate content")
    (repo / "docs").mkdir(exist_ok=True)
    (repo / "docs" / "index.md").write_text("# Henry County Schools\n\nThe benchmark district.\n", encoding="utf-8")
    config = MKDOCS_YML if WITH_API else MKDOCS_YML.replace("      api: true\n", "      api: false\n")
    (repo / "mkdocs.yml").write_text(config, encoding="utf-8")
    return gen.wall


def count_html(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


VALIDATE_CHILD = """
import gc, json, sys, time
from pathlib import Path
from hcs_site.check.pipeline import check_repository
gc.collect()
start, cpu = time.perf_counter(), time.process_time()
result = check_repository(Path(sys.argv[1]))
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
r = result.report
print(json.dumps({"files": r.files_checked, "seconds": seconds, "cpu": cpu, "errors": r.errors,
                  "published": len(result.published)}))
"""


def build_order(generate_output: str, out: Path) -> list[str]:
    """The configurations `hcs-site generate` wrote, in the order it says to build them."""
    found = re.search(r"files and (.+) into ", generate_output)
    if found:
        return [name.strip() for name in found.group(1).split(",")]
    return ["mkdocs.yml", *sorted(p.name for p in out.glob("mkdocs.*.yml"))]


def compress_not_in_nav(listed: set[str], pages: set[str]) -> list[str]:
    """gitignore lines that flag exactly the `listed` pages among `pages` (docs-relative .md paths):
    a folder whose pages are all listed becomes `/folder/`; a folder with most pages listed becomes
    `/folder/*.md` plus `!/folder/page.md` for the others; anything else stays one line a page."""
    direct: dict[str, list[str]] = {}
    subdirs: dict[str, set[str]] = {}
    for page in pages:
        parts = page.split("/")
        for i in range(len(parts) - 1):
            subdirs.setdefault("/".join(parts[:i]), set()).add("/".join(parts[: i + 1]))
        direct.setdefault("/".join(parts[:-1]), []).append(page)
    covered: dict[str, bool] = {}

    def all_listed(folder: str) -> bool:
        if folder not in covered:
            covered[folder] = all(p in listed for p in direct.get(folder, [])) and all(
                all_listed(sub) for sub in subdirs.get(folder, ()))
        return covered[folder]

    def any_listed(folder: str) -> bool:
        return any(p in listed for p in direct.get(folder, [])) or any(
            any_listed(sub) for sub in subdirs.get(folder, ()))

    lines: list[str] = []

    def walk(folder: str) -> None:
        if folder and all_listed(folder):
            lines.append(f"/{folder}/")
            return
        flagged = sorted(p for p in direct.get(folder, []) if p in listed)
        kept = sorted(p for p in direct.get(folder, []) if p not in listed)
        if folder and len(kept) < len(flagged):
            lines.append(f"/{folder}/*.md")
            lines.extend(f"!/{p}" for p in kept)
        else:
            lines.extend(f"/{p}" for p in flagged)
        for sub in sorted(subdirs.get(folder, ())):
            if any_listed(sub):
                walk(sub)

    walk("")
    return lines


def fair_not_in_nav(config_file: Path) -> tuple[int, int]:
    """Rewrite the `not_in_nav` of a generated configuration as folder patterns, checked to flag
    exactly the same pages; (lines before, lines after).

    `hcs-site generate` lists every page the plugin keeps out of the navigation, one line each, and
    MkDocs matches every file against every line (mkdocs.structure.files.set_exclusions): quadratic,
    about 4 s at 2,000 pages and several minutes at 20,000. The plugin marks its pages directly, so
    the fair baseline is MkDocs given the same flags in a form it matches in linear time."""
    from pathspec.gitignore import GitIgnoreSpec

    from hcs_site.export import mkdocs_yml

    raw = mkdocs_yml.read(config_file)
    original = [line.strip() for line in str(raw.get("not_in_nav") or "").splitlines() if line.strip()]
    if not original:
        return 0, 0
    if any(not line.startswith("/") or any(ch in line for ch in "*?[!\\") for line in original):
        return len(original), len(original)  # not one plain path a line: left as it is
    docs = (config_file.parent / str(raw.get("docs_dir") or "docs")).resolve()
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    listed = {line[1:] for line in original}
    lines = compress_not_in_nav(listed & pages, pages)
    spec = GitIgnoreSpec.from_lines(lines)
    wrong = [p for p in pages if spec.match_file(p) != (p in listed)]
    if wrong:
        raise SystemExit(f"compressed not_in_nav differs on {len(wrong)} pages, e.g. {sorted(wrong)[:3]}")
    raw["not_in_nav"] = "\n".join(lines)
    config_file.write_text(mkdocs_yml.dump(raw), encoding="utf-8")
    return len(original), len(lines)


PART_LINE = re.compile(r"hcs: shard \d+/\d+ .*? built in ([\d.]+) s \(([\d.]+) s CPU\)")
"""The line `hcs-site build --jobs N -v` logs for each part."""


def zensical_version() -> str:
    """The version of Zensical in the benchmark's environment, or "" when it is not installed."""
    if not ZENSICAL.is_file():
        return ""
    out = subprocess.run([str(ZENSICAL), "--version"], capture_output=True, text=True, check=False)
    return out.stdout.strip().split()[-1] if out.returncode == 0 and out.stdout.strip() else ""


def zensical_builds(out: Path, configs: list[str], label: str) -> list[Run]:
    """`zensical build` of each generated configuration, in `hcs-site generate`'s order."""
    return [run([str(ZENSICAL), "build", "-f", str(out / name)], f"zensical build -f {name} ({label})", cwd=out)
            for name in configs]


def cache_option_available() -> bool:
    out = subprocess.run([PYTHON, "-m", "hcs_site", "build", "--help"], capture_output=True, text=True,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False).stdout
    return "--no-cache" in out


def shard_option_available() -> bool:
    out = subprocess.run([PYTHON, "-m", "hcs_site", "build", "--help"], capture_output=True, text=True,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False).stdout
    return "--shard" in out and "--jobs" in out


def measure(size: Size, work: Path, seed: int, repeat: int, plain: bool, shards: bool,
            as_generated: bool = False, zensical: bool = True) -> Result:
    res = Result(size)
    repo = work / "repo"
    no_cache = ["--no-cache"] if cache_option_available() else []  # cold builds; cached: bench_cache.py
    print(f"\n== {size.courses} courses, {size.students} students x {size.evidence} evidence"
          + (f" (for about {size.requested_pages:,} pages)" if size.requested_pages else "") + size.spread
          + f", in {work}", flush=True)
    res.generate_content_s = make_repo(repo, size, seed)

    check = run([PYTHON, "-c", VALIDATE_CHILD, str(repo)], "validate")
    res.load_validate = check.load_before
    figures = json.loads(check.output.strip().splitlines()[-1])
    if figures["errors"]:
        raise SystemExit(f"the generated content has {figures['errors']} errors")
    res.files, res.published = figures["files"], figures["published"]
    res.validate_s, res.validate_cpu_s = figures["seconds"], figures["cpu"]
    print(f"  validate: {res.files:,} files in {res.validate_s:.2f} s = {res.files_per_second:,.0f} files/s",
          flush=True)

    out = work / "generated"
    configs: list[str] = []
    if plain:  # the same pages as plain files, generated once
        shutil.rmtree(out, ignore_errors=True)
        res.generate = run([PYTHON, "-m", "hcs_site", "generate", "--root", str(repo), "--out", str(out)],
                           "hcs-site generate")
        configs = build_order(res.generate.output, out)
        if as_generated:  # the tree exactly as `hcs-site generate` wrote it
            res.plain_as_generated = [run([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(out / name)],
                                          f"plain mkdocs build -f {name}, not_in_nav as generated")
                                      for name in configs]
            shutil.rmtree(out / "site", ignore_errors=True)
        for name in configs:
            before, after = fair_not_in_nav(out / name)
            print(f"  {name}: not_in_nav of {before:,} lines written as {after:,} folder patterns "
                  "(same pages flagged)")
    res.zensical_version = zensical_version() if configs and zensical else ""
    if configs and zensical and not res.zensical_version:
        print("  Zensical: not installed (bash benchmarks/setup_zensical.sh): not measured")
    jobs_available = shards and shard_option_available()
    if shards and not jobs_available:
        res.shard_note = "`hcs-site build` has no --shard/--jobs option yet: not measured"
        print(f"  shards: {res.shard_note}")

    # Rounds, each running every kind of build once: the machine's speed drifts (other work, the
    # host), and interleaving spreads the drift over all kinds; each kind keeps its fastest run.
    site = work / "site"
    hcs_runs: list[Run] = []
    plain_runs: list[list[Run]] = []
    shard_runs: dict[int, list[Run]] = {1: [], 2: []}
    cold_runs: list[list[Run]] = []
    cached_runs: list[list[Run]] = []
    ours_cached: list[Run] = []
    for i in range(repeat):
        shutil.rmtree(site, ignore_errors=True)
        hcs_runs.append(run([PYTHON, "-m", "hcs_site", "build", "--root", str(repo), "--site-dir", str(site),
                             *no_cache],
                            f"hcs-site build (round {i + 1})"))
        if i == 0:
            res.pages = count_html(site)
            res.site_files = sum(1 for p in site.rglob("*") if p.is_file())
            print(f"  {res.pages:,} HTML pages, {res.site_files:,} files", flush=True)
        if configs:
            shutil.rmtree(out / "site", ignore_errors=True)
            plain_runs.append([run([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(out / name)],
                                   f"plain mkdocs build -f {name} (round {i + 1})") for name in configs])
            if i == 0:
                res.plain_pages = count_html(out / "site")
                if res.plain_pages != res.pages:
                    print(f"  WARNING: plain MkDocs built {res.plain_pages} HTML pages, hcs-site build {res.pages}")
        if configs and res.zensical_version:  # cold: no cache, no site; then cached: nothing changed
            shutil.rmtree(out / "site", ignore_errors=True)
            shutil.rmtree(out / ".cache", ignore_errors=True)
            cold_runs.append(zensical_builds(out, configs, f"cold, round {i + 1}"))
            cached_runs.append(zensical_builds(out, configs, f"cached, round {i + 1}"))
            if i == 0 and count_html(out / "site") != res.pages:
                print(f"  note: Zensical wrote {count_html(out / 'site')} HTML pages, hcs-site build {res.pages}")
            if no_cache:  # ours beside it: a build that fills the cache, then one with nothing changed
                cached_site, cache_dir = work / "site-cached", work / "hcs-cache"
                shutil.rmtree(cached_site, ignore_errors=True)
                shutil.rmtree(cache_dir, ignore_errors=True)
                where = ["--root", str(repo), "--site-dir", str(cached_site), "--cache-dir", str(cache_dir)]
                run([PYTHON, "-m", "hcs_site", "build", *where], f"hcs-site build filling its cache (round {i + 1})")
                ours_cached.append(run([PYTHON, "-m", "hcs_site", "build", *where],
                                       f"hcs-site build with its cache, nothing changed (round {i + 1})"))
                shutil.rmtree(cached_site, ignore_errors=True)
                shutil.rmtree(cache_dir, ignore_errors=True)
        if jobs_available:
            for jobs in (1, 2):
                target = work / f"site-jobs{jobs}"
                shutil.rmtree(target, ignore_errors=True)
                shard_runs[jobs].append(run([PYTHON, "-m", "hcs_site", "build", "--root", str(repo), "--site-dir",
                                             str(target), "--shard", "all", "--jobs", str(jobs), "-v", *no_cache],
                                            f"hcs-site build --shard all --jobs {jobs} (round {i + 1})"))
                shutil.rmtree(target, ignore_errors=True)
    res.hcs = best(hcs_runs)
    res.walls["hcs"] = [r.wall for r in hcs_runs]
    if plain_runs:
        res.plain = min(plain_runs, key=lambda rs: sum(r.wall for r in rs))
        res.walls["plain"] = [sum(r.wall for r in rs) for rs in plain_runs]
        shutil.rmtree(out / "site", ignore_errors=True)
    if cold_runs:
        res.zensical_cold = min(cold_runs, key=lambda rs: sum(r.wall for r in rs))
        res.zensical_cached = min(cached_runs, key=lambda rs: sum(r.wall for r in rs))
        res.walls["zensical_cold"] = [sum(r.wall for r in rs) for rs in cold_runs]
        res.walls["zensical_cached"] = [sum(r.wall for r in rs) for rs in cached_runs]
        shutil.rmtree(out / "site", ignore_errors=True)
    if ours_cached:
        res.hcs_cached = best(ours_cached)
        res.walls["hcs_cached"] = [r.wall for r in ours_cached]
        shutil.rmtree(out / ".cache", ignore_errors=True)
    for jobs, runs in shard_runs.items():
        if runs:
            res.shards[jobs] = best(runs)
            res.walls[f"jobs{jobs}"] = [r.wall for r in runs]
    if 2 in res.shards:
        res.part_times = [[float(wall), float(cpu)] for wall, cpu in PART_LINE.findall(res.shards[2].output)]
    print(f"  best: {res.ms_per_page:.1f} ms/page ({res.cpu_ms_per_page:.1f} ms CPU/page)", flush=True)
    shutil.rmtree(site, ignore_errors=True)
    return res


# -- report -------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "pass" if ok else "**FAIL**"


def _load(run_: Run | None) -> str:
    return f"{run_.load_before:.2f}/{run_.load_max:.2f}" if run_ else "-"


def _ratio(ours: Run | None, theirs: list[Run]) -> str:
    wall, cpu = sum(r.wall for r in theirs), sum(r.cpu for r in theirs)
    if not ours or not wall or not cpu:
        return "-"
    return f"**{ours.wall / wall:.2f}** ({ours.cpu / cpu:.2f})"


def _cpu_speedup(r: Result) -> str:
    """What the wall speed-up would be with each process on a core of its own: the check and the
    assembly (the parent) run alone, then the parts side by side. Steady on a busy machine."""
    if not r.single or 2 not in r.shards or not r.part_times:
        return "-"
    parts = [cpu for _wall, cpu in r.part_times]
    parent = max(0.0, r.shards[2].cpu - sum(parts))
    ratio = r.single.cpu / (parent + max(parts))
    return f"{r.single.cpu:.1f} s / ({parent:.1f} s + {max(parts):.1f} s) = **{ratio:.2f}x**"


def _balance(parts: list[list[float]]) -> str:
    cpus = [cpu for _wall, cpu in parts]
    if not cpus:
        return "-"
    cells = " + ".join(f"{wall:.1f} s / {cpu:.1f} s" for wall, cpu in parts)
    return f"{cells} ({max(cpus) / min(cpus):.2f})" if min(cpus) else cells


def table(results: list[Result]) -> str:
    """A Markdown table, one column per size, with the targets of issue #8 and pass/fail."""
    head = ("| | " + " | ".join(f"{r.pages:,} pages ({r.size.courses} courses{r.size.spread})" for r in results)
            + " | target |")
    rule = "|---|" + "---:|" * len(results) + "---|"
    rows: list[str] = []

    def row(name: str, cells: list[str], target: str = "") -> None:
        rows.append(f"| {name} | " + " | ".join(cells) + f" | {target} |")

    row("students (published) / evidence files",
        [f"{r.size.students:,} ({r.published:,}) / {r.size.students * r.size.evidence:,}" for r in results])
    row("HTML pages in site/ (all files in site/)", [f"{r.pages:,} ({r.site_files:,})" for r in results])
    row("content generation", [f"{r.generate_content_s:.1f} s" for r in results])
    row("validation", [f"{r.files:,} files in {r.validate_s:.2f} s = **{r.files_per_second:,.0f} files/s** "
                       f"({verdict(r.files_per_second >= TARGET_FILES_PER_SECOND)})" for r in results],
        f"≥ {TARGET_FILES_PER_SECOND:,} files/s")
    row("single build (best of `hcs-site build` and `--jobs 1`, the same build), wall / CPU",
        [f"{r.single.wall:.1f} s / {r.single.cpu:.1f} s" if r.single else "-" for r in results])
    row("per page, wall / CPU", [f"**{r.ms_per_page:.1f} ms** / {r.cpu_ms_per_page:.1f} ms" for r in results])
    row("peak memory of the build (RSS)",
        [f"{r.single.peak_rss_mib:,.0f} MiB ({verdict(r.single.peak_rss_mib < TARGET_PEAK_GIB * 1024)})"
         if r.single else "-" for r in results], f"< {TARGET_PEAK_GIB:g} GiB at 20,000 pages")
    if any(r.plain for r in results):
        row("`hcs-site generate` (in neither side of the ratio)",
            [f"{r.generate.wall:.1f} s" if r.generate else "-" for r in results])
        if any(r.plain_as_generated for r in results):
            row("plain `mkdocs build` of the tree as generated, wall / CPU",
                [f"{sum(x.wall for x in r.plain_as_generated):.1f} s / "
                 f"{sum(x.cpu for x in r.plain_as_generated):.1f} s" if r.plain_as_generated else "-"
                 for r in results])
        row("plain `mkdocs build`, not_in_nav as folder patterns, wall / CPU",
            [f"{r.plain_wall:.1f} s / {r.plain_cpu:.1f} s ({r.plain_pages:,} pages)" if r.plain else "-"
             for r in results])
        row("overhead ratio: single build / plain build, wall (CPU)",
            [f"**{r.overhead:.2f}** ({r.overhead_cpu:.2f}) {verdict(r.overhead <= TARGET_OVERHEAD)}"
             if r.plain else "-" for r in results], f"≤ {TARGET_OVERHEAD:.2f}")
    if any(r.zensical_cold for r in results):
        row("Zensical on the `hcs-site generate` tree: version",
            [r.zensical_version or "-" for r in results])
        row("Zensical cold (no cache), wall / CPU",
            [f"{r.zensical_cold_wall:.1f} s / {sum(x.cpu for x in r.zensical_cold):.1f} s" if r.zensical_cold
             else "-" for r in results])
        row("Zensical cached (nothing changed), wall / CPU",
            [f"{r.zensical_cached_wall:.1f} s / {sum(x.cpu for x in r.zensical_cached):.1f} s"
             if r.zensical_cached else "-" for r in results])
        row("ratio: single build / Zensical cold, wall (CPU)",
            [_ratio(r.single, r.zensical_cold) for r in results])
        row("ratio: single build / Zensical cached, wall (CPU)",
            [_ratio(r.single, r.zensical_cached) for r in results])
        row("`hcs-site build` with its cache, nothing changed, wall / CPU",
            [f"{r.hcs_cached.wall:.1f} s / {r.hcs_cached.cpu:.1f} s" if r.hcs_cached else "-" for r in results])
        row("ratio: `hcs-site build` cached / Zensical cached, both with nothing changed, wall (CPU)",
            [_ratio(r.hcs_cached, r.zensical_cached) for r in results])
        row("load average before/max: Zensical cold; cached",
            [f"{_load(r.zensical_cold[0] if r.zensical_cold else None)}; "
             f"{_load(r.zensical_cached[0] if r.zensical_cached else None)}" for r in results])
    row("single build / `--jobs 2`, wall = speed-up",
        [f"{r.single.wall:.1f} s / {r.shards[2].wall:.1f} s = **{r.speedup:.2f}x** "
         f"({verdict(r.speedup >= TARGET_SHARD_SPEEDUP)})" if r.single and r.speedup else "not measured"
         for r in results],
        f"≥ {TARGET_SHARD_SPEEDUP}x on 2 cores")
    row("`--jobs 2`: each part's wall / CPU (the CPU of the largest part over the smallest)",
        [_balance(r.part_times) for r in results], "close to 1.00")
    row("`--jobs 2` speed-up as CPU times predict it on 2 idle cores: single CPU / (the parent's CPU "
        "+ the largest part's)", [_cpu_speedup(r) for r in results], f"≥ {TARGET_SHARD_SPEEDUP}x")
    row("peak memory, `--jobs 2` (all processes)",
        [f"{r.shards[2].peak_tree_mib:,.0f} MiB" if 2 in r.shards else "-" for r in results])
    row("rounds (wall s, in order): hcs; plain; jobs 1; jobs 2; Zensical cold; Zensical cached",
        ["; ".join(" ".join(f"{w:.1f}" for w in r.walls.get(k, [])) or "-"
                   for k in ("hcs", "plain", "jobs1", "jobs2", "zensical_cold", "zensical_cached"))
         for r in results])
    row("load average before/max: validate; hcs build; plain; jobs 1; jobs 2",
        [f"{r.load_validate:.2f}; {_load(r.hcs)}; {_load(r.plain[0] if r.plain else None)}; "
         f"{_load(r.shards.get(1))}; {_load(r.shards.get(2))}" for r in results])
    lines = [head, rule, *rows]
    measured = [r for r in results if r.pages and r.single]
    if len(measured) >= 2:
        large = max(measured, key=lambda r: r.pages)
        lines.append("")
        for small in [r for r in measured if 2 * r.pages <= large.pages]:
            ratio = large.ms_per_page / small.ms_per_page
            cpu_ratio = large.cpu_ms_per_page / small.cpu_ms_per_page
            same_mix = abs(small.size.courses / small.pages - large.size.courses / large.pages) < 0.2 * (
                large.size.courses / large.pages)
            shares = (f"course pages {2 * small.size.courses / small.pages:.0%} and "
                      f"{2 * large.size.courses / large.pages:.0%}")
            mix = f"same mix: {shares}" if same_mix else f"different mix: {shares}"
            lines.append(f"- per-page cost at {large.pages:,} pages / at {small.pages:,} pages ({mix}): "
                         f"**{ratio:.2f}** wall, {cpu_ratio:.2f} CPU (target ≤ {TARGET_LINEAR}: "
                         f"{verdict(ratio <= TARGET_LINEAR)})")
    notes = sorted({r.shard_note for r in results if r.shard_note})
    lines += [f"\n{note}." for note in notes]
    return "\n".join(lines)


def machine() -> str:
    mem = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            kib = int(fh.readline().split()[1])
        mem = f", {kib / 1024 / 1024:.0f} GiB memory"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} CPUs{mem}, Python {sys.version.split()[0]}, {sys.platform}"


# -- profile summary ----------------------------------------------------------------------------

CATEGORIES = (
    # (label, file suffix, function name): cumulative time of that function. Rows overlap where
    # one calls another.
    ("validation (check_repository)", "hcs_site/check/pipeline.py", "check_repository"),
    ("our framework pages (render layer)", "hcs_site/render/framework_pages.py", "pages"),
    ("our portfolio pages (render layer)", "hcs_site/render/portfolio_pages.py", "site"),
    ("  of which Markdown->HTML of content text", "hcs_site/render/sanitize.py", "markdown_to_html"),
    ("JSON API and CASE files", "hcs_site/export/json_api.py", "site_api_files"),
    ("artifacts (Pillow re-encoding)", "hcs_site/adapters/plugin_files.py", "published_artifact"),
    ("plugin on_config (all of the above but the API)", "hcs_site/adapters/mkdocs_plugin.py", "on_config"),
    ("plugin on_files (API, File objects)", "hcs_site/adapters/mkdocs_plugin.py", "on_files"),
    ("MkDocs: Markdown of the pages", "mkdocs/structure/pages.py", "render"),
    ("MkDocs: page templates (theme Jinja + search hook)", "mkdocs/commands/build.py", "_build_page"),
    ("  of which the search index (per page)", "material/plugins/search/plugin.py", "on_page_context"),
    ("  of which the navigation (partials/nav.html)", "partials/nav.html", "root"),
    ("search index written (post_build)", "material/plugins/search/plugin.py", "on_post_build"),
    ("MkDocs: anchor validation", "mkdocs/structure/pages.py", "validate_anchor_links"),
    ("MkDocs: copying static files", "mkdocs/structure/files.py", "copy_static_files"),
    ("MkDocs: navigation built", "mkdocs/structure/nav.py", "get_navigation"),
    ("other language builds (es)", "hcs_site/adapters/driver.py", "build_languages"),
    ("the whole MkDocs build", "mkdocs/commands/build.py", "build"),
)


def summarize_profile(path: Path) -> str:
    stats = pstats.Stats(str(path))
    table_: dict[tuple[str, int, str], tuple[int, int, float, float, object]] = getattr(stats, "stats", {})
    total: float = getattr(stats, "total_tt", 0.0) or 1.0
    lines = [f"profile {path}: {total:.1f} s of profiled time (cProfile inflates Python-heavy code)",
             "| where | s | share | calls |", "|---|---:|---:|---:|"]
    for label, suffix, func in CATEGORIES:
        cum, calls = 0.0, 0
        for (filename, _line, name), (_cc, nc, _tt, ct, _callers) in table_.items():
            if name == func and filename.replace("\\", "/").endswith(suffix):
                cum = max(cum, ct)  # recursion (nested builds) is already inside the outer entry
                calls += nc
        lines.append(f"| {label} | {cum:.1f} | {100 * cum / total:.0f} % | {calls:,} |")
    return "\n".join(lines)


def profile_build(size: Size, work: Path, seed: int, out: Path) -> None:
    repo = work / "repo"
    if not (repo / "content").is_dir():
        make_repo(repo, size, seed)
    run([PYTHON, "-m", "cProfile", "-o", str(out), "-m", "hcs_site", "build", "--root", str(repo),
         "--site-dir", str(work / "site-profiled")], "hcs-site build under cProfile")
    print(f"  {count_html(work / 'site-profiled'):,} HTML pages")
    shutil.rmtree(work / "site-profiled", ignore_errors=True)
    print(summarize_profile(out))


# -- stage breakdown without a profiler ----------------------------------------------------------

STAGES = (
    # (module, attribute path, label): wrapped with a timer in a child build. Rows nest (the plugin's
    # rows inside the MkDocs build; the es build inside the driver's loop); a stage called inside
    # itself is counted once, at its outermost call.
    ("mkdocs.commands.build", "build", "the MkDocs build (both languages)"),
    ("hcs_site.check.pipeline", "check_repository", "validation (check_repository)"),
    ("hcs_site.adapters.mkdocs_plugin", "HcsPlugin.on_config", "plugin on_config (render every page)"),
    ("hcs_site.render.framework_pages", "FrameworkRenderer.pages", "  framework pages (Jinja, our templates)"),
    ("hcs_site.render.portfolio_pages", "PortfolioRenderer.site", "  portfolio pages (Jinja, our templates)"),
    ("hcs_site.render.sanitize", "markdown_to_html", "    content text to HTML (sanitize, uncached calls)"),
    ("hcs_site.adapters.mkdocs_plugin", "HcsPlugin.on_files", "plugin on_files (File objects, API)"),
    ("hcs_site.export.json_api", "site_api_files", "  JSON API and CASE files"),
    ("hcs_site.adapters.plugin_files", "published_artifact", "  artifacts (Pillow)"),
    ("mkdocs.structure.files", "get_files", "MkDocs: reading docs/"),
    ("mkdocs.structure.nav", "get_navigation", "MkDocs: navigation"),
    ("mkdocs.structure.pages", "Page.render", "MkDocs: page Markdown to HTML"),
    ("mkdocs.structure.files", "Files.copy_static_files", "MkDocs: copying static files"),
    ("mkdocs.commands.build", "_build_page", "MkDocs: page template, search hook, write"),
    ("material.plugins.search.plugin", "SearchPlugin.on_page_context", "  search: indexing each page"),
    ("material.plugins.search.plugin", "SearchPlugin.on_post_build", "search: writing the index"),
    ("mkdocs.structure.pages", "Page.validate_anchor_links", "MkDocs: anchor validation"),
    ("hcs_site.adapters.driver", "build_languages", "other languages (the es build, all rows)"),
)

BREAKDOWN_CHILD = """
import sys
sys.argv[0] = "bench_build"
sys.path.insert(0, sys.argv[1])
import bench_build
bench_build.breakdown_child(sys.argv[2:])
"""


def breakdown_child(argv: list[str]) -> None:
    """In a child process: `hcs-site build ARGV` with every STAGES function timed."""
    import functools
    import gc
    import importlib

    import hcs_site.cli

    seconds: dict[str, float] = {label: 0.0 for _m, _a, label in STAGES}
    calls: dict[str, int] = dict.fromkeys(seconds, 0)
    depth: dict[str, int] = dict.fromkeys(seconds, 0)

    def timed(label: str, func: Any) -> Any:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            depth[label] += 1
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                depth[label] -= 1
                if depth[label] == 0:
                    seconds[label] += time.perf_counter() - start
                calls[label] += 1

        return wrapper

    for module_name, path, label in STAGES:
        try:
            owner: Any = importlib.import_module(module_name)
        except ImportError:
            continue
        *parents, name = path.split(".")
        for part in parents:
            owner = getattr(owner, part, None)
        original = getattr(owner, name, None) if owner is not None else None
        if original is None:
            continue
        wrapped = timed(label, original)
        setattr(owner, name, wrapped)
        if not parents:  # a module function: also where other modules imported it by name
            for module in list(sys.modules.values()):
                if getattr(module, name, None) is original:
                    setattr(module, name, wrapped)
    gc_seconds, gc_start = [0.0], [0.0]

    def on_gc(phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            gc_start[0] = time.perf_counter()
        else:
            gc_seconds[0] += time.perf_counter() - gc_start[0]

    gc.callbacks.append(on_gc)
    start = time.perf_counter()
    try:
        if argv[0] == "mkdocs":  # plain MkDocs: every configuration given, in order
            from mkdocs.commands.build import build as mkdocs_build
            from mkdocs.config import load_config

            for config_file in argv[1:]:
                mkdocs_build(load_config(config_file=config_file))
        else:
            hcs_site.cli.main.main(["build", *argv[1:]], standalone_mode=False)
    finally:
        total = time.perf_counter() - start
        gc.callbacks.remove(on_gc)
        what = "plain `mkdocs build`" if argv[0] == "mkdocs" else "`hcs-site build`"
        print(f"\n--- where one {what} spends its time ({total:.1f} s wall, no profiler) ---")
        print("| stage | s | share | calls |\n|---|---:|---:|---:|")
        for _m, _a, label in STAGES:
            if calls[label]:
                print(f"| {label} | {seconds[label]:.2f} | {100 * seconds[label] / total:.1f} % | {calls[label]:,} |")
        print(f"| cyclic garbage collection (all stages) | {gc_seconds[0]:.2f} | "
              f"{100 * gc_seconds[0] / total:.1f} % | |")
        print(f"| total | {total:.2f} | 100 % | |")


def breakdown(size: Size, work: Path, seed: int, plain: bool) -> None:
    repo = work / "repo"
    if not (repo / "content").is_dir():
        make_repo(repo, size, seed)
    site = work / "site-breakdown"
    done = run([PYTHON, "-c", BREAKDOWN_CHILD, str(Path(__file__).parent), "hcs", "--root", str(repo),
                "--site-dir", str(site)], "hcs-site build, stages timed")
    print(f"  {count_html(site):,} HTML pages")
    shutil.rmtree(site, ignore_errors=True)
    print(done.output[done.output.index("\n--- where"):])
    if not plain:
        return
    out = work / "generated"
    shutil.rmtree(out, ignore_errors=True)
    generated = run([PYTHON, "-m", "hcs_site", "generate", "--root", str(repo), "--out", str(out)], "hcs-site generate")
    configs = [str(out / name) for name in build_order(generated.output, out)]
    for name in configs:
        fair_not_in_nav(Path(name))
    done = run([PYTHON, "-c", BREAKDOWN_CHILD, str(Path(__file__).parent), "mkdocs", *configs],
               "plain mkdocs build, stages timed")
    print(f"  {count_html(out / 'site'):,} HTML pages")
    shutil.rmtree(out, ignore_errors=True)
    print(done.output[done.output.index("\n--- where"):])


# -- command line -------------------------------------------------------------------------------


def parse_size(spec: str, courses: int, evidence: int) -> Size:
    """`20000` (about 20,000 pages with --courses courses) or `2000:30` (with 30 courses)."""
    pages, _, count = spec.partition(":")
    return Size.for_pages(int(pages), int(count) if count else courses, evidence)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", action="append", metavar="N[:COURSES]",
                        help="about N HTML pages (with COURSES courses, default --courses); repeat for "
                             "several sizes (default 2000)")
    parser.add_argument("--courses", type=int, default=300)
    parser.add_argument("--students", type=int, help="exactly this many students (one size; overrides --pages)")
    parser.add_argument("--evidence-per-student", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=None,
                        help="run each build N times and keep the fastest (default 1; 2 for the cached "
                             "rebuilds, whose rounds time the uncached cold build first, then last)")
    parser.add_argument("--work", type=Path, help="work in DIR and keep it (default: a temporary folder)")
    parser.add_argument("--no-plain", action="store_true", help="skip `hcs-site generate` and plain MkDocs")
    parser.add_argument("--no-shards", action="store_true", help="skip the --shard/--jobs builds")
    parser.add_argument("--no-api", action="store_true",
                        help="turn the JSON API off in every build (Zensical 0.0.73 hangs on its 85,000 files)")
    parser.add_argument("--no-zensical", action="store_true",
                        help="skip Zensical even when benchmarks/.venv-zensical has it")
    parser.add_argument("--skew", type=float, action="append", metavar="SHARE",
                        help="put this share of the students (0 to 1) in one school; repeat to measure "
                             "several spreads of every size side by side (default 0)")
    parser.add_argument("--also-as-generated", action="store_true",
                        help="also build the generated tree with its not_in_nav as written (slow: quadratic)")
    parser.add_argument("--cached", action="store_true",
                        help="also measure cached rebuilds (cold, no change, one evidence, one course): bench_cache.py")
    parser.add_argument("--only-cached", action="store_true", help="measure the cached rebuilds alone")
    parser.add_argument("--save", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--table", type=Path, nargs="+", metavar="JSON",
                        help="instead: print one table from results saved with --save")
    parser.add_argument("--breakdown", action="store_true",
                        help="instead: one hcs build and one plain build with their stages timed (no profiler)")
    parser.add_argument("--profile", type=Path, help="instead: cProfile one hcs build, write the stats here")
    parser.add_argument("--summarize-profile", type=Path, help="instead: print where a profile's time went")
    args = parser.parse_args(argv)
    global WITH_API
    WITH_API = not args.no_api
    if args.no_api:
        print("the JSON API is off in every build (--no-api)", flush=True)
    if args.summarize_profile:
        print(summarize_profile(args.summarize_profile))
        return 0
    if args.table:
        print(table([Result.load(item) for path in args.table for item in json.loads(path.read_text())]))
        return 0
    if args.students is not None:
        sizes = [Size(args.courses, args.students, args.evidence_per_student)]
    else:
        sizes = [parse_size(spec, args.courses, args.evidence_per_student) for spec in args.pages or ["2000"]]
    if any(not 0.0 <= share <= 1.0 for share in args.skew or []):
        parser.error("--skew is a share of the students, from 0 to 1")
    sizes = [replace(size, skew=share) for size in sizes for share in args.skew or [0.0]]
    print(f"machine: {machine()}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    tmp = None if args.work else tempfile.mkdtemp(prefix="hcs-bench-build-")
    base = args.work or Path(tmp or ".")
    try:
        if args.breakdown:
            breakdown(sizes[0], base / f"profile-{sizes[0].courses}-{sizes[0].students}", args.seed,
                      not args.no_plain)
            return 0
        if args.profile:
            profile_build(sizes[0], base / f"profile-{sizes[0].courses}-{sizes[0].students}", args.seed,
                          args.profile.resolve())
            return 0
        results = []
        cached: list[str] = []
        for i, size in enumerate(sizes):
            if args.only_cached:
                args.cached = True
            else:
                results.append(measure(size, base / f"size-{i + 1}-{size.courses}-{size.students}-{size.skew:g}",
                                       args.seed, args.repeat or 1, not args.no_plain, not args.no_shards,
                                       args.also_as_generated, not args.no_zensical))
            if args.cached:
                import bench_cache

                cached.append(bench_cache.table(bench_cache.measure_cached(
                    size, base / f"cached-{i + 1}-{size.courses}-{size.students}", args.seed, args.repeat or 2)))
                print(cached[-1], flush=True)
            if args.save:  # after each size, so a long run keeps what it measured
                args.save.write_text(json.dumps([r.dump() for r in results], indent=2) + "\n", encoding="utf-8")
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nmachine: {machine()}; load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    if results:
        print(table(results))
    for text in cached:
        print(f"\n{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
