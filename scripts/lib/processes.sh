#!/usr/bin/env bash
# Process helpers shared by the e2e scripts (sourced).

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
