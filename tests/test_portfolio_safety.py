"""A hostile portfolio, built for real: nothing executable or identifying may reach the site.

The valid-but-hostile portfolio (script, event handlers, `javascript:` and `data:` links, iframes,
style, attribute lists, links out of the portfolio, remote images, a phone photo with GPS EXIF) is
built with `hcs-site build --strict`, and the produced HTML and files are checked. The invalid
parts (SVG, a PNG that is an SVG, an email address, a damaged PDF, a decompression bomb) must
stop the build with the right diagnostics.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from PIL import Image

from hcs_site.check.artifact_bytes import publish
from hcs_site.check.pipeline import check_repository
from hcs_site.render.student_text import StudentRenderer, Targets
from tests.sitecheck import build, resolve, soup

from .conftest import TODAY, MakeRepo

MINI = Path(__file__).parent / "fixtures" / "mini"
KEY = "p-9h0st1"
PAGES = f"portfolios/east-middle/{KEY}"

PORTFOLIO = """\
---
display_name: Mallory H.
school: east-middle
grade: 7
consent: {publish: true, guardian: true, date: 2026-09-01, expires: 2099-06-30}
goals:
  - goal: "<script>alert('goal')</script> [x](javascript:alert(1)) {: onclick=alert(1)}"
    status: planned
interests: ["<img src=x onerror=alert(1)>"]
plan:
  - {course: MATH-7, status: in-progress, year: 2026-27}
---
<script>alert('about')</script>
<style>body { display: none }</style>
<iframe src="https://evil.example/"></iframe>
<object data="evil.swf"></object><embed src="evil.swf">

# I am a heading

