"""Reporters, chosen by name: the same diagnostics as text, JSON or GitHub annotations."""

from __future__ import annotations

import json
from collections import Counter
from typing import Protocol

from ..diagnostics import Diagnostic, Report, Severity


class Reporter(Protocol):
    def __call__(self, report: Report, verbose: bool = False, changed: frozenset[str] | None = None) -> str: ...


_SHORT_REASONS = (
    ("it has no consent block", "no consent"),
    ("consent says publish: false", "no consent"),
    ("it has no guardian consent", "no guardian consent"),
    ("consent expired", "consent expired"),
    ("it holds a link", "a link to a file"),
)


def _short_reason(message: str) -> str:
    reason = message.split(" is not published: ", 1)[-1]
    return next((short for start, short in _SHORT_REASONS if reason.startswith(start)), "a consent problem")


def quiet_summary(report: Report) -> list[str]:
    """Informational lines as one line each kind: a committee cannot act on each portfolio.

    "2 portfolios not published: no consent" instead of one line per folder (`-v` lists them)."""
    infos = [d for d in report.sorted() if d.severity is Severity.INFO]
    if not infos:
        return []
    lines = []
    skipped = [d for d in infos if d.code == "portfolio-skipped"]
    if skipped:
        reasons = Counter(_short_reason(d.message) for d in skipped)
        words = ", ".join(reason if len(reasons) == 1 else f"{n} {reason}" for reason, n in sorted(reasons.items()))
        noun = "portfolio" if len(skipped) == 1 else "portfolios"
        lines.append(f"{len(skipped)} {noun} not published: {words} (-v lists them)")
    others = len(infos) - len(skipped)
    if others:
        lines.append(f"{others} more informational line{'' if others == 1 else 's'} (-v lists them)")
    return lines


def _shown(report: Report, verbose: bool) -> list[Diagnostic]:
    return [d for d in report.sorted() if verbose or d.severity is not Severity.INFO]


def _place(d: Diagnostic) -> str:
    return f"{d.loc.path}:{d.loc.line}:{d.loc.col}"


def text(report: Report, verbose: bool = False, changed: frozenset[str] | None = None) -> str:
    lines = []
    for d in _shown(report, verbose):
        lines.append(f"{_place(d)}: {d.severity.value} {d.code} {d.message}")
        if d.hint:
            lines.append(f"    fix: {d.hint}")
    if not verbose:
        lines += quiet_summary(report)
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def as_json(report: Report, verbose: bool = False, changed: frozenset[str] | None = None) -> str:
    """Everything, always: tools filter by severity themselves."""
    payload = {
        "diagnostics": [
            {
                "path": d.loc.path,
                "line": d.loc.line,
                "column": d.loc.col,
                "severity": d.severity.value,
                "code": d.code,
                "message": d.message,
                "hint": d.hint,
            }
            for d in report.sorted()
        ],
        "summary": {
            "errors": report.errors,
            "warnings": report.warnings,
            "info": report.count(Severity.INFO),
            "files": report.files_checked,
        },
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github(report: Report, verbose: bool = False, changed: frozenset[str] | None = None) -> str:
    """Workflow commands: GitHub shows each one on the changed line of the pull request.

    `changed` (validate --base): a problem in a file the pull request does not touch is still
    reported, but on the run's summary with its place in the text, not pinned to an unchanged file."""
    lines = []
    for d in _shown(report, verbose):
        props = []
        pinned = changed is None or d.loc.path in changed
        if pinned:
            props.append(f"file={_escape_property(d.loc.path)}")
            if d.loc.line:
                props.append(f"line={d.loc.line}")
            if d.loc.col:
                props.append(f"col={d.loc.col}")
        props.append(f"title={_escape_property(d.code)}")
        message = ("" if pinned else f"{_place(d)} (a file this change does not touch): ") + d.message
        message += f"\nfix: {d.hint}" if d.hint else ""
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{_escape_data(message)}")
    if not verbose:
        lines += quiet_summary(report)
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


REPORTERS: dict[str, Reporter] = {"text": text, "json": as_json, "github": github}
