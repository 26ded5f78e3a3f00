#!/usr/bin/env bash
# Installs everything hcs-site needs (Debian's Chromium, ShellCheck and Node.js for the tests, a
# virtual environment with the package and its test tools) and builds the sample site into site/.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1

# Debian's packages the tests need: chromium (browser tests), shellcheck (actionlint runs it on
# the workflows' shell steps), nodejs (runs the pull-request comment script against a stub).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "== installing Debian's ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    echo "== installing Debian's ${missing[*]} (sudo asks for your password)"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "!! ${missing[*]} not installed and this user cannot install them; some tests will fail" >&2
  fi
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  "$PYTHON" -m venv .venv
fi
echo "== installing hcs-site and its test tools into .venv"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

echo "== validating the sample content"
.venv/bin/hcs-site validate
echo "== building the sample site into site/"
.venv/bin/hcs-site build --strict
