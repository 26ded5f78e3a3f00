"""The fast schema predicate must agree with jsonschema on every document, valid or not.

It is the guard behind validation's speed: if the predicate accepted a document jsonschema
rejects, a shape error would go unreported. Thousands of seeded random mutations of the sample
documents (wrong types, removed fields, typos, duplicates) are checked against both.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hcs_site.check.fast_schema import compile_schema
from hcs_site.check.schema import KINDS, schema_text, validator
from hcs_site.load.discover import discover
from hcs_site.load.files import load_markdown_file, load_yaml_file

REPO = Path(__file__).resolve().parents[1]
POOL: list[Any] = [
    None, True, False, 0, 1, -1, 4, 5, 13, 1.0, 7.0, 1.5, 100, "", "x", "K", "k", "2026-02-30",
    "2026-09-01", "26-9-1", "bad id!", "MATH.1", [], {}, ["a", "a"], ["a", "b"], [1, 1.0], [True, 1],
    {"en": ""}, {"en": "x"}, {"EN!": "x"}, {"1": "x"}, {"01": "x"}, {"x": "y"}, "latest", "teacher",
    "planned", "2025-26", "en", "e", "draft", [{"criterion": "c", "levels": {"1": "a"}}],
    [{"criterion": "c"}],
]
EXTRA_KEYS = ["extra", "objetives", "name", "level", "scored_by", "birth_date"]


def sample_documents() -> list[tuple[str, Any]]:
    files = discover(REPO)
    docs: list[tuple[str, Any]] = []
    if files.district:
        docs.append(("district", load_yaml_file(REPO, files.district)[0].data))  # type: ignore[union-attr]
    for kind, rels in (("area", files.areas), ("course", files.courses)):
        for rel in rels:
            doc, _ = load_yaml_file(REPO, rel)
            if doc is not None:
                docs.append((kind, doc.data))
    for entry in files.portfolios:
        for kind, rels in (("portfolio", [entry.portfolio] if entry.portfolio else []), ("evidence", entry.evidence)):
            for rel in rels:
                md, _ = load_markdown_file(REPO, rel)
                if md is not None:
                    docs.append((kind, md.front.data))
    return docs


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for k, x in value.items():
            yield from _paths(x, (*path, k))
    elif isinstance(value, list):
        for i, x in enumerate(value):
            yield from _paths(x, (*path, i))


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for k in path:
        value = value[k]
    return value


def mutate(data: Any, rng: random.Random) -> Any:
    d = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(list(_paths(d)))
        if not path:
            continue
        parent = _get(d, path[:-1])
        op = rng.random()
        if op < 0.5:
            parent[path[-1]] = copy.deepcopy(rng.choice(POOL))
        elif op < 0.65 and isinstance(parent, dict):
            del parent[path[-1]]
        elif op < 0.8 and isinstance(parent, dict):
            parent[rng.choice(EXTRA_KEYS)] = copy.deepcopy(rng.choice(POOL))
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
    return d


@pytest.fixture(scope="module")
def predicates() -> dict[str, Any]:
    return {kind: compile_schema(json.loads(schema_text(kind))) for kind in KINDS}


def test_sample_documents_are_valid_for_both(predicates: dict[str, Any]) -> None:
    docs = sample_documents()
    assert {kind for kind, _ in docs} == set(KINDS)
    for kind, data in docs:
        assert predicates[kind](data) is True
        assert validator(kind).is_valid(data)


def test_predicate_agrees_with_jsonschema_on_mutations(predicates: dict[str, Any]) -> None:
    docs = sample_documents()
    rng = random.Random(20261125)
    disagreements = []
    invalid = 0
    for _ in range(4000):
        kind, data = rng.choice(docs)
        mutated = mutate(data, rng)
        expected = validator(kind).is_valid(mutated)
        invalid += not expected
        if predicates[kind](mutated) != expected:
            disagreements.append((kind, expected, json.dumps(mutated)[:200]))
    assert invalid > 1500, "the mutations should produce many invalid documents"
    assert disagreements == []


def test_unknown_keywords_are_refused() -> None:
    with pytest.raises(ValueError, match="not supported"):
        compile_schema({"type": "object", "patternProperties": {"^x": {"type": "string"}}})
