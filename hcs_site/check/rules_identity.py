"""The district's identity on its site: a logo that is safe to publish, colours white text can be
read on, and contacts a family can use."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Report
from ..model.colours import contrast_with_white
from ..model.framework import District
from .logo import LogoProblem, publishable_logo

MIN_CONTRAST = 4.5
"""WCAG 2 AA for normal text: the header's and buttons' white words on the district's colours."""
MAX_SHORT_NAME = 16
"""What a 390 px wide header shows beside its buttons."""


def check_identity(root: Path, district: District, report: Report) -> None:
    if len(district.short_name) > MAX_SHORT_NAME:
        report.warning(district.loc("short_name"), "short-name-long",
                       f"the short name '{district.short_name}' has {len(district.short_name)} characters; "
                       f"a phone's header shows about {MAX_SHORT_NAME}",
                       "use the district's initials or a short form, e.g. HCS")
    if district.logo:
        try:
            publishable_logo(root, district.logo)
        except LogoProblem as exc:
            report.error(district.loc("logo"), exc.code, exc.message, exc.hint)
    for name, colour in sorted(district.colors.items()):
        ratio = contrast_with_white(colour)
        if ratio < MIN_CONTRAST:
            report.error(district.loc("colors", name), "colour-contrast",
                         f"white text on the {name} colour {colour} has a contrast of {ratio:.2f}:1; "
                         f"it must be at least {MIN_CONTRAST}:1 to be readable",
                         "choose a darker shade of the colour (the sample uses #1b4d3e)")
