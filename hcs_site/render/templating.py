"""The Jinja environment: the package's templates, under any folder a district puts first."""

from __future__ import annotations

from pathlib import Path

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined


def environment(override_dirs: list[Path]) -> Environment:
    """A district overrides a page by placing a file of the same name in its template folder."""
    loaders: list[BaseLoader] = [FileSystemLoader([str(d) for d in override_dirs])] if override_dirs else []
    loaders.append(PackageLoader("hcs_site.render", "templates"))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=False,  # templates write Markdown; content is escaped by PageContext
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
