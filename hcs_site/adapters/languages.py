"""One site per language: the default language at the root, every other one under `<lang>/`.

Material translates its interface and its search per build (`theme.language`), so each language is
a build of its own, into `site/<lang>/`, started by the build driver (`driver.py`) after the
default language's. Hand-written pages of another language live in `docs/<lang>/`; a language
without them is built from an empty folder.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from ..check.pipeline import CheckResult
from ..model.framework import default_first

LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "vi": "Tiếng Việt",
                  "ko": "한국어", "zh": "中文", "ar": "العربية", "ht": "Kreyòl ayisyen", "pt": "Português"}


@contextlib.contextmanager
def language_docs(docs_dir: Path, lang: str) -> Iterator[Path]:
    """The docs folder of `lang`'s build: `docs/<lang>/`, or an empty folder while it builds."""
    own = docs_dir / lang
    if own.is_dir():
        yield own
        return
    with tempfile.TemporaryDirectory(prefix=f"hcs-docs-{lang}-") as empty:
        yield Path(empty)


def alternates(languages: list[str], lang: str, default: str) -> list[dict[str, str]]:
    """Material's language selector; links are relative to the site root of *this* build."""
    home = "./" if lang == default else "../"
    return [
        {
            "name": LANGUAGE_NAMES.get(code, code),
            "lang": code,
            "link": "./" if code == lang else (home if code == default else f"{home}{code}/"),
        }
        for code in languages
    ]


def absolute_root(site_url: str | None, lang: str, default: str) -> str:
    """The absolute path of this build's root, for the 404 page, which is served at any address:
    site_url's path (configure has added `<lang>/`), else the server's root or `/<lang>/` below it."""
    if site_url:
        return urlsplit(site_url).path or "/"
    return "/" if lang == default else f"/{lang}/"


def configure(config: MkDocsConfig, lang: str, default: str, languages: list[str]) -> None:
    """Point a build at its language: interface words, search language, URLs (the driver chose its
    docs folder with `language_docs`)."""
    config.theme["language"] = lang
    if len(languages) > 1 and not config.extra.get("alternate"):
        config.extra["alternate"] = alternates(languages, lang, default)
    if "mike" not in config.plugins:  # not a published edition: no versions.json to ask for (a 404 per page)
        config.extra.pop("version", None)
    if lang == default:
        return
    # Material finds the editions in ../versions.json, which exists only above the default
    # language's root: under <edition>/<lang>/ the selector could only fail, so it is left out.
    config.extra.pop("version", None)
    if config.site_url:
        config.site_url = config.site_url.rstrip("/") + f"/{lang}/"


def edition_url(config: MkDocsConfig, lang: str, default: str) -> None:
    """site_url as mike left it, made right: mike appends the edition without a slash
    (`.../2026-27`: the 404 page, whose addresses are absolute, would then load its search index and
    versions.json from the folder above), and after the language `configure` added
    (`.../es/2026-27`), whereas the pages are at `.../2026-27/es/`."""
    if "mike" not in config.plugins or not config.site_url:
        return
    url = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
    m = re.fullmatch(rf"(.*/){re.escape(lang)}/([^/]+)/", url) if lang != default else None
    config.site_url = f"{m.group(1)}{m.group(2)}/{lang}/" if m else url


def head_alternates(site_url: str | None, page_url: str | None, lang: str, default: str,
                    languages: list[str]) -> list[tuple[str, str]]:
    """`<link rel="alternate" hreflang>` of a page that exists in every language: the same page in
    each, as absolute addresses, and `x-default` (the default language's); none without a site_url
    (a relative address is not an alternate) or for a page that has no twin."""
    if not site_url or page_url is None or len(languages) < 2:
        return []
    root = site_url if site_url.endswith("/") else site_url + "/"
    if lang != default:
        root = root.removesuffix(f"{lang}/")
    links = [(code, f"{root}{'' if code == default else code + '/'}{page_url}") for code in languages]
    return [*links, ("x-default", f"{root}{page_url}")]


def site_languages(config: MkDocsConfig, result: CheckResult) -> list[str]:
    """The languages a build makes, the default first: the plugin's `languages`, else the district's."""
    plugin = config.plugins.get("hcs")
    chosen = getattr(getattr(plugin, "config", None), "languages", None)
    district = result.framework.district if result.framework else None
    found = list(chosen or (district.languages if district else ["en"]))
    return default_first(found, district.default_language if district else found[0])


def twins(docs_dir: str, lang: str, default: str, languages: list[str]) -> frozenset[str]:
    """Hand-written pages of this build (by `src_uri`) that every other language also has, so that
    the language selector can switch to the same page rather than to the other home page. A
    language's pages are docs/<lang>/<page>; the default language's are docs/<page>."""
    here = Path(docs_dir)
    root = here if lang == default else here.parent
    folders = [root if code == default else root / code for code in languages if code != lang]
    pages = [p.relative_to(here).as_posix() for p in here.rglob("*.md")] if here.is_dir() else []
    return frozenset(page for page in pages
                     if page.split("/", 1)[0] not in languages and all((f / page).is_file() for f in folders))
