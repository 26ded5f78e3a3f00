"""The district's logo, as the site publishes it: a PNG re-encoded from its pixels, or an SVG that
holds nothing but shapes and text.

The logo is a file of the site: a reader may open it on its own, where no Content-Security-Policy
of a page protects them, and an SVG opened that way runs its scripts, loads what it links to and
follows its links. Rather than clean such a file (and trust the cleaning), an SVG is refused unless
every element and attribute is on a short list of drawing ones: no script, no event handler, no
link, no embedded image or HTML, no style sheet, no DTD or entity, no `url()` other than a
reference to a gradient or clip path inside the file.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass
from pathlib import Path

from ..load import no_links
from .artifact_bytes import reencode
from .artifact_problem import ArtifactProblem
from .rules_artifacts import open_image

MAX_LOGO_BYTES = 200_000
MIN_SIDE, MAX_SIDE = 16, 4096
SVG_NS = "http://www.w3.org/2000/svg"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ELEMENTS = frozenset({
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
    "title", "desc", "defs", "linearGradient", "radialGradient", "stop", "clipPath",
})
ATTRIBUTES = frozenset({
    "id", "class", "version", "width", "height", "viewBox", "preserveAspectRatio", "role", "aria-label",
    "aria-hidden", "focusable", "d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy",
    "points", "transform", "fill", "fill-opacity", "fill-rule", "clip-rule", "clip-path", "stroke",
    "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
    "stroke-dashoffset", "stroke-opacity", "opacity", "font-family", "font-size", "font-weight",
    "font-style", "text-anchor", "dominant-baseline", "letter-spacing", "offset", "stop-color",
    "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod", "clipPathUnits",
})
_LOCAL_URL = re.compile(r"url\(\s*#[A-Za-z_][A-Za-z0-9_.-]*\s*\)")
_OUTSIDE = ("url(", "javascript:", "data:", "expression(", "@import", "//")
FIX = ("save the logo as a plain SVG (shapes and text only, e.g. Inkscape's \"Plain SVG\" or "
       "\"Optimized SVG\") or as a PNG")


@dataclass
class LogoProblem(Exception):
    code: str
    message: str
    hint: str


def publishable_logo(root: Path, rel: str) -> bytes:
    """The bytes of the logo to put on the site; raises LogoProblem when it may not be published."""
    if not rel.startswith("content/"):
        raise LogoProblem("logo-file", f"the logo {rel} is outside content/",
                          "put the file in content/ (e.g. content/logo.svg) and name it from the repository's root")
    try:
        data = no_links.read_bytes(root, rel, limit=MAX_LOGO_BYTES)
    except no_links.LinkRefused as exc:
        raise LogoProblem("logo-file", f"the logo {rel} is not read: {exc.reason}", no_links.FIX_HINT) from exc
    except OSError as exc:
        raise LogoProblem("logo-file", f"the logo {rel} cannot be read: {exc.strerror or exc}",
                          "check the name (it is written from the repository's root, e.g. content/logo.svg)") from exc
    if len(data) > MAX_LOGO_BYTES:
        raise LogoProblem("logo-file", f"the logo {rel} is larger than {MAX_LOGO_BYTES // 1000} kB",
                          "export it smaller: a logo needs a few kilobytes")
    return svg_logo(data) if rel.lower().endswith(".svg") else png_logo(data)


def png_logo(data: bytes) -> bytes:
    try:
        with open_image(data, ".png") as im:
            width, height = im.size
        if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
            raise LogoProblem("logo-file", f"the logo is {width}×{height} pixels; each side must be "
                              f"{MIN_SIDE} to {MAX_SIDE}", "export it at about 256 pixels high")
        return reencode(data, ".png")
    except ArtifactProblem as exc:
        raise LogoProblem("logo-file", f"the logo: {exc.message}",
                          "export it again as PNG") from exc


def svg_logo(data: bytes) -> bytes:
    """The file as it is, once every part of it is known to be drawing only."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LogoProblem("logo-unsafe", "the SVG logo is not UTF-8 text", FIX) from exc
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    found: list[tuple[int, str]] = []
    depth = [0]

    def refuse(what: str) -> None:
        found.append((parser.CurrentLineNumber, what))

    def start(name: str, attrs: dict[str, str]) -> None:
        ns, _, local = name.rpartition(" ")
        if depth[0] == 0 and (ns, local) != (SVG_NS, "svg"):
            refuse("its root element is not <svg> in the SVG namespace")
        depth[0] += 1
        if ns != SVG_NS or local not in ELEMENTS:
            refuse(f"the element <{local}>" + ("" if ns == SVG_NS else " outside the SVG namespace"))
        for key, value in attrs.items():
            a_ns, _, a_local = key.rpartition(" ")
            if a_ns == XML_NS and a_local in ("space", "lang"):
                continue
            if a_ns or a_local not in ATTRIBUTES:
                refuse(f"the attribute {a_local}=\"…\" on <{local}>")
            elif any(bad in _LOCAL_URL.sub("", value).lower() for bad in _OUTSIDE):
                refuse(f"a reference outside the file in {a_local}=\"…\" on <{local}>")

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = lambda *_: refuse("a DOCTYPE (entities or a DTD)")
    parser.EntityDeclHandler = lambda *_: refuse("an entity declaration")
    parser.ProcessingInstructionHandler = lambda target, _d: refuse(f"the processing instruction <?{target}")

    def external(*_: object) -> int:
        refuse("an external entity")
        return 0

    parser.ExternalEntityRefHandler = external
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError as exc:
        if found:  # refused before the parser gave up (an external entity stops it)
            return _refuse(found)
        raise LogoProblem("logo-file", f"the SVG logo is not well-formed XML (line {exc.lineno}: "
                          f"{xml.parsers.expat.errors.messages.get(exc.code, 'error')})", FIX) from exc
    if depth[0] == 0:
        raise LogoProblem("logo-file", "the SVG logo has no <svg> element", FIX)
    if found:
        return _refuse(found)
    return data


def _refuse(found: list[tuple[int, str]]) -> bytes:
    line, what = found[0]
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    raise LogoProblem("logo-unsafe", f"the SVG logo holds {what} at its line {line}{more}: only "
                      "shapes, text and gradients are published", FIX)
