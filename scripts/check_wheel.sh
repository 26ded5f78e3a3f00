#!/usr/bin/env bash
# Checks a built wheel the way a district installs it: a new virtual environment outside the
# source tree, the locked dependencies (requirements/run.txt, hashes checked), the wheel, and then
# a copy of the sample district, in a new folder, validated and built strictly.
#
# Usage: scripts/check_wheel.sh DIST_DIR    (DIST_DIR holds exactly one hcs_site-*.whl)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dist=$(cd "${1:?usage: scripts/check_wheel.sh DIST_DIR}" && pwd)
shopt -s nullglob
wheels=("$dist"/hcs_site-*.whl)
if [ "${#wheels[@]}" -ne 1 ]; then
  echo "expected exactly one hcs_site-*.whl in $dist, found ${#wheels[@]}" >&2
  exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/hcs-wheel-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
PYTHON=${PYTHON:-python3}
export NO_MKDOCS_2_WARNING=1

echo "== installing ${wheels[0]##*/} into a new environment"
"$PYTHON" -m venv "$work/venv"
hcs="$work/venv/bin/hcs-site"
"$work/venv/bin/python" -m pip install -q --require-hashes --no-deps --only-binary=:all: -r "$repo/requirements/run.txt"
"$work/venv/bin/python" -m pip install -q --no-deps "${wheels[0]}"

echo "== the sample district, copied outside the source tree"
mkdir "$work/district"
cp -R "$repo/content" "$repo/portfolios" "$repo/docs" "$repo/mkdocs.yml" "$work/district/"
cd "$work/district"
# `hcs-site init` (issue 19, item 1) will be checked here too: init, validate, build, diff, publish.
"$hcs" --version
"$hcs" validate --strict
"$hcs" upgrade --check
"$hcs" build --strict
test -f site/index.html
"$work/venv/bin/python" - "$work/venv" <<'PY'
import sys
from pathlib import Path

import hcs_site

where = Path(hcs_site.__file__).resolve()
if not where.is_relative_to(Path(sys.argv[1]).resolve()):
    sys.exit(f"hcs_site was imported from {where}, not from the installed wheel")
PY
echo "wheel ok: ${wheels[0]##*/}"
