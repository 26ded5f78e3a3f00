"""Near misses of each privacy pattern, on both sides of its line, with the exact position reported.

Each row is a text a student could write and what a reader of the published page would see in it.
The rows come from mutation testing (docs/testing.md): for every loosened class, bound or
lookaround of `check/private_text.py` there is a row whose answer changes, so a regression in the
patterns fails here, not in a published portfolio.
"""

from __future__ import annotations

import pytest

from hcs_site.check import private_text
from hcs_site.check.private_text import private_details

NUMBER = "what looks like a student number"
EMAIL = "an email address"
PHONE = "a phone number"
SSN = "a Social Security number"
ADDRESS = "a street address"
BIRTH = "a birth date"

ROWS: list[tuple[str, list[tuple[int, int, str]]]] = [
    # character references: what the browser shows, at the column of the reference
    ("&#1234567;", []), ("&#12345678901;", []),           # beyond Unicode: shows U+FFFD, not digits
    ("maya&#00000000000000000064;school.us", [(0, 1, EMAIL)]), ("&#x0000000000031234567", []),
    ("12&#x9;Main Street", [(0, 1, ADDRESS)]),            # a one-digit hex reference is a tab
    ("&a 1234567;", [(0, 4, NUMBER)]),                    # not a reference: the number is where it is
    ("maya &lt;at&gt; school &lt;dot&gt; us", [(0, 1, EMAIL)]),
    ("&#xa@b.us;", [(0, 3, EMAIL)]),
    ("12&ThickSpace;Street", []),                         # two spaces, no street name
    # percent escapes: only printable ASCII (%20 to %7F) is decoded
    ("%81234567", [(0, 2, NUMBER)]),
    ("100%4G and 5%7z", []),
    # emails
    ("maya@my school.org", []), ("maya@school.1 x.org", []), ("maya@school..org", []),
    ("a@b.org.c@d.org", [(0, 1, EMAIL)]),
    ("maya (at) school (dot) 2012", []),
    # international phone numbers: + then 8 to 15 digits, at most two separators between digits
    ("+44 (20) 7946 0958", [(0, 1, PHONE)]), ("+1 234 567 8", [(0, 1, PHONE)]),
    ("+1234567", [(0, 2, NUMBER)]), ("+123456789012345", [(0, 1, PHONE)]), ("+1234567890123456", []),
    ("+1 770 555 1234ext 5", [(0, 1, PHONE)]), ("9+12345678", [(0, 3, NUMBER)]),
    ("+x12345678", []), ("+1 abc defg", []), ("+1 - 2345678901", [(0, 6, NUMBER)]),
    # Social Security numbers: 3-2-4 digits, one separator used twice, a whole token
    ("abc-12-3456", []), ("123/45/6789", []), ("123-ab-4567", []), ("123-45-abcd", []),
    ("123-45-67890", []), ("123-45-6789 1", [(0, 1, SSN)]), ("123-45-6789.x", [(0, 1, SSN)]),
    # post office boxes
    ("a hippo box 12", []), ("a pro box 3", []), ("polo box 4", []), ("the P.O. boxes hold 25", []),
    ("the PO Box office, room 5", []), ("a P.O. Box at school, room 5", []),
    ("P.O. Box 5", [(0, 1, ADDRESS)]), ("\\P.O. Box 6", [(0, 2, ADDRESS)]),
    # Spanish street addresses: calle/avenida, up to six words, a number of 1 to 5 digits
    ("Calle 5", [(0, 1, ADDRESS)]), ("Calle de la Rosa Blanca 12", [(0, 1, ADDRESS)]),
    ("Calle de la Virgen de los Dolores 5", [(0, 1, ADDRESS)]), ("Calle Mayor, 5", [(0, 1, ADDRESS)]),
    ("Calle de la Rosa, 12", [(0, 1, ADDRESS)]), ("la calle es nueva, 3 casas", []),
    ("la calle por la que vamos todos los días tiene 5 casas", []),
    ("Calle Mayor 123456", []), ("Calle Mayor 12345", [(0, 1, ADDRESS)]), ("Calle Mayor 12abc", []),
    ("Calle Mayor 12, Madrid", [(0, 1, ADDRESS)]), ("Calle Mayor nº 5", [(0, 1, ADDRESS)]),
    ("Calle Mayor n-5", []), ("calle Mayor5", []), ("el callejón 5", []), ("esa calle, 5 veces", []),
    ("la calle (la nueva) tiene 3 casas", []),
    ("la calle es larga, mide 300 metros", []), ("calle -a 5", []), ("Octav. 5", []),
    # a date alone is not a birth date
    ("We started on March 3, 2012.", []), ("born on March 3, 2012", [(0, 1, BIRTH)]),
    # digits of other scripts count as digits, also next to a number
    ("1234567890١", []), ("١٢٣٤٥٦٧", [(0, 1, NUMBER)]),
    # positions: lines count from the text's first line, columns from 1
    ("\n1234567", [(1, 1, NUMBER)]), ("x\n\n 770-555-1234", [(2, 2, PHONE)]),
]


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[repr(t) for t, _e in ROWS])
def test_near_miss(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert private_details(text) == expected


MARKDOWN_ROWS: list[tuple[str, list[tuple[int, int, str]]]] = [
    ("\\P.O. Box 6", [(0, 2, ADDRESS)]),      # a backslash before a letter is not an escape
    ("note\\", []),                           # a final backslash
    ("call 770\\-555\\-1234", [(0, 6, PHONE)]),
    ("maya@gm**ail**.com", [(0, 1, EMAIL)]),
]


@pytest.mark.parametrize(("text", "expected"), MARKDOWN_ROWS, ids=[repr(t) for t, _e in MARKDOWN_ROWS])
def test_near_miss_in_markdown(text: str, expected: list[tuple[int, int, str]]) -> None:
    assert private_details(text, markdown=True) == expected


@pytest.mark.parametrize("escaped", ["770-555-1234\\-", "maya@school.org\\.", "1234567\\."])
def test_an_escaped_last_character_reads_as_itself(escaped: str) -> None:
    shown = escaped.replace("\\", "")
    assert private_details(escaped, markdown=True) == private_details(shown, markdown=True)


def test_a_district_pattern_that_matches_nothing_finds_nothing() -> None:
    """An empty match of a district's student-number pattern is not a finding."""
    private_text._short_details.cache_clear()
    assert private_details("abc", r"\d*") == []
