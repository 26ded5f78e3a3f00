"""`hcs-site pdf` without a browser: link notes, header and footer text, the booklet's page
numbers and bookmarks, and every refusal a user can meet (as a sentence, never a traceback).

The printing itself (Chromium) is tested in tests/browser/test_pdf_handout.py."""

from __future__ import annotations

import datetime as dt
import errno
import html
import io
import re
import subprocess
from pathlib import Path

import pikepdf
import pypdf
import pytest
from click.testing import CliRunner

from hcs_site.adapters import booklet_pdf
from hcs_site.cli import main
from hcs_site.render import handout
from tests.conftest import MakeRepo

SITE = "https://example.org/district/2026-27/"
PAGE = SITE + "courses/math-7/"
MKDOCS = ("site_name: Test District\nsite_url: https://example.org/district/\ntheme:\n  name: material\n"
          "plugins:\n  - search\n  - hcs\nextra:\n  version:\n    provider: mike\n")


def _page(article: str) -> str:
    return (f'<html><head><title>T</title></head><body><div>{handout.ARTICLE}{article}</article></div>'
            '<a href="https://example.org/outside-the-article">footer</a></body></html>')


def _notes(article: str, lang: str = "en") -> str:
    return handout.with_link_notes(_page(article), PAGE, SITE, lang)


def test_links_get_note_numbers_and_the_addresses_are_listed_once_at_the_end() -> None:
    out = _notes('<p><a href="../../glossary/#mastery">mastery</a> and <a href="#objectives">below</a>'
                 '<a class="headerlink" href="#x">¶</a> <a href="https://www.example.com/a/very/long/path?q=1">'
                 'a site</a> and <a href="../../glossary/#mastery">mastery again</a> '
                 '<a href="mailto:office@example.org">write</a> <a href="./">this page</a></p>')
    body = out[out.index("<article"):out.index("</article>")]
    assert re.findall(r"</a>(<sup[^>]*>\[\d+\]</sup>)?", body) == [
        '<sup class="hcs-note-ref">[1]</sup>', "", "", '<sup class="hcs-note-ref">[2]</sup>',
        '<sup class="hcs-note-ref">[1]</sup>', '<sup class="hcs-note-ref">[3]</sup>', ""]
    notes = [(n, html.unescape(re.sub(r"<[^>]+>", "", item)))
             for n, item in re.findall(r'<li value="(\d+)">(.*?)</li>', body)]
    assert notes == [("1", "/glossary/#mastery"), ("2", "www.example.com/a/very/long/path?q=1"),
                     ("3", "office@example.org")]
    assert '<li value="1"><span class="hcs-address">&#47;</span><wbr><span class="hcs-address">glossary&#47;' in body
    intro = html.unescape(re.sub(r"<[^>]+>", "", body[body.index("hcs-link-notes"):]))
    assert intro.startswith('hcs-link-notes">Where the links leadA number in brackets in the text stands for a '
                            "link; its address is below. Addresses that start with / are on the district's "
                            "website, example.org/district/2026-27: type the two together in a browser./glossary/")
    assert 'class="md-content__inner md-typeset hcs-handout"' in out
    assert out.endswith('<a href="https://example.org/outside-the-article">footer</a></body></html>')


def test_a_page_without_links_elsewhere_gets_no_notes_and_spanish_words_in_spanish() -> None:
    assert "hcs-link-notes" not in _notes('<p><a href="#a">a</a> text</p>')
    out = _notes('<p><a href="../../glossario/">glosario</a></p>', "es")
    assert "Adónde llevan los enlaces" in out and "Un número entre corchetes" in out


def test_note_addresses_and_labels_are_inert_text_whatever_the_href_holds() -> None:
    hostile = "https://evil.example/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    out = _notes(f'<p><a href="{hostile}">x</a></p>')
    notes = out[out.index("hcs-link-notes"):out.index("</section>")]
    text_parts = re.findall(r'<span class="hcs-address">([^<]*)</span>', notes)
    assert "<script" not in notes and text_parts and all('"' not in p and "<" not in p for p in text_parts)
    item = re.search(r'<li value="1">(.*?)</li>', notes)
    assert item and html.unescape(re.sub(r"<[^>]+>", "", item.group(1))) == 'evil.example/"><script>alert(1)</script>'
    assert "&quot;&gt;&lt;script&gt;alert&#40;1&#41;&lt;&#47;</span>" in item.group(1)


