"""The consent gate, day by day: which portfolio is published on which day, and why not.

Each case moves one date or one flag across its boundary (the last day of a consent, the day it
is given, grade 11 to grade 12) and checks both the error a coordinator reads and the reason the
portfolio is kept off the site.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from hcs_site.check.pipeline import BuildDateError, build_date, check_repository, today_override, zone
from hcs_site.model.portfolio import Consent, Portfolio, consent_problems, under_grade_12

from .conftest import BASE, DISTRICT, TODAY, write_files


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Portfolio:
    root = write_files(tmp_path_factory.mktemp("consent") / "repo", BASE)
    result = check_repository(root, today=TODAY)
    assert [p.key for p in result.published] == ["p-0001"]
    return result.portfolios[0]


def _with(p: Portfolio, grade: str | int = 5, **consent: object) -> Portfolio:
    fields: dict[str, object] = {"publish": True, "guardian": True, "date": "2026-09-01", "expires": "2027-06-30"}
    fields.update(consent)
    return dataclasses.replace(p, grade=grade, consent=Consent(**fields))  # type: ignore[arg-type]


def _codes(p: Portfolio, today: dt.date = TODAY) -> list[tuple[str, str, str]]:
    return [(f, code, message) for f, code, message, _hint in consent_problems(p, today)]


def test_a_complete_consent_publishes(portfolio: Portfolio) -> None:
    p = _with(portfolio)
    assert _codes(p) == [] and p.skip_reason(TODAY) is None


@pytest.mark.parametrize(("today", "reason"), [
    (dt.date(2027, 6, 29), None), (dt.date(2027, 6, 30), None),
    (dt.date(2027, 7, 1), "consent expired on 2027-06-30"),
])
def test_the_last_day_of_a_consent_still_publishes(portfolio: Portfolio, today: dt.date, reason: str | None) -> None:
    assert _with(portfolio).skip_reason(today) == reason


@pytest.mark.parametrize(("given", "problems"), [
    ("2026-10-14", []), ("2026-10-15", []),
    ("2026-10-16", [("date", "consent-date", "the consent date 2026-10-16 is in the future (today is 2026-10-15 "
                     "in the district's time zone)")]),
])
def test_a_consent_given_after_today_is_not_signed_yet(portfolio: Portfolio, given: str,
                                                       problems: list[tuple[str, str, str]]) -> None:
    p = _with(portfolio, date=given)
    assert _codes(p) == problems
    assert p.skip_reason(TODAY) == (problems[0][2] if problems else None)


@pytest.mark.parametrize(("given", "expires", "problems"), [
    ("2026-09-01", "2026-09-01", []),
    ("2026-09-01", "2026-08-31", [("expires", "consent-expires",
                                   "consent expires on 2026-08-31, before it was given (2026-09-01)")]),
    (None, "2027-06-30", []), ("not a date", "2027-06-30", []),
])
def test_a_consent_cannot_end_before_it_begins(portfolio: Portfolio, given: str | None, expires: str,
                                               problems: list[tuple[str, str, str]]) -> None:
    assert _codes(_with(portfolio, date=given, expires=expires)) == problems


def test_a_consent_without_an_end(portfolio: Portfolio) -> None:
    p = _with(portfolio, expires=None)
    assert _codes(p) == [("", "consent-expires", "the consent has no `expires` date")]
    assert p.skip_reason(TODAY) == "the consent has no `expires` date"
    assert _codes(_with(portfolio, expires=None, publish=False)) == []  # nothing to publish, nothing to end
    assert _codes(_with(portfolio, expires=None, guardian=False)) == []  # not consent at all (its own reason)


def test_an_expiry_that_is_not_a_date_keeps_the_portfolio_off(portfolio: Portfolio) -> None:
    assert _with(portfolio, expires="2027-02-30").skip_reason(TODAY) == "the consent expiry date is not a valid date"


@pytest.mark.parametrize(("consent", "reason"), [
    (None, "it has no consent block"),
    (Consent(publish=False, guardian=True, expires="2099-01-01"), "consent says publish: false"),
    (Consent(publish=True, expires="2099-01-01"),
     "it has no guardian consent (and the student is not an adult student)"),
])
def test_no_consent_no_page(portfolio: Portfolio, consent: Consent | None, reason: str) -> None:
    p = dataclasses.replace(portfolio, consent=consent)
    assert p.skip_reason(TODAY) == reason
    assert consent_problems(p, TODAY) == [] if consent is None else True


@pytest.mark.parametrize(("grade", "under"), [("K", True), (1, True), (11, True), (12, False), (True, False),
                                             ("12", False), ("5", False)])
def test_an_adult_student_signs_alone_only_from_grade_12(grade: str | int, under: bool) -> None:
    assert under_grade_12(grade) is under


@pytest.mark.parametrize(("grade", "reason"), [
    (11, "adult_student: true, but the student is in grade 11"), ("K", "adult_student: true, but the student is in "
                                                                       "grade K"), (12, None)])
def test_adult_student_consent_by_grade(portfolio: Portfolio, grade: str | int, reason: str | None) -> None:
    p = _with(portfolio, grade=grade, guardian=False, adult_student=True)
    assert p.skip_reason(TODAY) == reason
    assert [c for _f, c, _m in _codes(p)] == ([] if reason is None else ["consent-adult"])


def test_every_problem_is_reported_at_once(portfolio: Portfolio) -> None:
    p = _with(portfolio, grade=7, guardian=False, adult_student=True, date="2026-12-01", expires="2026-11-30")
    assert [(f, c) for f, c, _m in _codes(p)] == [("date", "consent-date"), ("adult_student", "consent-adult"),
                                                   ("expires", "consent-expires")]
    assert p.skip_reason(TODAY) == "the consent date 2026-12-01 is in the future (today is 2026-10-15 in the " \
                                   "district's time zone)"


# --- the day consent is judged on -------------------------------------------------------------------


@pytest.mark.parametrize(("value", "day"), [(None, None), ("", None), ("2026-10-31", dt.date(2026, 10, 31))])
def test_hcs_today(monkeypatch: pytest.MonkeyPatch, value: str | None, day: dt.date | None) -> None:
    if value is None:
        monkeypatch.delenv("HCS_TODAY", raising=False)
    else:
        monkeypatch.setenv("HCS_TODAY", value)
    assert today_override() == day


@pytest.mark.parametrize("value", ["2026-1-05", "20261031", "2026-10-31T00:00", "2026-13-01", " "])
def test_hcs_today_that_is_not_a_day_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("HCS_TODAY", value)
    with pytest.raises(BuildDateError, match=r"^HCS_TODAY=.* is not a date; write it as YYYY-MM-DD, "
                                             r"e\.g\. HCS_TODAY=2026-10-15, or unset it$"):
        today_override()


def test_hcs_today_wins_over_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HCS_TODAY", "2001-02-03")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4102444800")
    assert build_date("UTC") == dt.date(2001, 2, 3)


def test_a_source_date_in_the_past_never_moves_the_day_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HCS_TODAY", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert build_date("UTC") == dt.datetime.now(dt.UTC).date()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not-a-number")
    assert build_date("UTC") == dt.datetime.now(dt.UTC).date()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date("UTC") == dt.datetime.now(dt.UTC).date()


@pytest.mark.parametrize(("name", "key"), [("America/Chicago", "America/Chicago"), (None, "America/New_York"),
                                           ("America/New_Yrok", "America/New_York"), ("", "America/New_York"),
                                           ("../etc", "America/New_York")])
def test_an_unknown_zone_falls_back_to_the_default(name: str | None, key: str) -> None:
    assert zone(name).key == key


def test_the_sample_repository_is_published(tmp_path: Path) -> None:
    root = write_files(tmp_path / "repo", BASE)
    assert [p.key for p in check_repository(root, today=dt.date(2099, 6, 30)).published] == ["p-0001"]
    assert [p.key for p in check_repository(root, today=dt.date(2099, 7, 1)).published] == []


def test_the_district_settings_consent_is_judged_with(tmp_path: Path) -> None:
    files = dict(BASE)
    files["content/district.yml"] = DISTRICT + "timezone: Mars/Olympus\nstudent_number_pattern: '(\\d'\n"
    report = check_repository(write_files(tmp_path / "repo", files), today=TODAY).report
    assert [f"{d.loc.path}:{d.loc.line}:{d.loc.col}: {d.code} {d.message} ({d.hint})" for d in report.sorted()
            if d.severity.value == "error"] == [
        "content/district.yml:29:11: unknown-timezone timezone 'Mars/Olympus' is not an IANA time zone "
        "(write a zone such as America/New_York or America/Chicago)",
        "content/district.yml:30:25: student-number-pattern student_number_pattern is not a valid regular "
        "expression (missing ), unterminated subpattern at position 0) (write it like \\d{9} (nine digits) or S\\d{7})",
    ]


def test_a_source_date_after_today_moves_the_day_forward_in_the_districts_zone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HCS_TODAY", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4102444800")  # 2100-01-01 00:00 UTC: still 2099 in Georgia
    assert build_date("UTC") == dt.date(2100, 1, 1)
    assert build_date("America/New_York") == dt.date(2099, 12, 31)
    assert build_date(None) == dt.date(2099, 12, 31)  # the default zone


def test_today_is_the_districts_day_not_the_build_machines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HCS_TODAY", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    # UTC+14 and UTC-11 are 25 hours apart: never the same day
    assert build_date("Pacific/Kiritimati") > build_date("Pacific/Pago_Pago")


def test_each_consent_problem_says_how_to_fix_it(portfolio: Portfolio) -> None:
    p = _with(portfolio, grade=7, guardian=False, adult_student=True, date="2026-12-01", expires="2026-11-30")
    assert [hint for _f, _c, _m, hint in consent_problems(p, TODAY)] == [
        "write the day the form was signed",
        "a student under grade 12 needs a guardian's consent: write `guardian: true` once the form is signed, "
        "and remove adult_student",
        "check both dates; `expires` comes after `date`",
    ]
    assert [hint for _f, _c, _m, hint in consent_problems(_with(portfolio, expires=None), TODAY)] == [
        "add `expires:` (the end of the school year, like 2027-06-30): consent never lasts forever"]
