"""The `hcs` MkDocs plugin: a thin adapter that feeds the core's pages to MkDocs as virtual files.

It loads and checks the repository once per build, fails the build with the same diagnostics as
`hcs-site validate`, and never writes into `docs/`.
"""

from __future__ import annotations

import logging
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from ..check.pipeline import BuildDateError, CheckResult, check_repository
from ..check.rules_artifacts import ArtifactProblem
from ..diagnostics import Diagnostic, Severity
from ..diff.changes_since import previous_edition
from ..export.json_api import site_api_files
from ..load import no_links
from ..render.artifacts import publish
from ..render.framework_pages import FrameworkRenderer, Page
from ..render.heads import stand_in_document
from ..render.i18n import strings
from ..render.portfolio_pages import INDEX as PORTFOLIOS_INDEX
from ..render.portfolio_pages import PortfolioSite, portfolio_site
from . import csp, languages, preload, serve_state, theme_fixes, third_party
from .api_address import stable_site_url
from .progress import Progress, Silent
from .shards import Selection, StandInPage
from .site_config import ASSETS, REQUIRED_EXTENSIONS, add_theme_dir, asset_path, default_nav

log = logging.getLogger("mkdocs.plugins.hcs")
PORTFOLIO_CSS = "assets/hcs/portfolio.css"


class HcsConfig(base.Config):
    root = c.Optional(c.Type(str))
    """The content repository; defaults to the folder holding mkdocs.yml."""
    portfolios = c.Type(bool, default=True)
    templates = c.Optional(c.Type(str))
    """A folder (relative to the root) whose templates replace the package's by name."""
    strings = c.Type(dict, default={})
    """Per-language overrides of the UI words: {es: {catalog: ...}}."""
    nav = c.Type(bool, default=True)
    """Provide the default navigation when mkdocs.yml has no `nav`."""
    api = c.Type(bool, default=True)
    """Publish the JSON API (api/) and the JSON Schemas (schemas/); see docs/data-and-api.md."""
    case_resources = c.Type(bool, default=True)
    """Publish every CASE item, association and rubric as its own file (false: the package only)."""
    site_names = c.Type(dict, default={})
    """The site's name in other languages: {es: Escuelas del Condado de Henry}."""
    languages = c.Optional(c.ListOfItems(c.Type(str)))
    """Languages to build (default: the district's `languages`); the first build is the default."""
    previous_edition = c.Optional(c.Type(str))
    """The previous edition's source: a Git tag or revision (`edition-2025-26`) or a folder holding
    content/. Sets the "What changed since" page and the objective flags; see docs/publishing.md."""


def format_diagnostic(d: Diagnostic) -> str:
    hint = f" (fix: {d.hint})" if d.hint else ""
    return f"{d.loc.path}:{d.loc.line}:{d.loc.col}: {d.severity.value} {d.code} {d.message}{hint}"


def _git_timestamp(root: Path) -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"],
            capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = out.stdout.strip()
    return stamp if out.returncode == 0 and stamp.isdigit() else None


def published_artifact(root: Path, source: str) -> bytes:
    """The re-encoded bytes of a student's artifact; validation already accepted the file."""
    try:
        return publish(no_links.read_bytes(root, source), source)  # never through a link
    except (ArtifactProblem, OSError) as exc:
        raise PluginError(f"hcs: {source}: cannot publish this artifact: {exc}") from exc


