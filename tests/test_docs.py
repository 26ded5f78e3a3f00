"""The documentation keeps up with the code: every diagnostic code and every command is explained."""

from __future__ import annotations

import re
from pathlib import Path

import click

from hcs_site.cli import main

ROOT = Path(__file__).resolve().parents[1]
# A code is the first string literal after a comma in report.error/warning/info(...),
# Diagnostic(...), _error(...) or YamlProblem(...): the first argument (a place) holds no bare string.
CODE_CALL = re.compile(
    r"\b(?:error|warning|info|add|Diagnostic|_error|YamlProblem)\((?:[^()\"]|\([^()]*\))*?,\s*\"([a-z][a-z-]*)\"",
    re.S,
)


def codes_in_source() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "hcs_site").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for match in CODE_CALL.finditer(text):
            found.add(match.group(1))
    return found


def test_the_code_scan_finds_the_codes() -> None:
    codes = codes_in_source()
    assert {"unknown-ref", "duplicate-key", "quote-value", "indicator-count", "private-field"} <= codes


def test_every_diagnostic_code_is_documented() -> None:
    documented = set(re.findall(r"`([a-z-]+)`", (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")))
    missing = sorted(codes_in_source() - documented)
    assert not missing, f"add these codes to docs/diagnostics.md: {missing}"


def _command_lines(group: click.Group, prefix: str = "hcs-site") -> list[str]:
    lines = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            lines.extend(_command_lines(command, f"{prefix} {name}"))
        else:
            lines.append(f"{prefix} {name}")
    return lines


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [line for line in _command_lines(main) if f"`{line}" not in readme]
    assert not missing, f"document these commands in README.md: {missing}"
