#!/usr/bin/env bash
# Bundles the page (CodeMirror from npm, our modules, HTML, CSS) into OUT (default
# target/classes/static). Run by the Maven build; without node/npm it only warns, so the Java
# build still works and the server says the page is missing.
set -euo pipefail
module=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
out=${1:-$module/target/classes/static}
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "hindsight: node/npm not found, the web page is not bundled (misc/ensure-deps.sh nodejs npm installs them)" >&2
  exit 0
fi
cd "$module"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # --ignore-scripts: the pinned packages need no install scripts (esbuild's binary is its own package).
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2
fi
node src/main/frontend/build.mjs "$out"
