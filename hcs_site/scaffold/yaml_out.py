"""Writing content YAML the way a committee would: block style, short lists inline, safe quoting.

The loader reads YAML 1.2 core scalars (see `load.yaml_reader.resolve_plain`), which is not the
YAML 1.1 that PyYAML's emitter quotes for: `1e3` is a number to our loader but would be written
bare by PyYAML. Every string our loader would not read back as the same string is quoted, so a
written file always loads to exactly the data it was written from.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..load.yaml_reader import resolve_plain


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        """Indent list items under their key (`objectives:` then `  - id:`), as the samples do."""
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = None
    if resolve_plain(value) != value or value != value.strip():
        style = '"'
    elif "\n" in value:
        style = "|"
    elif len(value) > 72 and "  " not in value:
        style = ">"  # long text folded over several lines, as the sample content writes it
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    """Lists of short scalars inline (`aligns: [MATH.RP, MATH.RP.2]`), everything else as blocks."""
    flow = all(isinstance(v, str | int | float) and len(str(v)) < 40 for v in value) and len(value) <= 12
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


def _dict(dumper: yaml.SafeDumper, value: dict[Any, Any]) -> yaml.Node:
    """Rubric levels are keyed by number: `3:` rather than `"3":` (the loader reads keys as text)."""
    items = [(int(k) if isinstance(k, str) and k.isdigit() and k == str(int(k)) else k, v)
             for k, v in value.items()]
    return dumper.represent_mapping("tag:yaml.org,2002:map", items)


class _FlowDumper(_Dumper):
    """Everything in flow style: the representers of `_Dumper` without its block lists."""


_Dumper.add_representer(str, _str)
_Dumper.add_representer(dict, _dict)
_Dumper.add_representer(list, _list)


_FlowDumper.add_representer(list, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_FlowDumper.add_representer(str, lambda d, v: d.represent_scalar(
    "tag:yaml.org,2002:str", v, style='"' if resolve_plain(v) != v or v != v.strip() else None))


def dump(data: Any, width: int = 92) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=width,
                     default_flow_style=False, indent=2)


def flow(data: Any) -> str:
    """`data` on one line in flow style (`[MATH.RP, MATH.RP.2]`), quoted as `dump` quotes."""
    return yaml.dump(data, Dumper=_FlowDumper, sort_keys=False, allow_unicode=True, width=1_000_000,
                     default_flow_style=True).strip()


def document(data: dict[str, Any], schema_line: str) -> str:
    """A whole content file: the schema line (`scaffold.schema_lines`: editors then complete and
    check the fields; "" for none), then the fields."""
    return schema_line + dump(data)
