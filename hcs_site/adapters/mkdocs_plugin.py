"""The `hcs` MkDocs plugin: a thin adapter that feeds the core's pages to MkDocs as virtual files.

Each build runs with a `BuildSession` (see session.py): the build driver of `hcs-site build` sets
one on the plugin after `load_config`; a plain `mkdocs build` or `mkdocs serve` gets one made from
the plugin's own configuration, and the plugin then checks the repository itself and fails the
build with the same diagnostics as `hcs-site validate`. It never writes into `docs/`.

Each event does one step and names the functions that do the work; what a build remembers
between events lives in the attributes set by `on_config`.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from ..check.pipeline import CheckResult
from ..diff.changes_since import previous_edition
from ..render.i18n import strings
from ..render.page import Page
from ..render.portfolio_pages import INDEX as PORTFOLIOS_INDEX
from ..render.portfolio_pages import PortfolioSite
from ..selection import Selection
from . import (
    api_cache,
    carry_over,
    course_cache,
    csp,
    driver,
    family_site,
    html_cache,
    languages,
    markdown_cache,
    plugin_check,
    plugin_files,
    serve,
    serve_state,
    theme_fixes,
    third_party,
)
from .api_address import stable_site_url
from .markdown_cache import MarkdownCache
from .partial_render import PartialFrameworkRenderer, PartialPortfolioRenderer
from .plugin_config import HcsConfig
from .session import BuildSession, for_plain_mkdocs
from .shards import StandInPage
from .site_config import add_requirements, add_theme_dir, default_nav

log = logging.getLogger("mkdocs.plugins.hcs")
_HEADING_LANG = re.compile(r'<h[1-6] id="([A-Za-z0-9_-]+)" lang="([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)"')
"""A heading's anchor and language, as attr_list writes `{ #anchor lang=en }`."""


