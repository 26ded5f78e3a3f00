"""`hcs-site pdf` with Chromium: what a parent holds in their hands.

A copy of the sample repository is printed, never its built site: the credit a committee just
changed is the credit on paper. Each page carries the district, edition, course, print date and
"Page x of y"; no rubric criterion and no box is split over two pages; links are short notes."""

from __future__ import annotations

import io
import re
import time
import unicodedata
from pathlib import Path

import pikepdf
import pypdf
import pytest
from click.testing import CliRunner

from hcs_site.check.pdf_read import verify
from hcs_site.check.pipeline import check_repository
from hcs_site.cli import main
from hcs_site.model.framework import Framework
from tests.browser.conftest import CHROMIUM, REPO, _need_browser
from tests.sitecheck import copy_repo

ENV = {"HCS_CHROMIUM": CHROMIUM, "HCS_TODAY": "2026-11-27"}
LONG_URL = re.compile(r"(?:https?://|www\.)\S{30,}")
"""An address long enough to break the sentence it stands in (the notes at the end hold them)."""


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _need_browser()
    root = copy_repo(REPO, tmp_path_factory.mktemp("pdf") / "repo")
    course = root / "content/courses/alg-1.yml"
    text = course.read_text(encoding="utf-8")
    assert "\ncredit: 1.0\n" in text
    course.write_text(text.replace("\ncredit: 1.0\n", "\ncredit: 0.5\n"), encoding="utf-8")
    stale = root / "site/courses/alg-1/index.html"  # what an old `hcs-site pdf` would have printed
    stale.parent.mkdir(parents=True)
    stale.write_text("<html><body><h1>STALE SITE</h1><p>1 Carnegie unit</p></body></html>\n", encoding="utf-8")
    return root


def _run(root: Path, *args: str) -> tuple[float, str]:
    start = time.monotonic()
    result = CliRunner(env=ENV).invoke(main, ["pdf", *args, "--root", str(root)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return time.monotonic() - start, result.output


def _flat(text: str) -> str:
    """Text as read from a page: words on one line, ligatures (the "fi" of "first") as letters."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _pages(data: bytes) -> list[str]:
    return [_flat(p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def _framework(root: Path) -> Framework:
    fw = check_repository(root, portfolios=False).framework
    assert fw is not None
    return fw


@pytest.fixture(scope="module")
def alg1(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("out") / "alg-1.pdf"
    _run(repo, "alg-1", "--out", str(out))
    data = out.read_bytes()
    assert verify(data) == []  # rebuilt by pdf_clean: no script, actions, attachments, properties
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/Info" not in pdf.trailer and "/OpenAction" not in pdf.Root
    assert out.stat().st_mode & 0o777 == 0o644
    return _pages(data)


@pytest.mark.browser
def test_the_handout_prints_the_content_as_it_is_now_not_the_last_site(alg1: list[str]) -> None:
    text = " ".join(alg1)
    assert re.search(r"Credit(\[\d+\])? 0.5 Carnegie units", text), text  # the label may be a glossary link
    assert "1 Carnegie unit" not in text and "STALE SITE" not in text


@pytest.mark.browser
def test_student_work_is_never_on_paper(alg1: list[str]) -> None:
    """The site lists ALG-1's published student work; a handout cannot be withdrawn when consent ends."""
    text = " ".join(alg1)
    assert "What mastery looks like" not in text and "Marcus J." not in text and "/portfolios/" not in text
    assert "Algebra I written assessment" not in text


@pytest.mark.browser
def test_every_page_has_the_header_and_footer(alg1: list[str]) -> None:
    total = len(alg1)
    assert total >= 4
    for n in (1, total):
        page = alg1[n - 1]
        assert "Henry County Schools · 2026-27 edition ALG-1 Algebra I" in page, page[-300:]
        assert f"Printed November 27, 2026 Page {n} of {total}" in page, page[-300:]


@pytest.mark.browser
def test_no_rubric_criterion_and_no_box_is_split_over_two_pages(repo: Path, alg1: list[str]) -> None:
    fw = _framework(repo)
    course = fw.course_index["ALG-1"]
    rows = 0
    for objective in course.objectives:
        for criterion in fw.rubric_for(objective):
            cells = [_flat(criterion.name.text("en"))] + [_flat(t.text("en")) for t in criterion.levels.values()]
            where = [{i for i, page in enumerate(alg1) if cell in page} for cell in cells]
            assert all(where), (criterion.name.text("en"), where)  # every cell is whole on some page
            assert set.intersection(*where), (criterion.name.text("en"), where)  # and all on one page
            rows += 1
    assert rows == 16
    summary = _flat(course.description.text("en"))  # the "In short" box
    assert any(summary in page for page in alg1)


@pytest.mark.browser
def test_links_print_as_short_notes_not_inline_addresses(alg1: list[str]) -> None:
    text = " ".join(alg1)
    assert LONG_URL.findall(text) == []
    assert "https://" not in text
    assert re.search(r"Algebra I\[\d+\]|mastery\[\d+\]", text)
    assert "Where the links lead A number in brackets in the text stands for a link" in text
    joined = text.replace(" ", "")  # an address may break over lines after a slash, never at a hyphen
    assert "website,henry-county-schools.github.io/competencies/2026-27:typethetwotogether" in joined
    assert re.search(r"\d+\./glossary/#mastery", joined)


@pytest.mark.browser
def test_a_spanish_handout_speaks_spanish_in_its_margins(repo: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _run(repo, "MATH-7", "--lang", "es")
    pages = _pages((tmp_path / "math-7-es.pdf").read_bytes())
    total = len(pages)
    for n in (1, total):
        assert _flat("Escuelas del Condado de Henry · Edición 2026-27 MATH-7 Matemáticas de 7.º grado") in pages[n - 1]
        assert f"Impreso el 27 de noviembre de 2026 Página {n} de {total}" in pages[n - 1]
    assert "Adónde llevan los enlaces" in pages[-1] or "Adónde llevan los enlaces" in pages[-2]


@pytest.mark.browser
def test_the_catalog_booklet_has_a_cover_contents_with_pages_and_bookmarks(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "catalog.pdf"
    took, _ = _run(repo, "--all", "--out", str(out))
    data = out.read_bytes()
    assert verify(data) == []
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = _pages(data)
    total = len(pages)
    assert pages[0].startswith("Henry County Schools Course catalog 2026-27 edition Printed November 27, 2026")
    assert pages[0].endswith("Page 1 of " + str(total)) and pages[-1].endswith(f"Page {total} of {total}")
    fw = _framework(repo)
    courses = [c for c in fw.courses if c.status != "retired"]
    contents = " ".join(pages[1:3])
    assert contents.startswith("Contents ")
    bookmarks = {o.title: reader.get_destination_page_number(o) + 1 for o in reader.outline}
    assert next(iter(bookmarks)) == "Contents" and len(bookmarks) == len(courses) + 1
    for course in courses:
        label = f"{course.id} {course.title.text('en')}"
        listed = re.search(re.escape(label) + r" (\d+) ", contents)
        assert listed, label
        first = int(listed.group(1))
        assert bookmarks[label] == first
        assert pages[first - 1].startswith(course.title.text("en")), (label, pages[first - 1][:80])
        assert f"2026-27 edition {label} Printed November 27, 2026 Page {first} of {total}" in pages[first - 1]
        assert f"edition {label} " not in pages[first - 2]  # the page before belongs to something else
    assert took < 300, f"the booklet took {took:.0f} s"
    print(f"booklet: {total} pages, {len(courses)} courses, {took:.1f} s")
