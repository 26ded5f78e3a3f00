"""The model's fingerprint tells apart every change a page or a student's check could show."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from hcs_site.load.yaml_reader import Document
from hcs_site.model.fingerprint import fingerprint
from hcs_site.model.framework import AssessmentType, MasteryRule
from hcs_site.model.text import Text


def _at(doc: Document, title: Text | None = None, ident: str = "written") -> AssessmentType:
    return AssessmentType(doc, ("assessment_types", 0), ident, title or Text((("en", "Written"),)), Text(()))


def test_equal_values_have_one_fingerprint_and_positions_do_not_count() -> None:
    a = Document("content/district.yml", {"x": [1, "a"]}, positions={("x",): (3, 1)})
    b = Document("content/district.yml", {"x": [1, "a"]}, positions={("x",): (9, 5)})
    assert fingerprint(_at(a)) == fingerprint(_at(b))


@pytest.mark.parametrize("other", [
    1.0, True, "1", [1], None, dt.date(2026, 1, 1),
])
def test_values_python_tells_apart_are_apart(other: object) -> None:
    assert fingerprint(1) != fingerprint(other)


def test_every_field_counts() -> None:
    doc = Document("content/district.yml", {"x": 1})
    base = _at(doc)
    changed = [
        _at(doc, ident="oral"),
        _at(doc, title=Text((("es", "Written"),))),
        _at(doc, title=Text((("en", "Written"),), "es")),
        _at(Document("content/district.yml", {"x": 2})),
        _at(Document("content/other.yml", {"x": 1})),
        dataclasses.replace(base, ptr=("assessment_types", 1)),
    ]
    prints = {fingerprint(base), *(fingerprint(c) for c in changed)}
    assert len(prints) == len(changed) + 1


def test_a_shared_document_is_written_once_and_still_counts() -> None:
    doc = Document("content/courses/a.yml", {"title": "A"})
    other = Document("content/courses/a.yml", {"title": "B"})
    assert fingerprint([_at(doc), _at(doc)]) != fingerprint([_at(other), _at(other)])
    assert fingerprint([_at(doc), _at(doc)]) != fingerprint([_at(doc)])


def test_a_type_it_does_not_know_is_refused_not_guessed() -> None:
    with pytest.raises(TypeError):
        fingerprint(object())
    assert fingerprint(MasteryRule()) != fingerprint(MasteryRule(count=3))
