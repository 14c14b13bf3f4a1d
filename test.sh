#!/usr/bin/env bash
# Installs the package as users get it (compiled where a C compiler is found) with the test
# extras, Debian's Chromium and Leaflet from npm, then runs pytest on this checkout.
set -euo pipefail
cd "$(dirname "$0")"

python -m pip install -q ".[test]"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: no chromium found; the browser test will be skipped (apt-get install chromium)" >&2
  fi
fi
geomap assets install -q || echo "note: Leaflet not installed (needs npm); offline map tests will be skipped" >&2

set +e
python -m pytest -q "$@"
status=$?
set -e
if [ "$status" = 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$status"
