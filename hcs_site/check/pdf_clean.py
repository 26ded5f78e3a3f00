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
import re
import warnings
import zlib
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream
from PIL import Image

from .artifact_problem import ArtifactProblem
from .pdf_read import (
    HINT_REPRINT,
    content_bytes,
    filter_names,
    jpeg_data,
    jpeg_metadata,
    kept_strings,
    page_texts,
    too_large,
    unreadable,
    verify,
)

MAX_PDF_INFLATED = 64 * 1024 * 1024
"""The streams of a PDF expand to at most 64 MB: more is a decompression bomb, not an essay."""
MAX_PDF_PAGES = 300
MAX_PDF_OBJECTS = 100_000
MAX_IMAGE_PIXELS = 40_000_000
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
            raise unreadable(f"the PDF uses {unknown[0][1:]} compression, which is not published")
        if "/FlateDecode" in filters and not {"/ASCIIHexDecode", "/ASCII85Decode"} & set(filters):
            try:
                budget -= len(zlib.decompressobj().decompress(data[m.end():stop], budget + 1))
            except zlib.error:
                continue
        else:
            budget -= stop - m.end()
        if budget < 0:
            raise too_large(f"the PDF expands to more than {MAX_PDF_INFLATED // 1_048_576} MB")


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
        raise unreadable(f"the PDF is damaged and cannot be read ({str(exc)[:120]})") from exc
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
            raise too_large(f"an image in the PDF is {width}×{height} pixels; the limit is "
                             f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels")
        raw = jpeg_data(image)
        if raw is None:
            return  # raw pixels (Flate), fax or JBIG2: nothing but the image
        found = jpeg_metadata(raw)
        if not found:
            return
        try:
            with Image.open(io.BytesIO(raw), formats=["JPEG"]) as im:
                im.load()
                mode = im.mode if im.mode in ("L", "RGB", "CMYK") else "RGB"
                fresh = Image.frombytes(mode, im.size, im.convert(mode).tobytes())
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
            raise unreadable(f"a photo in the PDF is damaged ({exc})") from exc
        out = io.BytesIO()
        fresh.save(out, format="JPEG", quality=88, optimize=True)
        image.write(out.getvalue(), filter=Name.DCTDecode)  # the JPEG alone, unwrapped from any other filter
        self.removed.add("photo data (EXIF: camera, place, time) in its images")


def _rewrite(pdf: pikepdf.Pdf) -> tuple[bytes, _Cleaner]:
    if len(pdf.pages) > MAX_PDF_PAGES:
        raise too_large(f"the PDF has {len(pdf.pages)} pages; the limit is {MAX_PDF_PAGES}")
    if len(pdf.objects) > MAX_PDF_OBJECTS:
        raise too_large(f"the PDF holds {len(pdf.objects):,} objects; the limit is {MAX_PDF_OBJECTS:,}")
    for obj in pdf.objects:  # what the parser found, before any stream is decoded
        if isinstance(obj, Stream):
            unknown = [f for f in filter_names(obj) if f not in _SAFE_FILTERS]
            if unknown:
                raise unreadable(f"the PDF uses {unknown[0][1:]} compression, which is not published")
    cleaner = _Cleaner(pdf)
    cleaner.run()
    content_bytes(pdf)
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
            raise unreadable(f"the PDF is damaged and cannot be rewritten ({str(exc)[:120]})") from exc
    left = verify(published)
    if left:
        raise ArtifactProblem("artifact-active-content", f"the PDF still holds {left[0]} after cleaning",
                              HINT_REPRINT)
    with pikepdf.open(io.BytesIO(published)) as clean:
        strings = kept_strings(clean)
    return CleanPdf(published, sorted(cleaner.removed), page_texts(published), strings, cleaner.properties)
