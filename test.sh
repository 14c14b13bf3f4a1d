#!/usr/bin/env bash
# Installs the package as users get it (compiled where a C compiler is found) with the test
# extras, Debian's Chromium, PostgreSQL and PostGIS, and Leaflet from npm, then runs pytest on
# this checkout.
set -euo pipefail
cd "$(dirname "$0")"

python -m pip install -q ".[test]"
# Debian packages the tests use: Chromium for the browser tests, PostgreSQL with PostGIS
# for the shared store's (a throw-away server is started by the tests themselves)
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 \
  || missing+=(postgresql postgresql-postgis)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "note: ${missing[*]} not installed; their tests will be skipped" \
      "(apt-get install ${missing[*]})" >&2
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
