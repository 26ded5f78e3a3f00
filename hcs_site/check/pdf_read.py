"""Reading a PDF back: the text a reader sees, and proof that nothing active is left.

`pdf_clean` rewrites a student's PDF; this module reads the result as a reader's software would.
`verify` walks every object of the rewritten file for script, actions, attachments and metadata
(if the rewrite ever misses a case, the PDF is refused, not published); `page_texts` and
`kept_strings` give the privacy check the text of every page and every other string the file
keeps. Reading is bounded by counts (bytes of drawing, operations run), never by a clock.
"""

from __future__ import annotations

import io
import logging
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

from .artifact_problem import ArtifactProblem

MAX_PDF_CONTENT = 512 * 1024
"""Bytes of drawing instructions the text check reads (pages, and forms once per page using them):
the check's reader (pypdf) parses about 250 KB a second; 50 pages of dense text hold about 400 KB."""
MAX_PDF_OPERATIONS = 60_000
"""Drawing operations the text check may run, about 2 seconds; drawing a form (`Do`) counts 25,
as its instructions are read again each time."""

HINT_REPRINT = "print it to a new PDF (Print > Save as PDF) and add that file instead"
_JPEG_METADATA = {0xE1: "EXIF/XMP", 0xED: "IPTC"}


def too_large(what: str) -> ArtifactProblem:
    return ArtifactProblem("artifact-too-large", what, "export a shorter or simpler PDF, or split it")


def unreadable(what: str) -> ArtifactProblem:
    return ArtifactProblem("artifact-unreadable", what, HINT_REPRINT)


def jpeg_metadata(data: bytes) -> list[str]:
    """What metadata segments (APP1 EXIF/XMP, APP13 IPTC, comments, MPF) a JPEG carries, or that
    it carries bytes after its end; [] for a plain JPEG."""
    found: list[str] = []
    i = 2
    if not data.startswith(b"\xff\xd8"):
        return ["unreadable JPEG data"]
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return [*found, "unreadable JPEG data"]
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        length = int.from_bytes(data[i + 2:i + 4], "big")
        if marker == 0xDA:  # start of scan: in the image data FF is never followed by D9 before the end
            end = data.find(b"\xff\xd9", i)
            return found + (["data after the image"] if end < 0 or data[end + 2:].strip(b"\x00") else [])
        if (0xE1 <= marker <= 0xEF and marker != 0xEE) or marker == 0xFE:
            found.append(_JPEG_METADATA.get(marker, "application data" if marker != 0xFE else "a comment"))
        i += 2 + length
    return [*found, "unreadable JPEG data"]


_BAD_KEYS = {"/JS", "/JavaScript", "/AA", "/OpenAction", "/EmbeddedFiles", "/EmbeddedFile", "/EF", "/XFA",
             "/Metadata", "/AcroForm", "/RichMediaContent"}
_BAD_ACTIONS = {"/Launch", "/JavaScript", "/SubmitForm", "/ResetForm", "/ImportData", "/GoToR", "/GoToE",
                "/Hide", "/Named", "/Rendition", "/RichMediaExecute", "/Sound", "/Movie", "/SetOCGState"}


def filter_names(stream: Stream) -> list[str]:
    filters = stream.get("/Filter")
    return [str(f) for f in filters] if isinstance(filters, Array) else [str(filters)] if filters else []


def jpeg_data(stream: Stream) -> bytes | None:
    """The JPEG inside an image stream, or None when it holds none. A JPEG may be wrapped in other
    compressions first ([/FlateDecode /DCTDecode]): those are undone, so that its EXIF is seen."""
    names = filter_names(stream)
    if "/DCTDecode" not in names:
        return None
    if names[-1] != "/DCTDecode":
        raise unreadable("a photo in the PDF is compressed again after its JPEG compression")
    if len(names) == 1:
        return stream.read_raw_bytes()
    parms = stream.get("/DecodeParms")
    with pikepdf.new() as scratch:
        outer = Stream(scratch, stream.read_raw_bytes())
        outer.Filter = Array([Name(n) for n in names[:-1]])
        if isinstance(parms, Array):
            outer.DecodeParms = Array([scratch.copy_foreign(p) if isinstance(p, Dictionary) else p
                                       for p in list(parms)[:-1]])
        try:
            return outer.read_bytes()
        except pikepdf.PdfError as exc:
            raise unreadable(f"a photo in the PDF is damaged ({str(exc)[:120]})") from exc


