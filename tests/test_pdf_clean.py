"""PDF artifacts are rewritten (script, actions, attachments, forms, metadata and photo EXIF
removed) or refused (encrypted, damaged, over a limit, private details on a page); the published
bytes are parsed with pikepdf, never searched with a regex."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Name
from PIL import Image

from hcs_site.check.artifact_bytes import publish
from hcs_site.check.pipeline import check_repository
from hcs_site.check.rules_artifacts import ArtifactProblem
from tests import pdf_fixtures as fx
from tests.sitecheck import build

from .conftest import EVIDENCE, TODAY, MakeRepo

MINI = Path(__file__).parent / "fixtures" / "mini"
FORBIDDEN_KEYS = {"/JS", "/JavaScript", "/AA", "/OpenAction", "/EmbeddedFiles", "/EmbeddedFile", "/EF", "/XFA",
                  "/AcroForm", "/Metadata"}
SAFE_ACTIONS = {"/GoTo", "/URI"}
PDF_EVIDENCE = EVIDENCE.replace("{file: recipe-poster.png, alt: Poster comparing three recipes by cost per serving}",
                                "{file: essay.pdf, alt: My essay on ratios}")


def _published(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(publish(data, "portfolios/p-1/essay.pdf")))


def _assert_inert(pdf: pikepdf.Pdf) -> None:
    assert "/Info" not in pdf.trailer
    for obj in fx.walk(pdf):
        assert not FORBIDDEN_KEYS & set(obj.keys()), obj
        if "/S" in obj and obj.get("/Type") in (None, Name.Action):
            assert str(obj.S) in SAFE_ACTIONS, obj
        if obj.get("/S") == Name.URI:
            assert bytes(obj.URI).startswith(b"https://")
        assert obj.get("/Type") != Name.Filespec and obj.get("/Subtype") != Name.FileAttachment


def test_the_hostile_input_really_hides_its_script_from_byte_searches() -> None:
    data = fx.essay(*fx.ALL_HOSTILE, fx.with_attachment)
    assert b"JavaScript" not in data and b"Launch" not in data  # inside compressed object streams
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/OpenAction" in pdf.Root and "/Author" in pdf.docinfo


@pytest.mark.parametrize("tweak", [*fx.ALL_HOSTILE, fx.with_attachment], ids=lambda t: t.__name__)
def test_each_kind_of_active_or_identifying_content_is_removed(tweak: fx.Tweak) -> None:
    with _published(fx.essay(tweak)) as pdf:
        _assert_inert(pdf)
        assert len(pdf.pages) == 2


def test_everything_at_once_is_removed_and_the_pages_and_web_link_stay() -> None:
    with _published(fx.essay(*fx.ALL_HOSTILE, fx.with_attachment)) as pdf:
        _assert_inert(pdf)
        assert "/Names" not in pdf.Root or set(pdf.Root.Names.keys()) <= {"/Dests"}
        links = [a for a in pdf.pages[0].get("/Annots", []) if a.get("/Subtype") == Name.Link]
        assert [bytes(a.A.URI) for a in links if "/A" in a] == [b"https://example.org/ratios"]
        assert all("/Next" not in a.A for a in links if "/A" in a)
        for page in pdf.pages:  # the form's field (and the email typed in it) is gone with the comments
            assert [a.get("/Subtype") for a in page.get("/Annots", []) if a.get("/Subtype") != Name.Link] == []
        text = pdf.pages[0].Contents.read_bytes()
        assert b"My essay on ratios" in text


def test_photos_inside_a_pdf_lose_their_exif_and_gps() -> None:
    with _published(fx.essay(fx.with_photo)) as pdf:
        photo = pdf.pages[0].Resources.XObject.Im1
        assert photo.Filter == Name.DCTDecode
        with Image.open(io.BytesIO(photo.read_raw_bytes())) as im:
            assert im.size == (32, 24)
            assert not im.getexif() and "exif" not in im.info and "xmp" not in im.info
            assert im.getpixel((5, 5)) == pytest.approx((200, 120, 40), abs=6)


def test_rewriting_is_deterministic_and_a_clean_result_is_stable() -> None:
    data = fx.essay(*fx.ALL_HOSTILE)
    once = publish(data, "a.pdf")
    assert publish(data, "a.pdf") == once
    assert publish(once, "a.pdf") == once


def test_a_pdf_with_nothing_to_remove_gives_no_notice(make_repo: MakeRepo) -> None:
    root = make_repo({"portfolios/p-0001/evidence/ratio-recipes.md": PDF_EVIDENCE,
                      "portfolios/p-0001/essay.pdf": fx.essay()})
    report = check_repository(root, today=TODAY).report
    assert [d for d in report.diagnostics if d.loc.path.endswith("ratio-recipes.md")] == []


def test_validate_says_what_will_be_removed_and_refuses_private_text(make_repo: MakeRepo) -> None:
    pdf = fx.essay(fx.with_author, fx.with_open_action, fx.with_photo, page_two="Write to maya@example.com")
    root = make_repo({"portfolios/p-0001/evidence/ratio-recipes.md": PDF_EVIDENCE,
                      "portfolios/p-0001/essay.pdf": pdf})
    found = [(d.loc.line, d.loc.col, d.severity.value, d.code, d.message)
             for d in check_repository(root, today=TODAY).report.sorted()
             if d.loc.path.endswith("ratio-recipes.md")]
    assert found == [
        (11, 12, "error", "private-detail",
         "artifact 'essay.pdf': page 2 contains an email address, which cannot be published"),
        (11, 12, "info", "artifact-cleaned",
         "artifact 'essay.pdf' is published without: XMP metadata; an action that runs on opening; "
         "photo data (EXIF: camera, place, time) in its images; "
         "the document properties (author, title, dates) (they contain an email address)"),
    ]
    with pytest.raises(ArtifactProblem) as caught:  # the build never publishes it either
        publish(pdf, "essay.pdf")
    assert caught.value.code == "private-detail" and "page 2" in caught.value.message


def test_private_details_in_bookmarks_are_refused(make_repo: MakeRepo) -> None:
    def outline(pdf: pikepdf.Pdf) -> None:
        with pdf.open_outline() as tree:
            tree.root.append(pikepdf.OutlineItem("Call me at 770-555-0123", 0))

    root = make_repo({"portfolios/p-0001/evidence/ratio-recipes.md": PDF_EVIDENCE,
                      "portfolios/p-0001/essay.pdf": fx.essay(outline)})
    found = [d.message for d in check_repository(root, today=TODAY).report.diagnostics if d.code == "private-detail"]
    assert found == ["artifact 'essay.pdf': its bookmarks or labels contain a phone number, which cannot be published"]


def _encrypted(user: str) -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(fx.essay())) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(owner="teacher", user=user))
    return out.getvalue()


def _lzw() -> bytes:
    return fx.essay(lambda pdf: setattr(pdf.pages[0].Contents, "Filter", Name.LZWDecode))


@pytest.mark.parametrize(("make", "code", "words"), [
    (lambda: _encrypted(""), "artifact-encrypted", "encrypted"),
    (lambda: _encrypted("secret"), "artifact-encrypted", "password"),
    (lambda: fx.essay()[:200], "artifact-unreadable", "damaged"),
    (lambda: b"%PDF-1.7\n" + b"\x00" * 100, "artifact-unreadable", "damaged"),
    (lambda: b"<html></html>", "artifact-unreadable", "not a PDF"),
    (fx.bomb, "artifact-too-large", "expands to more than 64 MB"),
    (_lzw, "artifact-unreadable", "LZWDecode compression"),
], ids=["owner-password", "user-password", "truncated", "garbage", "html", "bomb", "lzw"])
def test_pdfs_that_cannot_be_read_safely_are_refused(make: Callable[[], bytes], code: str, words: str) -> None:
    with pytest.raises(ArtifactProblem) as caught:
        publish(make(), "essay.pdf")
    assert caught.value.code == code and words in caught.value.message


def test_too_many_pages_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from hcs_site.check import pdf_clean

    monkeypatch.setattr(pdf_clean, "MAX_PDF_PAGES", 1)
    with pytest.raises(ArtifactProblem) as caught:
        publish(fx.essay(), "essay.pdf")
    assert (caught.value.code, caught.value.message) == ("artifact-too-large", "the PDF has 2 pages; the limit is 1")


def test_refusals_are_errors_on_the_artifact_entry(make_repo: MakeRepo) -> None:
    root = make_repo({"portfolios/p-0001/evidence/ratio-recipes.md": PDF_EVIDENCE,
                      "portfolios/p-0001/essay.pdf": _encrypted("")})
    found = [(d.loc.line, d.code, d.hint) for d in check_repository(root, today=TODAY).report.sorted()
             if d.severity.value == "error"]
    assert found == [(11, "artifact-encrypted",
                      "save it again without security settings (or print it to a new PDF)")]


def test_the_built_site_serves_the_rewritten_pdf(make_repo: MakeRepo) -> None:
    root = make_repo({"portfolios/p-0001/evidence/ratio-recipes.md": PDF_EVIDENCE,
                      "portfolios/p-0001/essay.pdf": fx.essay(*fx.ALL_HOSTILE, fx.with_attachment)})
    shutil.copytree(MINI / "docs", root / "docs")
    shutil.copy(MINI / "mkdocs.yml", root / "mkdocs.yml")
    result = build(root, "--site-dir", str(root / "site"))
    assert result.exit_code == 0, result.output
    published = sorted(Path(root / "site").rglob("*.pdf"))
    assert len(published) == 1 and published[0].name == "ratio-recipes-1.pdf"
    with pikepdf.open(published[0]) as pdf:
        _assert_inert(pdf)
        assert len(pdf.pages) == 2


def test_the_rewritten_file_is_read_back_and_refused_if_anything_is_left(monkeypatch: pytest.MonkeyPatch) -> None:
    from hcs_site.check import pdf_clean

    assert {"/JavaScript", "/OpenAction", "/Launch", "/Info"} <= set(
        pdf_clean.verify(fx.essay(fx.with_javascript, fx.with_open_action, fx.with_launch, fx.with_author)))
    assert pdf_clean.verify(fx.essay()) == []
    monkeypatch.setattr(pdf_clean._Cleaner, "sweep", lambda self: None)  # a cleaner that misses a case
    with pytest.raises(ArtifactProblem) as caught:
        publish(fx.essay(fx.with_launch), "essay.pdf")
    assert caught.value.code == "artifact-active-content"


def _many_pages_of_text(pages: int, form_uses: int = 0) -> bytes:
    line = b"BT /F1 9 Tf 40 700 Td (The ratio of flour to water stays the same when it doubles.) Tj ET\n"

    def fill(pdf: pikepdf.Pdf) -> None:
        form = pdf.make_stream(line * 10, Type=Name.XObject, Subtype=Name.Form, BBox=[0, 0, 600, 800],
                               Resources=pikepdf.Dictionary(Font=pdf.pages[0].Resources.Font))
        for _ in range(pages):
            pdf.add_blank_page()
            page = pdf.pages[-1]
            page.Resources = pikepdf.Dictionary(Font=pdf.pages[0].Resources.Font,
                                                XObject=pikepdf.Dictionary(Fm=form))
            page.Contents = pdf.make_stream(line * 75 + b"/Fm Do\n" * form_uses)

    return fx.essay(fill)


def test_pdfs_with_too_much_to_read_are_refused_before_reading_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """The text check is counted, never timed: over 512 KB of drawing, or over the operations it
    may run (a form drawn again and again), the PDF is too large to check."""
    publish(_many_pages_of_text(40), "essay.pdf")  # 40 dense pages: fine
    with pytest.raises(ArtifactProblem) as caught:
        publish(_many_pages_of_text(80), "essay.pdf")
    assert (caught.value.code, caught.value.message) == (
        "artifact-too-large", "the pages hold more than 512 KB of drawing instructions (about 50 pages of dense "
        "text), too much to check their text")
    from hcs_site.check import pdf_read

    monkeypatch.setattr(pdf_read, "MAX_PDF_OPERATIONS", 2_000)
    publish(_many_pages_of_text(1, form_uses=10), "essay.pdf")  # 5 × 75 + 10 × (25 + 5 × 10) operations
    with pytest.raises(ArtifactProblem) as caught:
        publish(_many_pages_of_text(1, form_uses=40), "essay.pdf")
    assert caught.value.message == "the pages draw with more than 2,000 operations, too many to check their text"


def test_bytes_hidden_after_a_photos_end_are_removed_too() -> None:
    def hidden(pdf: pikepdf.Pdf) -> None:
        fx.with_photo(pdf)
        photo = pdf.pages[0].Resources.XObject.Im1
        plain = io.BytesIO()
        Image.new("RGB", (32, 24), (200, 120, 40)).save(plain, "JPEG")
        photo.write(plain.getvalue() + fx.gps_jpeg(), filter=Name.DCTDecode)  # a second JPEG, EXIF and all

    with _published(fx.essay(hidden)) as pdf:
        data = pdf.pages[0].Resources.XObject.Im1.read_raw_bytes()
        assert data.count(b"\xff\xd8") == 1 and data.endswith(b"\xff\xd9")
