"""Time `check_repository` on a generated district-sized repository.

Why: the issue sets a throughput target (at least 2,000 files/s on the 2-core CI machine for 2,000
course files + 20,000 evidence files); this script measures it the same way every time. Content is
generated in a child process so the peak RSS reported is the checker's, not the generator's.

    python benchmarks/bench_validate.py [--courses 2000 --students 2000 --evidence-per-student 10]
                                        [--keep DIR | --content DIR] [--repeat N]
                                        [--profile OUT] [--breakdown]

--breakdown times the pipeline's stages without a profiler's overhead (it wraps a few named
functions; nested rows are also counted in their parents) and the cyclic garbage collector's pauses.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import importlib
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from hcs_site.check.pipeline import CheckResult, check_repository

TARGET_FILES_PER_SECOND = 2000
GENERATOR = Path(__file__).with_name("generate_content.py")

# (module, function, label): the names the pipeline calls through, so wrapping them times a stage.
STAGES = (
    ("hcs_site.check.pipeline", "discover", "discover files"),
    ("hcs_site.check.pipeline", "load_yaml_file", "load_yaml_file (framework)"),
    ("hcs_site.check.pipeline", "load_markdown_file", "load_markdown_file (portfolios)"),
    ("hcs_site.load.files", "read_text", "  read_text (I/O, decode)"),
    ("hcs_site.load.files", "read_yaml", "  read_yaml (parse, compose)"),
    ("hcs_site.check.pipeline", "validate_document", "validate_document"),
    ("hcs_site.check.pipeline", "check_framework", "check_framework"),
    ("hcs_site.check.pipeline", "build_portfolio", "build_portfolio"),
    ("hcs_site.check.pipeline", "build_evidence", "build_evidence"),
    ("hcs_site.check.pipeline", "check_portfolio", "check_portfolio"),
    ("hcs_site.check.pipeline", "check_evidence", "check_evidence"),
    ("hcs_site.check.rules_portfolio", "private_details", "  private_details"),
)


class Breakdown:
    """Seconds and calls per stage, plus time spent in cyclic garbage collection."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._gc_start = 0.0

    def _timed(self, label: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                key = f"{label} [{args[1]}]" if label == "validate_document" else label
                self.seconds[key] += time.perf_counter() - start
                self.calls[key] += 1

        return wrapper

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            key = f"gc pauses (generation {info['generation']})"
            self.seconds[key] += time.perf_counter() - self._gc_start
            self.calls[key] += 1

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        saved = []
        for module_name, name, label in STAGES:
            module = importlib.import_module(module_name)
            func = getattr(module, name, None)
            if func is not None:
                saved.append((module, name, func))
                setattr(module, name, self._timed(label, func))
        gc.callbacks.append(self._gc)
        try:
            yield
        finally:
            gc.callbacks.remove(self._gc)
            for module, name, func in saved:
                setattr(module, name, func)

    def print(self, total: float) -> None:
        print(f"\n--- breakdown of one run ({total:.2f} s wall) ---")
        for key in sorted(self.seconds, key=lambda k: -self.seconds[k]):
            s, n = self.seconds[key], self.calls[key]
            print(f"{s:7.2f} s {100 * s / total:5.1f} % {n:8d} calls {1e6 * s / n:8.0f} us/call  {key}")


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def generate(out: Path, courses: int, students: int, evidence: int, seed: int) -> bool:
    cmd = [sys.executable, str(GENERATOR), str(out), "--courses", str(courses), "--students",
           str(students), "--evidence-per-student", str(evidence), "--seed", str(seed)]
    return subprocess.run(cmd, check=False).returncode == 0


def timed_check(root: Path, profile: Path | None) -> tuple[CheckResult, float, float]:
    """(result, wall seconds, CPU seconds): CPU time is the steadier figure on a busy machine."""
    gc.collect()
    profiler = cProfile.Profile() if profile else None
    start, cpu_start = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    result = check_repository(root)
    if profiler:
        profiler.disable()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    if profiler and profile:
        profiler.dump_stats(profile)
        stats = pstats.Stats(profiler).strip_dirs()
        for key in ("tottime", "cumulative"):
            print(f"\n--- top 25 by {key} (profiled run: timings inflated) ---")
            stats.sort_stats(key).print_stats(25)
    return result, seconds, cpu


def run(root: Path, repeat: int, profile: Path | None, breakdown: bool = False) -> bool:
    print(f"checking {root} (peak RSS before: {peak_rss_mb():.0f} MB)")
    best, files = float("inf"), 0
    for i in range(repeat):
        load = os.getloadavg()[0]
        result, seconds, cpu = timed_check(root, profile if i == 0 else None)
        r = result.report
        files, errors, warnings = r.files_checked, r.errors, r.warnings
        del result, r  # drop this run's data before the next one, so peak RSS is one run's
        best = min(best, seconds)
        print(f"run {i + 1}: {files} files in {seconds:.2f} s = {files / seconds:,.0f} files/s "
              f"(CPU {cpu:.2f} s = {files / cpu:,.0f} files/s); {errors} errors, {warnings} warnings; "
              f"peak RSS {peak_rss_mb():.0f} MB; load average before {load:.1f}")
    if breakdown:
        stages = Breakdown()
        with stages.installed():
            _, seconds, _ = timed_check(root, None)
        stages.print(seconds)
    rate = files / best
    ok = rate >= TARGET_FILES_PER_SECOND
    print(f"best: {rate:,.0f} files/s (target {TARGET_FILES_PER_SECOND:,}): {'OK' if ok else 'BELOW TARGET'}")
    return ok


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--courses", type=int, default=2000)
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--evidence-per-student", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--keep", type=Path, help="generate into DIR and keep it")
    where.add_argument("--content", type=Path, help="check an existing repository instead of generating")
    parser.add_argument("--repeat", type=int, default=1, help="check N times, report each and the best")
    parser.add_argument("--profile", type=Path, help="cProfile the first run, write stats to this file")
    parser.add_argument("--breakdown", action="store_true", help="one more run, timed stage by stage")
    args = parser.parse_args(argv)
    if args.content:
        return 0 if run(args.content, args.repeat, args.profile, args.breakdown) else 1
    with tempfile.TemporaryDirectory(prefix="hcs-bench-") as tmp:
        root = args.keep or Path(tmp) / "repo"
        start = time.perf_counter()
        if not generate(root, args.courses, args.students, args.evidence_per_student, args.seed):
            return 2  # the generator said why (e.g. --keep DIR already holds content: use --content)
        print(f"generated in {time.perf_counter() - start:.1f} s")
        return 0 if run(root, args.repeat, args.profile, args.breakdown) else 1


if __name__ == "__main__":
    sys.exit(main())
