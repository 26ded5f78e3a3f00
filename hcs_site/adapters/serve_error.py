"""The page `hcs-site serve` shows in the browser while the site cannot be built.

A browser tab that waits minutes for a site that will never build tells a committee nothing; the
terminal is often hidden behind it. So every page answers at once with the same messages the
terminal shows (file:line:column, what is wrong, the fix), and the page reloads by itself once a
save makes the site build again (MkDocs' live-reload script, added by the server).

Every message may quote content (an ID, a title), so each goes through `inert.text`: it shows as
text and never as markup. The page has no inline style (a stylesheet file from `assets/`), and the
only inline script is the live-reload one, which the local preview's policy allows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources

from ..diagnostics import Diagnostic, Report, Severity
from ..render.inert import text
from .csp import policy

STYLESHEET = "/.hcs-serve/serve-error.css"
"""Where the server answers with the page's stylesheet, whatever the site's path."""
SHOWN = 50
"""Messages listed on the page; the rest are counted (the terminal and `validate` list them all)."""


def stylesheet() -> bytes:
    return (resources.files("hcs_site") / "assets" / "serve-error.css").read_bytes()


@dataclass(frozen=True)
class Failure:
    """Why the last build failed: the content's problems, or MkDocs' own refusal as a sentence."""

    problems: list[Diagnostic] = field(default_factory=list)
    summary: str = ""
    reason: str = ""

    @classmethod
    def from_report(cls, report: Report) -> Failure:
        shown = [d for d in report.sorted() if d.severity is not Severity.INFO]
        return cls(shown, report.summary())

    def terminal(self) -> list[str]:
        """What the terminal says about it (the diagnostics themselves were printed by the check)."""
        after = "the browser shows why. Fix it and save: the page reloads by itself"
        if self.summary:
            return [f"the site could not be built: {self.summary}; {after}"]
        return [*self.reason.splitlines(), f"the site could not be built; {after}"]


def _item(d: Diagnostic) -> str:
    where = f"{d.loc.path}:{d.loc.line}:{d.loc.col}" if d.loc.line else d.loc.path
    fix = f'\n  <p class="hcs-serve-fix"><strong>Fix:</strong> {text(d.hint)}</p>' if d.hint else ""
    return (f'<li class="hcs-serve-{d.severity.value}">\n  <p class="hcs-serve-where"><code>{text(where)}</code> '
            f'<span class="hcs-serve-severity">{text(d.severity.value)}</span> <code>{text(d.code)}</code></p>\n'
            f"  <p>{text(d.message)}</p>{fix}\n</li>")


def page(failure: Failure) -> str:
    """The whole HTML document; text only through `inert.text`."""
    errors = sum(1 for d in failure.problems if d.severity is Severity.ERROR)
    title = f"The site could not be built: {errors} error{'' if errors == 1 else 's'}" if errors else \
        "The site could not be built"
    items = "\n".join(_item(d) for d in failure.problems[:SHOWN])
    more = len(failure.problems) - SHOWN
    parts = [f'<ol class="hcs-serve-problems">\n{items}\n</ol>' if items else "",
             f"<p>{more} more: run <code>hcs-site validate</code> to list them all.</p>" if more > 0 else "",
             f'<pre class="hcs-serve-reason">{text(failure.reason)}</pre>' if failure.reason else "",
             f'<p class="hcs-serve-summary">{text(failure.summary)}</p>' if failure.summary else ""]
    body = "\n".join(p for p in parts if p)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy([], serving=True)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{text(title)}</title>
<link rel="stylesheet" href="{STYLESHEET}">
</head>
<body>
<main>
<h1>{text(title)}</h1>
<p>hcs-site serve found problems, listed below as in the terminal. Fix them and save the file: this
page reloads by itself as soon as the site builds again.</p>
{body}
</main>
</body>
</html>
"""

