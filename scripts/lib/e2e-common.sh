#!/usr/bin/env bash
# Helpers shared by the e2e scripts (sourced): process groups, free ports, the checks summary.

# stop_group <pid> [secs]: TERM the process group started with setsid, KILL after about <secs>.
stop_group() {
  local pid="$1" secs="${2:-3}" i
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < secs * 10 / 3; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.3; done
  kill -KILL -- "-$pid" 2>/dev/null || true
}

# free_port: prints a TCP port on 127.0.0.1 that was free a moment ago.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# print_checks <checker stdout> <checker exit code> <title>: the summary of a checker that prints
# tab-separated PASS / FAIL / FIGURE lines; sets OVERALL=0 when every check passed.
print_checks() {
  local file="$1" rc="$2" title="$3" passed=0 failed=0 verdict label detail
  while IFS=$'\t' read -r verdict label detail; do
    case "$verdict" in
      PASS) passed=$((passed + 1)); printf '  PASS  %s%s\n' "$label" "${detail:+  ($detail)}" ;;
      FAIL) failed=$((failed + 1)); printf '  FAIL  %s%s\n' "$label" "${detail:+  ($detail)}" ;;
      FIGURE) printf '  figure %s = %s\n' "$label" "$detail" ;;
    esac
  done <"$file"
  if (( failed == 0 && passed > 0 && rc == 0 )); then echo "RESULT: PASS ($passed checks)"; OVERALL=0
  else echo "RESULT: FAIL ($failed failed, $passed passed; files in $WORK)"; fi
  echo "$title" | tr -c '\n' '='
}

# n8n_server_env: the environment of an `n8n start` for an e2e script (uses $WORK): a fresh user folder
# under $WORK, sqlite, free ports for n8n and its task runners, community packages on, banners off.
n8n_server_env() {
  export N8N_USER_FOLDER="$WORK/n8n-home"
  export N8N_ENCRYPTION_KEY="n8n-nodes-tencent-chat-e2e-fixed-key"
  export N8N_LOG_FORMAT=json N8N_LOG_LEVEL=info N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=127.0.0.1 DB_TYPE=sqlite
  export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_TEMPLATES_ENABLED=false \
    N8N_DYNAMIC_BANNERS_ENABLED=false N8N_PERSONALIZATION_ENABLED=false N8N_HIRING_BANNER_ENABLED=false
  export N8N_COMMUNITY_PACKAGES_ENABLED=true N8N_UNVERIFIED_PACKAGES_ENABLED=true N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false
  export N8N_PORT; N8N_PORT="$(free_port)"
  export N8N_RUNNERS_BROKER_PORT; N8N_RUNNERS_BROKER_PORT="$(free_port)"
  export N8N_WEBHOOK_URL="http://127.0.0.1:$N8N_PORT/"
  unset N8N_COMMUNITY_PACKAGES_PREVENT_LOADING N8N_CUSTOM_EXTENSIONS
  mkdir -p "$N8N_USER_FOLDER/.n8n/nodes" "$WORK/out" "$WORK/pack"
}
