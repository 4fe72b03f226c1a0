#!/usr/bin/env bash
# The whole test suite: lint, types, then pytest (unit, integration, multinode, container),
# then the interop suite against independent Fediverse software inside `unshare -n`.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
$BIN/ruff check sinet_node tests migrations bench
$BIN/mypy
# The container test needs buildah and a local base image, the browser tests Debian's
# chromium; as root on Linux set them up here (only the first run pays; later runs just check).
if [ "$(uname -s)" = Linux ] && [ "$(id -u)" = 0 ]; then
  bash scripts/container-tools.sh
  bash scripts/browser-tools.sh
elif command -v npm >/dev/null; then
  # axe-core (the browser tests' accessibility audit) needs no root: npm into a cache.
  bash scripts/browser-tools.sh axe
fi
# The independent peers install from PyPI and npm into a cache kept between runs.
bash scripts/interop-peers.sh
set +e
$BIN/pytest -q -p no:cacheprovider --ignore=tests/interop "$@"
status=$?
bash scripts/interop-tests.sh
interop=$?
set -e
# pytest's "no tests collected" is a failure for us, not a pass.
[ $status -ne 0 ] && exit $status
exit $interop
