"""Time the edit loop: save a course file while `hcs-site serve` runs, wait until the page shows it.

    python benchmarks/bench_serve.py --content DIR [--edits 3] [--port 8765]

DIR is a repository (for example from generate_content.py --mkdocs). The figure printed for each
edit is the time from the file being saved to the served page containing the new text.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, needle: str, timeout: float) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if needle in fetch(url):
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    root = args.content.resolve()
    courses = sorted((root / "content" / "courses").glob("*.yml"))
    course = courses[len(courses) // 2]
    original = course.read_text(encoding="utf-8")
    course_id = re.search(r"^id: (\S+)", original, re.M)
    if course_id is None:
        print(f"{course}: no id", file=sys.stderr)
        return 2
    url = f"http://127.0.0.1:{args.port}/courses/{course.stem}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cli = [sys.executable, "-m", "hcs_site", "serve", "--root", str(root), "-a", f"127.0.0.1:{args.port}"]
    started = time.monotonic()
    server = subprocess.Popen(cli, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        first = wait_for(url, "<html", timeout=900)
        if first is None:
            print("the server never served the course page", file=sys.stderr)
            return 1
        print(f"{len(courses)} courses; first build served after {time.monotonic() - started:.1f} s")
        for n in range(1, args.edits + 1):
            marker = f"I can show edit {n} {int(time.time())}"
            course.write_text(re.sub(r"statement: .*$", f"statement: {marker}.", original, count=1, flags=re.M),
                              encoding="utf-8")
            took = wait_for(url, marker, timeout=120)
            print(f"edit {n}: an objective statement of {course.name} changed -> page shows it after "
                  + (f"{took:.2f} s" if took is not None else "more than 120 s"))
            time.sleep(1.0)
    finally:
        course.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
