#!/usr/bin/env bash
# Runs the real front end tests: cdt-gdb-adapter (from npm, unmodified) driven by
# @vscode/debugadapter-testsupport's DebugClient, with bin/hindsight-gdb as its gdb. The npm
# packages are installed from package-lock.json into mi-server/target/node-tests, outside src/, so
# the launcher never sees them as stale sources. Needs the jars: mvn -DskipTests package first.
# Usage: run.sh [TEST_FILE…]   (default: every test/*.test.js); run.sh --install-only
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
deps=$here/../../../target/node-tests
mkdir -p "$deps"
if ! cmp -s "$here/package-lock.json" "$deps/package-lock.json" || [ ! -d "$deps/node_modules" ]; then
  cp "$here/package.json" "$here/package-lock.json" "$deps/"
  # --ignore-scripts: cdt-gdb-adapter's install script only rebuilds its pty helper (used for
  # gdb consoles in a terminal, which these tests do not open); the package ships it built.
  (cd "$deps" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
fi
[ "${1:-}" = --install-only ] && exit 0
cd "$here"
if [ $# -eq 0 ]; then set -- test/*.test.js; fi
NODE_PATH=$(cd "$deps" && pwd)/node_modules exec node --test --test-concurrency=1 "$@"
