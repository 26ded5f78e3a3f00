"""Readers' privacy in a real browser: no page asks another site for anything, the
Content-Security-Policy breaks nothing Material or hcs-site does, and it stops planted script."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import MakeRepo
from tests.sitecheck import build

PAGES = {
    "home": "", "catalog": "courses/", "area": "competencies/math/", "course": "courses/math-7/",
    "assessment types": "assessment-types/", "glossary": "glossary/", "crosswalk": "crosswalk/",
    "families": "families/", "what changed": "what-changed/", "portfolios index": "portfolios/",
    "school index": "portfolios/ola-middle/", "portfolio": "portfolios/ola-middle/p-c7e03b/",
    "evidence": "portfolios/ola-middle/p-c7e03b/ratio-recipes/",
    "mastery map": "portfolios/ola-middle/p-c7e03b/mastery/", "404": "no-such-page/",
    "es home": "es/", "es catalog": "es/courses/", "es area": "es/competencies/math/",
    "es course": "es/courses/math-7/", "es assessment types": "es/assessment-types/",
    "es glossary": "es/glossary/", "es crosswalk": "es/crosswalk/", "es families": "es/families/",
    "es what changed": "es/what-changed/", "es 404": "es/no-such-page/",
}
"""One page of every template, in both languages (portfolios are never translated)."""

WATCH = """
window.__hcsViolations = [];
document.addEventListener("securitypolicyviolation", e => window.__hcsViolations.push(
    e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber));
"""
"""Added before any script of the page runs (Playwright injects it; the page's policy does not apply)."""


class _Host(http.server.SimpleHTTPRequestHandler):
    """A static host: a missing page gets the site's 404.html, as GitHub Pages does."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = nearest_404(Path(self.directory), self.path)
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def nearest_404(root: Path, path: str) -> Path:
    """The 404.html of the deepest site folder above a missing `path` (an edition's, a language's)."""
    folder = root.joinpath(*[p for p in urlsplit(path).path.split("/") if p and p not in (".", "..")])
    for candidate in (folder, *folder.parents):
        if candidate.is_relative_to(root) and (candidate / "404.html").is_file():
            return candidate / "404.html"
    return root / "404.html"


@contextlib.contextmanager
def host(folders: dict[str, Path], files: dict[str, str], tmp: Path) -> Iterator[str]:
    """`folders` and `files` served at their paths; a missing page gets the nearest 404.html."""
    for where, site in folders.items():
        shutil.copytree(site, tmp / where)
    for where, text in files.items():
        (tmp / where).write_text(text, encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Host, directory=str(tmp)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


VERSIONS = ('[{"version": "2026-27", "title": "2026-27", "aliases": ["latest"]},'
            ' {"version": "2025-26", "title": "2025-26", "aliases": []}]\n')


@pytest.fixture(scope="module")
def hosted(edition_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample published as an edition: /competencies/2026-27/ (its site_url path under mike:
    404.html links from there), with the editions' versions.json above it."""
    with host({"competencies/2026-27": edition_site}, {"competencies/versions.json": VERSIONS},
              tmp_path_factory.mktemp("privacy-host")) as url:
        yield url + "competencies/2026-27/"


class Watched:
    """A browser tab that records every request, console error and policy violation."""

    def __init__(self, browser: Any, java_script: bool = True) -> None:
        self.context = browser.new_context(java_script_enabled=java_script)
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, url: str) -> int:
        response = self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        return response.status if response else 0

    def violations(self) -> list[str]:
        return list(self.page.evaluate("window.__hcsViolations || []"))

    def close(self) -> None:
        self.context.close()


def _foreign(requests: list[str], origin: str) -> list[str]:
    return [url for url in requests
            if urlsplit(url).scheme not in ("data", "blob") and not url.startswith(origin)]


@pytest.mark.browser
def test_every_template_asks_only_its_own_site(browser: Any, hosted: str) -> None:
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(hosted))
    tab = Watched(browser)
    problems = {}
    try:
        for name, path in PAGES.items():
            tab.requests, tab.errors = [], []
            status = tab.open(hosted + path)
            expected = 404 if name.endswith("404") else 200
            # Material's own inline scripts ran (their hashes are in the policy): it defines __md_get.
            ran = tab.page.evaluate("typeof __md_get === 'function'")
            found = {"status": status if status != expected else None,
                     "foreign requests": _foreign(tab.requests, origin),
                     "console errors": [e for e in tab.errors if not (name.endswith("404") and "404" in e)],
                     "policy violations": tab.violations(), "inline scripts ran": None if ran else False}
            found = {k: v for k, v in found.items() if v}
            if found:
                problems[name] = found
            assert tab.requests, f"{name}: no request was recorded; the test would prove nothing"
    finally:
        tab.close()
    assert problems == {}


