"""Every page carries a Content-Security-Policy that allows Material's inline scripts and nothing
else, and no page asks another site for anything (fonts, repository facts, analytics, assets)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner

from hcs_site.adapters import csp
from hcs_site.cli import main
from tests.conftest import MakeRepo
from tests.sitecheck import build

REPO = Path(__file__).resolve().parents[1]
FIXED = {"default-src": ["'self'"], "style-src": ["'self'"], "img-src": ["'self'", "data:"],
         "font-src": ["'self'"], "connect-src": ["'self'"], "worker-src": ["'self'"],
         "object-src": ["'none'"], "base-uri": ["'self'"], "form-action": ["'self'"]}
LOADS = {"script": ["src"], "img": ["src", "srcset"], "iframe": ["src"], "source": ["src", "srcset"],
         "video": ["src", "poster"], "audio": ["src"], "object": ["data"], "embed": ["src"]}
LINKS_THAT_LOAD = {"stylesheet", "icon", "preconnect", "preload", "modulepreload", "dns-prefetch",
                   "prefetch", "manifest", "apple-touch-icon"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("csp-sample") / "site"
    result = build(REPO, "--strict", "--site-dir", str(out))
    assert result.exit_code == 0, result.output
    return out


def directives(doc: BeautifulSoup) -> dict[str, list[str]]:
    meta = doc.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert isinstance(meta, Tag)
    return {name: values for name, *values in (d.split() for d in str(meta["content"]).split(";"))}


def inline_script_hashes(doc: BeautifulSoup) -> set[str]:
    """Computed here with an HTML parser, independently of csp.py's own scanning."""
    found = set()
    for script in doc.find_all("script"):
        if script.get("src") is None and script.get("type") in (None, "text/javascript", "module"):
            digest = hashlib.sha256(script.get_text().encode("utf-8")).digest()
            found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return found


def test_every_page_has_the_policy_first_and_hashes_exactly_its_inline_scripts(sample: Path) -> None:
    pages = sorted(sample.rglob("*.html"))
    assert len(pages) > 100 and sample / "404.html" in pages and sample / "es" / "404.html" in pages
    # The CASE document lists are JSON in a folder's index file (docs/data-and-api.md): with no `<`
    # in them, a browser that renders one as HTML sees only text, so they need no policy.
    lists = [p for p in pages if p.parent.name == "CFDocuments" and p.relative_to(sample).parts[0] == "api"]
    assert len(lists) == 2 and not [p for p in lists if b"<" in p.read_bytes()]
    for page in sorted(set(pages) - set(lists)):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert doc.head is not None, page
        first, second = doc.head.find_all(True, recursive=False)[:2]
        assert first.name == "meta" and first.get("charset") == "utf-8", page
        assert second.name == "meta" and second.get("http-equiv") == "Content-Security-Policy", page
        policy = directives(doc)
        assert {k: v for k, v in policy.items() if k != "script-src"} == FIXED, page
        assert policy["script-src"][0] == "'self'", page
        hashes = policy["script-src"][1:]
        assert hashes and len(hashes) == len(set(hashes)), page
        assert set(hashes) == inline_script_hashes(doc), page
        assert "unsafe" not in str(second["content"]), page