def test_a_page_of_another_layout_is_refused_with_a_reason() -> None:
    with pytest.raises(handout.LayoutUnknown, match="content column"):
        handout.with_link_notes("<html><body><p>no article</p></body></html>", PAGE, SITE, "en")


def test_addresses_break_only_after_a_slash_never_at_a_hyphen() -> None:
    assert handout.address_html("a-b.org/x-y/?q=1&r=2#top") == (
        '<span class="hcs-address">a&#45;b&#46;org&#47;</span><wbr><span class="hcs-address">x&#45;y&#47;</span>'
        '<wbr><span class="hcs-address">&#63;</span><wbr><span class="hcs-address">q&#61;1&amp;</span><wbr>'
        '<span class="hcs-address">r&#61;2&#35;</span><wbr><span class="hcs-address">top</span>')


def test_dates_are_written_out_in_the_language() -> None:
    day = dt.date(2026, 3, 5)
    assert handout.date_words(day, "en") == "March 5, 2026"
    assert handout.date_words(day, "es") == "5 de marzo de 2026"


def test_header_and_footer_templates_carry_the_words_and_escape_every_content_text() -> None:
    header = handout.header_template('<img src=x onerror="alert(1)"> & Co', "2026-27",
                                     "MATH-7 <b>Math</b>", "es")
    assert "<img" not in header and "<b>" not in header
    assert "Edición 2026&#45;27" in header and "&lt;b&gt;Math&lt;&#47;b&gt;" in header
    footer = handout.footer_template("5 de marzo de 2026", "es")
    assert 'Página <span class="pageNumber"></span> de <span class="totalPages"></span>' in footer
    assert "Impreso el 5 de marzo de 2026" in footer
    en = handout.footer_template("March 5, 2026", "en")
    assert 'Page <span class="pageNumber"></span> of <span class="totalPages"></span>' in en
    assert "pageNumber" not in handout.footer_template("March 5, 2026", "en", numbered=False)


def _blank(pages: int) -> bytes:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(612, 792))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_a_booklet_numbers_every_page_across_its_parts_and_bookmarks_each_course() -> None:
    data = booklet_pdf.join([_blank(2), _blank(3), _blank(1)], [("Contents", 1), ("MATH-7 Math", 2),
                                                              ("ALG-1 Álgebra", 5)], "Página {page} de {pages}", "es")
    reader = pypdf.PdfReader(io.BytesIO(data))
    texts = [p.extract_text().strip() for p in reader.pages]
    assert texts == [f"Página {n} de 6" for n in range(1, 7)]
    assert [(o.title, reader.get_destination_page_number(o)) for o in reader.outline] == [
        ("Contents", 1), ("MATH-7 Math", 2), ("ALG-1 Álgebra", 5)]
    number_x = []
    for page in reader.pages:  # at the right end of the footer, in the page's own coordinates
        page.extract_text(visitor_text=lambda t, cm, tm, *_: number_x.append((tm[4], tm[5])) if t.strip() else None)
    assert all(500 < x < 560 and 15 < y < 20 for x, y in number_x), number_x
    assert booklet_pdf.join([_blank(1)], [], "Page {page} of {pages}", "en") == \
        booklet_pdf.join([_blank(1)], [], "Page {page} of {pages}", "en")  # the same bytes every time


@pytest.fixture
def repo(make_repo: MakeRepo) -> Path:
    return make_repo({"mkdocs.yml": MKDOCS, "docs/index.md": "# Home\n"})


def _pdf(root: Path, *args: str, chromium: str = "/usr/bin/chromium") -> tuple[int, str]:
    result = CliRunner(env={"HCS_CHROMIUM": chromium, "HCS_TODAY": "2026-10-15"}).invoke(
        main, ["pdf", *args, "--root", str(root)])
    return result.exit_code, result.output


def test_an_unknown_course_is_refused_with_the_nearest_ones(repo: Path) -> None:
    code, out = _pdf(repo, "MATH-77")
    assert code == 2
    assert "Invalid value for COURSE_ID: no course 'MATH-77'; use one of: MATH-7" in out


def test_a_course_or_all_but_not_both_nor_neither(repo: Path) -> None:
    assert _pdf(repo)[0] == 2 and "name one course (hcs-site pdf MATH-7) or give --all" in _pdf(repo)[1]
    code, out = _pdf(repo, "MATH-7", "--all")
    assert code == 2 and "or give --all for the catalog booklet" in out
    code, out = _pdf(repo, "MATH-7", "--lang", "fr")
    assert code == 2 and "the district publishes no language 'fr'; use en, es" in out


