"""The privacy patterns are skipped on text without their gate (a digit, `@`, the bracketed "at",
"dot"): that is only safe if every possible match contains its gate, which hypothesis checks on
texts it draws from each pattern's own regular expression."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hcs_site.check import private_text
from hcs_site.check.private_text import PATTERNS, private_details


@pytest.mark.parametrize(("pattern", "what", "gate"), PATTERNS, ids=[w + " " + p.pattern[:20] for p, w, _g in PATTERNS])
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_every_match_contains_its_gate(pattern: re.Pattern[str], what: str, gate: re.Pattern[str],
                                       data: st.DataObject) -> None:
    """Texts drawn from the pattern itself (hypothesis reads the regular expression)."""
    text = data.draw(st.from_regex(pattern))
    matches = list(pattern.finditer(text))
    assert matches
    for m in matches:
        assert gate.search(m.group()), f"{what} found in {m.group()!r} without its gate {gate.pattern!r}"


KNOWN = [
    "maya@school.us", "maya [at] school [dot] us", "maya (AT) school.org", "maya at school dot us",
    "770-555-1234", "(770) 555 1234", "+44 20 7946 0958", "123-45-6789", "123 Main Street",
    "PO Box 12", "Calle Mayor 5", "born on March 3, 2012", "my birthday is 3/4/2012",
]


@pytest.mark.parametrize("text", KNOWN)
def test_gated_and_ungated_agree(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same findings with every gate open: the gates only skip work."""
    private_text._short_details.cache_clear()
    gated = private_details(text, markdown=True)
    assert gated, text
    always = re.compile("")
    monkeypatch.setattr(private_text, "PATTERNS", tuple((p, w, always) for p, w, _g in PATTERNS))
    private_text._short_details.cache_clear()  # short texts are remembered: find them afresh
    assert private_details(text, markdown=True) == gated
