"""PDFs rewritten to what a public page may carry, or refused when they cannot be read safely.

A student's PDF can run script when opened, attach other files, and name its author in its
properties or in the EXIF of a photo inside it. Matching byte patterns misses what hides in
compressed object streams, so the file is parsed (pikepdf), and rebuilt from an allowlist:
pages, their drawing, links to web pages or within the document, bookmarks, accessibility tags.
Script, actions, attachments, forms, comments and every metadata record are dropped; photos whose
JPEG data carries EXIF/XMP are re-encoded from their pixels. The output is then re-opened and
checked again. Validation and the build run the same function, so what validates is what is
published, and the same input always gives the same bytes (no new IDs, no dates).
"""

from __future__ import annotations

import io
import logging
import re
import warnings
import zlib
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream
from PIL import Image

from .artifact_problem import ArtifactProblem

MAX_PDF_INFLATED = 64 * 1024 * 1024
"""The streams of a PDF expand to at most 64 MB: more is a decompression bomb, not an essay."""
MAX_PDF_PAGES = 300
MAX_PDF_OBJECTS = 100_000
MAX_IMAGE_PIXELS = 40_000_000
MAX_PDF_CONTENT = 512 * 1024
"""Bytes of drawing instructions the text check reads (pages, and forms once per page using them):
the check's reader (pypdf) parses about 250 KB a second; 50 pages of dense text hold about 400 KB."""
MAX_PDF_OPERATIONS = 60_000
"""Drawing operations the text check may run, about 2 seconds; drawing a form (`Do`) counts 25,
as its instructions are read again each time."""

_HINT_REPRINT = "print it to a new PDF (Print > Save as PDF) and add that file instead"
_SAFE_FILTERS = {"/FlateDecode", "/DCTDecode", "/CCITTFaxDecode", "/JBIG2Decode", "/ASCIIHexDecode",
                 "/ASCII85Decode"}
_CATALOG_KEEP = {"/Type", "/Version", "/Pages", "/PageLabels", "/Names", "/Dests", "/ViewerPreferences",
                 "/PageLayout", "/PageMode", "/Outlines", "/Lang", "/MarkInfo", "/StructTreeRoot",
                 "/OCProperties", "/OutputIntents"}
_PAGE_KEEP = {"/Type", "/Parent", "/Resources", "/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox",
              "/Contents", "/Rotate", "/Group", "/Annots", "/UserUnit", "/StructParents", "/Tabs"}
_LINK_KEEP = {"/Type", "/Subtype", "/Rect", "/Border", "/BS", "/C", "/F", "/Dest", "/A", "/QuadPoints", "/H",
              "/StructParent", "/P", "/NM"}
_DROP_EVERYWHERE = {"/JS": "script (JavaScript)", "/JavaScript": "script (JavaScript)",
                    "/AA": "actions that run on events", "/OpenAction": "an action that runs on opening",
                    "/EmbeddedFiles": "attached files", "/EmbeddedFile": "attached files",
                    "/EF": "attached files", "/RichMediaContent": "embedded media",
                    "/XFA": "form scripts (XFA)", "/Metadata": "XMP metadata",
                    "/PieceInfo": "application data", "/Thumb": "page thumbnails"}
_CATALOG_WHY = {"/AcroForm": "form fields and what was typed in them",
                "/URI": "a base web address", "/Perms": "signature permissions", "/Collection": "attached files",
                "/Threads": "article threads", "/Legal": "signature data", "/SpiderInfo": "web capture data"}
_JPEG_METADATA = {0xE1: "EXIF/XMP", 0xED: "IPTC"}
_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_ENDSTREAM = re.compile(rb"endstream")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


@dataclass
class CleanPdf:
    """A PDF ready to publish, what was removed from it, and the text it still shows."""

    data: bytes
    removed: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    """The text of each page, as a reader would copy it."""
    strings: list[str] = field(default_factory=list)
    """Other text the file keeps: bookmarks, alternative text of figures, page labels."""
    properties: list[str] = field(default_factory=list)
    """The values of the document properties, which are removed (kept for the privacy check)."""


