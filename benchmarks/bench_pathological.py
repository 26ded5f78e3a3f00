"""Worst-case times of pathological Markdown at the size limit: the limits must keep each under a
few seconds.

For each family (a unit of text repeated: `[`, `![`, `[a](`, runs of backticks, nested lists...)
the script finds the largest repetition that `text_limits` still accepts within the 1 MB file
limit (binary search on the count, which is deterministic), then times the check and both
renderers on it. Families a file can only fit refused are timed at 1 MB for the check alone.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_pathological.py [FAMILY...]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from hcs_site.load.files import MAX_TEXT_BYTES
from hcs_site.load.text_limits import MAX_NESTING, too_complex
from hcs_site.render.sanitize import markdown_to_html
from hcs_site.render.student_text import StudentRenderer, Targets


def _deep_list(depth: int) -> str:
    return "".join("    " * i + "- x\n" for i in range(depth)) + "\n"


def _backtick_runs(n: int) -> str:
    return "".join("`" * (k % 60 + 1) + "a" for k in range(n))


Family = Callable[[int], str]
FAMILIES: dict[str, Family] = {
    "[": lambda n: "[" * n,
    "![": lambda n: "![" * n,
    "[a](": lambda n: "[a](" * n,
    "[(": lambda n: "[(" * n,
    "[a]": lambda n: "[a]" * n,
    "[x](y) links": lambda n: "[x](y) " * n,
    "![x](y) images": lambda n: "![x](y) " * n,
    "]": lambda n: "]" * n,
    "*": lambda n: "*" * n,
    "*a ": lambda n: "*a " * n,
    "_a ": lambda n: "_a " * n,
    "**a ": lambda n: "**a " * n,
    "*_ nested": lambda n: "*_" * n + "x" + "_*" * n,
    "`": lambda n: "`" * n,
    "`a``": lambda n: "`a``" * n,
    "backtick runs 1..60": _backtick_runs,
    "\\": lambda n: "\\" * n,
    "&amp;": lambda n: "&amp;" * n,
    "&": lambda n: "&" * n,
    "<": lambda n: "<" * n,
    "<a ": lambda n: "<a " * n,
    "<http://a>": lambda n: "<http://a> " * n,
    "<div> html-ish": lambda n: "<div><b>" * n,
    "!": lambda n: "!" * n,
    "|": lambda n: "|" * n,
    "table 64 columns": lambda n: "|" + "a|" * 64 + "\n|" + "-|" * 64 + "\n" + ("|" + "1|" * 64 + "\n") * n,
    f"lists {MAX_NESTING} deep": lambda n: _deep_list(MAX_NESTING) * n,
    f"quotes {MAX_NESTING} deep": lambda n: ("> " * MAX_NESTING + "x\n\n") * n,
    "quote lines growing": lambda n: "".join(">" * (i % MAX_NESTING + 1) + " x\n\n" for i in range(n)),
    "list items": lambda n: "- a\n" * n,
    "1. 1. 1.": lambda n: ("1. " * MAX_NESTING + "x\n") * n,
    "# headings": lambda n: "# a\n" * n,
    "setext": lambda n: "a\n=\n" * n,
    "--- rules": lambda n: "---\n" * n,
    "# headings, blank lines": lambda n: "# a\n\n" * n,
    "indented code": lambda n: "    a\n" * n,
    "``` fences": lambda n: "```\n" * n,
    "fenced blocks + 750 KB": lambda n: "```\na\n```\n\n" * n + "word " * 150_000,
    "quotes + 750 KB": lambda n: "> a\n\n" * n + "word " * 150_000,
    "[a]: b refs": lambda n: "[a]: b\n" * n,
    "words": lambda n: "word " * n,
    "mixed paragraphs": lambda n: "> - [x](y) *a* `b` &amp; c\n\n" * n,
    "mixed one paragraph": lambda n: "[x](y) *a* `b` &amp; \\* c " * n,
}


def _size(make: Family, n: int) -> int:
    return len(make(n).encode())


def _largest(fits: Callable[[int], bool], high: int) -> int:
    """The largest n in [0, high) with fits(n), for a fits that is true up to some n."""
    low = 0
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if fits(mid) else (low, mid)
    return low


def at_size_limit(make: Family) -> int:
    high = 1
    while _size(make, high) <= MAX_TEXT_BYTES:
        high *= 2
    return _largest(lambda n: _size(make, n) <= MAX_TEXT_BYTES, high)


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def bench(name: str, make: Family) -> tuple[str, int, float, float, float]:
    biggest = at_size_limit(make)
    count = _largest(lambda n: too_complex(make(n)) is None, biggest + 1)
    text = make(count)
    check = _timed(lambda: too_complex(make(biggest)))
    committee = _timed(lambda: markdown_to_html.__wrapped__(text))
    student = _timed(lambda: StudentRenderer().block(text, Targets("x.md")))
    return name, len(text.encode()), check, committee, student


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("families", nargs="*", help="only these families")
    args = parser.parse_args()
    print(f"{'family':24} {'largest allowed':>16} {'check 1 MB':>13} {'render':>8} {'student':>8}")
    worst = 0.0
    for name, make in FAMILIES.items():
        if args.families and name not in args.families:
            continue
        name, size, check, committee, student = bench(name, make)
        worst = max(worst, check, committee, student)
        print(f"{name:24} {size:>14,} B {check:>12.2f}s {committee:>7.2f}s {student:>7.2f}s", flush=True)
    print(f"worst: {worst:.2f}s")


if __name__ == "__main__":
    main()
