#!/usr/bin/env bash
# Runs the whole test suite: lint, types, unit and build tests, browser tests.
# Under CI=true a missing browser fails the browser tests instead of skipping them.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
if [ "${CI:-}" = "true" ]; then export HCS_REQUIRE_BROWSER=1; fi

echo "== ruff"
.venv/bin/ruff check hcs_site tests benchmarks scripts
echo "== mypy"
.venv/bin/mypy
echo "== pytest"
.venv/bin/pytest -q --durations=15 "$@"
