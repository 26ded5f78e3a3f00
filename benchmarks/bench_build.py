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
5. when `hcs-site build` has `--shard`, builds with `--shard all --jobs 2` and `--jobs 1`.

Every step runs as a child process, so its time and peak memory are its own (os.wait4), and the
resident memory of the whole process tree is sampled too (for parallel shards). Each figure comes
with the load average, because other work on the machine distorts wall times: CPU times are the
steadier figures on a shared machine. The pages are counted in the built site (every *.html).

    python benchmarks/bench_build.py --pages 2000 --pages 20000 [--courses 300]
                                     [--evidence-per-student 6] [--repeat N] [--work DIR]
    python benchmarks/bench_build.py --courses 300 --students 180 --evidence-per-student 6
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GENERATOR = Path(__file__).with_name("generate_content.py")
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


# -- measuring child processes ------------------------------------------------------------------


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
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
    """Largest sampled sum of the resident sets of the whole process tree (parallel shards)."""
    load_before: float = 0.0
    load_max: float = 0.0
    returncode: int = 0
    output: str = ""


def run(cmd: Sequence[str], label: str, cwd: Path | None = None, quiet: bool = True) -> Run:
    """Run `cmd`, sampling the process tree's memory and the load average every half second."""
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
            tree = sum(_rss_kib(pid) for pid in _descendants(proc.pid))
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
    shards: dict[int, Run] = field(default_factory=dict)
    shard_note: str = ""

    @property
    def files_per_second(self) -> float:
        return self.files / self.validate_s if self.validate_s else 0.0

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.hcs.wall / self.pages if self.hcs and self.pages else 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        return 1000 * self.hcs.cpu / self.pages if self.hcs and self.pages else 0.0

    @property
    def plain_wall(self) -> float:
        return sum(r.wall for r in self.plain)

    @property
    def plain_cpu(self) -> float:
        return sum(r.cpu for r in self.plain)

    @property
    def overhead(self) -> float:
        return self.hcs.wall / self.plain_wall if self.hcs and self.plain_wall else 0.0

    @property
    def overhead_cpu(self) -> float:
        return self.hcs.cpu / self.plain_cpu if self.hcs and self.plain_cpu else 0.0

    @property
    def speedup(self) -> float:
        return self.shards[1].wall / self.shards[2].wall if 1 in self.shards and 2 in self.shards else 0.0


