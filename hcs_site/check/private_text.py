"""Contact details, identity numbers, addresses and birth dates in text, found as a reader sees it.

The source is not what the reader sees: `maya&#64;gmail.com`, `770\\-555\\-1234`, full-width
digits, a zero-width space inside a number and `maya@gm**ail**.com` all show a plain email or
phone number on the page. Each text is first turned into its visible characters (entities and
percent-escapes decoded, backslash escapes and invisible format characters dropped, Unicode
compatibility forms and digits folded to ASCII, and for Markdown also a second view without
emphasis marks), keeping for every visible character the source position it came from, so a
diagnostic still points at the line and column the student has to edit.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

DEFAULT_STUDENT_NUMBER = r"\d{7,10}"
"""Without a district pattern: 7 to 10 digits in a row (not part of a longer number or a decimal)."""

_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]{1,31});")
"""A character reference as browsers and Markdown read it: any number of digits (leading zeros, or
beyond Unicode's range, which shows U+FFFD); names of 2 to 32 characters (the longest is 32)."""
_PERCENT = re.compile(r"%([2-7][0-9A-Fa-f])")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"), "-")
_MARKS = frozenset("*_`")
_PLAIN = re.compile(r"[\t\n\x20-\x24\x27-\x5b\x5d-\x7e]*\Z")
"""ASCII without `&`, `%` and backslash: visible as written (Markdown marks aside)."""

_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]*\w@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")
_TLD = r"(?:com|org|net|edu|gov|us|io|mx|co|uk|info|me|es)\b"
_DOT_WORD = r"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+)"
_EMAIL_BRACKET_AT = re.compile(
    rf"(?<![\w.])[\w.+-]*\w\s*[\[({{<]\s*at\s*[\])}}>]\s*[\w-]+(?:(?:\.|{_DOT_WORD})[\w-]+)*?(?:\.|{_DOT_WORD}){_TLD}",
    re.I)
_EMAIL_WORD_AT = re.compile(
    rf"(?<![\w.])[\w.+-]*\w\s+at\s+[\w-]+(?:(?:\.|{_DOT_WORD})[\w-]+)*?{_DOT_WORD}{_TLD}", re.I)
_SEP = r"[ .\-]"
_PHONE_US = re.compile(
    rf"(?<![\w+.\-])(?:(?:\+?1{_SEP}?)?(?:\(\d{{3}}\){_SEP}?\d{{3}}{_SEP}|\d{{3}}[.\-]\d{{3}}[.\-])\d{{4}}"
    r"|(?:\+?1 )?[2-9]\d\d [2-9]\d\d \d{4})(?![\w\-]|[.,]\d)")
"""US numbers: with dashes, dots or parentheses any digits count (students write 123-456-7890,
(770) 555 1234);
with spaces only, the area code and exchange must be real (2-9 first), so scores are not phones."""
_PHONE_INTL = re.compile(r"(?<![\w+])\+\d(?:[ .()\-]{0,2}\d){7,14}(?!\d)")
_SSN = re.compile(r"(?<![\w.\-])\d{3}([ \-])\d{2}\1\d{4}(?![\w\-]|[.,]\d)")
_STOP = r"(?:the|a|an|of|and|or|my|our|his|her|their|in|on|at|to|for|from|by|with|down|up|i|we|is|was|more|than)"
_STREET_WORD = rf"(?:(?!{_STOP}\s)[^\W\d_][\w'’]*\.?|\d+(?:st|nd|rd|th))"
_SUFFIX = (r"(?:street|st|avenue|ave|road|rd|drive|dr|lane|ln|boulevard|blvd|court|ct|circle|cir|way|"
           r"place|pl|parkway|pkwy|highway|hwy|trail|trl|terrace|ter|pike|loop)")
_ADDRESS = re.compile(
    rf"(?<![\w.,/:\-])\d{{1,6}}[A-Za-z]?\s+(?:(?:[NSEW]|north|south|east|west|ne|nw|se|sw)\.?\s+)?"
    rf"(?:{_STREET_WORD}\s+){{1,4}}{_SUFFIX}(?![\w\-])\.?", re.I)
_PO_BOX = re.compile(r"(?<!\w)p\.?\s?o\.?\s*box\s*#?\s*\d+", re.I)
_CALLE = re.compile(  # "Calle de la Rosa 12", "Calle Mayor, 5" (a comma after a capitalised name only)
    r"(?<!\w)(?:calle|avenida|avda\.|av\.)\s+(?:[^\W\d_][\w'’.]*\s+){0,6}"
    r"(?:(?-i:[A-ZÁÉÍÓÚÑ])[\w'’.]*,\s*)?(?:#|n[º°o]\.?)?\s*\d{1,5}(?!\w)", re.I)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|"
          r"junio|julio|agosto|sep?tiembre|octubre|noviembre|diciembre)\.?")
_DATE = (rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?!\d)"
         rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?{_MONTH}(?:,?\s+(?:de(?:l)?\s+)?\d{{4}})?"
         rf"|{_MONTH}(?:\s+of|\s+de(?:l)?)?,?\s+\d{{4}}"
         r"|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}(?!\d)|\d{4}-\d{1,2}-\d{1,2}(?!\d))")
_BIRTH_WORD = (r"(?:born|birth\s*day|birthday|b-?day|birth\s*date|birthdate|date\s+of\s+birth|d\.?o\.?b\.?|"
               r"nac[ií]|naci[oó]|nacid[oa]|nacimiento|cumplea[ñn]os)")
