"""Artifact files: the bytes behind a name must be a safe, bounded PNG, JPEG, WebP or PDF.

`rules_portfolio` checks names (type by extension, inside the folder, present); this module opens
the files, so `hcs-site validate` (not the build, minutes later) says that a `.png` is really an
SVG, that a photo is too large, or that a PDF carries script or its author's name. The renderer
(`check.artifact_bytes`) re-encodes images with the same `open_image`, so what validates is exactly
what can be published.
"""

from __future__ import annotations

import io
import re
import warnings
import zlib
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

from ..diagnostics import Report
from ..load import no_links
from ..model.portfolio import Artifact, Evidence

MAX_ARTIFACT_BYTES = 10 * 1024 * 1024
"""10 MB: a phone photo or a scanned essay; anything larger is a video or a mistake."""
MAX_PIXELS = 40_000_000
"""40 megapixels: larger images are decompression bombs, not student work."""
MAX_PDF_INFLATED = 64 * 1024 * 1024
RASTER_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP"}
FORMAT_NAMES = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP"}

_PDF_ACTIVE = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|SubmitForm|ImportData|XFA|GoToE|GoToR)(?![A-Za-z0-9])"
)
_PDF_AUTHOR = re.compile(rb"/Author\s*(\((?!\s*\))|<(?!\s*>))")
_XMP_CREATOR = re.compile(rb"<dc:creator>\s*<rdf:(Seq|Bag)>\s*<rdf:li[^>]*>\s*[^<\s]")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\n?endstream", re.S)


class ArtifactProblem(Exception):
    """Why an artifact cannot be published: a diagnostic code and a message for the student."""

    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def open_image(data: bytes, suffix: str) -> Image.Image:
    """Decode `data` as exactly the format its extension promises, within the pixel limit."""
    fmt = RASTER_FORMATS[suffix.lower()]
    name = FORMAT_NAMES[fmt]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data), formats=[fmt])
            width, height = im.size
            if width * height > MAX_PIXELS:
                raise ArtifactProblem("artifact-too-large", f"the image is {width}×{height} pixels; the limit is "
                                      f"{MAX_PIXELS // 1_000_000} megapixels", "resize it before adding it")
            im.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ArtifactProblem("artifact-too-large", "the image has too many pixels to publish",
                              "resize it before adding it") from exc
    except UnidentifiedImageError as exc:
        raise ArtifactProblem("artifact-unreadable", f"the file is not a {name} image",
                              f"export it again as {name}, or rename it to its real type; SVG is "
                              "not published") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise ArtifactProblem("artifact-unreadable", f"the {name} image is damaged or truncated ({exc})",
                              "export or download it again") from exc
    return im


def _inflated(data: bytes) -> list[bytes]:
    """The Flate-compressed streams of a PDF, decompressed (bounded), so hidden script is found."""
    out: list[bytes] = []
    budget = MAX_PDF_INFLATED
    for m in _STREAM.finditer(data):
        try:
            chunk = zlib.decompressobj().decompress(m.group(1), budget)
        except zlib.error:
            continue
        budget -= len(chunk)
        out.append(chunk)
        if budget <= 0:
            raise ArtifactProblem("artifact-too-large", "the PDF expands to more than "
                                  f"{MAX_PDF_INFLATED // 1_048_576} MB", "export a simpler PDF")
    return out


def check_pdf(data: bytes) -> None:
    """A PDF is published byte for byte, so it must carry no script and no author's name."""
    if not data.startswith(b"%PDF-"):
        raise ArtifactProblem("artifact-unreadable", "the file is not a PDF (it does not start with %PDF-)",
                              "export it again as PDF, or rename it to its real type")
    for part in [data, *_inflated(data)]:
        names = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), part)
        active = _PDF_ACTIVE.search(names)
        if active:
            raise ArtifactProblem("artifact-active-content",
                                  f"the PDF contains /{active.group(1).decode()} (script, attachments or links "
                                  "that run on opening)", "print it to a new PDF (Print > Save as PDF)")
        if _PDF_AUTHOR.search(names) or _XMP_CREATOR.search(names):
            raise ArtifactProblem("artifact-metadata", "the PDF names its author in its properties",
                                  "remove the author (File > Properties) or print it to a new PDF")


def inspect(data: bytes, suffix: str) -> None:
    """Raise ArtifactProblem when `data` (named with `suffix`) cannot be published."""
    if len(data) > MAX_ARTIFACT_BYTES:
        raise ArtifactProblem("artifact-too-large", f"the file is {len(data):,} bytes; the limit is "
                              f"{MAX_ARTIFACT_BYTES:,}", "resize or compress it before adding it")
    if suffix.lower() == ".pdf":
        check_pdf(data)
    elif suffix.lower() in RASTER_FORMATS:
        open_image(data, suffix).close()


def artifact_source(ev: Evidence, art: Artifact) -> str | None:
    """Repository-relative path of an artifact, or None when its name escapes the folder."""
    return ev.artifact_source(art)


def check_artifact_files(root: Path, ev: Evidence, artifact_files: set[str], report: Report) -> None:
    for art in ev.artifacts:
        if art.alt and not art.alt.strip():
            report.error(art.loc("alt"), "artifact-alt", "the alt text is blank",
                         "describe what the image shows for readers who cannot see it")
        source = artifact_source(ev, art)
        suffix = PurePosixPath(art.file).suffix.lower()
        if source is None or source not in artifact_files or suffix not in (*RASTER_FORMATS, ".pdf"):
            continue  # named wrongly: rules_portfolio already said so
        try:
            data = no_links.read_bytes(root, source, MAX_ARTIFACT_BYTES)  # never through a link (no_links.py)
            if len(data) > MAX_ARTIFACT_BYTES:
                size = max(len(data), (root / source).lstat().st_size)
                raise ArtifactProblem("artifact-too-large", f"the file is {size:,} bytes; the limit is "
                                      f"{MAX_ARTIFACT_BYTES:,}", "resize or compress it before adding it")
            inspect(data, suffix)
        except ArtifactProblem as problem:
            report.error(art.loc("file"), problem.code, f"artifact '{art.file}': {problem.message}", problem.hint)
        except no_links.LinkRefused as refused:
            report.error(art.loc("file"), "symlink", f"artifact '{art.file}' is not read: {refused.reason}",
                         no_links.FIX_HINT)
        except OSError as exc:
            report.error(art.loc("file"), "artifact-unreadable", f"cannot read artifact '{art.file}': {exc.strerror}",
                         "check the file's permissions")
