"""Consent that can be trusted, and the district settings it is judged with.

Consent is the one gate between a child's work and a public site: a date in the future, an
"adult student" in grade 7 or a consent that never ends is a mistake in the gate itself, so each
is an error (and `Portfolio.skip_reason` keeps such a portfolio unpublished even where errors do
not stop a build).
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from functools import lru_cache

from ..diagnostics import Report
from ..model.framework import District, Framework
from ..model.portfolio import Portfolio, consent_problems
from .suggest import did_you_mean


@lru_cache(maxsize=1)
def known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def check_district_settings(district: District, report: Report) -> None:
    if district.timezone not in known_zones():
        report.error(district.loc("timezone"), "unknown-timezone",
                     f"timezone '{district.timezone}' is not an IANA time zone"
                     f"{did_you_mean(district.timezone, sorted(known_zones()))}",
                     "write a zone such as America/New_York or America/Chicago")
    if district.student_number_pattern is not None:
        try:
            re.compile(district.student_number_pattern)
        except re.error as exc:
            report.error(district.loc("student_number_pattern"), "student-number-pattern",
                         f"student_number_pattern is not a valid regular expression ({exc})",
                         r"write it like \d{9} (nine digits) or S\d{7}")


def usable_pattern(district: District) -> str | None:
    """The district's student-number pattern when it compiles (otherwise its own error is shown)."""
    pattern = district.student_number_pattern
    if pattern is None:
        return None
    try:
        re.compile(pattern)
    except re.error:
        return None
    return pattern


def check_consent(fw: Framework, p: Portfolio, today: dt.date, report: Report) -> None:
    for field, code, message, hint in consent_problems(p, today):
        report.error(p.loc("consent", field) if field else p.loc("consent"), code, message, hint)
