#!/usr/bin/env bash
# Geoparsing speed of a regular install (hot modules compiled with mypyc) against the
# pure-Python modules of this checkout, on the same corpora, alternating runs.
# Usage: benchmarks/compiled_bench.sh [ROUNDS]   (needs a C compiler; ~2 minutes to build)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
venv="$(mktemp -d)/venv"
python -m venv "$venv"
"$venv/bin/pip" install -q . 2>&1 | grep -v '^WARNING' || true
for _ in $(seq "$rounds"); do
  echo "== compiled"; (cd /tmp && "$venv/bin/python" "$OLDPWD/benchmarks/geoparse_bench.py" --repeat 5 --corpora "$OLDPWD/../shared/corpora") | tail -3
  echo "== pure Python"; python benchmarks/geoparse_bench.py --repeat 5 | tail -3
done
rm -rf "$(dirname "$venv")"
