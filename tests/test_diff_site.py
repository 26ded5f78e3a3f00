"""The site's "What changed" page and the course-page flags, built from a tagged previous edition."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.sitecheck import broken_links, build, copy_repo, soup
from tests.test_diff import MINI, edit, git, make_history

VERSIONED = "extra:\n  version:\n    provider: mike\n"
"""The edition selector and its banner are on only where mike's plugin is (as `hcs-site publish` adds it)."""


def set_previous(root: Path, previous: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  - hcs\n", f"  - hcs:\n      previous_edition: {previous}\n  - mike\n")
    config.write_text(text + VERSIONED, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The history of test_diff, tagged at its first commit; the working tree is next year's edition."""
    root = tmp_path_factory.mktemp("edition") / "repo"
    commits = make_history(root)
    shutil.rmtree(root / "portfolios")
    git(root, "tag", "edition-2026-27", commits[0])
    edit(root / "content" / "district.yml", "edition: 2026-27", "edition: 2027-28")
    set_previous(root, "edition-2026-27")
    result = build(root, "--strict")
    assert result.exit_code == 0, result.output
    return root / "site"


def test_what_changed_page_lists_the_changes_since_the_previous_edition(site: Path) -> None:
    doc = soup(site, "what-changed/index.html")
    assert doc.h1 is not None and doc.h1.get_text(strip=True) == "What changed since 2026-27"
    text = doc.get_text(" ", strip=True)
    assert "7 changes, 3 of which may affect students." in text
    assert [h.get_text(" ", strip=True).rstrip("¶").strip() for h in doc.find_all("h2")] == [
        "District-wide settings", "MATH-7 Grade 7 Mathematics", "MATH.EQ Expressions and equations"]
    section = doc.find(id="math-7-1")
    assert section is not None and section.name == "h3"
    item = section.find_next("li")
    assert item.get_text(" ", strip=True).startswith(
        "Rubric descriptor changed (Criterion Modeling, Meets (3)) may affect students")
    assert [li.get_text(" ", strip=True) for li in item.find_all("li")] == [
        "Before: Models correctly.", "After: Models the relationship with a correct ratio or equation."]
    removed = doc.find(id="math-7-3").find_next("li")  # type: ignore[union-attr]
    assert removed.get_text(" ", strip=True) == "Can no longer be shown by : Presentation may affect students"
    assert removed.find(class_="hcs-breaking") is not None


def test_course_page_flags_changed_objectives(site: Path) -> None:
    doc = soup(site, "courses/math-7/index.html")
    flags = {}
    for badge in doc.find_all(class_="hcs-changed"):
        heading = badge.find_previous("h3")
        flags[heading["id"]] = (badge.get_text(strip=True), badge.a["href"])
    assert flags == {
        "math-7-1": ("Changed since 2026-27", "../../what-changed/#math-7-1"),
        "math-7-2": ("Changed since 2026-27", "../../what-changed/#math-7-2"),
        "math-7-3": ("Changed since 2026-27", "../../what-changed/#math-7-3"),
        "math-7-4": ("New since 2026-27", "../../what-changed/#math-7-4"),
    }
    assert soup(site, "courses/alg-1/index.html").find(class_="hcs-changed") is None


def test_the_page_is_one_navigation_entry(site: Path) -> None:
    nav = soup(site, "index.html").find("nav", class_="md-nav--primary")
    labels = [a.get_text(" ", strip=True) for a in nav.find_all("a")]
    assert labels.count("What changed") == 1


def test_spanish_page(site: Path) -> None:
    doc = soup(site, "es/what-changed/index.html")
    assert doc.h1 is not None and doc.h1.get_text(strip=True) == "Qué cambió desde 2026-27"
    assert "Cambió un descriptor de la rúbrica" in doc.get_text()


def test_every_link_resolves(site: Path) -> None:
    """Except the older-edition banner's, which leads out of the edition, to the site's root."""
    def to_root(problem: str) -> bool:
        href = problem.split(": ", 1)[1].removesuffix(" (no file)")
        return set(href.split("/")) <= {"..", "."}

    assert [p for p in broken_links(site) if not to_root(p)] == []


def test_older_edition_banner_is_ready_for_the_version_selector(site: Path) -> None:
    banner = soup(site, "courses/math-7/index.html").find(attrs={"data-md-component": "outdated"})
    assert banner is not None and banner.has_attr("hidden")
    assert "You are viewing an older edition of these expectations." in banner.get_text()
    assert banner.a is not None and banner.a["href"] == "../../.."


def test_first_edition_says_so(tmp_path: Path) -> None:
    root = copy_repo(MINI, tmp_path / "repo")
    result = build(root, "--strict")
    assert result.exit_code == 0, result.output
    doc = soup(root / "site", "what-changed/index.html")
    assert doc.h1 is not None and doc.h1.get_text(strip=True) == "What changed in this edition"
    assert "This is the first edition" in doc.get_text()
    assert soup(root / "site", "courses/math-7/index.html").find(class_="hcs-changed") is None


def test_previous_edition_as_a_folder(tmp_path: Path) -> None:
    root = copy_repo(MINI, tmp_path / "repo")
    copy_repo(MINI, root / "editions" / "2025-26")
    edit(root / "editions" / "2025-26" / "content" / "district.yml", "edition: 2026-27", "edition: 2025-26")
    edit(root / "content" / "courses" / "alg-1.yml", "credit: 1.0", "credit: 0.5")
    set_previous(root, "editions/2025-26")
    result = build(root, "--strict")
    assert result.exit_code == 0, result.output
    doc = soup(root / "site", "what-changed/index.html")
    assert doc.h1 is not None and doc.h1.get_text(strip=True) == "What changed since 2025-26"
    assert "Credit changed" in doc.get_text()


def test_a_missing_previous_edition_fails_a_strict_build(tmp_path: Path) -> None:
    root = copy_repo(MINI, tmp_path / "repo")
    git(root, "init", "-q")
    set_previous(root, "edition-1999-00")
    strict = build(root, "--strict")
    assert strict.exit_code == 1
    assert "previous_edition: 'edition-1999-00' is neither a directory nor a Git revision" in strict.output
    lenient = build(root)
    assert lenient.exit_code == 0, lenient.output
    assert "This is the first edition" in soup(root / "site", "what-changed/index.html").get_text()
