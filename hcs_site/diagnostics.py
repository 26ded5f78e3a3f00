"""Diagnostics: the one currency every layer uses to report a problem in user content.

Every layer (load, check, render) returns problems as values instead of raising, so one run can
report every problem in every file, sorted, and the CLI decides how to print them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, order=True)
class Loc:
    """A place in a file: repository-relative POSIX path, 1-based line and column (0 = unknown)."""

    path: str
    line: int = 0
    col: int = 0


@dataclass(frozen=True)
class Diagnostic:
    loc: Loc
    code: str
    severity: Severity
    message: str
    hint: str = ""

    @property
    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        return (
            self.loc.path,
            self.loc.line,
            self.loc.col,
            self.severity.rank,
            self.code,
            self.message,
        )


def line(d: Diagnostic, hint_inline: bool = False) -> str:
    """`path:line:col: severity code message`, the one way a problem is printed on a line (the
    text reporter puts the fix on the next line; a MkDocs log line carries it in parentheses)."""
    text = f"{d.loc.path}:{d.loc.line}:{d.loc.col}: {d.severity.value} {d.code} {d.message}"
    return text + (f" (fix: {d.hint})" if hint_inline and d.hint else "")


@dataclass
class Report:
    """Collects diagnostics from every layer; nothing is raised for user mistakes."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0

    def add(
        self, loc: Loc, code: str, message: str, hint: str = "", severity: Severity = Severity.ERROR
    ) -> None:
        self.diagnostics.append(Diagnostic(loc, code, severity, message, hint))

    def error(self, loc: Loc, code: str, message: str, hint: str = "") -> None:
        self.add(loc, code, message, hint, Severity.ERROR)

    def warning(self, loc: Loc, code: str, message: str, hint: str = "") -> None:
        self.add(loc, code, message, hint, Severity.WARNING)

    def info(self, loc: Loc, code: str, message: str, hint: str = "") -> None:
        self.add(loc, code, message, hint, Severity.INFO)

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(items)

    def sorted(self) -> list[Diagnostic]:
        unique = dict.fromkeys(self.diagnostics)
        return sorted(unique, key=lambda d: d.sort_key)

    def count(self, severity: Severity) -> int:
        """Counted as printed: a problem two rules noticed at the same place counts once."""
        return sum(1 for d in dict.fromkeys(self.diagnostics) if d.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    def failed(self, strict: bool = False) -> bool:
        return self.errors > 0 or (strict and self.warnings > 0)

    def summary(self) -> str:
        def plural(n: int, word: str) -> str:
            return f"{n} {word}" if n == 1 else f"{n} {word}s"

        files = plural(self.files_checked, "file")
        parts = [plural(self.errors, "error"), plural(self.warnings, "warning")]
        skipped = self.count(Severity.INFO)
        if skipped:
            parts.append(f"{skipped} info")
        return f"{', '.join(parts)} in {files}"
