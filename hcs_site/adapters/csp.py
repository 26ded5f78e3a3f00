"""A Content-Security-Policy in every page the hcs plugin builds: the second wall behind escaping.

Escaping keeps markup out of the pages; if it ever fails (a district's template override, a new
field printed raw), the policy still stops what an attacker wants from the page: running script
and sending readers' addresses elsewhere. Pages may load and ask only their own site.

Material writes a few inline <script> blocks into every page. They are allowed by hash, and only
they: a page's policy lists the hashes of its inline scripts whose text is one that Material's or
hcs-site's templates write (a `{{ expression }}` in a template script may stand for a relative URL
path, never for a quote, a backslash, a scheme or another host). A script smuggled into a page has
another text and is not listed, so the browser does not run it; inline event handlers
(`onerror=...`) never run either, as the policy has neither 'unsafe-inline' nor 'unsafe-hashes'.
A district's own theme overrides (custom_dir) are not trusted for inline scripts: their JavaScript
goes in a file listed in extra_javascript. This module needs the standard library only.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

FETCH_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),  # Material draws its icons with data: SVG masks
    ("font-src", "'self'"),
    ("connect-src", "'self'"),  # search index, the editions' versions.json, sitemaps
    ("worker-src", "'self'"),  # the search worker
    ("object-src", "'none'"),
)
"""What a page may load. The script directive is per page (`policy`)."""

DOCUMENT_DIRECTIVES: tuple[tuple[str, str], ...] = (("base-uri", "'self'"), ("form-action", "'self'"))

HEADER_ONLY: tuple[tuple[str, str], ...] = (("frame-ancestors", "'none'"),)
"""Directives a <meta> policy cannot carry; hosts that send headers add them (`header_policy`)."""

SERVE_SCRIPTS = "'self' 'unsafe-inline'"
"""`mkdocs serve` injects an inline live-reload script that changes on every request; the local
preview allows inline scripts so it works. A built site never gets this."""

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript",
             "application/ecmascript", "text/jscript", "text/livescript"}
_SRC = re.compile(r"\bsrc\s*=", re.I)
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
_URL_PATH = r"(?!//)[A-Za-z0-9._~/%+-]*"
"""What a template expression inside a trusted script may print: a path of the site (base_url, scope)."""
_UNTRUSTED = ({"redirect.html", "hcs-redirect.html"}, {".icons", "integrations"})
"""Templates whose scripts never belong in a built page: redirects (they send the reader elsewhere)
and third-party integrations (analytics), by file name and by folder."""
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"\s*<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.I)


class NoHead(Exception):
    """The page has no <head>, so it cannot carry its policy (a broken theme override)."""


def executable(attributes: str) -> bool:
    """An inline script the browser runs (not a JSON data block such as Material's __config)."""
    found = _TYPE.search(attributes)
    if not found:
        return True
    value = next(g for g in found.groups() if g is not None)
    return value.strip().lower() in _JS_TYPES


def _inline(attributes: str) -> bool:
    return executable(attributes) and not _SRC.search(attributes)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script the browser would run, in document order."""
    return [body for attrs, body in _SCRIPT.findall(html) if _inline(attrs)]


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class TrustedScripts:
    """The inline scripts the theme's templates write, as exact texts and as patterns."""

    exact: set[str] = field(default_factory=set)
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    _known: dict[str, bool] = field(default_factory=dict)

    def add_template_script(self, body: str) -> None:
        if "{%" in body or "{#" in body:
            return  # control flow inside a script: not modelled, so never trusted
        parts = _EXPRESSION.split(body)
        if len(parts) == 1:
            self.exact.add(body)
        else:
            self.patterns.append(re.compile(_URL_PATH.join(re.escape(p) for p in parts)))

    def allows(self, text: str) -> bool:
        known = self._known.get(text)
        if known is None:
            known = text in self.exact or any(p.fullmatch(text) for p in self.patterns)
            if len(self._known) < 10_000:
                self._known[text] = known
        return known


@functools.lru_cache(maxsize=16)
def _trusted_for(dirs: tuple[str, ...]) -> TrustedScripts:
    trusted = TrustedScripts()
    for folder in dirs:
        root = Path(folder)
        if not root.is_dir():
            continue
        for template in sorted(root.rglob("*.html")):
            names, folders = _UNTRUSTED
            if template.name in names or folders & set(template.relative_to(root).parts):
                continue
            try:
                text = template.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            for attrs, body in _SCRIPT.findall(text):
                if _inline(attrs):
                    trusted.add_template_script(body)
    return trusted


def trusted_scripts(theme_dirs: Iterable[str], custom_dir: str | None = None) -> TrustedScripts:
    """Scripts of Material's and hcs-site's templates (`theme.dirs` without the custom_dir)."""
    mine = Path(custom_dir).resolve() if custom_dir else None
    return _trusted_for(tuple(str(d) for d in theme_dirs if mine is None or Path(d).resolve() != mine))


def dev_server(site_url: str | None, dev_addr: object) -> bool:
    """True while `mkdocs serve` builds: it sets site_url to its own address (dev_addr)."""
    host, port = getattr(dev_addr, "host", None), getattr(dev_addr, "port", None)
    if not site_url or host is None:
        return False
    parts = urlsplit(site_url)
    return parts.scheme == "http" and parts.hostname == host and parts.port == port


def _join(directives: Sequence[tuple[str, str]]) -> str:
    return "; ".join(f"{name} {value}" for name, value in directives)


def policy(hashes: Sequence[str], serving: bool = False) -> str:
    """The policy of one page: fixed directives, and its own trusted inline scripts by hash."""
    scripts = SERVE_SCRIPTS if serving else " ".join(["'self'", *hashes])
    return _join([FETCH_DIRECTIVES[0], ("script-src", scripts), *FETCH_DIRECTIVES[1:], *DOCUMENT_DIRECTIVES])


def header_policy() -> str:
    """For hosts that send headers: what the pages' <meta> cannot say, plus the fetch rules again.

    It leaves scripts to each page's <meta> policy (a browser enforces both policies), so no
    header needs the per-page hashes."""
    return _join([*FETCH_DIRECTIVES[1:], *DOCUMENT_DIRECTIVES, *HEADER_ONLY])


def page_hashes(html: str, trusted: TrustedScripts) -> list[str]:
    """Hashes of the page's inline scripts that the theme wrote, each once, in document order."""
    hashes: list[str] = []
    for text in inline_scripts(html):
        if trusted.allows(text):
            digest = script_hash(text)
            if digest not in hashes:
                hashes.append(digest)
    return hashes


def protect(html: str, trusted: TrustedScripts, serving: bool = False) -> str:
    """The page with its policy as the first element of <head> (after the charset declaration)."""
    head = _HEAD.search(html)
    if head is None:
        raise NoHead("the page has no <head>")
    at = head.end()
    charset = _CHARSET.match(html, at)
    if charset:
        at = charset.end()
    meta = (f'\n    <meta http-equiv="Content-Security-Policy" '
            f'content="{policy(page_hashes(html, trusted), serving)}">')
    return html[:at] + meta + html[at:]
