"""The district's identity in content/district.yml: a logo that is safe to publish, colours white
text reads on, a short name for phones, contacts. Validation refuses what a reader must not get."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from hcs_site.check.pipeline import check_repository
from hcs_site.diagnostics import line
from hcs_site.model.colours import contrast
from hcs_site.render.identity import on_dark, stylesheet
from tests.conftest import DISTRICT, TODAY, MakeRepo
from tests.sitecheck import build, soup

CONFIG = "site_name: Test District\ntheme:\n  name: material\nplugins:\n  - search\n  - hcs\n"
SAFE_SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="District">
  <title>District</title>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#123456"/></linearGradient>
  <clipPath id="c"><rect width="64" height="64" rx="8"/></clipPath></defs>
  <g clip-path="url(#c)"><rect width="64" height="64" fill="url(#g)"/>
  <path d="M10 10 L54 54" stroke="#fff" stroke-width="4" transform="rotate(10 32 32)"/>
  <text x="32" y="40" text-anchor="middle" font-family="sans-serif" xml:space="preserve">HCS</text></g>
</svg>
"""


def _district(extra: str) -> str:
    return DISTRICT.replace("short_name: HCS\n", "short_name: HCS\n" + extra)


def _problems(root: Path) -> list[str]:
    return [line(d) + (f"\n    fix: {d.hint}" if d.hint else "")
            for d in check_repository(root, today=TODAY).report.sorted()]


def _png(width: int = 64, height: int = 64) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (27, 77, 62)).save(out, format="PNG")
    return out.getvalue()


# Every way an SVG can make a reader's browser run, load or follow something: refused, never cleaned.
HOSTILE_SVGS = {
    "script": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "prefixed script": '<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>alert(1)</s:script></s:svg>',
    "capital SCRIPT": '<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT>alert(1)</SCRIPT></svg>',
    "onload": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>',
    "onclick on a shape": '<svg xmlns="http://www.w3.org/2000/svg"><rect onclick="alert(1)"/></svg>',
    "link": '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><rect/></a></svg>',
    "xlink on use": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                    '<use xlink:href="https://evil.example/x.svg#a"/></svg>',
    "href on a gradient": '<svg xmlns="http://www.w3.org/2000/svg"><linearGradient href="https://evil.example/g"/>'
                          '</svg>',
    "image": '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/t.png"/></svg>',
    "foreignObject": '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">'
                     '<iframe src="https://evil.example"/></div></foreignObject></svg>',
    "style element": '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/x.css);</style>'
                     '</svg>',
    "style attribute": '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://evil.example/p)"/></svg>',
    "remote url in fill": '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(https://evil.example/#g)"/></svg>',
    "data url in fill": '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(data:image/svg+xml;base64,AA)"/>'
                        '</svg>',
    "url with spaces": '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url( //evil.example/x )"/></svg>',
    "animate": '<svg xmlns="http://www.w3.org/2000/svg"><a><animate attributeName="href" to="javascript:alert(1)"/>'
               '</a></svg>',
    "set": '<svg xmlns="http://www.w3.org/2000/svg"><set attributeName="onmouseover" to="alert(1)"/></svg>',
    "entity": '<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
    "external entity": '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                       '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
    "stylesheet instruction": '<?xml-stylesheet href="https://evil.example/x.css"?>'
                              '<svg xmlns="http://www.w3.org/2000/svg"/>',
    "metadata of another namespace": '<svg xmlns="http://www.w3.org/2000/svg" '
                                     'xmlns:i="http://www.inkscape.org/namespaces/inkscape"><i:x/></svg>',
    "attribute of another namespace": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:e="urn:e" e:onload="x"/>',
    "no namespace": '<svg><rect/></svg>',
    "external DTD": '<!DOCTYPE svg SYSTEM "https://evil.example/x.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>',
    "attribute not on the list": '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:red"/></svg>',
    "internal href": '<svg xmlns="http://www.w3.org/2000/svg"><linearGradient id="a"/>'
                     '<linearGradient id="b" href="#a"/></svg>',
    "html root": '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
}


