"""The district's colours as a style sheet the site loads as a file (no inline style: see csp.py).

Only colours the schema accepted (#RRGGBB) and check/rules_identity.py judged readable under white
text reach it. Links on the dark palette need a light shade of the same colour: it is mixed with
white until it reads on Material's dark background.
"""

from __future__ import annotations

from ..model.colours import contrast as _contrast

STYLESHEET = "assets/hcs/district.css"
SLATE_BACKGROUND = "#1e2029"
"""Material's dark ("slate") page background, hsl(232, 15%, 14%)."""
MIN_LINK_CONTRAST = 5.0
"""4.5:1 and a margin, for links on that background."""


def _mix_with_white(colour: str, share: float) -> str:
    channels = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in channels)


def on_dark(colour: str) -> str:
    """The lightest-needed shade of `colour` that reads on the dark background."""
    for step in range(0, 21):
        shade = _mix_with_white(colour, step / 20)
        if _contrast(shade, SLATE_BACKGROUND) >= MIN_LINK_CONTRAST:
            return shade
    return "#ffffff"


def stylesheet(colors: dict[str, str]) -> str:
    """Material's colour variables set to the district's colours, light and dark palettes."""
    primary = colors.get("primary")
    accent = colors.get("accent") or primary
    if not primary and not accent:
        return ""
    light, dark = [], []
    if primary:
        light += [f"--md-primary-fg-color: {primary};", f"--md-primary-fg-color--light: {primary};",
                  f"--md-primary-fg-color--dark: {primary};", "--md-primary-bg-color: #ffffff;",
                  "--md-primary-bg-color--light: #ffffffb3;", f"--md-typeset-a-color: {primary};"]
        dark.append(f"--md-typeset-a-color: {on_dark(primary)};")
    if accent:
        light += [f"--md-accent-fg-color: {accent};", f"--md-accent-fg-color--transparent: {accent}1a;"]
        dark += [f"--md-accent-fg-color: {on_dark(accent)};",
                 f"--md-accent-fg-color--transparent: {on_dark(accent)}1a;"]
    lines = ["/* The district's colours (content/district.yml), written by hcs-site. */",
             "[data-md-color-primary], [data-md-color-accent] {", *(f"  {x}" for x in light), "}",
             "[data-md-color-scheme=slate][data-md-color-primary],",
             "[data-md-color-scheme=slate][data-md-color-accent] {",
             *(f"  {x}" for x in dark), "}"]
    return "\n".join(lines) + "\n"
