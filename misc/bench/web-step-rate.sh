#!/usr/bin/env bash
# Instruction steps per second through the web UI's /dap WebSocket versus penguinTrace's 64 steps/s,
# and versus the same DAP engine driven in process in the same run (what the WebSocket costs).
# Usage: misc/bench/web-step-rate.sh [STEPS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/misc/ensure-deps.sh" nodejs npm >/dev/null
[ -d "$root/web-ui/target/lib" ] && [ -d "$root/web-ui/node_modules" ] || (cd "$root" && mvn -q -B -DskipTests package)
steps=${1:-2000}
inproc=$(java -cp "$root/dap-server/target/classes:$root/web-ui/target/lib/*" "$root/misc/bench/DapInProcessStepRate.java" \
  "$root/misc/bench/spin.c" "$steps" 2>/dev/null | awk '/^RATE/ {print $2}')
INPROCESS_RATE=$inproc exec node "$root/misc/bench/web-step-rate.mjs" "$steps"