Click [me](javascript:alert(document.cookie)) or [me too](JaVaScRiPt:alert(1)) or
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) or
[encoded](&#106;avascript:alert(1)) or [vb](vbscript:msgbox) or <javascript:alert(1)>.

Safe: [my ratio work](evidence/ratio.md), [the web](https://example.org/), [top](#top).
Escaping: [another student](../p-other/portfolio.md) and [the repo](../../content/district.yml).

![remote tracker](https://evil.example/pixel.gif) ![my photo](photo.jpg)
<img src=x onerror="alert(1)"> <a href="javascript:alert(1)" onmouseover="alert(2)">raw</a>
<svg onload=alert(1)></svg> <math><mi xlink:href="javascript:alert(1)">x</mi></math>

Paragraph with attributes
{: onclick="alert(1)" style="color:red" }

--8<-- "/etc/passwd"

```html
<script>this is code, shown as text</script>
```
"""

EVIDENCE = """\
---
title: "</title><script>alert('title')</script><b onmouseover=alert(1)>Ratio</b> work"
date: 2026-10-01
course: MATH-7
objectives: [MATH-7.1]
assessment_type: project
level: 3
scored_by: teacher
artifacts:
  - file: photo.jpg
    alt: "A recipe card <script>alert('alt')</script> on a kitchen table"
---
Reflection <script>alert('reflection')</script> with a [link](javascript:alert(1)).
"""


def gps_jpeg() -> bytes:
    """A phone photo: camera make and model, orientation, and GPS coordinates in EXIF, plus XMP."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "PhoneModel 12"
    exif[0x8825] = {1: "N", 2: (33.0, 27.0, 12.5), 3: "W", 4: (84.0, 8.0, 2.0)}
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(
        out, "JPEG", exif=exif.tobytes(), xmp=b"<x:xmpmeta>GPSLatitude 33.45</x:xmpmeta>")
    return out.getvalue()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "repo"
    shutil.copytree(MINI, root)
    folder = root / "portfolios" / KEY
    (folder / "evidence").mkdir(parents=True)
    (folder / "portfolio.md").write_text(PORTFOLIO, encoding="utf-8")
    (folder / "evidence" / "ratio.md").write_text(EVIDENCE, encoding="utf-8")
    (folder / "photo.jpg").write_bytes(gps_jpeg())
    return root


@pytest.fixture(scope="module")
def site(hostile: Path) -> Path:
    result = build(hostile, "--strict")
    assert result.exit_code == 0, result.output
    return hostile / "site"


def _pages(site: Path) -> list[tuple[str, BeautifulSoup]]:
    return [(p.relative_to(site).as_posix(), BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser"))
            for p in sorted((site / PAGES).rglob("*.html"))]


def test_the_gps_photo_was_a_real_threat() -> None:
    with Image.open(io.BytesIO(gps_jpeg())) as im:
        assert im.getexif().get_ifd(0x8825)[2] == (33.0, 27.0, 12.5) and "xmp" in im.info


def test_no_executable_markup_survives(site: Path) -> None:
    pages = _pages(site)
    assert len(pages) == 3  # home, mastery map, evidence
    for path in sorted((site / PAGES).rglob("*.html")):
        raw = path.read_text(encoding="utf-8")  # as a browser's tokenizer sees it, not a lenient parser
        assert not re.search(r"<script[^>]*>[^<]*alert", raw, re.I), path
        assert not re.search(r"<[a-z][^<>]*\son[a-z]+\s*=", raw, re.I), path
        assert raw.count("</title>") == 1, path
    for page, doc in pages:
        article = doc.find("article")
        assert isinstance(article, Tag), page
        for bad in ("script", "style", "iframe", "object", "embed", "form", "link", "meta", "b"):
            assert not article.find_all(bad), (page, bad)
        for student in article.select(".hcs-student-text"):
            assert not student.find_all(["svg", "math", "div", "span"]), page
        for el in doc.find_all(True):
            for attr, value in el.attrs.items():
                assert not attr.lower().startswith("on"), (page, el.name, attr)
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not re.match(r"\s*(javascript|vbscript|data):", text, re.I), (page, el.name, attr, text)
        for a in article.find_all("a", href=True):
            assert re.match(r"(https?:|mailto:|#|\.\./|[a-z0-9-]+/|\./)", str(a["href"])), (page, a["href"])
        assert "alert(" not in " ".join(s.get_text() for s in doc.find_all("script"))


def test_student_text_is_shown_literally_not_interpreted(site: Path) -> None:
    doc = soup(site, f"{PAGES}/index.html")
    text = doc.get_text(" ", strip=True)
    assert "<script>alert('about')</script>" in text  # escaped: the student sees what they typed
    assert '{: onclick="alert(1)" style="color:red" }' in text
    assert '--8<-- "/etc/passwd"' in text  # no snippets: the line stays a line of text
    assert "root:" not in text
    code = doc.select_one(".hcs-student-text pre code")
    assert code is not None and "<script>this is code" in code.get_text()
    student = doc.select_one("div.hcs-student-text")
    assert isinstance(student, Tag)
    assert [h.name for h in student.find_all(re.compile(r"^h\d$"))] == ["h3"]  # demoted below the page's h2
    assert not student.find_all(attrs={"style": True}) and not student.find_all(attrs={"class": True})


def test_links_stay_inside_the_portfolio_and_images_are_its_own(site: Path) -> None:
    page = f"{PAGES}/index.html"
    student = soup(site, page).select_one("div.hcs-student-text")
    assert isinstance(student, Tag)
    links = {a.get_text(strip=True): str(a["href"]) for a in student.find_all("a", href=True)}
    assert links == {"my ratio work": "ratio/", "the web": "https://example.org/", "top": "#top"}
    words = " ".join(student.get_text(" ", strip=True).split())
    assert "Click me or me too or data or encoded or vb or" in words  # words kept, targets gone
    assert "Escaping: another student and the repo." in words
    found = resolve(site, page, links["my ratio work"])
    assert found is not None and found[0].is_file()
    images = student.find_all("img")
    assert [(str(i["alt"]), str(i["src"])) for i in images] == [("my photo", "ratio-1.jpg")]
    assert (site / PAGES / "ratio-1.jpg").is_file()
    assert "remote tracker" in student.get_text()  # the remote image's alt stays, the image does not
    doc = soup(site, page)
    assert not [el for el in doc.find_all(True) if any("evil.example" in str(v) for v in el.attrs.values())]


def test_photo_is_published_without_exif_gps_or_xmp(site: Path) -> None:
    published = site / PAGES / "ratio-1.jpg"
    data = published.read_bytes()
    with Image.open(published) as im:
        assert im.format == "JPEG" and im.size == (64, 48)
        assert not im.getexif() and "exif" not in im.info and "xmp" not in im.info
    assert b"Exif" not in data and b"PhoneMaker" not in data and b"GPS" not in data
    assert [p.name for p in (site / PAGES).iterdir() if p.is_file() and p.suffix != ".html"] == ["ratio-1.jpg"]


def test_figure_has_the_alt_text_escaped(site: Path) -> None:
    doc = soup(site, f"{PAGES}/ratio/index.html")
    img = doc.select_one("figure.hcs-artifact img")
    assert img is not None
    assert "alert('alt')" in str(img["alt"]) and str(img["alt"]).endswith("on a kitchen table")
    caption = doc.select_one("figure.hcs-artifact figcaption")
    assert caption is not None and not caption.find_all(True)  # text only, no element
    h1 = doc.find("h1")
    assert isinstance(h1, Tag) and "Ratio" in h1.get_text() and not h1.find_all(["b", "script"])


def _svg() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def _bomb() -> bytes:
    out = io.BytesIO()
    Image.new("1", (9000, 5000)).save(out, "PNG")  # 45 megapixels in a few kilobytes
    return out.getvalue()


BAD_EVIDENCE = """\
---
title: Bad files
date: 2026-10-02
course: MATH-7
objectives: [MATH-7.1]
assessment_type: project
artifacts:
  - {file: drawing.svg, alt: A vector drawing}
  - {file: disguised.png, alt: An SVG renamed to PNG}
  - {file: bomb.png, alt: A huge image}
  - {file: report.pdf, alt: A damaged report with a script}
  - {file: truncated.jpg, alt: Half a photo}
  - {file: photo.jpg, alt: "   "}
---
My reflection. You can write to me at mallory.h@example.com any time.
"""


def test_unsafe_artifacts_and_contact_details_are_errors(hostile: Path, tmp_path: Path) -> None:
    root = tmp_path / "bad"
    shutil.copytree(hostile, root, ignore=shutil.ignore_patterns("site"))
    folder = root / "portfolios" / KEY
    (folder / "evidence" / "bad.md").write_text(BAD_EVIDENCE, encoding="utf-8")
    (folder / "drawing.svg").write_bytes(_svg())
    (folder / "disguised.png").write_bytes(_svg())
    (folder / "bomb.png").write_bytes(_bomb())
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (x) >> >>\n")
    (folder / "truncated.jpg").write_bytes(gps_jpeg()[:300])
    report = check_repository(root, today=TODAY).report
    got = {(d.loc.line, d.code) for d in report.sorted() if d.loc.path.endswith("evidence/bad.md")}
    assert got == {
        (8, "artifact-type"), (9, "artifact-unreadable"), (10, "artifact-too-large"),
        (11, "artifact-unreadable"), (12, "artifact-unreadable"), (13, "artifact-alt"),
        (15, "private-detail"),
    }
    email = next(d for d in report.diagnostics if d.code == "private-detail")
    assert (email.loc.line, email.loc.col) == (15, 39) and "email address" in email.message
    result = build(root, "--strict")
    assert result.exit_code == 1
    assert f"portfolios/{KEY}/evidence/bad.md:8:12: error artifact-type artifact 'drawing.svg'" in result.output
    assert "SVG and other formats are not published" in result.output


def test_files_that_are_not_pdfs_are_refused() -> None:
    from hcs_site.check.rules_artifacts import ArtifactProblem
    for bad in (b"%PDF-1.4\n<< /Author (Mallory Hunter) >>", b"<html>not a pdf</html>"):
        with pytest.raises(ArtifactProblem) as caught:
            publish(bad, "x.pdf")
        assert caught.value.code == "artifact-unreadable"


def test_reencoding_is_deterministic_and_strips_png_text_chunks() -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Mallory Hunter")
    out = io.BytesIO()
    Image.new("RGBA", (10, 10), (1, 2, 3, 128)).save(out, "PNG", pnginfo=info, icc_profile=b"x" * 64)
    once, twice = publish(out.getvalue(), "a.png"), publish(out.getvalue(), "a.png")
    assert once == twice and b"Mallory" not in once
    with Image.open(io.BytesIO(once)) as im:
        assert im.info == {} and im.mode == "RGBA"


@pytest.mark.parametrize(("href", "expected"), [
    ("javascript:alert(1)", None), (" javascript:alert(1)", None), ("java\tscript:x", None),
    ("data:text/html,x", None), ("//evil.example/x", None), ("https://example.org/a", "https://example.org/a"),
    ("mailto:x@example.org", "mailto:x@example.org"), ("#top", "#top"), ("other.md", "../other/"),
    ("other.md#part", "../other/#part"), ("../portfolio.md", "../"), ("../../p-2/portfolio.md", None),
    ("../../../content/district.yml", None), ("/etc/passwd", None), ("photo.jpg", None),
    ("../photo.jpg", "../ratio-1.jpg"),
])
def test_link_policy(href: str, expected: str | None) -> None:
    targets = Targets("portfolios/p-1/evidence/ratio.md",
                      {"portfolios/p-1/portfolio.md": "../", "portfolios/p-1/evidence/other.md": "../other/"},
                      {"portfolios/p-1/photo.jpg": ("../ratio-1.jpg", "A photo")})
    assert targets.link(href) == expected


def test_renderer_escapes_raw_html_and_keeps_an_allowlist() -> None:
    html = StudentRenderer().block("**b** _i_ `c`\n\n| a |\n|---|\n| 1 |\n\n<div onclick=x>d</div>", Targets("x.md"))
    assert "<strong>b</strong>" in html and "<em>i</em>" in html and "<code>c</code>" in html
    assert "<table>" in html and "&lt;div onclick=x&gt;d&lt;/div&gt;" in html and "<div" not in html


def test_contact_details_in_every_published_field_are_errors(make_repo: MakeRepo) -> None:
    from .conftest import EVIDENCE, PORTFOLIO

    portfolio = (PORTFOLIO.replace("interests: [robotics, drawing]", "interests: [robotics, text 770-555-0123]")
                 .replace("Explain how I compare prices.", "Email maya@example.org my prices."))
    evidence = (EVIDENCE.replace("title: Ratio recipes", "title: Ratio recipes 20261234")
                .replace("alt: Poster comparing", "alt: Poster by maya@example.org comparing"))
    root = make_repo({"portfolios/p-0001/portfolio.md": portfolio,
                      "portfolios/p-0001/evidence/ratio-recipes.md": evidence})
    found = sorted((d.loc.path.rsplit("/", 1)[-1], d.loc.line, d.message.split(" contains ")[0])
                   for d in check_repository(root, today=TODAY).report.diagnostics if d.code == "private-detail")
    assert found == [("portfolio.md", 12, "the goal"), ("portfolio.md", 15, "an interest"),
                     ("ratio-recipes.md", 2, "the title"), ("ratio-recipes.md", 11, "the alt text")]
