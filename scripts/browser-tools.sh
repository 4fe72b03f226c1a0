#!/usr/bin/env bash
# Tools for the browser tests (tests/browser): Debian's chromium and its chromedriver, and
# axe-core, the accessibility checker the tests run inside each page.
#
#   bash scripts/browser-tools.sh        chromium + chromedriver (apt-get, as root) and axe-core
#   bash scripts/browser-tools.sh axe    only axe-core (npm, no root needed)
#
# Idempotent: what is installed already is only reported. axe-core comes from npm into a cache
# directory that survives between runs ($SINET_AXE_CACHE, default ~/.cache/sinet-axe), pinned so
# that the audit's rules do not change under the tests; tests/browser/axe.py loads it from there.
set -euo pipefail

AXE_VERSION=4.14.1
AXE_CACHE=${SINET_AXE_CACHE:-$HOME/.cache/sinet-axe}

log() { printf '[browser-tools] %s\n' "$*"; }
die() { printf '[browser-tools] error: %s\n' "$*" >&2; exit 1; }

install_browser() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    log "$(/usr/bin/chromedriver --version | cut -d' ' -f1-2) and chromium are installed"
    return
  fi
  [ "$(id -u)" = 0 ] || die "chromium or chromedriver missing: run this script as root (or apt-get install chromium chromium-driver)"
  log "installing chromium and chromium-driver with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core
}

install_axe() {
  local installed="$AXE_CACHE/node_modules/axe-core/package.json"
  if [ -f "$installed" ] && grep -q "\"version\": \"$AXE_VERSION\"" "$installed"; then
    log "axe-core $AXE_VERSION is installed in $AXE_CACHE"
    return
  fi
  command -v npm >/dev/null || die "npm is needed to install axe-core (apt-get install npm)"
  log "installing axe-core $AXE_VERSION from npm into $AXE_CACHE"
  mkdir -p "$AXE_CACHE"
  (cd "$AXE_CACHE" && { [ -f package.json ] || npm init -y >/dev/null; } \
     && npm install --silent --no-audit --no-fund "axe-core@$AXE_VERSION")
  [ -f "$AXE_CACHE/node_modules/axe-core/axe.min.js" ] || die "axe-core did not install"
}

case "${1:-all}" in
  all) install_browser; install_axe ;;
  axe) install_axe ;;
  *) die "usage: $0 [axe]" ;;
esac
