#!/usr/bin/env bash
# Instruction steps per second through the web UI's /dap WebSocket versus penguinTrace's 64 steps/s.
# Usage: misc/bench/web-step-rate.sh [STEPS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/misc/ensure-deps.sh" nodejs npm >/dev/null
[ -d "$root/web-ui/target/lib" ] && [ -d "$root/web-ui/node_modules" ] || (cd "$root" && mvn -q -B -DskipTests package)
exec node "$root/misc/bench/web-step-rate.mjs" "$@"
