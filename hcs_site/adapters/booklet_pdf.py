"""A booklet joined from printed parts: one PDF, bookmarks to each course, page numbers throughout.

Chromium numbers the pages of each document it prints; a booklet is printed as several documents
(each course with its own header), so its numbers ("Page 7 of 64") are written in afterwards, at
the right end of the footer Chromium left for them, in Helvetica (a font every PDF reader has).
"""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Dictionary, Name, Object, OutlineItem, Pdf

FONT = Name("/HcsPageNumber")
SIZE = 8.0
RIGHT_MARGIN = 0.6 * 72
BASELINE = 17.25
"""Where Chromium writes the footer line of `render/handout.footer_template` (measured: 8 pt text,
23 CSS pixels above the bottom edge)."""
_WIDTHS = {" ": 278, "P": 667, "a": 556, "g": 556, "e": 556, "o": 556, "f": 278, "d": 556, "i": 222,
           "n": 556, "\u00e1": 556}
"""Helvetica's advance widths (thousandths of the size) of the letters the page words use."""


def page_count(data: bytes) -> int:
    with Pdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def _width(text: str) -> float:
    return sum(_WIDTHS.get(ch, 556) for ch in text) * SIZE / 1000


def _literal(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _stamp(pdf: Pdf, page: pikepdf.Page, text: str, font: Object) -> None:
    resources = page.obj.get("/Resources")
    if resources is None:
        resources = page.obj["/Resources"] = Dictionary()
    fonts = resources.get("/Font")
    if fonts is None:
        fonts = resources["/Font"] = Dictionary()
    fonts[FONT] = font
    box = [float(v) for v in page.mediabox]
    x = box[2] - RIGHT_MARGIN - _width(text)
    ops = (b"Q q 0.2 g BT " + str(FONT).encode() + f" {SIZE:g} Tf {x:.2f} {BASELINE:.2f} Td ".encode()
           + _literal(text) + b" Tj ET Q")
    # The page's own drawing is wrapped in q ... Q: whatever scale or colour it leaves set, the
    # number is drawn in the page's plain coordinates.
    page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
    page.contents_add(pdf.make_stream(b"\n" + ops), prepend=False)


def join(parts: list[bytes], marks: list[tuple[str, int]], page_words: str, lang: str) -> bytes:
    """`parts` one after the other; `marks`: bookmark titles and their 0-based pages; every page
    numbered with `page_words` ("Page {page} of {pages}")."""
    out = Pdf.new()
    opened = [Pdf.open(io.BytesIO(p)) for p in parts]
    try:
        for part in opened:
            out.pages.extend(part.pages)
        total = len(out.pages)
        font = out.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
                                            Encoding=Name.WinAnsiEncoding))
        for n, page in enumerate(out.pages, start=1):
            if "/StructParents" in page.obj:  # the parts' tag trees are not carried over
                del page.obj["/StructParents"]
            _stamp(out, page, page_words.format(page=n, pages=total), font)
        with out.open_outline() as outline:
            outline.root.extend(OutlineItem(title, index) for title, index in marks)
        out.Root.Lang = pikepdf.String(lang)
        out.Root.PageMode = Name.UseOutlines
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True)
        return buffer.getvalue()
    finally:
        for part in opened:
            part.close()
        out.close()

