"""Running axe-core in a page and reporting violations so that a failure names what to fix."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def axe_script() -> str:
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def run_axe(page: Any) -> list[dict[str, Any]]:
    page.evaluate(axe_script())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_AA,
    )
    return list(result["violations"])


def describe(violations: list[dict[str, Any]], where: str) -> str:
    """One line per failing element: rule, page, element selector and axe's own summary."""
    lines = []
    for v in violations:
        for node in v["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"{v['id']} on {where}: {target} — {v['help']}. {summary}")
    return "\n".join(lines)
