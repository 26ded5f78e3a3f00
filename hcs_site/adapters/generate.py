"""`hcs-site generate`: the whole site as plain files that any MkDocs-compatible engine builds.

The output folder holds `docs/` (the hand-written pages plus every page, asset and JSON file the
hcs plugin would add) and a `mkdocs.yml` without the hcs plugin: the district's own configuration
plus what the plugin would add at build time (Markdown extensions, CSS and JavaScript, the
navigation, the theme overrides, the language selector). `mkdocs build`, or another engine that
reads mkdocs.yml (Zensical), builds it as it is.

The pages are taken from the hcs plugin itself (the `config` and `files` events, run on the
district's configuration): what `generate` writes is by construction what `hcs-site build`
publishes, including whatever the plugin learns to add later. Each other language gets its own
folder and configuration (`docs-<lang>/`, `mkdocs.<lang>.yml`, built into `site/<lang>/` after the
main build), as the build driver builds each language.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel, get_files

from .. import scratch
from ..check.pipeline import CheckResult
from ..export import mkdocs_yml
from ..outputs import HINT_OUT, check_folder
from . import languages, third_party
from .session import BuildSession
from .site_config import THEME_DIR

PLUGIN = "hcs"


class GenerateError(Exception):
    """The output folder or the configuration does not allow generating (a usage problem)."""


ACTIONS = """{#- hcs-site generate: a generated page says where its source is in its front matter
    (`hcs_edit_url`, empty when it has none), because its file in docs/ is not in the repository. -#}
{%- set edit_url = page.meta.hcs_edit_url if page.meta and "hcs_edit_url" in page.meta else page.edit_url -%}
{% if edit_url %}
  {% if "content.action.edit" in features %}
    <a href="{{ edit_url }}" title="{{ lang.t('action.edit') }}" class="md-content__button md-icon" rel="edit">
      {% set icon = config.theme.icon.edit or "material/file-edit-outline" %}
      {% include ".icons/" ~ icon ~ ".svg" %}
    </a>
  {% endif %}
  {% if "content.action.view" in features %}
    {% set part = "blob" if "/blob/" in edit_url else "edit" %}
    <a href="{{ edit_url | replace(part, 'raw') }}" title="{{ lang.t('action.view') }}"
       class="md-content__button md-icon">
      {% set icon = config.theme.icon.view or "material/file-eye-outline" %}
      {% include ".icons/" ~ icon ~ ".svg" %}
    </a>
  {% endif %}
{% endif %}
"""
"""Material's partials/actions.html, reading the edit link of generated pages from their front matter."""


def _edit_url(config: MkDocsConfig, edit_uri: str | None) -> str:
    """The edit link MkDocs would give a generated page (`""` for none), as Page._set_edit_url does."""
    base = config.edit_uri or ""
    if not edit_uri or not (base or config.edit_uri_template):
        return ""
    if config.edit_uri_template:
        path_noext = edit_uri.rsplit(".", 1)[0]
        relative = config.edit_uri_template.format(path=edit_uri, path_noext=path_noext)
    else:
        relative = base + edit_uri
    repo = config.repo_url or ""
    if repo and not repo.endswith("/") and not relative.startswith(("?", "#")):
        repo += "/"
    return urljoin(repo, relative)


def with_edit_url(data: bytes, url: str) -> bytes:
    """Markdown with `hcs_edit_url:` added to its front matter (a front matter is added if needed)."""
    text = data.decode("utf-8")
    line = f"hcs_edit_url: {json.dumps(url)}\n"
    if text.startswith("---\n"):
        return ("---\n" + line + text[4:]).encode("utf-8")
    return ("---\n" + line + "---\n\n" + text).encode("utf-8")


def _name(entry: Any) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


def _without_plugin(plugins: Any) -> Any:
    if isinstance(plugins, dict):
        return {k: v for k, v in plugins.items() if k != PLUGIN}
    return [p for p in plugins or [] if _name(p) != PLUGIN]


@dataclass
class Generated:
    out: Path
    configs: list[str] = field(default_factory=list)
    files: int = 0


class Generator:
    def __init__(self, result: CheckResult, config_file: Path, tmp: Path) -> None:
        self.result = result
        self.config_file = config_file.resolve()
        self.raw = mkdocs_yml.read(self.config_file)
        self.tmp = tmp
        self.done = Generated(tmp)

    def load(self, session: BuildSession, docs_dir: Path | None = None) -> tuple[MkDocsConfig, Any]:
        """The district's configuration, its hcs plugin given `session` (as the build driver does)."""
        config = load_config(config_file=str(self.config_file), docs_dir=str(docs_dir) if docs_dir else None)
        plugin = config.plugins.get(PLUGIN)
        if plugin is None:
            raise GenerateError(f"{self.config_file.name} does not enable the '{PLUGIN}' plugin")
        plugin.session = session
        return config, plugin

    @staticmethod
    def capture(config: MkDocsConfig, plugin: Any) -> tuple[MkDocsConfig, Files]:
        """The `config` and `files` events of every plugin, hcs among them, exactly as a build
        runs them (MkDocs' own `run_event` names each plugin in the files it adds)."""
        config = config.plugins.on_config(config)
        return config, config.plugins.on_files(get_files(config), config=config)

    def run(self) -> Generated:
        session = BuildSession(self.result)
        config, files = self.capture(*self.load(session))
        plugin: Any = config.plugins[PLUGIN]
        theme = self.overrides(config)
        self.write(config, files, theme)
        docs_dir = Path(config.docs_dir)
        for lang in plugin.languages:
            if lang == plugin.default_language:
                continue
            with languages.language_docs(docs_dir, lang) as docs:
                other, other_files = self.capture(*self.load(session.for_language(lang, self.result), docs))
                self.write(other, other_files, theme, lang)
        return self.done

    def overrides(self, config: MkDocsConfig) -> str | None:
        """The plugin's theme overrides, with the district's own `custom_dir` on top (it wins)."""
        target = self.tmp / "overrides"
        if str(THEME_DIR) in config.theme.dirs:
            shutil.copytree(THEME_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
        if config.theme.name == "material" and not (target / "partials" / "actions.html").exists():
            (target / "partials").mkdir(parents=True, exist_ok=True)
            (target / "partials" / "actions.html").write_text(ACTIONS, encoding="utf-8")
        theme = self.raw.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        if isinstance(custom, str) and (self.config_file.parent / custom).is_dir():
            shutil.copytree(self.config_file.parent / custom, target, dirs_exist_ok=True)
        return "overrides" if target.is_dir() else None

    def write(self, config: MkDocsConfig, files: Files, theme: str | None, lang: str | None = None) -> None:
        """docs/ and mkdocs.yml; another language: docs-<lang>/ and mkdocs.<lang>.yml, into site/<lang>/."""
        docs_dir, config_name = (f"docs-{lang}", f"mkdocs.{lang}.yml") if lang else ("docs", "mkdocs.yml")
        docs = self.tmp / docs_dir
        not_in_nav = []
        for f in files:
            target = docs / f.src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            data = f.content_bytes
            if f.generated_by is not None and f.is_documentation_page():  # a page the plugin added
                data = with_edit_url(data, _edit_url(config, f.edit_uri))
                if f.inclusion is InclusionLevel.NOT_IN_NAV:
                    not_in_nav.append(f"/{f.src_uri}")
            target.write_bytes(data)
            self.done.files += 1
        text = self.config_text(config, theme, docs_dir, f"site/{lang}" if lang else "site", not_in_nav)
        (self.tmp / config_name).write_text(text, encoding="utf-8")
        self.done.configs.append(config_name)

    def config_text(self, config: MkDocsConfig, theme: str | None, docs_dir: str, site_dir: str,
                    not_in_nav: list[str]) -> str:
        raw = dict(self.raw)
        third_party.turn_off_in_data(raw)  # the plugin warned already; the plain build must not ask others either
        if not_in_nav:  # as the plugin marks them: reached through index pages, not the navigation
            raw["not_in_nav"] = "\n".join(filter(None, [str(raw.get("not_in_nav") or "").strip(), *not_in_nav]))
        raw["docs_dir"], raw["site_dir"] = docs_dir, site_dir
        if config.site_url:
            raw["site_url"] = config.site_url
        raw["plugins"] = _without_plugin(raw.get("plugins")) or ["search"]
        exts = list(raw.get("markdown_extensions") or [])
        names = {_name(e) for e in exts}
        exts += [e for e in config.markdown_extensions if e not in names]
        raw["markdown_extensions"] = exts
        for key in ("extra_css", "extra_javascript"):
            present = [str(x) for x in raw.get(key) or []]
            raw[key] = list(raw.get(key) or []) + [str(x) for x in config[key] if str(x) not in present]
        if raw.get("nav") is None and config.nav:
            raw["nav"] = config.nav
        theme_cfg = dict(raw.get("theme") or {})
        theme_cfg["language"] = config.theme["language"]
        if theme:
            theme_cfg["custom_dir"] = theme
        raw["theme"] = theme_cfg
        if config.extra.get("alternate"):
            raw["extra"] = {**(raw.get("extra") or {}), "alternate": config.extra["alternate"]}
        for key in ("INHERIT",):
            if isinstance(raw.get(key), str):
                raw[key] = str((self.config_file.parent / raw[key]).resolve())
        if isinstance(raw.get("hooks"), list):
            raw["hooks"] = [str((self.config_file.parent / h).resolve()) for h in raw["hooks"]]
        head = ("# Written by `hcs-site generate`: the site without the hcs plugin. Do not edit;\n"
                "# change the content repository and generate again.\n")
        return head + mkdocs_yml.dump(raw)


def output_folder(root: Path, config_file: Path, out: Path) -> Path:
    """`out`, resolved, if `generate` may replace it (see `outputs`); UnsafeOutput otherwise."""
    return check_folder(out, root, protect=[config_file.resolve().parent / "docs"], hint=HINT_OUT)


def generate(result: CheckResult, config_file: Path, out: Path) -> Generated:
    """Write the tree into a temporary sibling of `out`, then swap it in (all or nothing)."""
    target = output_folder(result.root, config_file, out)
    with scratch.temporary(target, "generate") as tmp, scratch.disk_errors(tmp, target):
        (tmp / "out").mkdir()
        done = Generator(result, config_file, tmp / "out").run()
        scratch.swap_in(tmp / "out", target)
    done.out = target
    return done