@pytest.mark.browser
def test_search_palette_editions_navigation_and_filters_work_under_the_policy(browser: Any, hosted: str) -> None:
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(hosted))
    tab = Watched(browser)
    page = tab.page
    try:
        tab.open(hosted)
        page.keyboard.press("s")  # search runs in a web worker (worker-src)
        page.keyboard.type("proportional")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        page.keyboard.press("Escape")
        page.wait_for_selector(".md-version__current")  # the editions from ../versions.json (connect-src)
        assert page.text_content(".md-version__current") == "2026-27"
        scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        page.click("label.md-header__button[for^='__palette']:visible")
        toggled = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert toggled != scheme
        page.click(".md-nav__link[href$='courses/']:visible")  # navigation to the catalog
        page.wait_for_load_state("networkidle")
        assert page.url == hosted + "courses/"
        # The palette survives the page change: Material's inline palette script ran (by hash).
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == toggled
        before = page.text_content("[data-hcs-count]")
        page.select_option("#hcs-filter-band", "middle")  # hcs.js catalog filters
        assert page.text_content("[data-hcs-count]") != before
        assert page.locator(".hcs-catalog li[hidden]").count() > 0
        assert (tab.violations(), tab.errors, _foreign(tab.requests, origin)) == ([], [], [])
    finally:
        tab.close()


PLANTED_TEMPLATE = """\
# Planted

<img src="x.png" onerror="window.__pwned = 1" alt="">

<script>window.__pwned = 2</script>

<p id="planted" onclick="window.__pwned = 3">Click me</p>

<a id="planted-link" href="javascript:window.__pwned = 4">Or me</a>
"""
"""A district's course template that bypasses escaping: a handler, an inline script, a link."""

PLANTED_CONFIG = """\
site_name: Test District
site_url: https://example.org/td/
theme:
  name: material
  custom_dir: overrides
plugins:
  - search
  - hcs:
      templates: district-templates
"""

PLANTED_THEME = """\
{% extends "base.html" %}
{% block extrahead %}<script>window.__pwned = 5</script>{% endblock %}
"""


@pytest.mark.browser
def test_planted_script_and_handlers_do_not_run(browser: Any, make_repo: MakeRepo) -> None:
    root = make_repo({
        "mkdocs.yml": PLANTED_CONFIG,
        "district-templates/course.md.j2": PLANTED_TEMPLATE,
        "overrides/main.html": PLANTED_THEME,
        "docs/index.md": "# Home\n\n<script>window.__pwned = 6</script>\n",
    })
    result = build(root, "--strict")
    assert result.exit_code == 0, result.output
    course = root / "site" / "courses" / "math-7" / "index.html"
    html = course.read_text(encoding="utf-8")
    for planted in ('onerror="window.__pwned = 1"', "<script>window.__pwned = 2</script>",
                    'onclick="window.__pwned = 3"', "<script>window.__pwned = 5</script>"):
        assert planted in html, f"the planted markup did not reach the page: {planted}"
    assert "<script>window.__pwned = 6</script>" in (root / "site" / "index.html").read_text(encoding="utf-8")
    # The same page without its policy: the planted code runs, so the test can tell.
    (root / "site" / "unprotected.html").write_text(
        html.replace('http-equiv="Content-Security-Policy"', 'name="removed-policy"'), encoding="utf-8")

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root / "site"))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    tab = Watched(browser)
    try:
        def pwned_after(url: str) -> Any:
            tab.open(url)
            tab.page.click("#planted")
            tab.page.click("#planted-link")
            tab.page.wait_for_timeout(200)
            return tab.page.evaluate("window.__pwned")

        assert pwned_after(base + "unprotected.html") is not None, "the planted code does not run even without CSP"
        assert pwned_after(base + "courses/math-7/") is None
        blocked = " ".join(tab.violations())
        assert "script-src-elem" in blocked and "script-src-attr" in blocked, blocked
        tab.open(base)
        assert tab.page.evaluate("window.__pwned") is None
        assert tab.page.evaluate("typeof __md_get === 'function'")  # Material's own scripts still run
    finally:
        tab.close()
        server.shutdown()
        server.server_close()