def test_chromium_missing_is_one_sentence_and_exit_1(repo: Path, tmp_path: Path) -> None:
    code, out = _pdf(repo, "math-7", "--out", str(tmp_path / "m.pdf"), chromium=str(tmp_path / "no-chromium"))
    assert code == 1
    assert out.strip() == ("pdf failed: Chromium, which prints the handouts, was not found; install it "
                           "(sudo apt-get install chromium) or set HCS_CHROMIUM to its path")
    assert not (tmp_path / "m.pdf").exists()


@pytest.mark.parametrize(("out", "why"), [
    ("content/courses/math-7.yml", "repo/content/, which hcs-site never writes into. Fix:"),
    ("content/new.pdf", "repo/content/, which hcs-site never writes into. Fix:"),
    ("docs", "is a directory"),
    ("docs/index.md", "repo/docs/, which hcs-site never writes into. Fix:"),
    ("notes.txt", "it already exists and is not a file hcs-site wrote. Fix:"),
    ("notes.txt/handout.pdf", "notes.txt is a file, not a folder. Fix:"),
    ("a" * 300 + ".pdf", "cannot be used as a file name (File name too long). Fix:"),
])
def test_the_out_file_is_refused_before_anything_is_printed(repo: Path, out: str, why: str) -> None:
    (repo / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = (repo / "content/courses/math-7.yml").read_bytes()
    code, output = _pdf(repo, "MATH-7", "--out", str(repo / out), chromium="/nonexistent")
    assert code == 2, output
    assert why in output
    assert (repo / "content/courses/math-7.yml").read_bytes() == before
    assert (repo / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_a_pdf_git_keeps_is_never_replaced_an_untracked_earlier_handout_is(repo: Path) -> None:
    (repo / "kept.pdf").write_bytes(b"%PDF-1.7 the district's own\n")
    (repo / "earlier.pdf").write_bytes(b"%PDF-1.7 an earlier handout\n")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "kept.pdf"], check=True)
    code, out = _pdf(repo, "MATH-7", "--out", str(repo / "kept.pdf"), chromium="/nonexistent")
    assert code == 2 and "it is a file Git keeps in the repository" in out
    code, out = _pdf(repo, "MATH-7", "--out", str(repo / "earlier.pdf"), chromium="/nonexistent")
    assert code == 1 and "Chromium, which prints the handouts, was not found" in out  # allowed: got further


def test_a_disk_that_refuses_the_write_is_a_sentence_and_keeps_the_old_file(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hcs_site import scratch
    from hcs_site.adapters import handout as adapter

    monkeypatch.setattr(adapter, "course_pdf", lambda job, course: b"%PDF-1.7 new\n")
    target = tmp_path / "m.pdf"
    target.write_bytes(b"%PDF-1.7 old\n")

    def full(path: Path, data: str | bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(scratch, "write_atomic", full)
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    fake.chmod(0o755)
    code, out = _pdf(repo, "MATH-7", "--out", str(target), chromium=str(fake))
    assert code == 1
    assert "pdf failed: could not write" in out and "the disk is full" in out
    assert target.read_bytes() == b"%PDF-1.7 old\n"


def test_the_handout_is_written_atomically_with_the_usual_mode(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hcs_site.adapters import handout as adapter

    monkeypatch.setattr(adapter, "course_pdf", lambda job, course: b"%PDF-1.7 new\n")
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    fake.chmod(0o755)
    target = tmp_path / "out" / "m.pdf"
    code, out = _pdf(repo, "MATH-7", "--out", str(target), chromium=str(fake))
    assert code == 0, out
    assert target.read_bytes() == b"%PDF-1.7 new\n"
    assert target.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in target.parent.iterdir()) == ["m.pdf"]


def test_a_chromium_that_stops_at_once_is_a_sentence_not_a_traceback(repo: Path, tmp_path: Path) -> None:
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    code, out = _pdf(repo, "MATH-7", "--out", str(tmp_path / "m.pdf"), chromium=str(broken))
    assert code == 1, out
    assert out.strip().splitlines()[-1] == "pdf failed: Chromium stopped while printing"
    assert not (tmp_path / "m.pdf").exists()
