#!/usr/bin/env bash
# Refreshes docs/screenshot.png (referenced from README.md): the web UI mid-debugging, taken with
# Debian's chromium through playwright-core. Usage: misc/screenshot.sh [OUT.png]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/misc/ensure-deps.sh" nodejs npm chromium >/dev/null
(cd "$root" && mvn -q -B -DskipTests package)
exec node "$root/misc/screenshot.mjs" "$@"
