"""The scaffold templates (`templates/*.j2`), filled with plain values: no HTML, no escaping.

What they produce is a content file in the district's repository, written by the person who runs
`hcs-site new` and checked by `validate` like any other file before it is published.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..model.text import PLACEHOLDER
from .yaml_out import dump


def scalar(value: object) -> str:
    """One YAML value, quoted when needed, ready to put after `key: `."""
    return dump({"v": value})[3:].rstrip("\n")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("hcs_site.scaffold", "templates"), autoescape=False,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["yaml"] = scalar
    env.globals["TODO"] = PLACEHOLDER
    return env


def fill(template: str, **values: Any) -> str:
    return environment().get_template(template).render(**values)
