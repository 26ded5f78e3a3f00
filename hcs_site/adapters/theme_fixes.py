"""Fixes to Material's page markup that CSS and JavaScript cannot make.

A page must stay usable and accessible when its stylesheets or scripts do not load (a 404 page
shown at an address its asset links do not fit, a slow phone, a reader who blocks scripts).
Material's two panel switches (the navigation drawer and the search panel) are checkboxes hidden
by its stylesheet only: without it, they show as two unlabelled checkboxes at the top of the
page. The `hidden` attribute hides them for every reader; Material's scripts and selectors only
read and set their `checked` state, which `hidden` leaves alone.
"""

from __future__ import annotations

_TOGGLES = tuple(
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">'
    for name in ("drawer", "search")
)


def hide_toggles(html: str) -> str:
    for toggle in _TOGGLES:
        html = html.replace(toggle, toggle[:-1] + " hidden>", 1)
    return html
