#!/usr/bin/env bash
# The whole test suite: lint, types, then pytest (unit, integration, multinode, container).
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
fi
set +e
$BIN/pytest -q -p no:cacheprovider "$@"
status=$?
set -e
# pytest's "no tests collected" is a failure for us, not a pass.
exit $status
