"""The three output formats, byte for byte, on a small known report."""

from __future__ import annotations

import json

from hcs_site.check.reporters import REPORTERS, as_json, github, text
from hcs_site.diagnostics import Diagnostic, Loc, Report, Severity


def known_report() -> Report:
    report = Report(files_checked=42)
    report.warning(Loc("content/competencies/math.yml", 7, 9), "indicator-count",
                   "competency MATH.RP has 3 performance indicators; 4 to 8 is typical",
                   "consider splitting or combining indicators")
    report.error(Loc("content/courses/math-7.yml", 3, 13), "quote-value",
                 "`state_code: 27.02200` would be read as a number, but it must be text",
                 'quote this value: "27.02200"')
    report.error(Loc("portfolios/p-0001/portfolio.md", 0, 0), "missing-file",
                 "portfolio folder 'p-0001' has no portfolio.md",
                 "add portfolio.md with the student's front matter, or remove the folder")
    report.error(Loc("content/courses/math-7.yml", 17, 23), "unknown-ref",
                 "objective MATH-7.1 refers to 'MATH.RP2', which does not exist; did you mean MATH.RP.2?",
                 "use the ID of a competency or performance indicator in content/competencies/")
    report.info(Loc("portfolios/p-0002/portfolio.md", 2, 1), "portfolio-skipped",
                "portfolio 'p-0002' is not published: it has no consent block")
    # The same diagnostic twice (two rules noticing one thing) is printed once.
    report.error(Loc("content/courses/math-7.yml", 3, 13), "quote-value",
                 "`state_code: 27.02200` would be read as a number, but it must be text",
                 'quote this value: "27.02200"')
    return report


def test_text_format_exactly() -> None:
    assert text(known_report(), verbose=True) == (
        "content/competencies/math.yml:7:9: warning indicator-count competency MATH.RP has 3 performance "
        "indicators; 4 to 8 is typical\n"
        "    fix: consider splitting or combining indicators\n"
        "content/courses/math-7.yml:3:13: error quote-value `state_code: 27.02200` would be read as a "
        "number, but it must be text\n"
        '    fix: quote this value: "27.02200"\n'
        "content/courses/math-7.yml:17:23: error unknown-ref objective MATH-7.1 refers to 'MATH.RP2', which "
        "does not exist; did you mean MATH.RP.2?\n"
        "    fix: use the ID of a competency or performance indicator in content/competencies/\n"
        "portfolios/p-0001/portfolio.md:0:0: error missing-file portfolio folder 'p-0001' has no "
        "portfolio.md\n"
        "    fix: add portfolio.md with the student's front matter, or remove the folder\n"
        "portfolios/p-0002/portfolio.md:2:1: info portfolio-skipped portfolio 'p-0002' is not published: it "
        "has no consent block\n"
        "3 errors, 1 warning, 1 info in 42 files\n"
    )


def test_informational_lines_are_one_summary_line_by_default() -> None:
    """A committee cannot act on each unpublished portfolio: one line, and -v lists them."""
    report = known_report()
    report.info(Loc("portfolios/p-0003/portfolio.md", 2, 1), "portfolio-skipped",
                "portfolio 'p-0003' is not published: consent says publish: false")
    quiet = text(report)
    assert "portfolio-skipped" not in quiet and "p-0002" not in quiet
    assert quiet.endswith("2 portfolios not published: no consent (-v lists them)\n"
                          "3 errors, 1 warning, 2 info in 42 files\n")
    assert "p-0002" in text(report, verbose=True) and "p-0003" in text(report, verbose=True)
    assert "::notice" not in github(report)
    assert "2 portfolios not published: no consent" in github(report)
    assert len(json.loads(as_json(report))["diagnostics"]) == 6  # tools get everything


def test_quiet_summary_counts_each_reason() -> None:
    report = Report(files_checked=3)
    for key, reason in (("p-1", "consent expired on 2020-06-30"), ("p-2", "it has no consent block"),
                        ("p-3", "consent expired on 2021-06-30")):
        report.info(Loc(f"portfolios/{key}/portfolio.md", 2, 1), "portfolio-skipped",
                    f"portfolio '{key}' is not published: {reason}")
    assert text(report) == ("3 portfolios not published: 2 consent expired, 1 no consent (-v lists them)\n"
                            "0 errors, 0 warnings, 3 info in 3 files\n")


