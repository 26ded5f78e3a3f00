#!/usr/bin/env bash
# Lighthouse (mobile, its default) on the sample site's home page, catalog, a course and a
# portfolio, with Debian's Chromium; prints the four scores of each page and exits 1 when one is
# under its target (accessibility, best practices and SEO 100, performance 90).
#
# Lighthouse comes from scripts/lighthouse/package-lock.json (npm ci, installed on first use into
# scripts/lighthouse/node_modules/). The sample is built with site_url set to the local server,
# served at the same path as on GitHub Pages, with gzip as GitHub Pages sends it.
#
# Usage: scripts/lighthouse.sh [OUT_DIR]   (the JSON reports are kept in OUT_DIR when given)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
export NO_MKDOCS_2_WARNING=1
CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
export CHROME_PATH
tools=scripts/lighthouse
if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  (cd "$tools" && npm ci --no-audit --no-fund --ignore-scripts)
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/hcs-lighthouse.XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
out=${1:-$work/reports}
mkdir -p "$out"

port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port/competencies/"
mkdir -p "$work/repo" "$work/host"
cp -R content portfolios docs mkdocs.yml "$work/repo/"
sed -i "s|^site_url: .*|site_url: $base|" "$work/repo/mkdocs.yml"
.venv/bin/hcs-site build --root "$work/repo" --strict --site-dir "$work/host/competencies" >/dev/null
.venv/bin/python "$tools/serve_gzip.py" "$work/host" "$port" &
server=$!
sleep 1

pages=("home=" "catalog=courses/" "course=courses/math-7/" "portfolio=portfolios/ola-middle/p-c7e03b/")
for entry in "${pages[@]}"; do
  name=${entry%%=*}
  "$tools/node_modules/.bin/lighthouse" "$base${entry#*=}" --quiet --output=json --output-path="$out/$name.json" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu"
done
.venv/bin/python - "$out" "${pages[@]}" <<'PY'
import json
import sys
from pathlib import Path

targets = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
low = []
print(f"{'page':<10} {'performance':>11} {'accessibility':>13} {'best-practices':>14} {'seo':>4}")
for entry in sys.argv[2:]:
    name = entry.split("=", 1)[0]
    report = json.loads((Path(sys.argv[1]) / f"{name}.json").read_text(encoding="utf-8"))
    scores = {key: round(cat["score"] * 100) for key, cat in report["categories"].items()}
    print(f"{name:<10} {scores['performance']:>11} {scores['accessibility']:>13} {scores['best-practices']:>14} "
          f"{scores['seo']:>4}")
    for key, target in targets.items():
        if scores[key] < target:
            failing = [a["title"] for ref in report["categories"][key]["auditRefs"] if ref["weight"]
                       for a in [report["audits"][ref["id"]]] if a["score"] is not None and a["score"] < 1]
            low.append(f"{name} {key} {scores[key]} < {target}: {'; '.join(failing[:5])}")
print("\n".join(low) if low else "every score meets its target")
sys.exit(1 if low else 0)
PY
