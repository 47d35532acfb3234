#!/usr/bin/env bash
# End-to-end test of Callback → Respond in a real n8n 2.41.1: packs this repo, installs it as a community package
# into a fresh user folder, imports a credential (with Callback Token), the workflows of test/e2e/respond (trigger
# in "Using the Respond Operation" mode: with a Respond step and a 3 s Wait after it, without a Respond step, with
# a Respond step that fails) and examples/before-add-subscriber-respond.workflow.json, publishes them, runs
# `n8n start` on free ports, then test/e2e/respond/check-respond.mjs POSTs signed Before Add Subscriber callbacks
# and reads the executions back. Two baselines answer the same callbacks in the same run: the trigger with When
# Last Node Finishes, and n8n's own Webhook + Respond to Webhook.
#
#   npm run test:e2e:respond    (= npm run build && bash scripts/e2e-respond.sh)
#   E2E_KEEP=1                  keep the temporary folder (logs, n8n output, database)
# n8n and Node 24 come from the cache that scripts/lib/n8n-install.sh fills.
set -euo pipefail
{
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$REPO/test/e2e/respond"
CALLBACK_TOKEN="e2e-callback-token-$RANDOM$RANDOM"
SDK_APP_ID=1400000000

log() { printf '[e2e-respond] %s\n' "$*" >&2; }
die() { printf '[e2e-respond] FAIL: %s\n' "$*" >&2; exit 1; }

N8N_INSTALL_TAG=e2e-respond
source "$REPO/scripts/lib/n8n-install.sh"
source "$REPO/scripts/lib/e2e-common.sh"
ensure_cache
[[ -d "$REPO/dist/nodes/TencentChatOfficialAccount/actions/callback" ]] || die "no Callback resource in dist/: build first (npm run test:e2e:respond builds)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tencent-chat-e2e-respond.XXXXXX")"
N8N_PID=""; OVERALL=1
cleanup() {
  local rc=$?
  stop_group "$N8N_PID" 20
  if [[ "${E2E_KEEP:-}" == "1" || $rc -ne 0 || $OVERALL -ne 0 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

n8n_server_env

install_package "$REPO" "$N8N_USER_FOLDER" "$WORK"

# The trigger's credential; Respond calls no Tencent API, so the base URL points nowhere.
node -e '
  const fs = require("fs"); const [tpl, out, token] = process.argv.slice(1);
  fs.writeFileSync(out, fs.readFileSync(tpl, "utf8").replaceAll("__EMULATOR_BASE_URL__", "http://127.0.0.1:9").replaceAll("__CALLBACK_TOKEN__", token));
' "$REPO/test/e2e/trigger/credentials.template.json" "$WORK/credentials.json" "$CALLBACK_TOKEN"
"${N8N_CMD[@]}" import:credentials --input="$WORK/credentials.json" >"$WORK/out/import-credentials.log" 2>&1 \
  || { tail -n 20 "$WORK/out/import-credentials.log" >&2; die "import:credentials failed"; }
# The workflows, and the README's example as a user imports it (with the e2e credential picked), imported in one
# n8n call (each CLI call boots n8n); publishing takes one call per workflow.
mkdir -p "$WORK/workflows"
cp "$DIR"/*.workflow.json "$WORK/workflows/"
node -e '
  const fs = require("fs"); const [src, out] = process.argv.slice(1); const wf = JSON.parse(fs.readFileSync(src, "utf8"));
  for (const node of wf.nodes) if (node.credentials?.tencentChatApi) node.credentials.tencentChatApi = { id: "tencentChatTrigger", name: "Tencent Chat trigger e2e" };
  fs.writeFileSync(out, JSON.stringify(wf));
' "$REPO/examples/before-add-subscriber-respond.workflow.json" "$WORK/workflows/example.workflow.json"
"${N8N_CMD[@]}" import:workflow --separate --input="$WORK/workflows" >"$WORK/out/import-workflows.log" 2>&1 \
  || { tail -n 20 "$WORK/out/import-workflows.log" >&2; die "import:workflow failed"; }
for file in "$WORK"/workflows/*.workflow.json; do
  id="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).id' "$file")"
  "${N8N_CMD[@]}" publish:workflow --id="$id" >"$WORK/out/publish-$id.log" 2>&1 \
    || { tail -n 20 "$WORK/out/publish-$id.log" >&2; die "publish:workflow $id failed"; }
done

log "n8n start on port $N8N_PORT (log: $WORK/out/n8n-start.log)"
( exec setsid "${N8N_CMD[@]}" start ) >"$WORK/out/n8n-start.log" 2>&1 &
N8N_PID=$!

CHECK_RC=0
node "$DIR/check-respond.mjs" --n8n-url "http://127.0.0.1:$N8N_PORT" --token "$CALLBACK_TOKEN" --sdkappid "$SDK_APP_ID" --n8n-dir "$N8N_DIR" \
  >"$WORK/out/check.stdout" 2> >(tee "$WORK/out/check.stderr" >&2) || CHECK_RC=$?
kill -0 "$N8N_PID" 2>/dev/null || { log "n8n exited early:"; tail -n 20 "$WORK/out/n8n-start.log" >&2; }
if grep -q "$CALLBACK_TOKEN" "$WORK/out/n8n-start.log"; then echo -e "FAIL\tthe callback token appears in the n8n log\t" >>"$WORK/out/check.stdout"; fi

echo
echo "============== n8n Callback → Respond e2e summary =============="
echo "n8n $("${N8N_CMD[@]}" --version 2>/dev/null | tail -n1) (Node $("$NODE24_DIR/bin/node" --version)), checks on Node $(node --version)"
print_checks "$WORK/out/check.stdout" "$CHECK_RC" "============== n8n Callback → Respond e2e summary =============="
exit "$OVERALL"
}