def test_summary_line_plurals() -> None:
    assert Report(files_checked=1).summary() == "0 errors, 0 warnings in 1 file"
    report = Report(files_checked=42)
    for line in (1, 2, 3):
        report.error(Loc("a.yml", line, 1), "x", "m", "h")
    report.warning(Loc("a.yml", 9, 1), "y", "m", "h")
    assert report.summary() == "3 errors, 1 warning in 42 files"
    assert text(report).endswith("\n3 errors, 1 warning in 42 files\n")


def test_clean_text_report_is_only_the_summary() -> None:
    assert text(Report(files_checked=5)) == "0 errors, 0 warnings in 5 files\n"


def test_json_format_exactly() -> None:
    payload = json.loads(as_json(known_report()))
    assert payload["summary"] == {"errors": 3, "warnings": 1, "info": 1, "files": 42}
    assert payload["diagnostics"][0] == {
        "path": "content/competencies/math.yml",
        "line": 7,
        "column": 9,
        "severity": "warning",
        "code": "indicator-count",
        "message": "competency MATH.RP has 3 performance indicators; 4 to 8 is typical",
        "hint": "consider splitting or combining indicators",
    }
    assert [(d["path"], d["line"], d["column"], d["code"]) for d in payload["diagnostics"]] == [
        ("content/competencies/math.yml", 7, 9, "indicator-count"),
        ("content/courses/math-7.yml", 3, 13, "quote-value"),
        ("content/courses/math-7.yml", 17, 23, "unknown-ref"),
        ("portfolios/p-0001/portfolio.md", 0, 0, "missing-file"),
        ("portfolios/p-0002/portfolio.md", 2, 1, "portfolio-skipped"),
    ]


def test_json_keeps_non_ascii_text_readable() -> None:
    report = Report(files_checked=1)
    report.error(Loc("a.yml", 1, 1), "x", "título 'Matemáticas'", "h")
    out = as_json(report)
    assert "título 'Matemáticas'" in out
    assert out.endswith("}\n")


def test_github_format_exactly() -> None:
    assert github(known_report(), verbose=True) == (
        "::warning file=content/competencies/math.yml,line=7,col=9,title=indicator-count::competency MATH.RP "
        "has 3 performance indicators; 4 to 8 is typical%0Afix: consider splitting or combining indicators\n"
        "::error file=content/courses/math-7.yml,line=3,col=13,title=quote-value::`state_code: 27.02200` "
        'would be read as a number, but it must be text%0Afix: quote this value: "27.02200"\n'
        "::error file=content/courses/math-7.yml,line=17,col=23,title=unknown-ref::objective MATH-7.1 refers "
        "to 'MATH.RP2', which does not exist; did you mean MATH.RP.2?%0Afix: use the ID of a competency or "
        "performance indicator in content/competencies/\n"
        "::error file=portfolios/p-0001/portfolio.md,title=missing-file::portfolio folder 'p-0001' has no "
        "portfolio.md%0Afix: add portfolio.md with the student's front matter, or remove the folder\n"
        "::notice file=portfolios/p-0002/portfolio.md,line=2,col=1,title=portfolio-skipped::portfolio "
        "'p-0002' is not published: it has no consent block\n"
        "3 errors, 1 warning, 1 info in 42 files\n"
    )


def test_github_escaping() -> None:
    report = Report(files_checked=1)
    report.add(Loc("portfolios/a,b:c%d.md", 4, 2), "odd:code,x", "100% sure:\r\nline two, yes",
               "fix, it: now", Severity.ERROR)
    first = github(report).splitlines()[0]
    assert first == (
        "::error file=portfolios/a%2Cb%3Ac%25d.md,line=4,col=2,title=odd%3Acode%2Cx::"
        "100%25 sure:%0D%0Aline two, yes%0Afix: fix, it: now"
    )


def test_reporters_by_name() -> None:
    assert sorted(REPORTERS) == ["github", "json", "text"]


def test_sorted_is_stable_and_unique() -> None:
    report = known_report()
    assert len(report.sorted()) == 5
    assert len(report.diagnostics) == 6
    assert report.errors == 3  # the summary counts what is printed


def test_diagnostic_sort_key_puts_errors_before_warnings_at_one_place() -> None:
    w = Diagnostic(Loc("a", 1, 1), "b", Severity.WARNING, "m")
    e = Diagnostic(Loc("a", 1, 1), "z", Severity.ERROR, "m")
    report = Report([w, e])
    assert report.sorted() == [e, w]
