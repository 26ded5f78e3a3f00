#!/usr/bin/env bash
# Checks a built wheel the way a district installs it: a new virtual environment outside the
# source tree, the locked dependencies (requirements/run.txt, hashes checked), the wheel, and then
# a copy of the sample district, in a new folder, validated and built strictly; then `hcs-site init`
# (the starter and --sample) validated, built, diffed and published to a local bare repository.
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
"$hcs" --version
"$hcs" validate --strict
"$hcs" upgrade --check
"$hcs" build --strict
test -f site/index.html

echo "== hcs-site init: a new district repository, validated, built, diffed and published"
cd "$work"
"$hcs" init "$work/new-district"
cd "$work/new-district"
"$hcs" validate --strict
"$hcs" build --strict
test -f site/courses/math-6/index.html
export GIT_AUTHOR_NAME=check GIT_AUTHOR_EMAIL=check@example.org GIT_COMMITTER_NAME=check GIT_COMMITTER_EMAIL=check@example.org
git init -q -b main
git add -A
git commit -qm "A new district"
sed -i 's/{en: Percents, es: Porcentajes}/{en: Percents and discounts, es: Porcentajes y descuentos}/' content/courses/math-6.yml
git commit -qam "Reword an objective"
"$hcs" diff HEAD~1 HEAD | grep -q "objective MATH-6.2 title reworded"
git init -q --bare "$work/remote.git"
git remote add origin "$work/remote.git"
git push -q origin main
"$hcs" publish --alias latest --set-default --push --strict
git -C "$work/remote.git" cat-file -e gh-pages:2026-27/courses/math-6/index.html

echo "== hcs-site init --sample"
"$hcs" init --sample "$work/sample-district"
cd "$work/sample-district"
"$hcs" validate --strict
"$hcs" build --strict
test -f site/courses/math-7/index.html
"$work/venv/bin/python" - "$work/venv" <<'PY'
import sys
from pathlib import Path

import hcs_site

where = Path(hcs_site.__file__).resolve()
if not where.is_relative_to(Path(sys.argv[1]).resolve()):
    sys.exit(f"hcs_site was imported from {where}, not from the installed wheel")
PY
echo "wheel ok: ${wheels[0]##*/}"
