"""Reading and writing mkdocs.yml as data, without MkDocs: `!ENV` and `!!python/name:` tags are
kept as written (never executed), so a configuration can be rewritten for another engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class Tagged:
    """A YAML value with an application tag (`!ENV`, `!!python/name:...`), kept as written."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


_Loader.add_multi_constructor("", _construct_tagged)
_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(Tagged, _represent_tagged)


def read(path: Path) -> dict[str, Any]:
    """mkdocs.yml as data, application tags kept."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # a SafeLoader: tags are kept, never run
    return data if isinstance(data, dict) else {}


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def site_url(root: Path, config_file: str = "mkdocs.yml") -> str | None:
    """site_url of the repository's mkdocs.yml, if it has one."""
    path = root / config_file
    if not path.is_file():
        return None
    try:
        value = read(path).get("site_url")
    except yaml.YAMLError:
        return None
    return value if isinstance(value, str) and value else None
