#!/usr/bin/env bash
# Tools for the browser tests: Debian's chromium and its chromedriver (tests/browser).
#
# Idempotent: when both are installed it only says so. Without them, as root it installs them
# with apt-get; otherwise it says what to install and fails.
set -euo pipefail

log() { printf '[browser-tools] %s\n' "$*"; }
die() { printf '[browser-tools] error: %s\n' "$*" >&2; exit 1; }

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  log "$(/usr/bin/chromedriver --version | cut -d' ' -f1-2) and chromium are installed"
  exit 0
fi
[ "$(id -u)" = 0 ] || die "chromium or chromedriver missing: run this script as root (or apt-get install chromium chromium-driver)"
log "installing chromium and chromium-driver with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core