class HcsPlugin(BasePlugin[HcsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.session: BuildSession | None = None
        """Set by the build driver before the build; None: a plain `mkdocs build` or `serve`."""
        self.run = BuildSession()
        """The session of the build under way (the driver's, or one made by `on_config`)."""
        self.result: CheckResult | None = None
        self.root = Path(".")
        self.pages: list[Page] = []
        self.language = self.default_language = "en"
        self.languages: list[str] = ["en"]
        self.trusted = csp.TrustedScripts()
        self.dev_server = False
        self.folio = PortfolioSite([], [], {})
        self.files: Files | None = None
        self.unchanged: set[str] = set()
        self.wanted: Callable[[str], bool] = Selection().wants
        self.html: html_cache.HtmlCache | None = None
        """The build cache's HTML layer in this build (None: off, or serve)."""
        self.api: api_cache.SiteApi | None = None
        """The site's API as `on_config` found it (see `api_early`)."""

    @property
    def selection(self) -> Selection:
        return self.run.selection

    @property
    def serving(self) -> serve_state.ServeState | None:
        return self.run.serve.state if self.run.serve else None

    @event_priority(100)  # before the search plugin reads the theme language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(self.config.root or Path(config.config_file_path or ".").parent).resolve()
        self.run = self.session or for_plain_mkdocs(self.root, serve_state.lookup(self.root))
        self.result = self.run.result or self.check_content()
        report = self.result.report
        if report.errors or self.result.framework is None:
            raise PluginError(f"hcs: the content has errors ({report.summary()}); fix them and build again")
        district = self.result.framework.district
        self.default_language = district.default_language
        self.language = self.run.language or self.default_language
        self.languages = self.site_languages(district.languages)
        add_requirements(config)
        family_site.forget_earlier_search(config)
        self.turn_off_third_party(config)
        languages.configure(config, self.language, self.default_language, self.languages)
        config.site_name = str(self.config.site_names.get(self.language, config.site_name))
        if self.language != self.default_language:  # mkdocs.yml's words are in one language
            words = strings(self.language, self.config.strings)
            if config.site_description:
                config.site_description = words["home_intro"]
            if "toc" in config.mdx_configs or "toc" in config.markdown_extensions:
                config.mdx_configs.setdefault("toc", {})["permalink_title"] = words["permalink_title"]
        if "generator" not in config.extra:  # a district's site, not an advertisement for its tools
            config.extra["generator"] = False
        add_theme_dir(config)
        family_site.configure(config, district)
        self.trusted = csp.trusted_scripts(config.theme.dirs, config.theme.custom_dir)
        self.dev_server = self.serving is not None or csp.dev_server(config.site_url, config.dev_addr)
        self.api = self.api_early(config)
        self.pages = self.render_pages(config)
        if config.nav is None and self.config.nav:
            config.nav = self.navigation(config)
        return config

    def check_content(self) -> CheckResult:
        """A build no hcs-site command checked: check the repository, log what is (newly) wrong."""
        return plugin_check.check_for_build(self.root, self.config.portfolios, self.run)

    def site_languages(self, district_languages: list[str]) -> list[str]:
        if self.serving and not (self.run.serve and self.run.serve.all_languages):
            return [self.default_language]  # other languages: hcs-site serve --all-languages
        return list(self.config.languages or district_languages)

    def turn_off_third_party(self, config: MkDocsConfig) -> None:
        """Readers' privacy (third_party.py); warned once, by the default language's build."""
        warnings = third_party.turn_off(config.theme, config.extra, {"extra_css": config.extra_css,
                                                                       "extra_javascript": config.extra_javascript})
        for warning in warnings if self.run.language is None else []:
            log.warning(f"hcs: {warning}")

    def render_pages(self, config: MkDocsConfig) -> list[Page]:
        """Every page of this language (portfolio pages: the default language's build only)."""
        assert self.result is not None and self.result.framework is not None
        fw = self.result.framework
        templates = [self.root / self.config.templates] if self.config.templates else []
        self.folio = PortfolioSite([], [], {})
        if self.config.portfolios and self.language == self.default_language:  # one copy, never translated
            self.folio = PartialPortfolioRenderer(fw, self.result.published, templates, self.config.strings,
                                                  config.use_directory_urls, wants=self.selection.wants,
                                                  cache=self.markdown_cache(
                                                      functools.partial(markdown_cache.for_build, fw=fw), config),
                                                  checked=self.result.folders).site()
        renderer = PartialFrameworkRenderer(fw, templates, self.config.strings, prefixed=False,
                                            exemplars=self.folio.exemplars,
                                            changes=previous_edition(self.root, self.config.previous_edition, fw),
                                            directory_urls=config.use_directory_urls,
                                            memo=self.serving.course_pages if self.serving else None,
                                            cache=self.markdown_cache(course_cache.for_build, config),
                                            wants=self.selection.wants)
        pages = renderer.pages(self.language) + self.folio.pages
        docs = Path(config.docs_dir)
        if not (docs / "index.md").is_file():
            pages.append(renderer.home(self.language, "families.md" if (docs / "families.md").is_file() else None))
        return pages

    def markdown_cache(self, make: Callable[..., MarkdownCache], config: MkDocsConfig) -> MarkdownCache | None:
        """Students' or course pages from the build cache (not in serve, which keeps its own memory)."""
        if self.run.cache is None or self.serving:
            return None
        templates = self.root / self.config.templates if self.config.templates else None
        return make(self.run.cache, self.root, templates, self.config.strings, config.use_directory_urls)

    def navigation(self, config: MkDocsConfig) -> list[Any]:
        assert self.result is not None and self.result.framework is not None
        # Student work: one entry; the school and student pages stay out of the navigation.
        words = strings(self.language, self.config.strings)
        work = {words["portfolios"]: PORTFOLIOS_INDEX} if self.folio.pages else None
        return default_nav(Path(config.docs_dir), self.result.framework, self.pages, self.language, work)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        languages.edition_url(config, self.language, self.default_language)  # mike's on_config ran by now
        if self.language == self.default_language:
            plugin_files.drop_other_languages(files, [lang for lang in self.languages if lang != self.language])
        self.wanted = self.plan_rebuild(config)
        plugin_files.stand_in_hand_written(files, self.wanted)
        plugin_files.add_pages(files, config, self.pages, self.wanted)
        plugin_files.add_assets(files, config)
        assert self.result is not None and self.result.framework is not None
        family_site.add_files(files, config, self.result.framework.district, self.root)
        plugin_files.add_artifacts(files, config, self.root, self.folio.artifacts, self.wanted)
        if self.publishes_api():
            files = carry_over.add_api(files, config, self.site_api(config), self.run.carry, self.run.api)
        elif self.run.api is not None:
            self.run.api.take_early_away()
        self.html = html_cache.for_build(self.run.cache, config, files, self.cache_inputs(config, files))
        if self.html is not None:
            carry = self.run.carry if self.language == self.default_language else None
            self.html.look_up(files, self.wanted, Path(config.site_dir), write=carry is None)
            if carry is not None:
                carried = carry_over.carry_folders(files, self.html, carry)
                self.html.write_hits(Path(config.site_dir), lambda dest: carry_over.student_folder(dest) in carried)
            self.wanted = self.html.excluding(self.wanted)
        self.files = files
        self.run.progress.start(sum(1 for f in files.documentation_pages() if self.wanted(f.src_uri)))
        return files

    def cache_inputs(self, config: MkDocsConfig, files: Files) -> dict[str, Any]:
        """What this plugin adds to every page beyond mkdocs.yml (see html_cache.site_key)."""
        return {"language": self.language, "default": self.default_language, "languages": self.languages,
                "api": carry_over.api_names(files),
                "date": self.run.build_date, "dev_server": self.dev_server, "serve": self.serving is not None,
                "twins": languages.twins(config.docs_dir, self.language, self.default_language, self.languages)}

    def plan_rebuild(self, config: MkDocsConfig) -> Callable[[str], bool]:
        """Which pages this build renders: the shard's; in serve, only those whose Markdown changed."""
        self.unchanged = set()
        if not self.serving:
            return self.selection.wants
        owned = self.run.serve.folder if self.run.serve else None
        changed = self.serving.plan({p.path: p.content for p in self.pages}, config.nav, Path(config.site_dir), owned)
        self.unchanged = {p.path for p in self.pages} - changed
        return self.wants_in_serve

    def wants_in_serve(self, path: str) -> bool:
        return self.selection.wants(path) and path not in self.unchanged

    def site_api(self, config: MkDocsConfig) -> api_cache.SiteApi:
        """The API of this site: the one `api_early` made when mike left the address as it was."""
        site_url = stable_site_url(config.site_url)
        if self.api is not None and self.api.site_url == site_url:
            return self.api
        assert self.result is not None and self.result.framework is not None
        return api_cache.SiteApi(self.run.cache, self.result.framework, self.root, site_url,
                                 self.config.case_resources)

    def api_early(self, config: MkDocsConfig) -> api_cache.SiteApi | None:
        """A rebuild whose framework changed forks the API's child now (`carry_over.start_early`)."""
        if not self.publishes_api() or self.run.api is None or self.run.cache is None:
            return None
        api = self.site_api(config)
        carry_over.start_early(api, Path(config.site_dir), self.run.carry, self.run.api)
        return api

    def publishes_api(self) -> bool:
        """The JSON API: once, by the framework's build in the default language; never in serve."""
        return (self.config.api and self.selection.framework and self.language == self.default_language
                and not self.serving)

    def on_nav(self, nav: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        """Pages of other shards outside the navigation are listed, never rendered (`StandInPage`)."""
        if self.selection.everything and not self.unchanged and not (self.html and self.html.hits):
            return nav
        listed = {id(page) for page in nav.pages}
        for f in files.documentation_pages():
            if not self.wanted(f.src_uri) and (f.page is None or id(f.page) not in listed):
                StandInPage(None, f, config, self.html.meta.get(f.src_uri) if self.html else None)
        return nav

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if not self.selection.everything:  # theme assets and the like belong to the framework shard
            for f in [f for f in files if not f.is_documentation_page() and not self.selection.wants(f.src_uri)]:
                files.remove(f)
        for f in files.documentation_pages():  # the sitemap's date: the session's, not today's
            if f.page is not None:
                f.page.update_date = self.run.sitemap_date()
        env.globals["hcs_words"] = strings(self.language, self.config.strings)  # the edition banner
        if self.result is not None and self.result.framework is not None:  # the header on phones
            env.globals["hcs_short_name"] = self.result.framework.district.short_name
        env.globals["hcs_twins"] = languages.twins(  # the language selector keeps these pages
            config.docs_dir, self.language, self.default_language, self.languages)
        env.globals["hcs_404_root"] = languages.absolute_root(config.site_url, self.language, self.default_language)
        env.globals["hcs_alternates"] = functools.partial(  # hreflang: the same page in every language
            languages.head_alternates, config.site_url, lang=self.language, default=self.default_language,
            languages=self.languages)
        return env

    def on_template_context(self, context: Any, /, *, template_name: str, config: MkDocsConfig) -> Any:
        context["build_date_utc"] = dt.datetime.fromtimestamp(self.run.build_date, dt.UTC)
        return context

    @event_priority(-100)  # after the search plugin has indexed the page
    def on_page_context(self, context: Any, /, *, page: Any, config: MkDocsConfig, nav: Any) -> Any:
        context["build_date_utc"] = dt.datetime.fromtimestamp(self.run.build_date, dt.UTC)
        if self.html is not None:
            self.html.indexed(page.file.src_uri, config)
        return context

    def on_build_error(self, *, error: Exception) -> None:
        if self.html is not None:
            self.html.abandon()

    def on_post_template(self, output: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """Once the sitemap has listed every page, a shard drops the pages of other shards."""
        if template_name == "sitemap.xml" and self.files:
            self.drop_unbuilt(self.files)
        if template_name.endswith(".html"):  # 404.html: a page of the theme, not of the site
            return self.protect(output, template_name)
        return output

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        if self.html is not None:  # as read, before mark_page adds to it
            self.html.read(page.file.src_uri, page.meta)
        family_site.mark_page(page, config.docs_dir)
        return markdown

    def drop_unbuilt(self, files: Files) -> None:
        """Pages of other shards, unchanged in serve, or taken from the cache are not written."""
        cached = self.html.hits if self.html is not None else {}
        if self.html is not None:
            self.html.listed(files)
        if not (self.unchanged or cached or not self.selection.everything):
            return
        pages = files.documentation_pages()
        dropped = [f for f in pages
                   if not self.selection.wants(f.src_uri) or f.src_uri in self.unchanged or f.src_uri in cached]
        if len(dropped) == len(pages) and cached:  # MkDocs dates sitemap.xml.gz by the pages left:
            dropped = [f for f in dropped if f.src_uri != next(iter(cached))]  # one stays, overwritten
        for f in dropped:
            files.remove(f)
        if self.serving:
            self.serving.built_urls = {f.url for f in files.documentation_pages()}

    def on_page_content(self, html: str, /, *, page: Any, config: MkDocsConfig, files: Files) -> str:
        """MkDocs converts every page before it writes any: half of a page's work is done here, so
        the progress display moves (and its time left is right) from the start."""
        if self.wanted(page.file.src_uri):
            self.run.progress.advance(0.5)
        # Headings in another language than the page's (untranslated titles): the table of
        # contents marks its entries the same way (theme/partials/toc-item.html).
        page.meta["hcs_heading_langs"] = dict(_HEADING_LANG.findall(html))
        lang = page.meta.get("hcs_lang")  # a student's page in the student's language
        if lang and lang != self.language:
            built = (config.mdx_configs.get("toc") or {}).get("permalink_title", "Permanent link")
            title = strings(str(lang), self.config.strings)["permalink_title"]
            html = html.replace(f'title="{escape(str(built))}"', f'title="{escape(title)}"')
        return html

    def on_post_page(self, output: str, *, page: Any, config: MkDocsConfig) -> str:
        self.run.progress.advance(0.5)
        return self.protect(output, page.file.src_uri)

    def protect(self, html: str, name: str) -> str:
        """The page with its Content-Security-Policy (see csp.py)."""
        try:
            return csp.protect(theme_fixes.hide_toggles(html), self.trusted, self.dev_server)
        except csp.NoHead as exc:
            raise PluginError(f"hcs: {name}: {exc}, so it cannot carry its Content-Security-Policy; "
                              "check the theme overrides (custom_dir) that write it") from exc

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        index = Path(config.site_dir) / "search" / "search_index.json"
        if self.html is not None:  # cached pages' entries join the index first, then all are folded
            self.html.complete(config, self.selection.wants)
        if self.serving:
            self.serving.merge_search(index)
        family_site.fold_search_index(index)
        if self.run.runs_languages and self.result is not None:  # no driver around this build
            others = [lang for lang in self.languages if lang != self.default_language]
            driver.build_languages(config.config_file_path, Path(config.site_dir), Path(config.docs_dir),
                                   config.strict, self.run, self.result, others)
            self.run.progress.finish()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        for folder in ("content", "portfolios"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        serve.forgive(server, self.root, self.config.portfolios)  # plain `mkdocs serve`: no stalled browser
        return server
