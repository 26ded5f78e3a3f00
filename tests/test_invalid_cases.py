"""Data-driven invalid cases: each breaks the valid base in one way and lists the exact diagnostics.

A case is a folder under `tests/cases/` holding only the files that differ from the base (copied
over it) and an `expected.txt`:

    # a comment
    remove: portfolios/p-0001/portfolio.md        (optional: delete a base file first)
    content/courses/math-7.yml:3:13: error quote-value
      expect-message: would be read as a number   (optional: substring of that diagnostic's message)
      expect-hint: quote this value               (optional: substring of its fix hint)

The set of (path, line, column, severity, code) must match exactly: a missing, extra or misplaced
diagnostic fails the case. Files that must not be committed (20 MB, binary encodings, a billion
laughs) are generated at test time as inline cases in the same format.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from hcs_site.check.pipeline import check_repository
from hcs_site.cli import main
from hcs_site.diagnostics import Diagnostic, Severity, line

from .conftest import BASE, COURSE_MATH_7, PORTFOLIO, TODAY, MakeRepo, write_files

CASES_DIR = Path(__file__).parent / "cases"
Key = tuple[str, int, int, str, str]


@dataclass
class Expected:
    key: Key
    messages: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)


@dataclass
class Case:
    expected: list[Expected]
    remove: list[str]


def parse_expected(text: str) -> Case:
    expected: list[Expected] = []
    remove: list[str] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("remove:"):
            remove.append(line.split(":", 1)[1].strip())
        elif line.startswith(("expect-message:", "expect-hint:")):
            assert expected, f"line {n}: {line.split(':')[0]} before any diagnostic"
            what, value = line.split(":", 1)
            (expected[-1].messages if what == "expect-message" else expected[-1].hints).append(value.strip())
        else:
            place, _, rest = line.partition(": ")
            path, lineno, col = place.rsplit(":", 2)
            severity, code = rest.split()
            expected.append(Expected((path, int(lineno), int(col), severity, code)))
    return Case(expected, remove)


def key(d: Diagnostic) -> Key:
    return (d.loc.path, d.loc.line, d.loc.col, d.severity.value, d.code)


def shown(d: Diagnostic) -> str:
    return f"{line(d)} [fix: {d.hint}]"


def assert_diagnostics(diagnostics: list[Diagnostic], case: Case) -> None:
    got = {key(d) for d in diagnostics}
    want = {e.key for e in case.expected}
    listing = "\n".join(shown(d) for d in diagnostics)
    assert got == want, f"\nmissing: {sorted(want - got)}\nunexpected: {sorted(got - want)}\nall:\n{listing}"
    for e in case.expected:
        matching = [d for d in diagnostics if key(d) == e.key]
        for m in e.messages:
            assert any(m in d.message for d in matching), f"{e.key}: no message contains {m!r}\n{listing}"
        for h in e.hints:
            assert any(h in d.hint for d in matching), f"{e.key}: no hint contains {h!r}\n{listing}"
    for d in diagnostics:
        assert d.hint, f"diagnostic without a fix hint: {shown(d)}"
        assert d.loc.path, f"diagnostic without a file: {shown(d)}"


def run_cli(root: Path, *extra: str) -> tuple[int, str]:
    epoch = int(dt.datetime.combine(TODAY, dt.time(12), dt.UTC).timestamp())
    result = CliRunner().invoke(
        main, ["validate", "--root", str(root), *extra], env={"SOURCE_DATE_EPOCH": str(epoch)}
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def check_case(root: Path, case: Case) -> None:
    report = check_repository(root, today=TODAY).report
    assert_diagnostics(report.diagnostics, case)

    # The same findings through the CLI, with the exit code a CI job would see.
    code, out = run_cli(root, "--format", "json")
    payload = json.loads(out)
    fields = ("path", "line", "column", "severity", "code")
    from_json = {tuple(d[f] for f in fields) for d in payload["diagnostics"]}
    assert from_json == {e.key for e in case.expected}
    errors = any(e.key[3] == Severity.ERROR.value for e in case.expected)
    warnings = any(e.key[3] == Severity.WARNING.value for e in case.expected)
    assert code == (1 if errors else 0)
    strict_code, _ = run_cli(root, "--strict")
    assert strict_code == (1 if errors or warnings else 0)


def case_names() -> list[str]:
    return sorted(p.name for p in CASES_DIR.iterdir() if (p / "expected.txt").is_file())


@pytest.mark.parametrize("name", case_names())
def test_case_folder(name: str, tmp_path: Path) -> None:
    folder = CASES_DIR / name
    case = parse_expected((folder / "expected.txt").read_text("utf-8"))
    assert case.expected, f"{name}: expected.txt lists no diagnostic"
    root = write_files(tmp_path / "repo", BASE)
    write_files(root, {rel: None for rel in case.remove})
    for source in sorted(folder.rglob("*")):
        if source.is_file() and source.name != "expected.txt":
            target = root / source.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    check_case(root, case)


def test_there_are_at_least_30_cases() -> None:
    assert len(case_names()) + len(GENERATED) >= 30


# ---------------------------------------------------------------------------------------------
# Generated cases: files too big, binary or dangerous to commit.

COURSE = "content/courses/math-7.yml"
AREA = "content/competencies/math.yml"
PORTFOLIO_MD = "portfolios/p-0001/portfolio.md"


def billion_laughs() -> str:
    """Ten levels of nine aliases each: 10^9 strings if anything expanded it."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def twenty_megabytes() -> str:
    padding = ("# " + "x" * 97 + "\n") * (20 * 1024 * 1024 // 100)
    return COURSE_MATH_7 + padding


GENERATED: dict[str, tuple[dict[str, str | bytes], str]] = {
    "file-20-mb": (
        {COURSE: twenty_megabytes()},
        f"{COURSE}:1:1: error file-too-large\n  expect-message: the limit is 1,000,000",
    ),
    "billion-laughs": (
        {AREA: billion_laughs()},
        f"{AREA}:1:4: error yaml-anchor\n  expect-message: anchor '&a' is not allowed",
    ),
    "utf-16-with-bom": (
        {COURSE: COURSE_MATH_7.encode("utf-16")},
        f"{COURSE}:1:1: error encoding\n  expect-message: saved as UTF-16\n"
        "  expect-hint: save the file as UTF-8",
    ),
    "utf-16-without-bom": (
        {COURSE: COURSE_MATH_7.encode("utf-16-le")},
        f"{COURSE}:1:1: error encoding\n  expect-message: saved as UTF-16",
    ),
    "latin-1": (
        {PORTFOLIO_MD: PORTFOLIO.replace("Maya S.", "José M.").encode("latin-1")},
        f"{PORTFOLIO_MD}:2:18: error encoding\n  expect-message: it looks saved as Latin-1 (Windows-1252), "
        "where it is 'é'",
    ),
    "line-separator-pasted": (
        {COURSE: COURSE_MATH_7.replace("Grade 7 Mathematics", "Grade 7\u2028Mathematics")},
        f"{COURSE}:2:15: error invisible-character\n"
        "  expect-message: U+2028 LINE SEPARATOR (a line break that editors do not show)",
    ),
    "nul-bytes": (
        {COURSE: COURSE_MATH_7.replace("Grade 7", "Grade\x007").encode()},
        f"{COURSE}:2:13: error encoding\n  expect-message: NUL",
    ),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_case(name: str, make_repo: MakeRepo) -> None:
    files, expected = GENERATED[name]
    check_case(make_repo(files), parse_expected(expected))


def test_billion_laughs_fails_fast_with_little_memory(make_repo: MakeRepo) -> None:
    root = make_repo({AREA: billion_laughs()})
    tracemalloc.start()
    try:
        report = check_repository(root, today=TODAY).report
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [d.code for d in report.diagnostics] == ["yaml-anchor"]
    assert peak < 50 * 1024 * 1024, f"peak {peak:,} bytes"


def test_the_20_mb_file_is_never_read(make_repo: MakeRepo) -> None:
    root = make_repo({COURSE: twenty_megabytes()})
    tracemalloc.start()
    try:
        check_repository(root, today=TODAY)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024, f"peak {peak:,} bytes"


def test_parse_expected_reads_every_directive() -> None:
    case = parse_expected(
        "# comment\nremove: a/b.md\nx/y.yml:3:13: error quote-value\n  expect-message: M\n  expect-hint: H\n"
    )
    assert case.remove == ["a/b.md"]
    assert case.expected == [Expected(("x/y.yml", 3, 13, "error", "quote-value"), ["M"], ["H"])]
