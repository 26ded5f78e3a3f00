#!/usr/bin/env python3
"""Mutation testing: would the test suite notice if a module's code were quietly changed?

    .venv/bin/python scripts/mutation.py hcs_site/render/mastery.py [--max N] [--timeout S] [-j 2]

Each mutant (a flipped comparison, a deleted statement, a loosened regex... see mutation_ops.py) is
written into a temporary copy of the repository, never the working tree, and the module's tests,
declared in scripts/mutation_targets.toml, run against it with `pytest -x`. A mutant the tests
pass on *survived*: that regression would go unnoticed. Mutants that behave exactly like the
original are listed, with the reason, in scripts/mutation_equivalent.toml and reported apart.
The how and the current scores are in docs/testing.md.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from mutation_ops import Mutant, mutants

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ROOT / "scripts" / "mutation_targets.toml"
EQUIVALENT = ROOT / "scripts" / "mutation_equivalent.toml"
NOT_COPIED = (".git", ".venv", "site/", "bench-out/")
PYTEST = ["-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]


class UsageError(Exception):
    """A mistake in the command line or the configuration files (exit code 2)."""


@dataclass(frozen=True)
class Equivalent:
    module: str
    line: int
    change: str
    reason: str

    def matches(self, m: Mutant) -> bool:
        return (self.module, self.line, self.change) == (m.module, m.line, m.change)


@dataclass
class Result:
    module: str
    tests: list[str]
    generated: int
    skipped: int
    outcomes: list[tuple[Mutant, str]] = field(default_factory=list)
    """(mutant, killed | timeout | survived) for every mutant run."""
    equivalent: list[Equivalent] = field(default_factory=list)
    stale: list[Equivalent] = field(default_factory=list)

    def _equivalent_entry(self, m: Mutant) -> Equivalent | None:
        return next((e for e in self.equivalent if e.matches(m)), None)

    def is_equivalent(self, m: Mutant) -> bool:
        return self._equivalent_entry(m) is not None

    def counts(self) -> dict[str, int]:
        plain = [s for m, s in self.outcomes if self._equivalent_entry(m) is None]
        return {"mutants": len(self.outcomes), "killed": sum(s != "survived" for s in plain),
                "timeout": plain.count("timeout"), "survived": plain.count("survived"),
                "equivalent": len(self.outcomes) - len(plain)}

    def score(self) -> float:
        c = self.counts()
        scored = c["killed"] + c["survived"]
        return 100.0 * c["killed"] / scored if scored else 100.0

    def report(self) -> str:
        c = self.counts()
        lines = [f"== {self.module} (tests: {' '.join(self.tests)})",
                 f"{c['mutants']} mutants run of {self.generated}: {c['killed']} killed ({c['timeout']} by timeout), "
                 f"{c['survived']} survived, {c['equivalent']} listed as equivalent"
                 + (f"; {self.skipped} edits could not be written as source" if self.skipped else ""),
                 f"score: {self.score():.1f}% of {c['killed'] + c['survived']} non-equivalent mutants killed "
                 f"({100.0 * c['killed'] / max(1, c['mutants']):.1f}% of all {c['mutants']})"]
        survivors = [m for m, s in self.outcomes if s == "survived" and self._equivalent_entry(m) is None]
        if survivors:
            lines.append("survived:")
            lines += [f"  {m.module}:{m.line} [{m.operator}] {m.change}" for m in survivors]
        listed = [(m, s, e) for m, s in self.outcomes if (e := self._equivalent_entry(m)) is not None]
        if listed:
            lines.append(f"equivalent ({TARGETS.parent.name}/{EQUIVALENT.name}):")
            lines += [f"  {m.module}:{m.line} [{m.operator}] {m.change}\n      {e.reason}" for m, s, e in listed
                      if s == "survived"]
        killed_listed = [m for m, s, _ in listed if s != "survived"]
        if killed_listed:
            lines.append("listed as equivalent but KILLED (not equivalent: remove the entry):")
            lines += [f"  {m.module}:{m.line} {m.change}" for m in killed_listed]
        if self.stale:
            lines.append("listed as equivalent but no such mutant (line moved? update the entry):")
            lines += [f"  {e.module}:{e.line} {e.change}" for e in self.stale]
        return "\n".join(lines)

    def to_json(self) -> dict[str, object]:
        return {"module": self.module, "tests": self.tests, "generated": self.generated, "skipped": self.skipped,
                **self.counts(), "score": round(self.score(), 1),
                "mutants": [{"line": m.line, "operator": m.operator, "change": m.change, "outcome": s,
                             "equivalent": self._equivalent_entry(m) is not None} for m, s in self.outcomes]}


def load_targets() -> dict[str, list[str]]:
    try:
        targets = tomllib.loads(TARGETS.read_text(encoding="utf-8"))["targets"]
    except (OSError, tomllib.TOMLDecodeError, KeyError) as exc:
        raise UsageError(f"{TARGETS}: {exc}") from exc
    for module, tests in targets.items():
        missing = [p for p in [module, *tests] if not (ROOT / p).is_file()]
        if missing:
            raise UsageError(f"{TARGETS.name}: {module}: no such file: {', '.join(missing)}")
    return {str(k): [str(t) for t in v] for k, v in targets.items()}


def load_equivalent() -> list[Equivalent]:
    try:
        entries = tomllib.loads(EQUIVALENT.read_text(encoding="utf-8")).get("equivalent", [])
        return [Equivalent(e["module"], int(e["line"]), e["change"], e["reason"]) for e in entries]
    except FileNotFoundError:
        return []
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"{EQUIVALENT}: every entry needs module, line, change and reason ({exc})") from exc


def resolve(name: str, targets: dict[str, list[str]]) -> str:
    """`render/mastery.py`, `hcs_site/render/mastery.py` and `hcs_site.render.mastery` name one module."""
    path = name if name.endswith(".py") else name.replace(".", "/") + ".py"
    for candidate in (path, f"hcs_site/{path}"):
        if candidate in targets:
            return candidate
    raise UsageError(f"{name}: not in {TARGETS.relative_to(ROOT)}; add a line such as\n"
                     f'  "hcs_site/{path.removeprefix("hcs_site/")}" = ["tests/test_....py"]')


def repository_files() -> list[str]:
    """Tracked and new (not ignored) files: what a fresh clone plus the work in progress holds."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                             capture_output=True, check=True).stdout.decode("utf-8")
        names = [n for n in out.split("\0") if n]
    except (OSError, subprocess.CalledProcessError):
        names = [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*") if p.is_file()]
    return sorted(n for n in names if not n.startswith(NOT_COPIED) and "__pycache__" not in n
                  and (ROOT / n).is_file())


RUNNING: set[subprocess.Popen[bytes]] = set()
"""pytest processes under way, stopped (with their children) when the tool is interrupted."""


def stop_running() -> None:
    for proc in list(RUNNING):
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


class Workspace:
    """A private copy of the repository where one mutant at a time is written and tested."""

    def __init__(self, parent: Path, index: int, files: list[str]) -> None:
        self.root = parent / f"copy-{index}"
        for name in files:
            target = self.root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target)

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_ADDOPTS", "PYTHONSTARTUP")}
        return {**env, "PYTHONPATH": str(self.root), "NO_MKDOCS_2_WARNING": "1"}

    def check_imports_itself(self) -> None:
        probe = subprocess.run([sys.executable, "-c", "import hcs_site; print(hcs_site.__file__)"], cwd=self.root,
                               env=self.env(), capture_output=True, text=True)
        found = Path(probe.stdout.strip() or "?").resolve()
        if not found.is_relative_to(self.root.resolve()):
            raise UsageError(f"the copy imports hcs_site from {found}, not from {self.root}: run with the "
                             f"project's Python (.venv/bin/python)")

    def pytest(self, tests: list[str], timeout: float) -> str:
        """killed | survived | timeout."""
        proc = subprocess.Popen([sys.executable, *PYTEST, *tests], cwd=self.root, env=self.env(),
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        RUNNING.add(proc)
        try:
            proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return "timeout"
        except BaseException:  # interrupted (SIGTERM, Ctrl-C): take pytest and its children down too
            with suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            raise
        finally:
            RUNNING.discard(proc)
        return "survived" if proc.returncode == 0 else "killed"

    @contextmanager
    def mutated(self, mutant: Mutant, original: bytes) -> Iterator[None]:
        path = self.root / mutant.module
        stale = list((path.parent / "__pycache__").glob(f"{path.stem}.*.pyc"))
        try:
            for pyc in stale:
                pyc.unlink(missing_ok=True)
            path.write_bytes(mutant.apply(original))
            yield
        finally:
            path.write_bytes(original)
            for pyc in (path.parent / "__pycache__").glob(f"{path.stem}.*.pyc"):
                pyc.unlink(missing_ok=True)


def sample(found: list[Mutant], limit: int | None) -> list[Mutant]:
    """At most `limit` mutants, spread evenly over the module (the same ones every time)."""
    if limit is None or limit >= len(found):
        return found
    return [found[i * len(found) // limit] for i in range(limit)]


def in_lines(m: Mutant, lines: str | None) -> bool:
    if not lines:
        return True
    low, _, high = lines.partition("-")
    return int(low) <= m.line <= int(high or low)


def run_module(module: str, tests: list[str], args: argparse.Namespace, pool: queue.Queue[Workspace],
               equivalent: list[Equivalent]) -> Result:
    original = (ROOT / module).read_bytes()
    found, skipped = mutants(module, original)
    mine = [e for e in equivalent if e.module == module]
    result = Result(module, tests, len(found), skipped, equivalent=mine,
                    stale=[e for e in mine if not any(e.matches(m) for m in found)])
    chosen = sample([m for m in found if in_lines(m, args.lines)], args.max)
    ws = pool.get()
    try:
        started = time.monotonic()
        if ws.pytest(tests, max(args.timeout or 0, 600)) != "survived":
            raise UsageError(f"{module}: the declared tests fail on the unmodified code; fix them first")
        baseline = time.monotonic() - started
    finally:
        pool.put(ws)
    timeout = args.timeout or max(60.0, 10 * baseline)
    print(f"{module}: {len(chosen)} of {len(found)} mutants, tests take {baseline:.1f}s unmutated, "
          f"timeout {timeout:.0f}s, {args.jobs} at a time", file=sys.stderr)

    def one(m: Mutant) -> str:
        ws = pool.get()
        try:
            with ws.mutated(m, original):
                return ws.pytest(tests, timeout)
        finally:
            pool.put(ws)

    executor = ThreadPoolExecutor(max_workers=args.jobs)
    try:
        for n, (m, outcome) in enumerate(zip(chosen, executor.map(one, chosen), strict=True), 1):
            result.outcomes.append((m, outcome))
            if outcome == "survived" and result.is_equivalent(m):
                outcome_text = "survived (listed as equivalent)"
            elif outcome == "survived" or args.verbose:
                outcome_text = outcome
            else:
                continue
            print(f"  [{n}/{len(chosen)}] {outcome_text}: {m.module}:{m.line} [{m.operator}] {m.change}",
                  file=sys.stderr)
    finally:  # interrupted: start nothing more and stop what runs, so the copies can be removed
        executor.shutdown(wait=False, cancel_futures=True)
        stop_running()
        executor.shutdown(wait=True)
    return result


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", metavar="MODULE",
                        help="a module of scripts/mutation_targets.toml (render/mastery.py, hcs_site.diff.compare)")
    parser.add_argument("--all", action="store_true", help="every module of scripts/mutation_targets.toml")
    parser.add_argument("--max", type=int, metavar="N", help="run at most N mutants, spread over the module")
    parser.add_argument("--timeout", type=float, metavar="S",
                        help="seconds per mutant (default: 10x the unmutated run, at least 60)")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--lines", metavar="A-B", help="only mutants on these lines (one module)")
    parser.add_argument("--list", action="store_true", help="list the mutants without running anything")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--fail-under", type=float, metavar="PCT",
                        help="exit 1 when a module's score (non-equivalent mutants killed) is below PCT")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every mutant's outcome")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # unwind: stop pytest, remove the copies
    try:
        targets = load_targets()
        equivalent = load_equivalent()
        modules = list(targets) if args.all else [resolve(name, targets) for name in args.modules]
        if not modules:
            raise UsageError("name a module (or --all); declared: " + ", ".join(targets))
        if args.jobs < 1 or (args.max is not None and args.max < 1):
            raise UsageError("-j and --max take a number of at least 1")
        if args.list:
            for module in modules:
                found, skipped = mutants(module, (ROOT / module).read_bytes())
                for m in found:
                    if in_lines(m, args.lines):
                        print(f"{m.module}:{m.line} [{m.operator}] {m.change}")
                print(f"{module}: {len(found)} mutants ({skipped} edits could not be written)", file=sys.stderr)
            return 0
        with tempfile.TemporaryDirectory(prefix="hcs-mutation-") as tmp:
            files = repository_files()
            pool: queue.Queue[Workspace] = queue.Queue()
            for i in range(args.jobs):
                pool.put(Workspace(Path(tmp), i, files))
            pool.queue[0].check_imports_itself()
            results = []
            for module in modules:
                results.append(run_module(module, targets[module], args, pool, equivalent))
                print(("\n" if len(results) > 1 else "") + results[-1].report(), flush=True)
    except UsageError as exc:
        print(f"mutation: {exc}", file=sys.stderr)
        return 2
    finally:
        stop_running()
    if args.json:
        args.json.write_text(json.dumps([r.to_json() for r in results], indent=2) + "\n", encoding="utf-8")
    low = [r.module for r in results if args.fail_under is not None and r.score() < args.fail_under]
    if low:
        print(f"\nbelow {args.fail_under:g}%: {', '.join(low)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
