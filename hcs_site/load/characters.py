"""Characters no content file needs, found in one pass over the text and named for the author.

Each of them breaks something downstream while staying invisible in an editor: a control
character or NEL ends a line in YAML front matter that the page writer thought was one line
(losing `search: exclude`); U+2028 ends a line for YAML and JavaScript; a bidirectional override
shows a reviewer text in another order than the one published ("Trojan Source"); a zero-width
space or a tag character hides text inside a word, out of reach of the private-detail checks.
The list and the reason for each class are documented in docs/diagnostics.md.

Allowed on purpose: TAB, LF, CR (read as a line break by `files.decode`), U+200C/U+200D (needed
by emoji and by Persian and Indic scripts), U+200E/U+200F/U+061C (direction marks of right-to-left
text), variation selectors (emoji and CJK) and the Mongolian free variation selectors.
"""

from __future__ import annotations

import re
import unicodedata

from ..diagnostics import Diagnostic, Loc, Severity

CODE = "invisible-character"
MAX_REPORTED = 20
"""Per file: a file full of them (a binary renamed `.md`) says so once, not ten thousand times."""

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_LINE_BREAKS = "\u2028\u2029"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0\ufff0-\ufffb"
_INVISIBLE_ASTRAL = "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e00ff\U000e01f0-\U000e0fff"
_SURROGATES = "\ud800-\udfff"
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff"
_NONCHARACTERS_ASTRAL = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}"
                                for plane in range(1, 17))
_BMP = f"{_CONTROL}{_LINE_BREAKS}{_BIDI}{_INVISIBLE}{_SURROGATES}{_NONCHARACTERS}"
_ASTRAL = f"{_INVISIBLE_ASTRAL}{_NONCHARACTERS_ASTRAL}"

FORBIDDEN = re.compile(f"[{_BMP}{_ASTRAL}]")
"""Everything refused in raw text. CR is not in it: `decode` has already turned it into LF."""
FORBIDDEN_IN_VALUE = re.compile(f"[\r{_BMP}{_ASTRAL}]")
"""In a value built from escapes (`"\\r"` in double-quoted YAML) or a spreadsheet cell, CR too."""

_CANDIDATE = re.compile(f"[{_BMP}\U00010000-\U0010ffff]")
"""FORBIDDEN, fast: a class with scattered ranges above U+FFFF is checked range by range for every
character (14 times slower over 24,000 files); this one is a bitmap plus one range, and the few
characters above U+FFFF it finds (emoji, mostly) are sorted out by `_ASTRAL_FORBIDDEN`."""
_ASTRAL_FORBIDDEN = re.compile(f"[{_ASTRAL}]")

_C0_C1_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION", "ENQUIRY",
    "ACKNOWLEDGE", "BELL", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED", "LINE TABULATION",
    "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE",
    "DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE",
    "SYNCHRONOUS IDLE", "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
    "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
)
_C1_NAMES = (
    "PADDING CHARACTER", "HIGH OCTET PRESET", "BREAK PERMITTED HERE", "NO BREAK HERE", "INDEX",
    "NEXT LINE", "START OF SELECTED AREA", "END OF SELECTED AREA", "CHARACTER TABULATION SET",
    "CHARACTER TABULATION WITH JUSTIFICATION", "LINE TABULATION SET", "PARTIAL LINE FORWARD",
    "PARTIAL LINE BACKWARD", "REVERSE LINE FEED", "SINGLE SHIFT TWO", "SINGLE SHIFT THREE",
    "DEVICE CONTROL STRING", "PRIVATE USE ONE", "PRIVATE USE TWO", "SET TRANSMIT STATE",
    "CANCEL CHARACTER", "MESSAGE WAITING", "START OF GUARDED AREA", "END OF GUARDED AREA",
    "START OF STRING", "SINGLE GRAPHIC CHARACTER INTRODUCER", "SINGLE CHARACTER INTRODUCER",
    "CONTROL SEQUENCE INTRODUCER", "STRING TERMINATOR", "OPERATING SYSTEM COMMAND", "PRIVACY MESSAGE",
    "APPLICATION PROGRAM COMMAND",
)


def _kind(char: str) -> str:
    cp = ord(char)
    if cp < 0x20 or 0x7F <= cp <= 0x9F:
        return "a control character"
    if char in _LINE_BREAKS:
        return "a line break that editors do not show"
    if 0x202A <= cp <= 0x202E or 0x2066 <= cp <= 0x2069:
        return "a bidirectional control: text after it is shown in another order than it is stored"
    if 0xD800 <= cp <= 0xDFFF:
        return "half of a character: the text was damaged when it was converted"
    if 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE:
        return "a noncharacter, which never belongs in text"
    if cp == 0xFEFF:
        return "a byte order mark inside the text"
    return "an invisible character: it hides inside words"


def _name(char: str) -> str:
    cp = ord(char)
    if cp < 0x20:
        return _C0_C1_NAMES[cp]
    if cp == 0x7F:
        return "DELETE"
    if 0x80 <= cp <= 0x9F:
        return _C1_NAMES[cp - 0x80]
    return unicodedata.name(char, "")


def describe(char: str) -> str:
    """`U+0085 NEXT LINE (a control character)`: the code point, its name and why it matters."""
    name = _name(char)
    return f"U+{ord(char):04X}{' ' + name if name else ''} ({_kind(char)})"


HINT = ("delete it and retype the text around it (it often comes with text pasted from a word "
        "processor, a PDF or a web page)")


def forbidden_in(text: str, path: str, line_offset: int = 0) -> list[Diagnostic]:
    """One diagnostic per forbidden character, at the line and column an editor shows.

    The common case (a clean file) is one regex search over the text, in C.
    """
    first = _CANDIDATE.search(text)
    if first is None:
        return []
    matches = [(m.start(), char) for m in _CANDIDATE.finditer(text, first.start())
               if (char := m.group()) <= "\uffff" or _ASTRAL_FORBIDDEN.match(char)]
    found = []
    line, counted_to = 1 + line_offset, 0
    for start, char in matches[:MAX_REPORTED]:
        line += text.count("\n", counted_to, start)
        counted_to = start
        line_start = text.rfind("\n", 0, start) + 1
        found.append(Diagnostic(Loc(path, line, start - line_start + 1), CODE, Severity.ERROR,
                                f"the text contains {describe(char)}", HINT))
    if len(matches) > MAX_REPORTED:
        last = found[-1]
        found[-1] = Diagnostic(last.loc, CODE, Severity.ERROR,
                               f"{last.message}, and {len(matches) - MAX_REPORTED} more after it in this file",
                               last.hint)
    return found


def first_forbidden_in_value(value: str) -> str | None:
    """The first character of `value` that `FORBIDDEN_IN_VALUE` refuses, for values whose text is
    not the file's own (YAML escapes, spreadsheet cells)."""
    m = FORBIDDEN_IN_VALUE.search(value)
    return m.group() if m else None
