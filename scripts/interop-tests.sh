#!/usr/bin/env bash
# The interop suite (tests/interop/) inside a network namespace that has only loopback, so
# no peer, node or test can reach anything beyond this machine. Needs root (or user
# namespaces); in CI it is required, elsewhere it falls back to the host network with a warning.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=$PWD/.venv/bin
run=("$BIN/pytest" -q -p no:cacheprovider tests/interop "$@")
if unshare -n true 2>/dev/null; then
  exec unshare -n bash -c 'ip link set lo up 2>/dev/null || ifconfig lo up; exec "$@"' interop "${run[@]}"
fi
if [ -n "${CI:-}" ]; then
  echo "interop suite: cannot create a network namespace (unshare -n); run CI as root" >&2
  exit 1
fi
echo "interop suite: no network namespace available; running on the host network (loopback only)" >&2
exec "${run[@]}"