@pytest.mark.parametrize("name", sorted(HOSTILE_SVGS))
def test_an_svg_logo_that_could_run_or_load_anything_is_refused(make_repo: MakeRepo, name: str) -> None:
    root = make_repo({"content/district.yml": _district("logo: content/logo.svg\n"),
                      "content/logo.svg": HOSTILE_SVGS[name]})
    problems = _problems(root)
    assert any(" error logo-unsafe the SVG logo holds " in p for p in problems), (name, problems)


def test_a_drawing_svg_logo_is_published_as_it_is_on_every_language(make_repo: MakeRepo) -> None:
    root = make_repo({"content/district.yml": _district("logo: content/logo.svg\n"),
                      "content/logo.svg": SAFE_SVG, "mkdocs.yml": CONFIG, "docs/index.md": "# Home\n"})
    assert _problems(root) == []
    assert build(root, "--strict").exit_code == 0
    site = root / "site"
    for prefix in ("", "es/"):
        assert (site / prefix / "assets/hcs/logo.svg").read_text(encoding="utf-8") == SAFE_SVG
        header = soup(site, prefix + "index.html").select_one(".md-header .md-logo img")
        assert header is not None and header["alt"] == "" and header["src"].endswith("assets/hcs/logo.svg")
        icon = soup(site, prefix + "index.html").select_one("link[rel=icon]")
        assert icon is not None and icon["href"].endswith("assets/hcs/logo.svg")


def test_exact_diagnostics_of_the_svg_logo(make_repo: MakeRepo) -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg">\n<rect/>\n<script>alert(1)</script>\n<rect onload="x"/></svg>'
    root = make_repo({"content/district.yml": _district("logo: content/logo.svg\n"), "content/logo.svg": svg})
    assert _problems(root) == [
        "content/district.yml:3:7: error logo-unsafe the SVG logo holds the element <script> at its line 3 "
        "(and 1 more): only shapes, text and gradients are published\n"
        "    fix: save the logo as a plain SVG (shapes and text only, e.g. Inkscape's \"Plain SVG\" or "
        "\"Optimized SVG\") or as a PNG"]


@pytest.mark.parametrize(("files", "message"), [
    ({}, "the logo content/logo.png cannot be read: No such file or directory"),
    ({"content/logo.png": b"GIF89a not a png"}, "the logo: the file is not a PNG image"),
    ({"content/logo.png": None, "content/logo.png.big": b""}, "cannot be read"),
    ({"content/logo.png": b"\x89PNG" + b"0" * 250_000}, "the logo content/logo.png is larger than 200 kB"),
    ({"content/logo.png": _png(8, 8)}, "the logo is 8×8 pixels; each side must be 16 to 4096"),
    ({"content/logo.png": _png(5000, 20)}, "the logo is 5000×20 pixels; each side must be 16 to 4096"),
])
def test_a_logo_that_is_missing_too_big_or_not_an_image_is_refused(
        make_repo: MakeRepo, files: dict[str, bytes | None], message: str) -> None:
    root = make_repo({"content/district.yml": _district("logo: content/logo.png\n"), **files})
    problems = _problems(root)
    assert any(" error logo-file " in p and message in p for p in problems), problems


def test_a_logo_outside_content_or_through_a_link_is_refused(make_repo: MakeRepo) -> None:
    root = make_repo({"content/district.yml": _district("logo: portfolios/p-0001/photo.png\n"),
                      "portfolios/p-0001/photo.png": _png()})
    assert any("error logo-file the logo portfolios/p-0001/photo.png is outside content/" in p for p in _problems(root))
    root = make_repo({"content/district.yml": _district("logo: content/logo.png\n"), "secret.png": _png()})
    os.symlink(root / "secret.png", root / "content" / "logo.png")
    assert any("error logo-file the logo content/logo.png is not read: it is a symbolic link" in p
               for p in _problems(root))
    root = make_repo({"content/district.yml": _district("logo: content/../secret.png\n"), "secret.png": _png()})
    assert any("logo" in p and " error " in p for p in _problems(root))


def test_a_png_logo_is_published_from_its_pixels_only(make_repo: MakeRepo) -> None:
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (1, 2, 3)).save(out, format="PNG", pnginfo=_text_chunk("Author", "Jane Doe"))
    root = make_repo({"content/district.yml": _district("logo: content/logo.png\n"),
                      "content/logo.png": out.getvalue(), "mkdocs.yml": CONFIG, "docs/families.md": "# Help\n"})
    assert build(root, "--strict").exit_code == 0
    published = (root / "site/assets/hcs/logo.png").read_bytes()
    assert published.startswith(b"\x89PNG") and b"Jane Doe" not in published and b"Jane Doe" in out.getvalue()


