#!/usr/bin/env bash
# 100 concurrent confined web sessions (compile + 200 instruction steps each) on one server.
# Usage: misc/bench/web-load.sh [SESSIONS] [STEPS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/misc/ensure-deps.sh" nodejs npm bubblewrap >/dev/null
[ -d "$root/web-ui/target/lib" ] && [ -d "$root/web-ui/node_modules" ] || (cd "$root" && mvn -q -B -DskipTests package)
exec node "$root/misc/bench/web-load.mjs" "$@"
