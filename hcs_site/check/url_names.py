"""The one rule for names that become public addresses: portfolio keys, evidence slugs, artifacts.

`portfolios/<key>/evidence/<slug>.md` is published at `.../<key>/<slug>/`, so these names are as
public as the text. `hcs-site new` and `hcs-site validate` both call these functions; the rule is
documented in docs/portfolio-guide.md ("Names that become addresses"):

- every name: lowercase ASCII letters and digits in words joined by single hyphens, and nothing
  a reader would take for contact details or an identity number (see private_text.py);
- a key (3 to 40 characters) is opaque: at least one digit, never three letters in a row (no
  word or name can be spelled) and never five digits in a row (a student number);
- a slug or an artifact file name (1 to 60 characters before the extension) describes the work:
  no word that is a given or family name (name_words.py) or the student's own first name, and
  no run of four or more digits unless the word is a year (1900-2099).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .name_words import NAME_WORDS
from .private_text import private_details

WORDS = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_LETTER_RUN = re.compile(r"[a-z]{3,}")
KEY_DIGIT_RUN = re.compile(r"\d{5,}")
SLUG_DIGIT_RUN = re.compile(r"\d{4,}")
YEAR = re.compile(r"^(?:19|20)\d\d$")

KEY_HINT = "leave KEY out of `hcs-site new portfolio` to get a random one, like p-7f3a2c, and rename the folder"
SLUG_HINT = "name the file after the work, like ratio-recipes.md or fases-de-la-luna.png"


def first_name(display_name: str) -> str:
    """The display name's first word, folded to lowercase ASCII (`José R.` -> `jose`)."""
    word = display_name.split(" ")[0] if display_name else ""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def _private(name: str) -> str | None:
    found = private_details(name.replace("-", " ")) + private_details(name)
    return f"it contains {found[0][2]}" if found else None


def key_problem(key: str) -> str | None:
    """Why `key` cannot be a portfolio folder's name (its public address), or None."""
    if not WORDS.match(key) or not 3 <= len(key) <= 40:
        return "use 3 to 40 lowercase letters, digits and hyphens, e.g. p-7f3a2c"
    run = KEY_LETTER_RUN.search(key)
    if run or not any(ch.isdigit() for ch in key):
        spelled = f" ('{run.group()}' could be one)" if run else ""
        return (f"a key must not be a name{spelled}: it is part of the page's address; "
                "use digits and at most two letters in a row")
    if KEY_DIGIT_RUN.search(key):
        return "five or more digits in a row look like a student number"
    return _private(key)


def slug_problem(slug: str, own_names: Iterable[str] = ()) -> str | None:
    """Why `slug` (an evidence file's or an artifact's name, without extension) cannot be public."""
    if not WORDS.match(slug) or not 1 <= len(slug) <= 60:
        return "use 1 to 60 lowercase letters, digits and hyphens, e.g. ratio-recipes"
    names = {n for n in own_names if n}
    for word in slug.split("-"):
        if word in names or word in NAME_WORDS:
            return f"'{word}' looks like a person's name"
        if SLUG_DIGIT_RUN.search(word) and not YEAR.match(word):
            return f"'{word}': four or more digits in a row (other than a year) look like part of an identity number"
    return _private(slug)


def file_name_problem(path: str, own_names: Iterable[str] = ()) -> str | None:
    """`slug_problem` for every folder and the file name (without its extension) of `path`."""
    parts = path.split("/")
    stem, dot, _ext = parts[-1].rpartition(".")
    for part in [*parts[:-1], stem if dot else parts[-1]]:
        problem = slug_problem(part, own_names)
        if problem:
            return problem
    return None


def normalized(name: str) -> str:
    """What two names must not share: case, Unicode compatibility forms, `_`/space vs `-`."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\s_\-]+", "-", folded)