def _loads_elsewhere(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def test_no_page_loads_anything_from_another_site(sample: Path) -> None:
    problems = []
    for page in sorted(sample.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        doc = BeautifulSoup(text, "html.parser")
        rel = page.relative_to(sample).as_posix()
        for tag, attributes in LOADS.items():
            for el in doc.find_all(tag):
                problems += [f"{rel}: <{tag} {a}={el[a]}>" for a in attributes
                             if el.get(a) and any(_loads_elsewhere(u.split()[0]) for u in str(el[a]).split(","))]
        for link in doc.find_all("link", href=True):
            if LINKS_THAT_LOAD & set(link.get("rel") or []) and _loads_elsewhere(str(link["href"])):
                problems.append(f"{rel}: <link rel={link['rel']} href={link['href']}>")
        if 'data-md-component="source"' in text or "fonts.googleapis" in text or "fonts.gstatic" in text:
            problems.append(f"{rel}: Material's repository widget or Google Fonts")
        if doc.select("a[rel=edit], a.md-content__button"):
            problems.append(f"{rel}: an edit link")
    assert problems == []
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["font"] is False
    assert not {"repo_url", "repo_name", "edit_uri"} & set(config)
    assert "content.action.edit" not in config["theme"]["features"]


THIRD_PARTY = """\
site_name: Test District
site_url: https://example.org/td/
repo_url: https://github.com/example/td
repo_name: example/td
edit_uri: edit/main/docs/
theme:
  name: material
  font: {text: Inter, code: Fira Code}
  logo: https://cdn.example.net/logo.png
  features: [content.action.edit]
extra:
  analytics: {provider: google, property: G-TEST123}
extra_css: [https://cdn.example.net/x.css, local.css]
extra_javascript: [//cdn.example.net/x.js]
plugins:
  - search
  - hcs
"""

WARNINGS = [
    "hcs: theme.font loads fonts from Google Fonts on every page; hcs-site turned it off",
    "hcs: theme.logo is loaded from another site (https://cdn.example.net/logo.png); hcs-site turned it off",
    "hcs: extra.analytics sends every page view to an analytics service; hcs-site turned it off",
    "hcs: extra_css loads https://cdn.example.net/x.css from another site; hcs-site turned it off",
    "hcs: extra_javascript loads //cdn.example.net/x.js from another site; hcs-site turned it off",
]


def test_third_party_features_are_turned_off_with_a_warning(make_repo: MakeRepo) -> None:
    root = make_repo({"mkdocs.yml": THIRD_PARTY, "docs/local.css": "p { margin: 0 }\n",
                      "docs/guide.md": "# Staff guide\n"})
    result = build(root)
    assert result.exit_code == 0, result.output
    for warning in WARNINGS:
        assert warning in result.output
    site = root / "site"
    everything = "\n".join(p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html")))
    for gone in ("fonts.googleapis", "fonts.gstatic", "cdn.example.net", "googletagmanager", "G-TEST123",
                 'data-md-component="source"'):
        assert gone not in everything, gone
    assert "assets/hcs/local.css" not in everything and 'href="local.css"' in everything  # kept: the site's own
    course = BeautifulSoup((site / "courses/math-7/index.html").read_text(encoding="utf-8"), "html.parser")
    # No repository widget, nor even a link to the repository: a family's site is the district's.
    assert course.select("a.md-source, .md-header__source") == [] and "md-source" not in everything
    # Generated pages (courses, portfolios) never show an edit pencil; a staff guide may.
    for page in ("courses/math-7/index.html", "portfolios/bethlehem-elementary/p-0001/index.html",
                 "portfolios/bethlehem-elementary/p-0001/ratio-recipes/index.html"):
        assert BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").select("a[rel=edit]") == [], page
    guide = BeautifulSoup((site / "guide/index.html").read_text(encoding="utf-8"), "html.parser")
    assert guide.select_one("a[rel=edit]")["href"] == "https://github.com/example/td/edit/main/docs/guide.md"

    strict = build(root, "--strict")
    assert strict.exit_code == 1
    assert "theme.font loads fonts from Google Fonts" in strict.output


def test_generate_writes_a_config_without_third_party_features(make_repo: MakeRepo, tmp_path: Path) -> None:
    root = make_repo({"mkdocs.yml": THIRD_PARTY, "docs/local.css": "p { margin: 0 }\n"})
    out = tmp_path / "plain"
    result = CliRunner().invoke(main, ["generate", "--root", str(root), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for name in ("mkdocs.yml", "mkdocs.es.yml"):
        text = (out / name).read_text(encoding="utf-8")
        assert "cdn.example.net" not in text and "analytics" not in text and "G-TEST123" not in text, name
        config = yaml.safe_load(re.sub(r"!!python/\S+|!ENV", "", text))
        assert config["theme"]["font"] is False and "logo" not in config["theme"], name
        assert "local.css" in config["extra_css"], name
    assert (out / "overrides" / "partials" / "source.html").is_file()  # the link without the widget


PLANTED = """\
# Planted

<img src="x.png" onerror="window.__pwned = 1" alt="">

<script>window.__pwned = 2</script>

<script>__md_scope=new URL("https://evil.example/",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}</script>
"""
"""A district's course template printing raw HTML; the last script is Material's own with another
site where a template expression stands (a look-alike must not be trusted)."""


def test_planted_scripts_are_not_in_the_policy(make_repo: MakeRepo) -> None:
    root = make_repo({
        "mkdocs.yml": "site_name: T\ntheme:\n  name: material\n  custom_dir: overrides\n"
                      "plugins:\n  - search\n  - hcs:\n      templates: district\n",
        "district/course.md.j2": PLANTED,
        "overrides/main.html": '{% extends "base.html" %}\n'
                               '{% block extrahead %}<script>window.__pwned = 5</script>{% endblock %}\n',
        "docs/about.md": "# About\n",
    })
    result = build(root, "--strict")
    assert result.exit_code == 0, result.output
    doc = BeautifulSoup((root / "site/courses/math-7/index.html").read_text(encoding="utf-8"), "html.parser")
    listed = set(directives(doc)["script-src"][1:])
    texts = [s.get_text() for s in doc.find_all("script") if not s.get("src") and not s.get("type")]
    planted = [t for t in texts if "__pwned" in t or "evil.example" in t]
    assert len(planted) == 3
    assert not {csp.script_hash(t) for t in planted} & listed
    assert {csp.script_hash(t) for t in texts if t not in planted} == listed and len(listed) >= 3


def test_a_page_without_head_fails_the_build_with_a_message(make_repo: MakeRepo) -> None:
    root = make_repo({
        "mkdocs.yml": "site_name: T\ntheme:\n  name: material\n  custom_dir: overrides\nplugins:\n  - hcs\n",
        "overrides/main.html": "<p>{{ page.content }}</p>\n",
        "docs/about.md": "# About\n",
    })
    result = build(root)
    assert result.exit_code == 1
    assert re.search(r"hcs: [\w/.-]+: the page has no <head>, so it cannot carry its Content-Security-Policy; "
                     r"check the theme overrides", result.output), result.output


def test_policy_is_inserted_after_the_charset_and_serve_allows_live_reload() -> None:
    trusted = csp.TrustedScripts()
    trusted.add_template_script('var a=new URL("{{ base_url }}",location)')
    page = ('<html><head>\n<meta charset="utf-8">\n<title>T</title>'
            '<script>var a=new URL("../..",location)</script><script>var a=new URL("//evil",location)</script>'
            '<script>var a=new URL("https://evil",location)</script></head><body></body></html>')
    out = csp.protect(page, trusted)
    allowed = csp.script_hash('var a=new URL("../..",location)')
    assert out.startswith('<html><head>\n<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" '
                          f'content="default-src \'self\'; script-src \'self\' {allowed}; style-src')
    served = csp.protect(page, trusted, serving=True)
    assert "script-src 'self' 'unsafe-inline'; style-src" in served and "sha256" not in served
    with pytest.raises(csp.NoHead):
        csp.protect("<p>no head</p>", trusted)


class _Addr:
    host, port = "127.0.0.1", 8000


@pytest.mark.parametrize(("site_url", "serving"), [
    ("http://127.0.0.1:8000/", True), ("http://127.0.0.1:8000/td/", True),
    ("https://example.org/td/", False), ("http://127.0.0.1:8001/", False), (None, False),
])
def test_only_the_dev_server_gets_the_serve_policy(site_url: str | None, serving: bool) -> None:
    assert csp.dev_server(site_url, _Addr()) is serving


def test_the_documented_headers_match_the_policy() -> None:
    text = (REPO / "docs" / "publishing.md").read_text(encoding="utf-8")
    assert f"Content-Security-Policy: {csp.header_policy()}" in text
