"""The API's JSON is made by joining strings, not by `json.dumps` with `indent`: the same text for
any value JSON can hold, the same refusal of what it cannot."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hcs_site.export import json_encode
from hcs_site.export.json_encode import NotFiniteError, dumps, indented


def reference(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False)


SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-2**80, max_value=2**80)
           | st.floats(allow_nan=False, allow_infinity=False) | st.text() | st.just("\x00\x1f\"\\\u2028é😀"))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                      | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_the_same_text_as_json_dumps(data: Any) -> None:
    assert indented(data) == reference(data)
    assert dumps(data) == (reference(data) + "\n").encode("utf-8")


@pytest.mark.parametrize("data", [{1: "a number as a key"}, {"a": {2: 1, 1: 2}}, [1, {True: 2}]])
def test_what_it_leaves_to_json_dumps_reads_the_same(data: Any) -> None:
    assert dumps(data) == (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


@pytest.mark.parametrize("number", [math.nan, math.inf, -math.inf])
def test_a_number_that_is_not_finite_is_refused(number: float) -> None:
    with pytest.raises(NotFiniteError):
        dumps({"level": [1, number]})


def test_a_type_json_lacks_is_refused_as_json_dumps_refuses_it() -> None:
    with pytest.raises(TypeError):
        dumps({"when": {1, 2}})


def test_an_empty_container_and_nesting_read_as_json_writes_them() -> None:
    assert json_encode.indented({"a": [], "b": {}, "c": [[1], {"d": None}]}) == (
        '{\n  "a": [],\n  "b": {},\n  "c": [\n    [\n      1\n    ],\n    {\n      "d": null\n    }\n  ]\n}')
