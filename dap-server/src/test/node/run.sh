#!/usr/bin/env bash
# Runs the DAP client tests (node's test runner + @vscode/debugadapter-testsupport) against the
# built adapter. The npm packages are installed from package-lock.json into
# dap-server/target/node-tests, outside src/, so the launcher never sees them as stale sources.
# Usage: run.sh [TEST_FILE…]   (default: every test/*.test.js); run.sh --install-only
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
deps=$here/../../../target/node-tests
mkdir -p "$deps"
if ! cmp -s "$here/package-lock.json" "$deps/package-lock.json" || [ ! -d "$deps/node_modules" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$deps/"
  (cd "$deps" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
[ "${1:-}" = --install-only ] && exit 0
cd "$here"
if [ $# -eq 0 ]; then set -- test/*.test.js; fi
NODE_PATH=$(cd "$deps" && pwd)/node_modules exec node --test "$@"
