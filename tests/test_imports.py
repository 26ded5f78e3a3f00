"""The package's shape: layers import only downwards, the core never imports MkDocs, no import
circles. Every `import` counts, also those inside functions (a lazy import is still a circle)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "hcs_site"

LAYERS = [
    {"diagnostics", "digests", "outputs", "scratch", "file_modes"},
    {"load"},
    {"model"},
    {"check"},
    {"diff"},
    {"render"},
    {"selection"},
    {"import_", "export", "scaffold", "upgrade"},
    {"adapters"},
    {"commands"},
    {"cli", "__main__"},
]
"""From the bottom up: a module imports from its own layer or the ones below it."""
CORE = set().union(*LAYERS[:8])
"""Never imports MkDocs or Material: `hcs-site validate` stays fast and other engines can use it."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports(name: str) -> Iterator[str]:
    """Every module `name` imports (hcs_site's own and third-party), wherever the import stands."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            named = [f"{source}.{alias.name}" for alias in node.names]
            own = [n for n in named if n in MODULES]  # `from . import x`: the module x itself
            yield from own if own else [source]


def layer(name: str) -> int | None:
    top = name.split(".")[1] if "." in name else ""
    return next((i for i, group in enumerate(LAYERS) if top in group), None)


def own_imports(name: str) -> set[str]:
    return {m for m in imports(name) if m in MODULES and m != "hcs_site"}


def test_every_module_has_a_layer() -> None:
    assert [m for m in MODULES if m != "hcs_site" and layer(m) is None] == []


def test_layers_import_only_downwards() -> None:
    upward = [f"{m} imports {t}" for m in MODULES if m != "hcs_site" for t in sorted(own_imports(m))
              if (layer(t) or 0) > (layer(m) or 0)]
    assert upward == []


def test_render_knows_nothing_of_check_serve_or_shards() -> None:
    found = [f"{m} imports {t}" for m in MODULES if m.startswith("hcs_site.render.")
             for t in sorted(own_imports(m)) if t.startswith(("hcs_site.check", "hcs_site.selection"))]
    assert found == []


def test_the_core_never_imports_mkdocs() -> None:
    found = [f"{m} imports {t}" for m in MODULES if m.split(".")[1:2] and m.split(".")[1] in CORE
             for t in imports(m) if t.split(".")[0] in ("mkdocs", "material")]
    assert found == []


def cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    graph = {m: sorted(own_imports(m)) for m in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for m in sorted(graph):
        if m not in index:
            visit(m)
    return found


def test_no_import_circles() -> None:
    assert cycles() == []


def test_the_walk_sees_lazy_imports_and_circles() -> None:
    """The checks above would pass on a walker that found nothing: this one must find these."""
    assert "hcs_site.adapters.build" in own_imports("hcs_site.commands.site")  # imported inside a function
    assert "mkdocs.config" in set(imports("hcs_site.adapters.build"))
    assert layer("hcs_site.render.links") == 5 and layer("hcs_site.check.pipeline") == 3