def _direct(values: list[Any]) -> list[Any]:
    return [v for v in values if isinstance(v, Dictionary | Array | Stream) and not v.is_indirect]


def verify(data: bytes) -> list[str]:
    """Read back what is about to be published: anything on this list means the rewrite failed."""
    problems: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/Info" in pdf.trailer:
            problems.append("/Info")
        stack: list[Any] = list(pdf.objects)
        while stack:
            obj = stack.pop()
            if isinstance(obj, Array):
                stack += _direct(list(obj))
                continue
            if not isinstance(obj, Dictionary | Stream):
                continue
            keys = set(obj.keys())
            problems += sorted(_BAD_KEYS & keys)
            if "/S" in keys and str(obj.get("/S")) in _BAD_ACTIONS:
                problems.append(str(obj.get("/S")))
            if isinstance(obj, Stream) and obj.get("/Subtype") == Name.Image:
                jpeg = jpeg_data(obj)
                problems += [] if jpeg is None else [f"JPEG {what}" for what in jpeg_metadata(jpeg)]
            stack += _direct([obj.get(k) for k in sorted(keys)])
    return problems


def kept_strings(pdf: pikepdf.Pdf) -> list[str]:
    """Every text string outside the pages' drawing: bookmarks, alt text, labels, link addresses."""
    found: list[str] = []
    for obj in pdf.objects:
        values: list[Any] = []
        if isinstance(obj, Dictionary | Stream):
            values = [obj.get(k) for k in sorted(set(obj.keys()) - {"/ID"})]  # the file's identifier: bytes
        elif isinstance(obj, Array):
            values = list(obj)
        stack = values
        while stack:
            value = stack.pop()
            if isinstance(value, pikepdf.String):
                found.append(str(value))
            elif isinstance(value, Dictionary) and not value.is_indirect:
                stack.extend(value.get(k) for k in list(value.keys()))
            elif isinstance(value, Array) and not value.is_indirect:
                stack.extend(value)
    return found


class _TooMuchDrawing(Exception):
    pass


def page_texts(data: bytes) -> list[str]:
    """The text of every page (pypdf), for the privacy check; the work is counted, not timed."""
    import pypdf  # only PDFs need it

    done = 0

    def count(operator: bytes, *_args: Any) -> None:
        nonlocal done
        done += 25 if operator == b"Do" else 1
        if done > MAX_PDF_OPERATIONS:
            raise _TooMuchDrawing

    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # it logs every font it cannot decode: not the student's concern
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        return [page.extract_text(visitor_operand_before=count) or "" for page in reader.pages]
    except _TooMuchDrawing as exc:
        raise too_large(f"the pages draw with more than {MAX_PDF_OPERATIONS:,} operations, too many to check "
                         "their text") from exc
    except Exception as exc:  # pypdf raises many types on odd fonts or content
        raise unreadable(f"the text of the PDF cannot be read to check it ({str(exc)[:120]})") from exc
    finally:
        quiet.setLevel(level)


def content_bytes(pdf: pikepdf.Pdf) -> int:
    """Bytes of drawing the text check reads: each page's content, and each form it uses."""
    sizes: dict[tuple[int, int], int] = {}

    def size(stream: Stream) -> int:
        if stream.objgen not in sizes:
            sizes[stream.objgen] = len(stream.read_bytes())
        return sizes[stream.objgen]

    total = 0
    for page in pdf.pages:
        contents = page.obj.get("/Contents")
        streams = [contents] if isinstance(contents, Stream) else list(contents) if isinstance(contents, Array) else []
        total += sum(size(s) for s in streams if isinstance(s, Stream))
        seen: set[tuple[int, int]] = set()
        resources = [page.obj.get("/Resources")]
        while resources:
            res = resources.pop()
            xobjects = res.get("/XObject") if isinstance(res, Dictionary) else None
            if not isinstance(xobjects, Dictionary):
                continue
            for name in list(xobjects.keys()):
                form = xobjects.get(name)
                if isinstance(form, Stream) and form.get("/Subtype") == Name.Form and form.objgen not in seen:
                    seen.add(form.objgen)
                    total += size(form)
                    resources.append(form.get("/Resources"))
        if total > MAX_PDF_CONTENT:
            raise too_large(f"the pages hold more than {MAX_PDF_CONTENT // 1024} KB of drawing instructions "
                             "(about 50 pages of dense text), too much to check their text")
    return total
