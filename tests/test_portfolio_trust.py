"""Consent is structural (no links), consent dates, names that become addresses, private details."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from hcs_site.check.pipeline import build_date, check_repository
from hcs_site.check.rules_portfolio import private_details
from hcs_site.check.url_names import key_problem, slug_problem
from hcs_site.cli import main
from hcs_site.load import no_links

from .conftest import DISTRICT, EVIDENCE, PORTFOLIO, TODAY, MakeRepo

SECRET = "SECRET-OF-A-CHILD-WITHOUT-CONSENT"
NO_CONSENT = PORTFOLIO.replace("  publish: true\n", "  publish: false\n").replace(
    "About me, in my own words.", f"About me. {SECRET}")
SECRET_EVIDENCE = EVIDENCE.replace("Reflection:", f"{SECRET} Reflection:")


def _errors(root: Path) -> list[str]:
    report = check_repository(root, today=TODAY).report
    return [f"{d.loc.path}:{d.loc.line}:{d.loc.col}: {d.code} {d.message}" for d in report.sorted()
            if d.severity.value == "error"]


def _published_text(root: Path) -> str:
    result = check_repository(root, today=TODAY)
    return "\n".join([p.body for p in result.published] + [e.body for p in result.published for e in p.evidence])


@pytest.fixture
def two_students(make_repo: MakeRepo) -> Path:
    """p-0001 consented (the base), p-0002 without consent holding a secret."""
    return make_repo({"portfolios/p-0002/portfolio.md": NO_CONSENT,
                      "portfolios/p-0002/evidence/diary.md": SECRET_EVIDENCE})


@pytest.mark.parametrize(("link", "target", "refused"), [
    ("portfolios/p-0001/evidence/borrowed.md", "../../p-0002/evidence/diary.md",
     "portfolios/p-0001/evidence/borrowed.md is not read: it is a symbolic link"),
    ("portfolios/p-0001/evidence/more", "../../p-0002/evidence",
     "portfolios/p-0001/evidence/more is not read: it is a symbolic link"),
    ("portfolios/p-0003", "p-0002", "portfolios/p-0003 is not read: the portfolio folder is a symbolic link"),
    ("portfolios/p-0001/recipe-poster.png", "../p-0002/evidence/diary.md",
     "portfolios/p-0001/recipe-poster.png is not read: it is a symbolic link"),
    ("content/courses/passwd.yml", "/etc/passwd", "content/courses/passwd.yml is not read: it is a symbolic link"),
])
def test_links_are_refused_and_nothing_behind_them_is_published(two_students: Path, link: str, target: str,
                                                                  refused: str) -> None:
    path = two_students / link
    if path.exists():
        path.unlink()
    path.symlink_to(target)
    errors = _errors(two_students)
    assert f"{link}:1:1: symlink {refused}" in errors
    assert SECRET not in _published_text(two_students)
    assert not any("passwd" in e and "yaml" in e for e in errors)  # /etc/passwd was never parsed


def test_a_linked_evidence_folder_is_refused(two_students: Path) -> None:
    folder = two_students / "portfolios/p-0001/evidence"
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()
    folder.symlink_to("../p-0002/evidence")
    assert "portfolios/p-0001/evidence:1:1: symlink portfolios/p-0001/evidence is not read: it is a symbolic " \
           "link" in _errors(two_students)
    assert SECRET not in _published_text(two_students)


def test_a_hard_link_into_another_portfolio_is_refused(two_students: Path) -> None:
    os.link(two_students / "portfolios/p-0002/evidence/diary.md", two_students / "portfolios/p-0001/evidence/copy.md")
    errors = _errors(two_students)
    assert ("portfolios/p-0001/evidence/copy.md:1:1: symlink portfolios/p-0001/evidence/copy.md is not read: "
            "it is a hard link (2 names for the same file)") in errors
    assert SECRET not in _published_text(two_students)


def test_a_link_swapped_in_after_discovery_is_not_followed(two_students: Path) -> None:
    """The reader itself refuses links on every component, not only discovery."""
    rel = "portfolios/p-0001/evidence/ratio-recipes.md"
    assert no_links.read_bytes(two_students, rel).startswith(b"---")
    (two_students / rel).unlink()
    (two_students / rel).symlink_to("../../p-0002/evidence/diary.md")
    with pytest.raises(no_links.LinkRefused):
        no_links.read_bytes(two_students, rel)
    folder = two_students / "portfolios/p-0001"
    folder.rename(two_students / "portfolios/p-0001-real")
    folder.symlink_to("p-0002")
    with pytest.raises(no_links.LinkRefused, match="the folder portfolios/p-0001 is a link"):
        no_links.read_bytes(two_students, "portfolios/p-0001/evidence/diary.md")


def test_hcs_today_is_the_day_consent_is_judged(make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo({"portfolios/p-0001/portfolio.md": PORTFOLIO.replace("2099-06-30", "2026-10-31")})
    runner = CliRunner()
    monkeypatch.setenv("HCS_TODAY", "2026-10-31")
    result = runner.invoke(main, ["validate", "--root", str(root)])
    assert result.exit_code == 0 and "consent expired" not in result.output  # the last day still publishes
    monkeypatch.setenv("HCS_TODAY", "2026-11-01")
    result = runner.invoke(main, ["validate", "--root", str(root), "-v"])
    assert "is not published: consent expired on 2026-10-31" in result.output
    for bad in ("2026-13-01", "tomorrow", "2026-1-5", "20261101"):
        monkeypatch.setenv("HCS_TODAY", bad)
        result = runner.invoke(main, ["validate", "--root", str(root)])
        assert result.exit_code == 2, result.output
        assert f"HCS_TODAY='{bad}' is not a date; write it as YYYY-MM-DD" in result.output


def test_the_day_is_the_districts_not_the_build_machines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HCS_TODAY", raising=False)
    late_evening = dt.datetime(2099, 7, 1, 2, 30, tzinfo=dt.UTC)  # 22:30 on 30 June in Georgia
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(late_evening.timestamp())))
    assert build_date("America/New_York") == dt.date(2099, 6, 30)
    assert build_date("UTC") == dt.date(2099, 7, 1)
    assert build_date(None) == dt.date(2099, 6, 30)  # the default zone is the district's


def test_district_time_zone_and_student_number_pattern(make_repo: MakeRepo) -> None:
    district = DISTRICT + "timezone: America/New_Yrok\nstudent_number_pattern: 'HC\\d{6}'\n"
    evidence = EVIDENCE.replace("Reflection:", "My id is HC123456, not 1234567. Reflection:")
    root = make_repo({"content/district.yml": district, "portfolios/p-0001/evidence/ratio-recipes.md": evidence})
    errors = _errors(root)
    assert any(e.startswith("content/district.yml:29:11: unknown-timezone timezone 'America/New_Yrok' is not an "
                            "IANA time zone; did you mean America/New_York?") for e in errors), errors
    assert [e for e in errors if "private-detail" in e] == [
        "portfolios/p-0001/evidence/ratio-recipes.md:13:10: private-detail the text contains what looks like a "
        "student number, which cannot be published"]
    broken = make_repo({"content/district.yml": DISTRICT + "student_number_pattern: '(\\d'\n"})
    assert any("student-number-pattern student_number_pattern is not a valid regular expression" in e
               for e in _errors(broken))


@pytest.mark.parametrize(("key", "problem"), [
    ("p-e5f812", None), ("p-0001", None), ("p-2024a", None),
    ("maya-s-7", "must not be a name ('maya' could be one)"), ("p-abe123", "must not be a name ('abe' could be one)"),
    ("p-1234567", "five or more digits"), ("P-7F3A2C", "lowercase"), ("p-7f3a_2c", "lowercase"),
    ("p-770-555-1234", "a phone number"), ("p-123-45-6789", "a Social Security number"),
])
def test_key_rule(key: str, problem: str | None) -> None:
    found = key_problem(key)
    assert (found is None) if problem is None else (found is not None and problem in found)


@pytest.mark.parametrize(("slug", "problem"), [
    ("ratio-recipes", None), ("science-fair-2025", None), ("fases-de-la-luna", None),
    ("martin-luther-king-speech", None), ("multiplicacion-2", None),
    ("maya-essay", "'maya' looks like a person's name"), ("essay-by-smith", "'smith' looks like"),
    ("rosa-essay", "'rosa' looks like"), ("essay-0423", "four or more digits"),
    ("Ratio-Recipes", "lowercase"), ("ratio_recipes", "lowercase"), ("ratio--recipes", "lowercase"),
])
def test_slug_rule(slug: str, problem: str | None) -> None:
    found = slug_problem(slug, ["rosa"])
    assert (found is None) if problem is None else (found is not None and problem in found)


PRIVATE = [
    ("maya&#64;gmail.com", "an email address"), ("maya&commat;gmail.com", "an email address"),
    ("maya@gm**ail**.com", "an email address"), ("mailto:maya%40gmail.com", "an email address"),
    ("maya [at] gmail [dot] com", "an email address"), ("maya at gmail dot com", "an email address"),
    ("770\\-555\\-1234", "a phone number"), ("(770) 555-1234", "a phone number"), ("770.555.1234", "a phone number"),
    ("770 555 1234", "a phone number"), ("+1 770 555 1234", "a phone number"), ("+44 20 7946 0958", "a phone number"),
    ("+52 55 1234 5678", "a phone number"), ("７７０-５５５-１２３４", "a phone number"),
    ("770\u200b-555-1234", "a phone number"), ("123-456-7890", "a phone number"),
    ("123-45-6789", "a Social Security number"), ("123 45 6789", "a Social Security number"),
    ("student 123456789", "what looks like a student number"), ("it is 1234567.", "what looks like a student number"),
    ("123 Main Street", "a street address"), ("4500 N. Oak Ave", "a street address"), ("PO Box 12", "a street address"),
    ("i live at 123 main street", "a street address"), ("vivo en Calle Luna 12", "a street address"),
    ("born on March 3, 2012", "a birth date"), ("DOB 03/03/2012", "a birth date"),
    ("birthday: 2012-03-03", "a birth date"), ("nací el 3 de marzo de 2012", "a birth date"),
    ("March 3, 2012 is my birthday", "a birth date"),
]
NOT_PRIVATE = ["123456", "12345678901", "3.14159265", "in 2024", "course 27.02200", "at 10:30", "scored 3/4",
               "On March 3, 2024 I presented", "ISBN 978-0-13-468599-1", "ISBN 9780134685991", "100 200 3000",
               "I walked 3 miles on the trail", "2 blocks down the road", "look at google.com",
               "I was born in 2012", "1,234,567 people", "the year 2012-13", "MATH-7.1", "ratio 3:4 and 12.5%",
               "Grade 7, unit 12, pages 120-135", "Score 88/100 on 2026-10-12"]


@pytest.mark.parametrize(("text", "what"), PRIVATE)
def test_private_details_as_a_reader_sees_them(text: str, what: str) -> None:
    assert [f[2] for f in private_details("Note: " + text, markdown=True)] == [what]


@pytest.mark.parametrize("text", NOT_PRIVATE)
def test_near_misses_are_not_private(text: str) -> None:
    assert private_details(text, markdown=True) == []


def test_positions_point_at_the_source_not_the_visible_text() -> None:
    text = "First line.\nWrite to **maya**&#64;ex&#x61;mple.org or call ７７０\\-555-1234."
    assert private_details(text, markdown=True) == [(1, 12, "an email address"), (1, 48, "a phone number")]
