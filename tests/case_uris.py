"""Every `uri` a CASE package names, and where a static host would find it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def uris(data: Any) -> Iterator[str]:
    """Every value of a `uri` key, at any depth (items, links, rubric criteria and levels ...)."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "uri" and isinstance(value, str):
                yield value
            else:
                yield from uris(value)
    elif isinstance(data, list):
        for value in data:
            yield from uris(value)


def site_path(uri: str, site_url: str) -> str:
    """The file a static host serves for `uri`: the path itself, or its folder's index.html."""
    assert uri.startswith(site_url), f"{uri} is not on {site_url}"
    return uri[len(site_url):]


def missing(package: Any, site_url: str, exists: Any) -> list[str]:
    """The URIs of `package` for which `exists(path)` finds neither the file nor `path/index.html`."""
    out = []
    for uri in sorted(set(uris(package))):
        rel = site_path(uri, site_url)
        if not exists(rel) and not exists(rel.rstrip("/") + "/index.html"):
            out.append(uri)
    return out
