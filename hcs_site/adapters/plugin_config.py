"""The `hcs` plugin's options in mkdocs.yml (`plugins: - hcs: {...}`); see docs/configuration.md."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


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