def _too_large(what: str) -> ArtifactProblem:
    return ArtifactProblem("artifact-too-large", what, "export a shorter or simpler PDF, or split it")


def _unreadable(what: str) -> ArtifactProblem:
    return ArtifactProblem("artifact-unreadable", what, _HINT_REPRINT)


def _filters_in(dictionary: bytes) -> list[str]:
    m = _FILTER.search(_HEX_ESCAPE.sub(lambda h: bytes([int(h.group(1), 16)]), dictionary))
    return [] if m is None else ["/" + n.decode("latin-1") for n in _NAME.findall(m.group(1))]


def prescan(data: bytes) -> None:
    """Before the parser decompresses anything: every stream uses a known compression and all of
    them together expand to at most MAX_PDF_INFLATED (object streams are inflated while parsing)."""
    budget = MAX_PDF_INFLATED
    start = 0
    for m in _STREAM.finditer(data):
        if m.start() < start:
            continue
        header = data.rfind(b"obj", start, m.start())  # this stream's dictionary, not the objects before
        filters = _filters_in(data[max(header, start):m.start()])
        end = _ENDSTREAM.search(data, m.end())
        stop = end.start() if end else len(data)
        start = end.end() if end else len(data)
        unknown = [f for f in filters if f not in _SAFE_FILTERS]
        if unknown:
            raise _unreadable(f"the PDF uses {unknown[0][1:]} compression, which is not published")
        if "/FlateDecode" in filters and not {"/ASCIIHexDecode", "/ASCII85Decode"} & set(filters):
            try:
                budget -= len(zlib.decompressobj().decompress(data[m.end():stop], budget + 1))
            except zlib.error:
                continue
        else:
            budget -= stop - m.end()
        if budget < 0:
            raise _too_large(f"the PDF expands to more than {MAX_PDF_INFLATED // 1_048_576} MB")


def _open(data: bytes) -> pikepdf.Pdf:
    if not data.startswith(b"%PDF-"):
        raise ArtifactProblem("artifact-unreadable", "the file is not a PDF (it does not start with %PDF-)",
                              "export it again as PDF, or rename it to its real type")
    prescan(data)
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise ArtifactProblem("artifact-encrypted", "the PDF is protected by a password",
                              "save it again without a password (or print it to a new PDF)") from exc
    except Exception as exc:  # qpdf reports every kind of damage as its own exception type
        raise _unreadable(f"the PDF is damaged and cannot be read ({str(exc)[:120]})") from exc
    if pdf.is_encrypted:
        pdf.close()
        raise ArtifactProblem("artifact-encrypted", "the PDF is encrypted (it has restrictions or a password)",
                              "save it again without security settings (or print it to a new PDF)")
    return pdf


def _is_safe_action(action: Any) -> bool:
    if not isinstance(action, Dictionary):
        return False
    kind = action.get("/S")
    if kind == Name.GoTo:
        return True
    if kind == Name.URI:
        uri = action.get("/URI")
        return isinstance(uri, pikepdf.String) and bytes(uri).lower().startswith((b"http://", b"https://"))
    return False