def make_repo(repo: Path, size: Size, seed: int) -> float:
    """Generate the district, its docs/index.md and the benchmark's mkdocs.yml; seconds taken."""
    gen = run([PYTHON, str(GENERATOR), str(repo), "--courses", str(size.courses), "--students",
               str(size.students), "--evidence-per-student", str(size.evidence), "--seed", str(seed)],
              "generate content")
    (repo / "docs").mkdir(exist_ok=True)
    (repo / "docs" / "index.md").write_text("# Henry County Schools\n\nThe benchmark district.\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
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


def shard_option_available() -> bool:
    out = subprocess.run([PYTHON, "-m", "hcs_site", "build", "--help"], capture_output=True, text=True,
                         env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False).stdout
    return "--shard" in out and "--jobs" in out


def measure(size: Size, work: Path, seed: int, repeat: int, plain: bool, shards: bool) -> Result:
    res = Result(size)
    repo = work / "repo"
    print(f"\n== {size.courses} courses, {size.students} students x {size.evidence} evidence"
          + (f" (for about {size.requested_pages:,} pages)" if size.requested_pages else "")
          + f", in {work}", flush=True)
    res.generate_content_s = make_repo(repo, size, seed)

    check = run([PYTHON, "-c", VALIDATE_CHILD, str(repo)], "validate")
    figures = json.loads(check.output.strip().splitlines()[-1])
    if figures["errors"]:
        raise SystemExit(f"the generated content has {figures['errors']} errors")
    res.files, res.published = figures["files"], figures["published"]
    res.validate_s, res.validate_cpu_s = figures["seconds"], figures["cpu"]
    print(f"  validate: {res.files:,} files in {res.validate_s:.2f} s = {res.files_per_second:,.0f} files/s",
          flush=True)

    site = work / "site"
    runs = []
    for i in range(repeat):
        shutil.rmtree(site, ignore_errors=True)
        runs.append(run([PYTHON, "-m", "hcs_site", "build", "--root", str(repo), "--site-dir", str(site)],
                        f"hcs-site build (run {i + 1})"))
    res.hcs = best(runs)
    res.pages = count_html(site)
    res.site_files = sum(1 for p in site.rglob("*") if p.is_file())
    print(f"  {res.pages:,} HTML pages, {res.site_files:,} files: {res.ms_per_page:.1f} ms/page "
          f"({res.cpu_ms_per_page:.1f} ms CPU/page)", flush=True)

    if plain:
        out = work / "generated"
        shutil.rmtree(out, ignore_errors=True)
        res.generate = run([PYTHON, "-m", "hcs_site", "generate", "--root", str(repo), "--out", str(out)],
                           "hcs-site generate")
        configs = build_order(res.generate.output, out)
        best_total: list[Run] = []
        for i in range(repeat):
            shutil.rmtree(out / "site", ignore_errors=True)
            these = [run([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(out / name)],
                         f"plain mkdocs build -f {name} (run {i + 1})") for name in configs]
            if not best_total or sum(r.wall for r in these) < sum(r.wall for r in best_total):
                best_total = these
        res.plain = best_total
        res.plain_pages = count_html(out / "site")
        if res.plain_pages != res.pages:
            print(f"  WARNING: plain MkDocs built {res.plain_pages} HTML pages, hcs-site build {res.pages}")
        shutil.rmtree(out / "site", ignore_errors=True)

    if shards:
        if shard_option_available():
            for jobs in (1, 2):
                runs = []
                for i in range(repeat):
                    target = work / f"site-jobs{jobs}"
                    shutil.rmtree(target, ignore_errors=True)
                    runs.append(run([PYTHON, "-m", "hcs_site", "build", "--root", str(repo), "--site-dir",
                                     str(target), "--shard", "all", "--jobs", str(jobs)],
                                    f"hcs-site build --shard all --jobs {jobs} (run {i + 1})"))
                    shutil.rmtree(target, ignore_errors=True)
                res.shards[jobs] = best(runs)
        else:
            res.shard_note = "`hcs-site build` has no --shard/--jobs option yet: not measured"
            print(f"  shards: {res.shard_note}")
    shutil.rmtree(site, ignore_errors=True)
    return res


# -- report -------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "pass" if ok else "**FAIL**"


def table(results: list[Result]) -> str:
    """A Markdown table, one column per size, with the targets of issue #8 and pass/fail."""
    head = "| | " + " | ".join(f"{r.pages:,} pages" for r in results) + " | target |"
    rule = "|---|" + "---:|" * len(results) + "---|"
    rows: list[str] = []

    def row(name: str, cells: list[str], target: str = "") -> None:
        rows.append(f"| {name} | " + " | ".join(cells) + f" | {target} |")

    row("courses / students (published) / evidence files",
        [f"{r.size.courses:,} / {r.size.students:,} ({r.published:,}) / {r.size.students * r.size.evidence:,}"
         for r in results])
    row("HTML pages in site/ (files in site/)", [f"{r.pages:,} ({r.site_files:,})" for r in results])
    row("content generation", [f"{r.generate_content_s:.1f} s" for r in results])
    row("validation", [f"{r.files:,} files in {r.validate_s:.2f} s = **{r.files_per_second:,.0f} files/s** "
                       f"({verdict(r.files_per_second >= TARGET_FILES_PER_SECOND)})" for r in results],
        f"≥ {TARGET_FILES_PER_SECOND:,} files/s")
    row("`hcs-site build` (wall / CPU)", [f"{r.hcs.wall:.1f} s / {r.hcs.cpu:.1f} s" if r.hcs else "-"
                                          for r in results])
    row("per page (wall / CPU)", [f"**{r.ms_per_page:.1f} ms** / {r.cpu_ms_per_page:.1f} ms" for r in results])
    row("peak memory of the build (RSS)",
        [f"{r.hcs.peak_rss_mib:,.0f} MiB ({verdict(r.hcs.peak_rss_mib < TARGET_PEAK_GIB * 1024)})" if r.hcs else "-"
         for r in results], f"< {TARGET_PEAK_GIB:g} GiB at 20,000 pages")
    if any(r.plain for r in results):
        row("`hcs-site generate` (not counted in the ratio)",
            [f"{r.generate.wall:.1f} s" if r.generate else "-" for r in results])
        row("plain `mkdocs build` of the generated tree (wall / CPU)",
            [f"{r.plain_wall:.1f} s / {r.plain_cpu:.1f} s ({r.plain_pages:,} pages)" if r.plain else "-"
             for r in results])
        row("overhead ratio: hcs build / plain build (wall; CPU)",
            [f"**{r.overhead:.2f}** ({verdict(r.overhead <= TARGET_OVERHEAD)}); {r.overhead_cpu:.2f}"
             if r.plain else "-" for r in results], f"≤ {TARGET_OVERHEAD:.2f}")
    row("2-job shard speed-up (`--shard all`, jobs 1 / jobs 2)",
        [f"{r.shards[1].wall:.1f} s / {r.shards[2].wall:.1f} s = **{r.speedup:.2f}x** "
         f"({verdict(r.speedup >= TARGET_SHARD_SPEEDUP)})" if r.speedup else "not measured" for r in results],
        f"≥ {TARGET_SHARD_SPEEDUP}x")
    row("load average (1 min) before / max during the build",
        [f"{r.hcs.load_before:.2f} / {r.hcs.load_max:.2f}" if r.hcs else "-" for r in results])
    lines = [head, rule, *rows]
    if len(results) >= 2 and results[0].pages and results[-1].pages:
        small, large = results[0], results[-1]
        ratio = large.ms_per_page / small.ms_per_page
        cpu_ratio = large.cpu_ms_per_page / small.cpu_ms_per_page
        lines += ["", f"Per-page cost at {large.pages:,} pages over {small.pages:,} pages: **{ratio:.2f}** wall, "
                      f"{cpu_ratio:.2f} CPU (target ≤ {TARGET_LINEAR}: {verdict(ratio <= TARGET_LINEAR)})."]
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
    # one calls another (the nested language build contains a second copy of most rows).
    ("validation (check_repository)", "hcs_site/check/pipeline.py", "check_repository"),
    ("our framework pages (render layer)", "hcs_site/render/framework_pages.py", "pages"),
    ("our portfolio pages (render layer)", "hcs_site/render/portfolio_pages.py", "portfolio_site"),
    ("  of which Markdown->HTML of content text", "hcs_site/render/sanitize.py", "markdown_to_html"),
    ("JSON API and CASE files", "hcs_site/export/json_api.py", "site_api_files"),
    ("artifacts (Pillow re-encoding)", "hcs_site/adapters/mkdocs_plugin.py", "published_artifact"),
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
    ("nested language builds (es)", "hcs_site/adapters/languages.py", "build_others"),
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
    # rows inside the MkDocs build; the es build inside post_build); a stage called inside itself
    # (the nested language build) is counted once, at its outermost call.
    ("mkdocs.commands.build", "build", "the MkDocs build (both languages)"),
    ("hcs_site.check.pipeline", "check_repository", "validation (check_repository)"),
    ("hcs_site.adapters.mkdocs_plugin", "HcsPlugin.on_config", "plugin on_config (render every page)"),
    ("hcs_site.render.framework_pages", "FrameworkRenderer.pages", "  framework pages (Jinja, our templates)"),
    ("hcs_site.render.portfolio_pages", "portfolio_site", "  portfolio pages (Jinja, our templates)"),
    ("hcs_site.render.sanitize", "markdown_to_html", "    content text to HTML (sanitize, uncached calls)"),
    ("hcs_site.adapters.mkdocs_plugin", "HcsPlugin.on_files", "plugin on_files (File objects, API)"),
    ("hcs_site.export.json_api", "site_api_files", "  JSON API and CASE files"),
    ("hcs_site.adapters.mkdocs_plugin", "published_artifact", "  artifacts (Pillow)"),
    ("mkdocs.structure.files", "get_files", "MkDocs: reading docs/"),
    ("mkdocs.structure.nav", "get_navigation", "MkDocs: navigation"),
    ("mkdocs.structure.pages", "Page.render", "MkDocs: page Markdown to HTML"),
    ("mkdocs.structure.files", "Files.copy_static_files", "MkDocs: copying static files"),
    ("mkdocs.commands.build", "_build_page", "MkDocs: page template, search hook, write"),
    ("material.plugins.search.plugin", "SearchPlugin.on_page_context", "  search: indexing each page"),
    ("material.plugins.search.plugin", "SearchPlugin.on_post_build", "search: writing the index"),
    ("mkdocs.structure.pages", "Page.validate_anchor_links", "MkDocs: anchor validation"),
    ("hcs_site.adapters.languages", "build_others", "other languages (nested es build, all rows)"),
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
    done = run([PYTHON, "-c", BREAKDOWN_CHILD, str(Path(__file__).parent), "mkdocs", *configs],
               "plain mkdocs build, stages timed")
    print(f"  {count_html(out / 'site'):,} HTML pages")
    shutil.rmtree(out, ignore_errors=True)
    print(done.output[done.output.index("\n--- where"):])


# -- command line -------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, action="append",
                        help="about this many HTML pages (repeat for several sizes; default 2000)")
    parser.add_argument("--courses", type=int, default=300)
    parser.add_argument("--students", type=int, help="exactly this many students (one size; overrides --pages)")
    parser.add_argument("--evidence-per-student", type=int, default=6)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="run each build N times and keep the fastest")
    parser.add_argument("--work", type=Path, help="work in DIR and keep it (default: a temporary folder)")
    parser.add_argument("--no-plain", action="store_true", help="skip `hcs-site generate` and plain MkDocs")
    parser.add_argument("--no-shards", action="store_true", help="skip the --shard/--jobs builds")
    parser.add_argument("--breakdown", action="store_true",
                        help="instead: one hcs build with its stages timed (no profiler)")
    parser.add_argument("--profile", type=Path, help="instead: cProfile one hcs build, write the stats here")
    parser.add_argument("--summarize-profile", type=Path, help="instead: print where a profile's time went")
    args = parser.parse_args(argv)
    if args.summarize_profile:
        print(summarize_profile(args.summarize_profile))
        return 0
    if args.students is not None:
        sizes = [Size(args.courses, args.students, args.evidence_per_student)]
    else:
        sizes = [Size.for_pages(p, args.courses, args.evidence_per_student) for p in args.pages or [2000]]
    print(f"machine: {machine()}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    tmp = None if args.work else tempfile.mkdtemp(prefix="hcs-bench-build-")
    base = args.work or Path(tmp or ".")
    try:
        if args.breakdown:
            breakdown(sizes[0], base / f"profile-{sizes[0].students}", args.seed, not args.no_plain)
            return 0
        if args.profile:
            profile_build(sizes[0], base / f"profile-{sizes[0].students}", args.seed, args.profile.resolve())
            return 0
        results = [measure(size, base / f"size-{i + 1}-{size.students}", args.seed, args.repeat,
                           not args.no_plain, not args.no_shards) for i, size in enumerate(sizes)]
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nmachine: {machine()}; load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
