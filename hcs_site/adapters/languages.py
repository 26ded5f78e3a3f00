"""One site per language: the default language at the root, every other one under `<lang>/`.

Material translates its interface and its search per build (`theme.language`), so each language is
a build of its own: the main build runs the others, nested, into `site/<lang>/`, after its own
pages are written. Hand-written pages of another language live in `docs/<lang>/`.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from ..check.pipeline import CheckResult
from ..model.framework import default_first
from .progress import Progress

LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français", "vi": "Tiếng Việt",
                  "ko": "한국어", "zh": "中文", "ar": "العربية", "ht": "Kreyòl ayisyen", "pt": "Português"}


@dataclass
class Nested:
    language: str
    result: CheckResult
    progress: Progress
    empty_docs: Path
    """An empty docs folder for a language without hand-written pages (docs/<lang>/), removed after."""


_stack: list[Nested] = []


def current() -> Nested | None:
    return _stack[-1] if _stack else None


@contextlib.contextmanager
def nested(language: str, result: CheckResult, progress: Progress) -> Iterator[None]:
    with tempfile.TemporaryDirectory(prefix=f"hcs-docs-{language}-") as empty:
        _stack.append(Nested(language, result, progress, Path(empty)))
        try:
            yield
        finally:
            _stack.pop()


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


def configure(config: MkDocsConfig, lang: str, default: str, languages: list[str]) -> None:
    """Point a build at its language: interface words, search language, docs folder, URLs."""
    config.theme["language"] = lang
    if len(languages) > 1 and not config.extra.get("alternate"):
        config.extra["alternate"] = alternates(languages, lang, default)
    if lang == default:
        return
    # Material finds the editions in ../versions.json, which exists only above the default
    # language's root: under <edition>/<lang>/ the selector could only fail, so it is left out.
    config.extra.pop("version", None)
    docs = Path(config.docs_dir) / lang
    outer = current()
    if not docs.is_dir() and outer is not None:
        docs = outer.empty_docs
    config.docs_dir = str(docs)
    if config.site_url:
        config.site_url = config.site_url.rstrip("/") + f"/{lang}/"


def site_languages(config: MkDocsConfig, result: CheckResult) -> list[str]:
    """The languages a build makes, the default first: the plugin's `languages`, else the district's."""
    plugin = config.plugins.get("hcs")
    chosen = getattr(getattr(plugin, "config", None), "languages", None)
    district = result.framework.district if result.framework else None
    found = list(chosen or (district.languages if district else ["en"]))
    return default_first(found, district.default_language if district else found[0])


def build_others(config: MkDocsConfig, result: CheckResult, languages: list[str], default: str,
                 progress: Progress) -> None:
    """Build each of `languages` but the default into `<site_dir>/<lang>/` with the same configuration."""
    for lang in languages:
        if lang == default:
            continue
        site_dir = Path(config.site_dir) / lang
        with nested(lang, result, progress):
            other = load_config(config_file=config.config_file_path, site_dir=str(site_dir),
                                strict=config.strict)
            mkdocs_build(other)


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
