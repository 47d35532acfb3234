#!/usr/bin/env bash
# Real n8n queue mode (not CI): a main process and 2 workers of n8n 2.41.1 share one SDKAppID. Starts Redis
# and PostgreSQL (Debian packages, installed when missing) on free local ports, installs this repo as a
# community package, imports a credential and a Webhook-triggered delete workflow, publishes it, starts
# `n8n start` + 2 × `n8n worker --concurrency=1` with n8n's documented queue-mode settings, then
# test/e2e/queue/drive.ts POSTs the webhook twice at once (each execution deletes 50 000 subscribers of its
# own account in the same app) and prints the figures of `npm run simulate`. Everything is stopped at the end.
#
#   npm run test:e2e:queue          (= npm run build && bash scripts/e2e-queue.sh)
# Environment: QUEUE_E2E_SUBSCRIBERS (default 50000), QUEUE_E2E_LATENCY_MS (default 100), E2E_KEEP=1 keeps
# the temporary folder (logs, databases) even on success; N8N_E2E_CACHE as for scripts/e2e.sh.
# Needs root (or sudo) for apt-get, and runs PostgreSQL as the `postgres` user the Debian package creates.
set -euo pipefail
{ # one compound command: bash parses it fully before running it

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N8N_INSTALL_TAG="e2e-queue"
# Node 24 + n8n cache (ensure_cache), packing + installing this repo (install_package), N8N_CMD
source "$REPO/scripts/lib/n8n-install.sh"
source "$REPO/scripts/lib/e2e-common.sh"   # stop_group, free_port, print_checks
DIR="$REPO/test/e2e/queue"
SUBSCRIBERS="${QUEUE_E2E_SUBSCRIBERS:-50000}"
LATENCY_MS="${QUEUE_E2E_LATENCY_MS:-100}"
WORKERS=2
EXECUTIONS=2

log() { printf '[e2e-queue] %s\n' "$*" >&2; }
die() { printf '[e2e-queue] FAIL: %s\n' "$*" >&2; exit 1; }
as_root() { if (( EUID == 0 )); then "$@"; else sudo "$@"; fi; }

# ---------------------------------------------------------------------------------------------
# 1. Redis and PostgreSQL from Debian's packages; Node 24 + n8n in the cache
# ---------------------------------------------------------------------------------------------
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
if ! command -v redis-server >/dev/null || [[ -z "$PG_BIN" ]]; then
  log "installing redis-server and postgresql (apt-get)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server postgresql >/dev/null
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
fi
command -v redis-server >/dev/null || die "redis-server is not installed"
[[ -x "$PG_BIN/postgres" ]] || die "PostgreSQL binaries not found under /usr/lib/postgresql"
id postgres >/dev/null 2>&1 || die "no 'postgres' user (the postgresql package creates it)"
ensure_cache

# ---------------------------------------------------------------------------------------------
# 2. Temp folder, ports, cleanup
# ---------------------------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tencent-chat-e2e-queue.XXXXXX")"
chmod 755 "$WORK"
PIDS=()
OVERALL=1
cleanup() {
  local rc=$? i
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do stop_group "${PIDS[$i]}" 20; done
  if [[ -f "$WORK/pg/data/postmaster.pid" ]]; then runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -m fast stop >/dev/null 2>&1 || true; fi
  if [[ "${E2E_KEEP:-}" == "1" || $rc -ne 0 || $OVERALL -ne 0 ]]; then log "kept $WORK (logs, databases)"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
start_bg() { # start_bg <log file> <command...>: in its own process group, remembered for cleanup
  local out="$1"; shift
  ( exec setsid "$@" ) >"$out" 2>&1 &
  PIDS+=("$!")
}
wait_for() { # wait_for <label> <seconds> <command...>
  local label="$1" secs="$2" i; shift 2
  for ((i = 0; i < secs * 5; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  die "$label not ready within $secs s"
}
mkdir -p "$WORK/out" "$WORK/redis" "$WORK/pg"

REDIS_PORT="$(free_port)"
log "redis-server on 127.0.0.1:$REDIS_PORT"
start_bg "$WORK/out/redis.log" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK/redis" --save '' --appendonly no
wait_for "Redis" 20 redis-cli -p "$REDIS_PORT" ping

PG_PORT="$(free_port)"
log "PostgreSQL ($PG_BIN) on 127.0.0.1:$PG_PORT"
chown postgres "$WORK/pg"
runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust >"$WORK/out/initdb.log" 2>&1 || { cat "$WORK/out/initdb.log" >&2; die "initdb failed"; }
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/postgres.log" -w \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $WORK/pg" start >"$WORK/out/pg_ctl.log" 2>&1 || { cat "$WORK/pg/postgres.log" >&2; die "PostgreSQL did not start"; }
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc 'CREATE DATABASE n8n' >/dev/null || die "CREATE DATABASE failed"

# ---------------------------------------------------------------------------------------------
# 3. n8n environment: n8n's documented queue-mode settings, shared by main and workers
# ---------------------------------------------------------------------------------------------
export N8N_USER_FOLDER="$WORK/n8n-home"
export N8N_ENCRYPTION_KEY="n8n-nodes-tencent-chat-e2e-queue-key"
export EXECUTIONS_MODE=queue
export QUEUE_BULL_REDIS_HOST=127.0.0.1 QUEUE_BULL_REDIS_PORT="$REDIS_PORT"
export DB_TYPE=postgresdb DB_POSTGRESDB_HOST=127.0.0.1 DB_POSTGRESDB_PORT="$PG_PORT" DB_POSTGRESDB_DATABASE=n8n \
  DB_POSTGRESDB_USER=postgres DB_POSTGRESDB_PASSWORD=unused
export OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS=true
export N8N_LOG_LEVEL=info N8N_LISTEN_ADDRESS=127.0.0.1
export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_TEMPLATES_ENABLED=false \
  N8N_DYNAMIC_BANNERS_ENABLED=false N8N_PERSONALIZATION_ENABLED=false N8N_HIRING_BANNER_ENABLED=false
export N8N_COMMUNITY_PACKAGES_ENABLED=true N8N_UNVERIFIED_PACKAGES_ENABLED=true N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false
export N8N_PORT; N8N_PORT="$(free_port)"
export N8N_WEBHOOK_URL="http://127.0.0.1:$N8N_PORT/"
unset N8N_COMMUNITY_PACKAGES_PREVENT_LOADING N8N_CUSTOM_EXTENSIONS
EMU_PORT="$(free_port)"

install_package "$REPO" "$N8N_USER_FOLDER" "$WORK"
sed "s#__EMULATOR_BASE_URL__#http://127.0.0.1:$EMU_PORT#" "$REPO/test/e2e/credentials.template.json" >"$WORK/credentials.json"
"${N8N_CMD[@]}" import:credentials --input="$WORK/credentials.json" >"$WORK/out/import-credentials.log" 2>&1 \
  || { tail -n 20 "$WORK/out/import-credentials.log" >&2; die "import:credentials failed"; }
WF_ID="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).id' "$DIR/delete.workflow.json")"
"${N8N_CMD[@]}" import:workflow --input="$DIR/delete.workflow.json" >"$WORK/out/import-workflow.log" 2>&1 \
  || { tail -n 20 "$WORK/out/import-workflow.log" >&2; die "import:workflow failed"; }
"${N8N_CMD[@]}" publish:workflow --id="$WF_ID" >"$WORK/out/publish.log" 2>&1 \
  || { tail -n 20 "$WORK/out/publish.log" >&2; die "publish:workflow failed"; }

# ---------------------------------------------------------------------------------------------
# 4. Main + workers (each with its own task-runner broker port), then the two executions
# ---------------------------------------------------------------------------------------------
log "n8n main on port $N8N_PORT (log: $WORK/out/n8n-main.log)"
start_bg "$WORK/out/n8n-main.log" env N8N_RUNNERS_BROKER_PORT="$(free_port)" "${N8N_CMD[@]}" start
wait_for "n8n main" 180 curl -fsS "http://127.0.0.1:$N8N_PORT/healthz/readiness"
for ((w = 1; w <= WORKERS; w++)); do
  log "n8n worker $w (log: $WORK/out/n8n-worker-$w.log)"
  # concurrency 1: the two executions run in two processes, as in a cluster under load
  start_bg "$WORK/out/n8n-worker-$w.log" env N8N_RUNNERS_BROKER_PORT="$(free_port)" "${N8N_CMD[@]}" worker --concurrency=1
done
for ((w = 1; w <= WORKERS; w++)); do
  wait_for "n8n worker $w" 180 grep -qi 'worker.*ready\|ready.*worker' "$WORK/out/n8n-worker-$w.log"
done

DRIVE_RC=0
( cd "$REPO" && npx --no -- tsx "$DIR/drive.ts" "$EMU_PORT" "http://127.0.0.1:$N8N_PORT/webhook/tc-queue-delete" \
    "$EXECUTIONS" "$SUBSCRIBERS" "$LATENCY_MS" ) >"$WORK/out/drive.stdout" 2> >(tee "$WORK/out/drive.stderr" >&2) || DRIVE_RC=$?
RAN_ON=()
for ((w = 1; w <= WORKERS; w++)); do
  RAN_ON+=("worker $w: $(grep -ci 'start.*execution\|execution.*start' "$WORK/out/n8n-worker-$w.log" || true) log lines about starting executions")
done

echo
echo "============== n8n queue-mode e2e summary =============="
echo "n8n $("${N8N_CMD[@]}" --version 2>/dev/null | tail -n1), main + $WORKERS workers, Redis $(redis-server --version | grep -o 'v=[0-9.]*'), PostgreSQL $("$PG_BIN/postgres" --version | grep -oE '[0-9]+\.[0-9]+' | head -n1)"
echo "$EXECUTIONS executions × $SUBSCRIBERS subscribers, one SDKAppID, emulator latency $LATENCY_MS ms; ${RAN_ON[*]}"
print_checks "$WORK/out/drive.stdout" "$DRIVE_RC" "============== n8n queue-mode e2e summary =============="
exit "$OVERALL"
}
