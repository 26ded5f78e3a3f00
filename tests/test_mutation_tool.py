"""scripts/mutation.py makes the mutants it promises, and its equivalent-mutant list stays true.

The tool is not part of the package; it is loaded from scripts/ the way `python scripts/mutation.py`
runs it. Running mutants takes minutes, so only mutant generation is tested here.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"

SNIPPET = '''\
"""A module docstring: never mutated."""
import re
from dataclasses import dataclass

SLUG = re.compile(r"^[a-z]{7,10}(?=-)")
ALLOWED = frozenset({"a", "b"})
LABELS = {"en": "English"}


@dataclass(frozen=True)
class Box:
    size: int = 3


def cached(f):
    return f


@cached
def check(value: str, limit: int = 2) -> bool:
    """Docstring."""
    if not value:
        return False
    name = f"id-{value}"
    keep = len(value) < limit  # pragma: no mutate
    return all(c in ALLOWED for c in value) and len(name) >= limit
'''


@pytest.fixture(scope="module")
def tool() -> Iterator[ModuleType]:
    sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location("mutation_cli", SCRIPTS / "mutation.py")
    assert spec is not None and spec.loader is not None
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(SCRIPTS))
        del sys.modules[spec.name]


def changes(tool: ModuleType, source: str) -> set[tuple[int, str, str]]:
    found, skipped = tool.mutants("snippet.py", source.encode("utf-8"))
    assert skipped == 0
    for m in found:  # every mutant is valid Python that differs from the original
        mutated = m.apply(source.encode("utf-8")).decode("utf-8")
        assert mutated != source
        compile(mutated, "snippet.py", "exec")
    return {(m.line, m.operator, m.change) for m in found}


def test_the_promised_mutants(tool: ModuleType) -> None:
    found = changes(tool, SNIPPET)
    regex = 'SLUG = re.compile(r"^[a-z]{7,10}(?=-)")'
    expected = {
        (5, "regex-bound", f'{regex} → SLUG = re.compile(r"^[a-z]{{8,10}}(?=-)")'),
        (5, "regex-bound", f'{regex} → SLUG = re.compile(r"^[a-z]{{7,9}}(?=-)")'),
        (5, "regex-lookaround", f'{regex} → SLUG = re.compile(r"^[a-z]{{7,10}}")'),
        (5, "regex-anchor", f'{regex} → SLUG = re.compile(r"[a-z]{{7,10}}(?=-)")'),
        (5, "regex-class", f'{regex} → SLUG = re.compile(r"^[\\s\\S]{{7,10}}(?=-)")'),
        (6, "allowlist-remove", 'ALLOWED = frozenset({"a", "b"}) → ALLOWED = frozenset({"b"})'),
        (6, "allowlist-gain", 'ALLOWED = frozenset({"a", "b"}) → ALLOWED = frozenset({"script", "a", "b"})'),
        (7, "allowlist-remove", 'LABELS = {"en": "English"} → LABELS = {}'),
        (10, "constant", "@dataclass(frozen=True) → @dataclass(frozen=False)"),
        (12, "constant", "size: int = 3 → size: int = 4"),
        (20, "constant", "def check(value: str, limit: int = 2) -> bool: → "
                         "def check(value: str, limit: int = 3) -> bool:"),
        (22, "not", "if not value: → if value:"),
        (23, "constant", "return False → return True"),
        (24, "delete", 'name = f"id-{value}" → pass'),
        (26, "all-any", "return all(c in ALLOWED for c in value) and len(name) >= limit → "
                        "return any(c in ALLOWED for c in value) and len(name) >= limit"),
        (26, "and-or", "return all(c in ALLOWED for c in value) and len(name) >= limit → "
                       "return all(c in ALLOWED for c in value) or len(name) >= limit"),
        (26, "boundary", "return all(c in ALLOWED for c in value) and len(name) >= limit → "
                         "return all(c in ALLOWED for c in value) and len(name) > limit"),
        (26, "compare", "return all(c in ALLOWED for c in value) and len(name) >= limit → "
                        "return all(c not in ALLOWED for c in value) and len(name) >= limit"),
        (26, "return-none", "return all(c in ALLOWED for c in value) and len(name) >= limit → return None"),
    }
    assert expected <= found, expected - found
    lines = {line for line, _, _ in found}
    assert not lines & {1, 21, 25}  # docstrings and the `# pragma: no mutate` line
    assert {op for line, op, _ in found if line == 20} == {"constant"}  # the default, never the annotations
    assert not any(op == "string" and "id-" in change for _, op, change in found)  # f-string parts


def test_every_equivalent_entry_is_a_mutant_of_today(tool: ModuleType) -> None:
    # An entry whose line moved would hide nothing and mislead: fix its line when the module changes.
    found_in: dict[str, list[Any]] = {}
    for entry in tool.load_equivalent():
        if entry.module not in found_in:  # making a module's mutants takes seconds: once per module
            found_in[entry.module] = tool.mutants(entry.module, (SCRIPTS.parent / entry.module).read_bytes())[0]
        found = found_in[entry.module]
        assert any(entry.matches(m) for m in found), f"{entry.module}:{entry.line} {entry.change}"
        assert entry.reason.strip(), entry


def test_declared_tests_exist_and_unknown_modules_are_usage_errors(tool: ModuleType) -> None:
    targets = tool.load_targets()
    assert tool.resolve("render/mastery.py", targets) == "hcs_site/render/mastery.py"
    assert tool.resolve("hcs_site.diff.compare", targets) == "hcs_site/diff/compare.py"
    with pytest.raises(tool.UsageError, match=r"not in scripts/mutation_targets\.toml"):
        tool.resolve("render/nowhere.py", targets)