def _text_chunk(key: str, value: str) -> object:
    from PIL import PngImagePlugin
    info = PngImagePlugin.PngInfo()
    info.add_text(key, value)
    return info


def test_colours_white_text_cannot_be_read_on_are_refused(make_repo: MakeRepo) -> None:
    root = make_repo({"content/district.yml": _district('colors: {primary: "#f2c14e", accent: "#1b4d3e"}\n')})
    assert _problems(root) == [
        "content/district.yml:3:19: error colour-contrast white text on the primary colour #f2c14e has a "
        "contrast of 1.68:1; it must be at least 4.5:1 to be readable\n"
        "    fix: choose a darker shade of the colour (the sample uses #1b4d3e)"]
    # 4.5:1 exactly passes; just under it fails.
    root = make_repo({"content/district.yml": _district('colors: {primary: "#767676", accent: "#777777"}\n')})
    assert [p.split(" error ")[1].split(" white")[0] for p in _problems(root)] == ["colour-contrast"]
    assert "accent colour #777777" in _problems(root)[0]


@pytest.mark.parametrize("value", ['"red"', '"#12345"', '"#1234567"', '"#12345g"', '"url(x)"', '"#123456;}"',
                                   '"#123456\\n}"'])
def test_a_colour_must_be_six_hex_digits(make_repo: MakeRepo, value: str) -> None:
    """Never a traceback, never a colour that could end the style sheet's rule."""
    root = make_repo({"content/district.yml": _district(f"colors: {{primary: {value}}}\n")})
    problems = _problems(root)
    assert len(problems) == 1 and " error invalid-value '" in problems[0], problems
    assert "is not a colour written #RRGGBB ('primary')" in problems[0]


def test_the_colours_reach_both_palettes_readably(make_repo: MakeRepo) -> None:
    css = stylesheet({"primary": "#1b4d3e", "accent": "#8a4b0f"})
    assert "--md-primary-fg-color: #1b4d3e;" in css and "--md-accent-fg-color: #8a4b0f;" in css
    assert contrast(on_dark("#1b4d3e"), "#1e2029") >= 5.0 and contrast(on_dark("#000080"), "#1e2029") >= 5.0
    assert stylesheet({}) == ""
    root = make_repo({"content/district.yml": _district('colors: {primary: "#1b4d3e"}\n'), "mkdocs.yml": CONFIG,
                      "docs/families.md": "# Help\n"})
    assert build(root, "--strict").exit_code == 0
    for prefix in ("", "es/"):
        page = soup(root / "site", prefix + "courses/math-7/index.html")
        sheets = [str(link["href"]) for link in page.select("link[rel=stylesheet]")]
        assert sheets[-1].endswith("assets/hcs/district.css"), sheets  # after Material's and ours
        assert "#1b4d3e" in (root / "site" / prefix / "assets/hcs/district.css").read_text(encoding="utf-8")


def test_a_long_short_name_is_a_warning(make_repo: MakeRepo) -> None:
    root = make_repo({"content/district.yml": DISTRICT.replace("short_name: HCS", "short_name: Henry County Schools")})
    assert _problems(root) == [
        "content/district.yml:2:13: warning short-name-long the short name 'Henry County Schools' has 20 "
        "characters; a phone's header shows about 16\n"
        "    fix: use the district's initials or a short form, e.g. HCS"]


@pytest.mark.parametrize(("field", "value"), [
    ("email", '"x@y"'), ("email", '"a b@c.org"'), ("email", '"<script>@x.org"'), ("phone", '"call us"'),
    ("phone", '"javascript:alert(1)"'), ("web", '"http://x.org"'), ("web", '"javascript:alert(1)"'),
    ("web", '"https://x.org/\\"onmouseover=x"'),
])
def test_contacts_are_checked(make_repo: MakeRepo, field: str, value: str) -> None:
    root = make_repo({"content/district.yml": _district(f"contact: {{{field}: {value}}}\n")})
    problems = _problems(root)
    assert len(problems) == 1 and " error invalid-value '" in problems[0] and f"('{field}')" in problems[0], problems