class _Cleaner:
    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.removed: set[str] = set()
        self.properties: list[str] = []

    def drop(self, holder: pikepdf.Object, key: str, why: str) -> None:
        if key in holder:
            del holder[key]
            self.removed.add(why)

    def run(self) -> None:
        info = self.pdf.trailer.get("/Info")
        if isinstance(info, Dictionary):
            self.properties = [str(v) for _k, v in sorted(info.items()) if isinstance(v, pikepdf.String)]
            if self.properties:
                self.removed.add("the document properties (author, title, dates)")
        for key in list(self.pdf.trailer.keys()):
            if key not in ("/Root", "/Size"):
                del self.pdf.trailer[key]
        root = self.pdf.Root
        for key in list(root.keys()):
            if key not in _CATALOG_KEEP:
                self.drop(root, key, _DROP_EVERYWHERE.get(key) or _CATALOG_WHY.get(key, f"unneeded data ({key[1:]})"))
        names = root.get("/Names")
        if isinstance(names, Dictionary):
            for key in list(names.keys()):
                if key != "/Dests":
                    self.drop(names, key, _DROP_EVERYWHERE.get(key, f"named {key[1:]} resources"))
        for page in self.pdf.pages:
            self.page(page.obj)
        self.sweep()

    def page(self, page: Dictionary) -> None:
        for key in list(page.keys()):
            if key not in _PAGE_KEEP:
                self.drop(page, key, _DROP_EVERYWHERE.get(key, f"page data ({key[1:]})"))
        annots = page.get("/Annots")
        if not isinstance(annots, Array):
            self.drop(page, "/Annots", "damaged annotations")
            return
        kept = Array()
        for annot in annots:
            kind = annot.get("/Subtype") if isinstance(annot, Dictionary) else None
            if kind == Name.Widget:  # what was typed in a field is drawn where the text check cannot see
                self.removed.add("form fields and what was typed in them")
                continue
            if kind != Name.Link:
                self.removed.add("comments, attachments and other annotations")
                continue
            for key in list(annot.keys()):
                if key not in _LINK_KEEP:
                    self.drop(annot, key, _DROP_EVERYWHERE.get(key, "link data"))
            kept.append(annot)
        page.Annots = kept

    def sweep(self) -> None:
        """Everything still reachable from the catalog: no script, attachment, metadata or action
        other than a link to a page of the document or to an http(s) address."""
        seen: set[tuple[int, int]] = set()
        stack: list[Any] = [self.pdf.Root]
        while stack:
            obj = stack.pop()
            if obj.is_indirect:
                if obj.objgen in seen:
                    continue
                seen.add(obj.objgen)
            if isinstance(obj, Dictionary | Stream):
                if obj.get("/Type") == Name.Filespec or obj.get("/Subtype") == Name.FileAttachment:
                    self.removed.add("attached files")
                for key in list(obj.keys()):
                    if key in _DROP_EVERYWHERE:
                        self.drop(obj, key, _DROP_EVERYWHERE[key])
                        continue
                    value = obj.get(key)
                    if key in ("/A", "/Next") and not _is_safe_action(value):
                        self.drop(obj, key, "actions (programs, forms, other files or web addresses "
                                            "other than http/https)")
                        continue
                    if key in ("/FS", "/F") and isinstance(value, Dictionary):
                        self.drop(obj, key, "attached files")
                        continue
                    if isinstance(value, Dictionary | Array | Stream):
                        stack.append(value)
                if isinstance(obj, Stream) and obj.get("/Subtype") == Name.Image:
                    self.image(obj)
            elif isinstance(obj, Array):
                stack.extend(item for item in obj if isinstance(item, Dictionary | Array | Stream))

    def image(self, image: Stream) -> None:
        width, height = image.get("/Width", 0), image.get("/Height", 0)
        if not isinstance(width, int) or not isinstance(height, int) or width * height > MAX_IMAGE_PIXELS:
            raise _too_large(f"an image in the PDF is {width}×{height} pixels; the limit is "
                             f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels")
        filters = image.get("/Filter")
        names = [str(f) for f in filters] if isinstance(filters, Array) else [str(filters)] if filters else []
        if names != ["/DCTDecode"]:
            return  # raw pixels (Flate), fax or JBIG2: nothing but the image
        raw = image.read_raw_bytes()
        found = jpeg_metadata(raw)
        if not found:
            return
        try:
            with Image.open(io.BytesIO(raw), formats=["JPEG"]) as im:
                im.load()
                mode = im.mode if im.mode in ("L", "RGB", "CMYK") else "RGB"
                fresh = Image.frombytes(mode, im.size, im.convert(mode).tobytes())
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
            raise _unreadable(f"a photo in the PDF is damaged ({exc})") from exc
        out = io.BytesIO()
        fresh.save(out, format="JPEG", quality=88, optimize=True)
        image.write(out.getvalue(), filter=Name.DCTDecode)
        self.removed.add("photo data (EXIF: camera, place, time) in its images")


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
        if marker == 0xDA:  # start of scan: image data follows; only its end may be checked
            end = data.rfind(b"\xff\xd9")
            return found + (["data after the image"] if end < 0 or data[end + 2:].strip(b"\x00") else [])
        if (0xE1 <= marker <= 0xEF and marker != 0xEE) or marker == 0xFE:
            found.append(_JPEG_METADATA.get(marker, "application data" if marker != 0xFE else "a comment"))
        i += 2 + length
    return [*found, "unreadable JPEG data"]


_BAD_KEYS = {"/JS", "/JavaScript", "/AA", "/OpenAction", "/EmbeddedFiles", "/EmbeddedFile", "/EF", "/XFA",
             "/Metadata", "/AcroForm", "/RichMediaContent"}
_BAD_ACTIONS = {"/Launch", "/JavaScript", "/SubmitForm", "/ResetForm", "/ImportData", "/GoToR", "/GoToE",
                "/Hide", "/Named", "/Rendition", "/RichMediaExecute", "/Sound", "/Movie", "/SetOCGState"}


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
            if isinstance(obj, Stream) and obj.get("/Subtype") == Name.Image and obj.get("/Filter") == Name.DCTDecode:
                problems += [f"JPEG {what}" for what in jpeg_metadata(obj.read_raw_bytes())]
            stack += _direct([obj.get(k) for k in sorted(keys)])
    return problems


def _strings(pdf: pikepdf.Pdf) -> list[str]:
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
        raise _too_large(f"the pages draw with more than {MAX_PDF_OPERATIONS:,} operations, too many to check "
                         "their text") from exc
    except Exception as exc:  # pypdf raises many types on odd fonts or content
        raise _unreadable(f"the text of the PDF cannot be read to check it ({str(exc)[:120]})") from exc
    finally:
        quiet.setLevel(level)


def _content_bytes(pdf: pikepdf.Pdf) -> int:
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
            raise _too_large(f"the pages hold more than {MAX_PDF_CONTENT // 1024} KB of drawing instructions "
                             "(about 50 pages of dense text), too much to check their text")
    return total


def _rewrite(pdf: pikepdf.Pdf) -> tuple[bytes, _Cleaner]:
    if len(pdf.pages) > MAX_PDF_PAGES:
        raise _too_large(f"the PDF has {len(pdf.pages)} pages; the limit is {MAX_PDF_PAGES}")
    if len(pdf.objects) > MAX_PDF_OBJECTS:
        raise _too_large(f"the PDF holds {len(pdf.objects):,} objects; the limit is {MAX_PDF_OBJECTS:,}")
    for obj in pdf.objects:  # what the parser found, before any stream is decoded
        if isinstance(obj, Stream):
            filters = obj.get("/Filter")
            names = [str(f) for f in filters] if isinstance(filters, Array) else [str(filters)] if filters else []
            unknown = [f for f in names if f not in _SAFE_FILTERS]
            if unknown:
                raise _unreadable(f"the PDF uses {unknown[0][1:]} compression, which is not published")
    cleaner = _Cleaner(pdf)
    cleaner.run()
    _content_bytes(pdf)
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pikepdf warns that widgets lost their form: it was removed
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 compress_streams=True, stream_decode_level=pikepdf.StreamDecodeLevel.none,
                 fix_metadata_version=False, preserve_pdfa=False, linearize=False, qdf=False)
    return out.getvalue(), cleaner


def clean_pdf(data: bytes) -> CleanPdf:
    """The PDF as it will be published (raises ArtifactProblem when it must be refused)."""
    with _open(data) as pdf:
        try:
            published, cleaner = _rewrite(pdf)
        except ArtifactProblem:
            raise
        except Exception as exc:  # qpdf reports damage it finds while reading objects or writing
            raise _unreadable(f"the PDF is damaged and cannot be rewritten ({str(exc)[:120]})") from exc
    left = verify(published)
    if left:
        raise ArtifactProblem("artifact-active-content", f"the PDF still holds {left[0]} after cleaning",
                              _HINT_REPRINT)
    with pikepdf.open(io.BytesIO(published)) as clean:
        strings = _strings(clean)
    return CleanPdf(published, sorted(cleaner.removed), page_texts(published), strings, cleaner.properties)
