"""Configuration that would make every reader's browser ask another site for something.

Each such request hands the reader's address (a family at home, a student at school) to a third
party, on a site that publishes minors' work. The hcs plugin turns these features off before
MkDocs builds, and `hcs-site generate` writes its mkdocs.yml without them; what a district asked
for explicitly is reported as a warning (a failure under --strict). The Content-Security-Policy
(`csp.py`) would block the requests anyway: this keeps pages from trying and failing.

Material's repository widget (`repo_url`) is handled by the theme instead: hcs-site's
`partials/source.html` shows the link without the widget that fetches the repository's facts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping, MutableSequence
from typing import Any

MATERIAL_FONT = {"text": "Roboto", "code": "Roboto Mono"}
"""Material's default `theme.font`, loaded from Google Fonts unless `font: false`."""
MATERIAL_FAVICON = "assets/images/favicon.png"
_ELSEWHERE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//|\\\\)", re.I)

HINT = "hcs-site turned it off; every reader's address would go there (see docs/accessibility.md)"


def elsewhere(value: Any) -> bool:
    """A URL with a scheme or a host (https://..., //host/..., data:...): not a file of the site."""
    return isinstance(value, str) and bool(_ELSEWHERE.match(value))


def _path(entry: Any) -> Any:
    """extra_css and extra_javascript entries: a string, or MkDocs' object with a `path`."""
    return getattr(entry, "path", entry)


def turn_off(theme: MutableMapping[str, Any], extra: MutableMapping[str, Any],
             assets: Mapping[str, MutableSequence[Any]]) -> list[str]:
    """Remove third-party features in place; returns a warning for each one a district asked for.

    `theme` and `extra` are the configuration's mappings (MkDocs' or plain mkdocs.yml data),
    `assets` maps `extra_css` and `extra_javascript` to their lists."""
    warnings = []
    font = theme.get("font")
    if font not in (False, None):
        if font != MATERIAL_FONT:
            warnings.append(f"theme.font loads fonts from Google Fonts on every page; {HINT}. "
                            "Set `font: false`: pages use the reader's system fonts")
        theme["font"] = False
    for key, fallback in (("logo", None), ("favicon", MATERIAL_FAVICON)):
        if elsewhere(theme.get(key)):
            warnings.append(f"theme.{key} is loaded from another site ({theme[key]}); {HINT}. "
                            f"Put the image in docs/ and name its path")
            if fallback is None:
                del theme[key]
            else:
                theme[key] = fallback
    if extra.get("analytics"):
        warnings.append(f"extra.analytics sends every page view to an analytics service; {HINT}")
        del extra["analytics"]
    for key, entries in assets.items():
        for entry in [e for e in entries if elsewhere(_path(e))]:
            warnings.append(f"{key} loads {_path(entry)} from another site; {HINT}. "
                            "Save the file in docs/ and name its path")
            entries.remove(entry)
    return warnings


def turn_off_in_data(raw: dict[str, Any]) -> list[str]:
    """The same on mkdocs.yml read as data (`export.mkdocs_yml.read`), e.g. for `hcs-site generate`."""
    given = raw.get("theme")
    theme = dict(given) if isinstance(given, dict) else {"name": given} if isinstance(given, str) else {}
    extra = dict(raw["extra"]) if isinstance(raw.get("extra"), dict) else {}
    assets = {key: list(raw[key]) if isinstance(raw.get(key), list) else []
              for key in ("extra_css", "extra_javascript")}
    if theme.get("name") == "material":
        theme.setdefault("font", MATERIAL_FONT)
    warnings = turn_off(theme, extra, assets)
    if given is not None:
        raw["theme"] = theme
    if "extra" in raw:
        raw["extra"] = extra
    for key, entries in assets.items():
        if key in raw:
            raw[key] = entries
    return warnings