_BIRTH_DATE = re.compile(
    rf"(?<!\w){_BIRTH_WORD}(?!\w)[^.!?\n]{{0,40}}?(?<!\w){_DATE}"
    rf"|(?<!\w){_DATE}[^.!?\n]{{0,20}}?(?<!\w)(?:birthday|b-?day|cumplea[ñn]os)(?!\w)", re.I)

_DIGIT = re.compile(r"\d")
_AT_SIGN = re.compile("@")
_BRACKET_AT = re.compile(r"[\[({<]\s*at\s*[\])}>]", re.I)
_DOT = re.compile("dot", re.I)

PATTERNS: tuple[tuple[re.Pattern[str], str, re.Pattern[str]], ...] = (
    (_EMAIL, "an email address", _AT_SIGN),
    (_EMAIL_BRACKET_AT, "an email address", _BRACKET_AT),
    (_EMAIL_WORD_AT, "an email address", _DOT),
    (_PHONE_US, "a phone number", _DIGIT),
    (_PHONE_INTL, "a phone number", _DIGIT),
    (_SSN, "a Social Security number", _DIGIT),
    (_ADDRESS, "a street address", _DIGIT),
    (_PO_BOX, "a street address", _DIGIT),
    (_CALLE, "a street address", _DIGIT),
    (_BIRTH_DATE, "a birth date", _DIGIT),
)
"""(pattern, what it finds, gate). The gate is a part every match must contain (the `@`, a digit,
the bracketed "at", the word "dot"): a text without it cannot match, so the costly pattern is not
run. Evidence is mostly prose without digits; this halves validation time on a district."""


@lru_cache(maxsize=64)
def student_number(pattern: str | None = None) -> re.Pattern[str]:
    """The district's student-number pattern, as a whole token: never inside a longer number,
    a word or a decimal (`27.02200`, `3.14159265`, an ISBN-13)."""
    core = pattern or DEFAULT_STUDENT_NUMBER
    return re.compile(rf"(?<![0-9A-Za-z])(?<![0-9][.,])(?:{core})(?![0-9A-Za-z])(?![.,][0-9])")


def visible(text: str, markdown: bool = False) -> tuple[str, list[int]]:
    """The characters a reader sees, and for each the index in `text` it comes from."""
    if _PLAIN.match(text):
        return text, list(range(len(text)))
    out: list[str] = []
    src: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and markdown and i + 1 < n and text[i + 1] in "\\`*_{}[]()#+-.!<>|&%@":
            out.append(text[i + 1])
            src.append(i)
            i += 2
            continue
        if ch == "&" and (m := _ENTITY.match(text, i)):
            for c in _fold(html.unescape(m.group())):
                out.append(c)
                src.append(i)
            i = m.end()
            continue
        if ch == "%" and (m := _PERCENT.match(text, i)):
            out.append(chr(int(m.group(1), 16)))
            src.append(i)
            i = m.end()
            continue
        for c in _fold(ch):
            out.append(c)
            src.append(i)
        i += 1
    return "".join(out), src


def _fold(chars: str) -> str:
    """Visible form of decoded characters: no format characters, ASCII digits and dashes, NFKC."""
    folded = []
    for ch in chars:
        if ch.isascii():
            folded.append(ch)
            continue
        cat = unicodedata.category(ch)
        if cat == "Cf":
            continue
        if cat == "Nd":
            folded.append(str(unicodedata.digit(ch)))
            continue
        folded.append(unicodedata.normalize("NFKC", ch).translate(_DASHES))
    return "".join(folded)


def _without_marks(view: str, src: list[int]) -> tuple[str, list[int]]:
    keep = [k for k, c in enumerate(view) if c not in _MARKS]
    return "".join(view[k] for k in keep), [src[k] for k in keep]


def private_details(text: str, student_number_pattern: str | None = None,
                    markdown: bool = False) -> list[tuple[int, int, str]]:
    """(line offset, column, what) of every private detail a reader would see in `text`.

    `text` is plain visible text (a PDF's text, a title); `markdown=True` also reads it as
    Markdown (emphasis marks and backslash escapes do not hide a number). Positions are in
    `text` itself: the line offset from its first line, the column 1-based."""
    if len(text) <= _SHORT:
        return list(_short_details(text, student_number_pattern, markdown))
    return _details(text, student_number_pattern, markdown)


_SHORT = 200
"""Front-matter values (course IDs, assessment types, titles) repeat across a district's evidence:
short texts are remembered."""


@lru_cache(maxsize=8192)
def _short_details(text: str, student_number_pattern: str | None,
                   markdown: bool) -> tuple[tuple[int, int, str], ...]:
    return tuple(_details(text, student_number_pattern, markdown))


def _details(text: str, student_number_pattern: str | None, markdown: bool) -> list[tuple[int, int, str]]:
    view, src = visible(text, markdown)
    views = [(view, src)]
    if markdown and any(c in _MARKS for c in view):
        views.append(_without_marks(view, src))
    patterns = (*PATTERNS, (student_number(student_number_pattern), "what looks like a student number", None))
    found: set[tuple[int, int, str]] = set()
    for shown, where in views:
        for pattern, what, gate in patterns:
            if gate is not None and not gate.search(shown):
                continue
            for m in pattern.finditer(shown):
                if m.end() == m.start():
                    continue
                start = where[m.start()]
                line_start = text.rfind("\n", 0, start) + 1
                found.add((text.count("\n", 0, start), start - line_start + 1, what))
    return sorted(found)
