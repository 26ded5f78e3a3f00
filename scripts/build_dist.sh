#!/usr/bin/env bash
# Builds the sdist and the wheel into dist/ with setuptools' own build hooks (no extra tool: the
# build runs in the current, locked environment, without build isolation).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
rm -rf dist
"$PYTHON" - <<'PY'
import setuptools.build_meta as backend

print("built dist/" + backend.build_sdist("dist"))
print("built dist/" + backend.build_wheel("dist"))
PY