class HcsPlugin(BasePlugin[HcsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.result: CheckResult | None = None
        self.root = Path(".")
        self.pages: list[Page] = []
        self.progress: Progress = Silent()
        self.language = self.default_language = "en"
        self.languages: list[str] = ["en"]
        self.trusted = csp.TrustedScripts()
        self.dev_server = False
        self.folio = PortfolioSite([], [], {})
        self.selection = Selection()
        self.files: Files | None = None
        self.serving: serve_state.ServeState | None = None
        self.unchanged: set[str] = set()
        self.wanted: Callable[[str], bool] = self.selection.wants

    @event_priority(100)  # before the search plugin reads the theme language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(self.config.root or Path(config.config_file_path or ".").parent).resolve()
        if "SOURCE_DATE_EPOCH" not in os.environ:
            # MkDocs stamps the sitemap with the build date; the last commit makes it reproducible.
            os.environ["SOURCE_DATE_EPOCH"] = _git_timestamp(self.root) or "0"
        outer = languages.current()
        handoff = None if outer else preload.take(self.root)
        self.progress = outer.progress if outer else handoff.progress if handoff else Silent()
        self.selection = handoff.selection if handoff else Selection()
        self.serving = None if outer or handoff else serve_state.get(self.root)
        if outer:
            self.result = outer.result
        else:
            try:
                self.result = handoff.result if handoff else check_repository(
                    self.root, portfolios=self.config.portfolios and self.serve_portfolios(),
                    cache=self.serving.cache if self.serving else None,
                )
            except BuildDateError as exc:
                raise PluginError(f"hcs: {exc}") from exc
        report = self.result.report
        shown = report.sorted()
        if self.serving:
            shown = self.serving.new_problems(shown)
            log.info(f"hcs: {report.summary()}; {len(shown)} new since the last build")
        for d in [] if handoff or outer else shown:
            if d.severity is Severity.ERROR:
                log.error(format_diagnostic(d))
            elif d.severity is Severity.WARNING:
                log.warning(format_diagnostic(d))
            else:
                log.info(format_diagnostic(d))
        if report.errors or self.result.framework is None:
            raise PluginError(f"hcs: the content has errors ({report.summary()}); fix them and build again")
        for ext in REQUIRED_EXTENSIONS:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        if PORTFOLIO_CSS not in [str(x) for x in config.extra_css]:
            config.extra_css.append(PORTFOLIO_CSS)
        for rel, kind in ASSETS:
            target = config.extra_css if kind == "css" else config.extra_javascript
            if rel not in [str(x) for x in target]:
                target.append(rel)
        warnings = third_party.turn_off(config.theme, config.extra, {"extra_css": config.extra_css,
                                                                       "extra_javascript": config.extra_javascript})
        for warning in [] if outer else warnings:  # a nested language build reads the same file
            log.warning(f"hcs: {warning}")
        district = self.result.framework.district
        self.default_language = district.default_language
        self.languages = self.config.languages or district.languages
        if self.serving and os.environ.get("HCS_SERVE_LANGUAGES") != "1":
            self.languages = [district.default_language]  # other languages: hcs-site serve --all-languages
        self.language = outer.language if outer else self.default_language
        languages.configure(config, self.language, self.default_language, self.languages)
        config.site_name = str(self.config.site_names.get(self.language, config.site_name))
        if "generator" not in config.extra:  # a district's site, not an advertisement for its tools
            config.extra["generator"] = False
        add_theme_dir(config)
        self.trusted = csp.trusted_scripts(config.theme.dirs, config.theme.custom_dir)
        self.dev_server = self.serving is not None or csp.dev_server(config.site_url, config.dev_addr)
        templates = [self.root / self.config.templates] if self.config.templates else []
        self.folio = PortfolioSite([], [], {})
        if self.config.portfolios and self.language == self.default_language:  # one copy, never translated
            self.folio = portfolio_site(self.result.framework, self.result.published, templates,
                                        self.config.strings, config.use_directory_urls, self.selection.wants)
        renderer = FrameworkRenderer(self.result.framework, templates, self.config.strings, prefixed=False,
                                     exemplars=self.folio.exemplars,
                                     changes=previous_edition(self.root, self.config.previous_edition,
                                                              self.result.framework),
                                     directory_urls=config.use_directory_urls,
                                     memo=self.serving.course_pages if self.serving else None,
                                     wants=self.selection.wants)
        self.pages = renderer.pages(self.language) + self.folio.pages
        if not (Path(config.docs_dir) / "index.md").is_file():
            self.pages.append(renderer.home(self.language))
        if config.nav is None and self.config.nav:
            config.nav = default_nav(Path(config.docs_dir), self.result.framework, self.pages, self.language)
            if self.folio.pages:  # one entry: the school and student pages stay out of the navigation
                config.nav.append({strings(self.language, self.config.strings)["portfolios"]: PORTFOLIOS_INDEX})
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.language == self.default_language:
            # docs/<lang>/ holds the other languages' hand-written pages: built by their own build.
            others = tuple(f"{lang}/" for lang in self.languages if lang != self.language)
            for f in [f for f in files if f.src_uri.startswith(others)]:
                files.remove(f)
        wanted = self.selection.wants
        self.unchanged = set()
        if self.serving:  # only pages whose Markdown changed are rendered again
            changed = self.serving.plan({p.path: p.content for p in self.pages}, config.nav, Path(config.site_dir))
            self.unchanged = {p.path for p in self.pages} - changed
            wanted = self.wants_in_serve
        for f in files.documentation_pages():
            if not wanted(f.src_uri):  # a hand-written page of another shard: its title only
                f.content_string = stand_in_document(f.content_string)
        for page in self.pages:
            if files.get_file_from_path(page.path) is not None:
                raise PluginError(f"hcs: docs/{page.path} is written by hand, but hcs generates that page; "
                                  "rename or remove the hand-written file")
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            content = page.content if wanted(page.path) else stand_in_document(page.content)
            # A generated page never has an edit link: student and family pages carry no pencil.
            files.append(File.generated(config, page.path, content=content, inclusion=inclusion))
        for rel, _kind in ASSETS:
            files.append(File.generated(config, rel, abs_src_path=str(asset_path(rel))))
        files.append(File.generated(config, PORTFOLIO_CSS, abs_src_path=str(asset_path(PORTFOLIO_CSS))))
        for source, output in self.folio.artifacts:
            if wanted(output):
                files.append(File.generated(config, output, content=published_artifact(self.root, source)))
        if (self.config.api and self.selection.framework and self.language == self.default_language
                and not self.serving and self.result and self.result.framework):  # serve: pages only
            api = site_api_files(self.result.framework, self.root, stable_site_url(config.site_url),
                                 self.config.case_resources)
            for rel, data in api.items():
                files.append(File.generated(config, rel, content=data))
        self.files = files
        self.wanted = wanted
        self.progress.start(sum(1 for f in files.documentation_pages() if wanted(f.src_uri)))
        return files

    def on_nav(self, nav: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Pages of other shards outside the navigation are listed, never rendered (`StandInPage`)."""
        if self.selection.everything and not self.unchanged:
            return nav
        listed = {id(page) for page in nav.pages}
        for f in files.documentation_pages():
            if not self.wanted(f.src_uri) and (f.page is None or id(f.page) not in listed):
                StandInPage(None, f, config)
        return nav

    def on_post_template(self, output: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """Once the sitemap has listed every page, a shard drops the pages of other shards."""
        if template_name == "sitemap.xml" and (self.unchanged or not self.selection.everything) and self.files:
            for f in [f for f in self.files.documentation_pages()
                      if not self.selection.wants(f.src_uri) or f.src_uri in self.unchanged]:
                self.files.remove(f)
            if self.serving:
                self.serving.built_urls = {f.url for f in self.files.documentation_pages()}
        if template_name.endswith(".html"):  # 404.html: a page of the theme, not of the site
            return self.protect(output, template_name)
        return output

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if not self.selection.everything:  # theme assets and the like belong to the framework shard
            for f in [f for f in files if not f.is_documentation_page() and not self.selection.wants(f.src_uri)]:
                files.remove(f)
        env.globals["hcs_words"] = strings(self.language, self.config.strings)  # the edition banner
        env.globals["hcs_twins"] = languages.twins(  # the language selector keeps these pages
            config.docs_dir, self.language, self.default_language, self.languages)
        return env

    def on_page_content(self, html: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """MkDocs converts every page before it writes any: half of a page's work is done here, so
        the progress display moves (and its time left is right) from the start."""
        if self.wanted(page.file.src_uri):
            self.progress.advance(0.5)
        return html

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        self.progress.advance(0.5)
        return self.protect(output, page.file.src_uri)

    def protect(self, html: str, name: str) -> str:
        """The page with its Content-Security-Policy (see csp.py)."""
        try:
            return csp.protect(theme_fixes.hide_toggles(html), self.trusted, self.dev_server)
        except csp.NoHead as exc:
            raise PluginError(f"hcs: {name}: {exc}, so it cannot carry its Content-Security-Policy; "
                              "check the theme overrides (custom_dir) that write it") from exc

    def serve_portfolios(self) -> bool:
        return not self.serving or os.environ.get("HCS_SERVE_PORTFOLIOS") == "1"

    def wants_in_serve(self, path: str) -> bool:
        return self.selection.wants(path) and path not in self.unchanged

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.serving:
            self.serving.merge_search(Path(config.site_dir) / "search" / "search_index.json")
        if self.language == self.default_language and self.result is not None:
            others = [lang for lang in self.languages if self.selection.builds_language(lang)]
            languages.build_others(config, self.result, others, self.default_language, self.progress)
            self.progress.finish()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in ("content", "portfolios"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server
