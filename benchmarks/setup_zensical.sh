#!/usr/bin/env bash
# Installs Zensical into the benchmark's own environment, benchmarks/.venv-zensical (gitignored),
# apart from the project's .venv, so that Zensical's dependencies never change what hcs-site is
# tested with. pip uses its normal package index configuration (pip.conf, PIP_INDEX_URL, ...).
#   bash benchmarks/setup_zensical.sh                           # the newest release that installs
#   ZENSICAL_VERSION=0.0.73 bash benchmarks/setup_zensical.sh   # one release
# When the newest release cannot be installed (a dependency the index does not have), pip takes
# the newest one that can; this script then says so, with pip's reason, and the benchmark's table
# shows the version it measured.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv-zensical"
python="${PYTHON:-python3}"
spec="zensical${ZENSICAL_VERSION:+==$ZENSICAL_VERSION}"
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade "$spec" 2> >(grep -v "^WARNING: Location" >&2)
installed="$("$venv/bin/zensical" --version | awk '{print $NF}')"
echo "Zensical $installed in $venv"
if [ -z "${ZENSICAL_VERSION:-}" ]; then
    newest="$("$venv/bin/python" -m pip index versions zensical 2>/dev/null | sed -n 's/^zensical (\(.*\))$/\1/p')"
    if [ -n "$newest" ] && [ "$newest" != "$installed" ]; then
        echo "note: the newest release is $newest, but only $installed installs here:" >&2
        "$venv/bin/python" -m pip install --dry-run --quiet "zensical==$newest" 2>&1 | grep "^ERROR" >&2 || true
    fi
fi
