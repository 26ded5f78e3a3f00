"""Reporters, chosen by name: the same diagnostics as text, JSON or GitHub annotations."""

from __future__ import annotations

import json
from collections.abc import Callable

from ..diagnostics import Report, Severity, line


def text(report: Report) -> str:
    lines = []
    for d in report.sorted():
        lines.append(line(d))
        if d.hint:
            lines.append(f"    fix: {d.hint}")
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def as_json(report: Report) -> str:
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


def github(report: Report) -> str:
    """Workflow commands: GitHub shows each one on the changed line of the pull request."""
    lines = []
    for d in report.sorted():
        props = [f"file={_escape_property(d.loc.path)}"]
        if d.loc.line:
            props.append(f"line={d.loc.line}")
        if d.loc.col:
            props.append(f"col={d.loc.col}")
        props.append(f"title={_escape_property(d.code)}")
        message = d.message + (f"\nfix: {d.hint}" if d.hint else "")
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{_escape_data(message)}")
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


REPORTERS: dict[str, Callable[[Report], str]] = {"text": text, "json": as_json, "github": github}
