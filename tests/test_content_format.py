"""The content format in district.yml: a newer format stops with one clear message, an older one is
upgraded by `hcs-site upgrade`, which changes nothing else of the files (docs/versions.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hcs_site import __version__
from hcs_site.check import content_format
from hcs_site.cli import main
from hcs_site.upgrade import run as upgrade_run
from hcs_site.upgrade.steps import Step, Texts
from tests.conftest import DISTRICT, MakeRepo
from tests.test_diff import commit, git, init_repo

COMMENT = "# The content format of these files. Only `hcs-site upgrade` changes it."


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--root", str(root)], catch_exceptions=False)
    return result.exit_code, result.output


def test_no_format_is_format_1_and_clean(valid_repo: Path) -> None:
    code, out = cli(valid_repo, "validate")
    assert (code, out.splitlines()[-1]) == (0, "0 errors, 0 warnings in 5 files")


def test_a_newer_format_stops_with_one_message_and_no_field_noise(make_repo: MakeRepo) -> None:
    root = make_repo({"content/district.yml": "format: 2\nnew_setting: {anything: 1}\n" + DISTRICT})
    code, out = cli(root, "validate")
    assert code == 1
    assert out == (
        f"content/district.yml:1:9: error format-too-new content/district.yml is written in content format 2, "
        f"for a newer hcs-site: hcs-site {__version__} reads format 1\n"
        "    fix: install the hcs-site version this repository is written for (the newest reads every older "
        "format); hcs-site's docs/versions.md says which version reads which format\n"
        "1 error, 0 warnings in 5 files\n")
    code, out = cli(root, "export", "csv", "--out", str(root / "sheets"))
    assert code == 1 and "format-too-new" in out and not (root / "sheets").exists(), out


@pytest.mark.parametrize(("value", "code_name"), [
    ("0", "format-too-old"), ("-3", "format-too-old"), ("1000000", "format-too-new"),
    ("99999999999999999999", "number-too-large"),  # read as no number at all: the loader's own message
])
def test_a_format_this_version_cannot_read(make_repo: MakeRepo, value: str, code_name: str) -> None:
    root = make_repo({"content/district.yml": f"format: {value}\n" + DISTRICT})
    code, out = cli(root, "validate")
    first = out.splitlines()[0]
    assert code == 1 and out.count(" error ") == 1, out
    assert first.startswith(f"content/district.yml:1:9: error {code_name} ")


@pytest.mark.parametrize("value", ['"1"', "true", "1.5", "[1]", "null", ""])
def test_a_format_that_is_not_a_whole_number_is_a_schema_error(make_repo: MakeRepo, value: str) -> None:
    root = make_repo({"content/district.yml": f"format: {value}\n" + DISTRICT})
    code, out = cli(root, "validate")
    assert code == 1 and out.startswith("content/district.yml:1:") and "format" not in out.split(" error ")[1][:12]


def test_upgrade_writes_the_format_once_and_keeps_everything_else(make_repo: MakeRepo) -> None:
    modeline = "# yaml-language-server: $schema=../schemas/district.schema.json\r\n"
    original = ("\ufeff" + modeline + DISTRICT.replace("\n", "\r\n")).encode("utf-8")
    root = make_repo({"content/district.yml": original})
    (root / "content" / "district.yml").chmod(0o640)
    assert cli(root, "upgrade", "--check") == (1, "would change content/district.yml: format: 1 written (it had "
                                                  "none: format 1 implied)\nrun `hcs-site upgrade` to bring 1 "
                                                  "file(s) to content format 1\n")
    assert (root / "content" / "district.yml").read_bytes() == original
    code, out = cli(root, "upgrade")
    assert code == 0 and out.endswith("upgraded to content format 1: 1 file(s) changed; review them (`git diff`), "
                                      "run `hcs-site validate`, and commit\n")
    after = (root / "content" / "district.yml").read_bytes()
    assert after == original.replace(modeline.encode(), f"{modeline}{COMMENT}\r\nformat: 1\r\n".encode(), 1)
    assert (root / "content" / "district.yml").stat().st_mode & 0o777 == 0o640
    assert cli(root, "upgrade") == (0, "content/district.yml is in content format 1, the current one: nothing to "
                                       "upgrade\n")
    assert cli(root, "upgrade", "--check")[0] == 0
    assert cli(root, "validate")[0] == 0
    assert sorted(p.name for p in (root / "content").iterdir()) == ["competencies", "courses", "district.yml"]


@pytest.mark.parametrize(("district", "why"), [
    ("format: 7\n" + DISTRICT, "newer than this hcs-site's (1): install the hcs-site version it was written for"),
    ("{district: X, short_name: Y}\n", "add the line `format: 1` at its top by hand"),
    ("district: [unclosed\n", "cannot be read, or its `format:` is not a whole number"),
    ('format: "1"\n' + DISTRICT, "cannot be read, or its `format:` is not a whole number"),
])
def test_upgrade_refuses_what_it_cannot_do_and_writes_nothing(make_repo: MakeRepo, district: str, why: str) -> None:
    root = make_repo({"content/district.yml": district})
    code, out = cli(root, "upgrade")
    assert code == 1 and out.startswith("upgrade stopped: ") and why in out, out
    assert (root / "content" / "district.yml").read_text(encoding="utf-8") == district


def test_upgrade_never_writes_through_a_link(make_repo: MakeRepo, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yml"
    outside.write_text(DISTRICT, encoding="utf-8")
    root = make_repo({"content/district.yml": None})
    (root / "content" / "district.yml").symlink_to(outside)
    code, out = cli(root, "upgrade")
    assert code == 1 and out.startswith("upgrade stopped: ")
    assert outside.read_text(encoding="utf-8") == DISTRICT
    assert (root / "content" / "district.yml").is_symlink()


def test_upgrade_leaves_uncommitted_work_alone(make_repo: MakeRepo) -> None:
    root = make_repo()
    init_repo(root)
    commit(root, "the district")
    (root / "content" / "district.yml").write_text(DISTRICT + "# a committee's edit\n", encoding="utf-8")
    code, out = cli(root, "upgrade")
    assert code == 2 and "content/district.yml has changes that are not committed" in out
    assert "format" not in (root / "content" / "district.yml").read_text(encoding="utf-8")
    assert cli(root, "upgrade", "--allow-dirty")[0] == 0
    assert "format: 1" in (root / "content" / "district.yml").read_text(encoding="utf-8")
    commit(root, "format 1")
    assert git(root, "status", "--porcelain") == ""


def _rename_mastery_rule(texts: Texts) -> list[str]:
    rel = "content/district.yml"
    texts[rel] = texts[rel].replace("mastery_rule:", "mastery:")
    return [f"{rel}: mastery_rule is now called mastery"]


@pytest.fixture
def format_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """A future hcs-site: format 2 renamed a field; it still reads format 1 and upgrades it."""
    monkeypatch.setattr(content_format, "CURRENT_FORMAT", 2)
    monkeypatch.setattr(upgrade_run, "CURRENT_FORMAT", 2)
    monkeypatch.setattr("hcs_site.commands.upgrade.CURRENT_FORMAT", 2)
    monkeypatch.setitem(upgrade_run.STEPS, 1, Step(1, "mastery_rule renamed mastery", _rename_mastery_rule))


def test_a_newer_hcs_site_reads_an_older_format_and_says_how_to_upgrade(make_repo: MakeRepo, format_2: None) -> None:
    root = make_repo({"content/district.yml": "format: 1  # set by the committee\n" + DISTRICT})
    code, out = cli(root, "validate")
    assert code == 0
    assert out.splitlines()[:2] == [
        f"content/district.yml:1:9: warning format-old content/district.yml is written in content format 1; "
        f"hcs-site {__version__} still reads it, but writes format 2",
        "    fix: run `hcs-site upgrade` to rewrite the files in format 2, then review the change and commit it"]
    assert cli(root, "validate", "--strict")[0] == 1
    code, out = cli(root, "upgrade")
    assert code == 0 and out.splitlines()[:2] == [
        "changed content/district.yml: mastery_rule is now called mastery",
        "changed content/district.yml: format: 2"]
    text = (root / "content" / "district.yml").read_text(encoding="utf-8")
    assert text == "format: 2  # set by the committee\n" + DISTRICT.replace("mastery_rule:", "mastery:")


def test_a_format_without_an_upgrade_path_is_refused(make_repo: MakeRepo, format_2: None,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(upgrade_run.STEPS, 1)
    root = make_repo()
    code, out = cli(root, "upgrade")
    assert code == 1 and "has no upgrade from content format 1" in out
    assert (root / "content" / "district.yml").read_text(encoding="utf-8") == DISTRICT


def test_consent_is_still_judged_when_the_format_is_unreadable(make_repo: MakeRepo) -> None:
    """The nightly withdrawal reads the portfolios whatever the format: a version mismatch must not
    keep a withdrawn portfolio on the site."""
    from hcs_site.check.pipeline import check_repository
    from tests.conftest import PORTFOLIO, TODAY

    withdrawn = PORTFOLIO.replace("  publish: true", "  publish: false")
    root = make_repo({"content/district.yml": "format: 2\n" + DISTRICT,
                      "portfolios/p-0002/portfolio.md": withdrawn})
    result = check_repository(root, today=TODAY)
    assert result.framework is None
    assert [p.key for p in result.published] == ["p-0001"]
    assert "portfolio 'p-0002' is not published: consent says publish: false" in [
        d.message for d in result.report.diagnostics]
