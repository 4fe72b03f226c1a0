#!/bin/sh
# Container entry point. Without arguments: create the node in $SINET_DATA_DIR on first
# start (from SINET_BASE_URL, SINET_NAME, SINET_USERNAME, SINET_ALLOW_PRIVATE), then
# replace this shell with `sinet-node run`, so the node gets SIGTERM directly.
# With arguments: run them instead (e.g. `sinet-node status --json`).
set -eu

if [ "$#" -gt 0 ]; then
  exec "$@"
fi

data_dir="${SINET_DATA_DIR:-/data}"

fail() {
  echo "sinet-entrypoint: $*" >&2
  exit 64
}

if [ ! -f "$data_dir/sinet.toml" ]; then
  [ -n "${SINET_BASE_URL:-}" ] || fail "no node in $data_dir yet: set SINET_BASE_URL (the public origin, e.g. https://sinet.example.org) to create one"
  [ -n "${SINET_NAME:-}" ] || fail "no node in $data_dir yet: set SINET_NAME (the organisation's display name) to create one"
  [ -w "$data_dir" ] || fail "$data_dir is not writable by uid $(id -u): give the volume to that user (chown $(id -u) on the host)"
  set -- --data-dir "$data_dir" --url "$SINET_BASE_URL" --name "$SINET_NAME"
  if [ -n "${SINET_USERNAME:-}" ]; then
    set -- "$@" --username "$SINET_USERNAME"
  fi
  if [ -n "${SINET_ALLOW_PRIVATE:-}" ]; then
    set -- "$@" --allow-private "$SINET_ALLOW_PRIVATE"
  fi
  echo "sinet-entrypoint: creating the node in $data_dir for $SINET_BASE_URL" >&2
  sinet-node init "$@"
fi

exec sinet-node run --data-dir "$data_dir" --host "${SINET_HOST:-0.0.0.0}" --port "${SINET_PORT:-8080}"
