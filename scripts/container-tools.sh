#!/usr/bin/env bash
# Tools for the container test: buildah and debootstrap, plus a local Debian base image.
#
# No image registry is reachable here, so the base image the Dockerfile builds on
# (localhost/sinet-base:bookworm) is made from a debootstrap root file system once and
# then kept in buildah's storage. Idempotent: when everything is there already it only
# checks and returns, in well under a few seconds.
#
# Environment: STORAGE_DRIVER (default vfs), SINET_BASE_IMAGE (default
# localhost/sinet-base:bookworm), SINET_DEBIAN_MIRROR (default: the one apt uses here).
set -euo pipefail

export STORAGE_DRIVER="${STORAGE_DRIVER:-vfs}"
BASE_IMAGE="${SINET_BASE_IMAGE:-localhost/sinet-base:bookworm}"
SUITE=bookworm
PACKAGES=python3,python3-venv,ca-certificates
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

log() { printf '[container-tools] %s\n' "$*"; }
die() { printf '[container-tools] error: %s\n' "$*" >&2; exit 1; }

[ "$(uname -s)" = Linux ] || die "buildah needs Linux; this is $(uname -s)"

install_missing() {
  local missing=()
  command -v buildah >/dev/null 2>&1 || missing+=(buildah)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  [ -f "$KEYRING" ] || missing+=(debian-archive-keyring)
  if [ "${#missing[@]}" -eq 0 ]; then
    log "buildah $(buildah --version | awk '{print $3}') and debootstrap are installed"
    return
  fi
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}: run this script as root (or apt-get install ${missing[*]})"
  log "installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # No recommends: chroot isolation needs no OCI runtime and vfs needs no fuse-overlayfs.
  apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# The Debian mirror apt uses on this machine (deb822 .sources or one-line .list files).
debian_mirror() {
  if [ -n "${SINET_DEBIAN_MIRROR:-}" ]; then
    echo "$SINET_DEBIAN_MIRROR"
    return
  fi
  local files=() mirror=""
  shopt -s nullglob
  files=(/etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources)
  shopt -u nullglob
  [ "${#files[@]}" -gt 0 ] && mirror="$(awk -v suite="$SUITE" '
    # deb822: a blank line ends a stanza; take the first deb stanza carrying the suite.
    function flush() {
      if (!found && types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ")) {
        split(uris, u, " "); print u[1]; found = 1
      }
      types = ""; uris = ""; suites = ""
    }
    FNR == 1 && NR > 1 { flush() }
    /^[ \t]*#/ { next }
    /^[ \t]*$/ { flush(); next }
    /^Types:/  { sub(/^Types:[ \t]*/, ""); types = $0; next }
    /^URIs:/   { sub(/^URIs:[ \t]*/, ""); uris = $0; next }
    /^Suites:/ { sub(/^Suites:[ \t]*/, ""); suites = $0; next }
    # one-line format: deb [options] URI SUITE COMPONENTS...
    $1 == "deb" && !found {
      i = 2
      if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
      if ($(i + 1) == suite) { print $i; found = 1 }
    }
    END { flush() }
  ' "${files[@]}" 2>/dev/null | head -n 1)"
  echo "${mirror:-http://deb.debian.org/debian}"
}

have_base_image() {
  buildah inspect --type image "$BASE_IMAGE" >/dev/null 2>&1
}

# Globals, not locals: the EXIT trap runs after make_base_image has returned.
WORK=""
CTR=""

# debootstrap mounts /proc and /sys inside the target; unmount anything left there
# (deepest first) before deleting, and never cross into another file system.
cleanup() {
  local m
  if [ -n "$WORK" ]; then
    for m in $(awk -v w="$WORK/" 'index($2, w) == 1 {print $2}' /proc/mounts | sort -r); do
      umount -l "$m" || true
    done
    rm -rf --one-file-system "$WORK"
  fi
  if [ -n "$CTR" ]; then
    buildah rm "$CTR" >/dev/null 2>&1 || true
  fi
}

make_base_image() {
  local mirror mnt started
  mirror="$(debian_mirror)"
  WORK="$(mktemp -d /var/tmp/sinet-rootfs.XXXXXX)"
  trap cleanup EXIT

  started=$SECONDS
  log "debootstrap --variant=minbase --include=$PACKAGES $SUITE from $mirror (a few minutes, once)"
  debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$WORK/rootfs" "$mirror" \
    >"$WORK/debootstrap.log" 2>&1 || {
      tail -n 30 "$WORK/debootstrap.log" >&2
      die "debootstrap failed (log above)"
    }
  log "root file system ready in $((SECONDS - started)) s; trimming caches"
  # An image needs neither the downloaded packages nor the apt lists nor device nodes
  # (the runtime provides /dev).
  rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"* \
    "$WORK/rootfs/var/log/"*.log "$WORK/rootfs/dev/"*

  log "committing $BASE_IMAGE (storage driver $STORAGE_DRIVER)"
  CTR="$(buildah from scratch)"
  mnt="$(buildah mount "$CTR")"
  tar -C "$WORK/rootfs" --numeric-owner -cf - . | tar -C "$mnt" --numeric-owner -xpf -
  buildah umount "$CTR" >/dev/null
  buildah config \
    --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env LANG=C.UTF-8 \
    --cmd /bin/bash \
    --label "org.opencontainers.image.description=Debian $SUITE minbase with $PACKAGES" \
    "$CTR"
  buildah commit --quiet --rm "$CTR" "$BASE_IMAGE" >/dev/null
  CTR=""
  log "made $BASE_IMAGE in $((SECONDS - started)) s"
}

install_missing
if have_base_image; then
  log "$BASE_IMAGE is present (storage driver $STORAGE_DRIVER)"
else
  make_base_image
fi
