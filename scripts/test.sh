#!/usr/bin/env bash
# The whole test suite: lint, types, then pytest (unit, integration, multinode, container).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
$BIN/ruff check sinet_node tests migrations bench
$BIN/mypy
set +e
$BIN/pytest -q -p no:cacheprovider "$@"
status=$?
set -e
# pytest's "no tests collected" is a failure for us, not a pass.
exit $status
