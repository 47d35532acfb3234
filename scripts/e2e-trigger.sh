#!/usr/bin/env bash
# End-to-end test of the Tencent Chat Official Account Trigger in a real n8n 2.41.1: packs this repo, installs
# the tarball as a community package into a fresh user folder, imports a credential (with Callback Token) and
# two trigger workflows, publishes them, runs `n8n start` on free ports, then test/e2e/trigger/check-trigger.mjs
# POSTs signed callbacks to the production URLs and reads the executions back. An emulator (its callbacks
# pointed at the After workflow's production URL) closes the loop: delete_subscriber -> AfterDeleteSubscriber.
# Two more workflows share one URL as a chain (A runs After Add Subscriber and forwards the rest to B, B runs
# After Delete Subscriber and forwards the rest to a stub "app backend" the checker runs on STUB_PORT).
#
#   npm run test:e2e:trigger    (= npm run build && bash scripts/e2e-trigger.sh)
#   E2E_KEEP=1                  keep the temporary folder (logs, n8n output, database)
# n8n and Node 24 come from the cache that scripts/e2e.sh --install-only fills.
set -euo pipefail
{
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$REPO/test/e2e/trigger"
CALLBACK_TOKEN="e2e-callback-token-$RANDOM$RANDOM"
SDK_APP_ID=1400000000
SECRET_KEY="5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"

log() { printf '[e2e-trigger] %s\n' "$*" >&2; }
die() { printf '[e2e-trigger] FAIL: %s\n' "$*" >&2; exit 1; }

# The pinned n8n and Node 24 (installed once into the cache) and the package install, as e2e.sh uses them.
N8N_INSTALL_TAG=e2e-trigger
source "$REPO/scripts/lib/n8n-install.sh"
source "$REPO/scripts/lib/e2e-common.sh"
ensure_cache
[[ -d "$REPO/dist/nodes/TencentChatOfficialAccountTrigger" ]] || die "no trigger in dist/: build first (npm run test:e2e:trigger builds)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tencent-chat-e2e-trigger.XXXXXX")"
N8N_PID=""; EMU_PID=""; OVERALL=1
cleanup() {
  local rc=$?
  stop_group "$N8N_PID" 20; stop_group "$EMU_PID" 3
  if [[ "${E2E_KEEP:-}" == "1" || $rc -ne 0 || $OVERALL -ne 0 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

n8n_server_env

install_package "$REPO" "$N8N_USER_FOLDER" "$WORK"

EMU_PORT="$(free_port)"
AFTER_URL="http://127.0.0.1:$N8N_PORT/webhook/tc-e2e-after/callback"
log "emulator on port $EMU_PORT, callbacks to $AFTER_URL"
( cd "$REPO" && exec setsid npx --no -- tsx test/e2e/trigger/loop-emulator.ts "$EMU_PORT" "$AFTER_URL" "$CALLBACK_TOKEN" ) >"$WORK/out/emulator.log" 2>&1 &
EMU_PID=$!

node -e '
  const fs = require("fs"); const [tpl, out, url, token] = process.argv.slice(1);
  fs.writeFileSync(out, fs.readFileSync(tpl, "utf8").replaceAll("__EMULATOR_BASE_URL__", url).replaceAll("__CALLBACK_TOKEN__", token));
' "$DIR/credentials.template.json" "$WORK/credentials.json" "http://127.0.0.1:$EMU_PORT" "$CALLBACK_TOKEN"
"${N8N_CMD[@]}" import:credentials --input="$WORK/credentials.json" >"$WORK/out/import-credentials.log" 2>&1 \
  || { tail -n 20 "$WORK/out/import-credentials.log" >&2; die "import:credentials failed"; }
STUB_PORT="$(free_port)"
for wf in after before chain-a chain-b; do
  node -e '
    const fs = require("fs"); const [tpl, out, n8n, stub] = process.argv.slice(1);
    fs.writeFileSync(out, fs.readFileSync(tpl, "utf8").replaceAll("__N8N_URL__", n8n).replaceAll("__STUB_URL__", stub));
  ' "$DIR/$wf.workflow.json" "$WORK/$wf.workflow.json" "http://127.0.0.1:$N8N_PORT" "http://127.0.0.1:$STUB_PORT/backend/callback?via=n8n"
  id="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).id' "$WORK/$wf.workflow.json")"
  "${N8N_CMD[@]}" import:workflow --input="$WORK/$wf.workflow.json" >"$WORK/out/import-$wf.log" 2>&1 \
    || { tail -n 20 "$WORK/out/import-$wf.log" >&2; die "import:workflow $wf failed"; }
  "${N8N_CMD[@]}" publish:workflow --id="$id" >"$WORK/out/publish-$wf.log" 2>&1 \
    || { tail -n 20 "$WORK/out/publish-$wf.log" >&2; die "publish:workflow $id failed"; }
done

log "n8n start on port $N8N_PORT (log: $WORK/out/n8n-start.log)"
( exec setsid "${N8N_CMD[@]}" start ) >"$WORK/out/n8n-start.log" 2>&1 &
N8N_PID=$!

CHECK_RC=0
node "$DIR/check-trigger.mjs" --n8n-url "http://127.0.0.1:$N8N_PORT" --emulator-url "http://127.0.0.1:$EMU_PORT" \
  --token "$CALLBACK_TOKEN" --sdkappid "$SDK_APP_ID" --secret-key "$SECRET_KEY" --n8n-dir "$N8N_DIR" \
  --stub-port "$STUB_PORT" --n8n-log "$WORK/out/n8n-start.log" \
  >"$WORK/out/check.stdout" 2> >(tee "$WORK/out/check.stderr" >&2) || CHECK_RC=$?
kill -0 "$N8N_PID" 2>/dev/null || { log "n8n exited early:"; tail -n 20 "$WORK/out/n8n-start.log" >&2; }
if grep -q 'rejected a callback\|answered 40' "$WORK/out/n8n-start.log"; then
  log "n8n log, trigger warnings: $(grep -c 'Tencent Chat Official Account Trigger' "$WORK/out/n8n-start.log")"
  if grep -q "$CALLBACK_TOKEN" "$WORK/out/n8n-start.log"; then echo -e "FAIL\tthe callback token appears in the n8n log\t" >>"$WORK/out/check.stdout"; fi
fi

echo
echo "============== n8n trigger e2e summary =============="
echo "n8n $("${N8N_CMD[@]}" --version 2>/dev/null | tail -n1) (Node $("$NODE24_DIR/bin/node" --version)), checks on Node $(node --version)"
print_checks "$WORK/out/check.stdout" "$CHECK_RC" "============== n8n trigger e2e summary =============="
exit "$OVERALL"
}
