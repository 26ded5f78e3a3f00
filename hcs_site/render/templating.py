"""The Jinja environment: the package's templates, under any folder a district puts first."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup

from . import inert


def finalize(value: Any) -> Markup:
    """What a `{{ ... }}` prints: `Markup` (already inert HTML from `PageContext`) as it is,
    anything else as inert text. A template (ours or a district's override) that prints content
    without the right `ctx` method shows it literally; it can never make it markup."""
    return value if isinstance(value, Markup) else inert.markup(str(value))


def environment(override_dirs: list[Path]) -> Environment:
    """A district overrides a page by placing a file of the same name in its template folder."""
    return _environment(tuple(str(d) for d in override_dirs))


@lru_cache(maxsize=8)
def _environment(override_dirs: tuple[str, ...]) -> Environment:
    """One environment per set of folders: compiling the templates again on every build (and on
    every `serve` rebuild) costs more than rendering a small site. Jinja reloads a template whose
    file changed, so a district editing its overrides still sees them."""
    loaders: list[BaseLoader] = [FileSystemLoader(list(override_dirs))] if override_dirs else []
    loaders.append(PackageLoader("hcs_site.render", "templates"))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=False,  # templates write Markdown; what they print goes through `finalize`
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
