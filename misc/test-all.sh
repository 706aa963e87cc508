#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs what the tests need (clang,
# Debian's libcapstone, gdb as the oracle, node and Debian's chromium for the web page), then the
# Maven build with all tests, then the browser tests of the web page (node's test runner).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
"$root/misc/ensure-deps.sh" gdb binutils libc6-dbg nodejs npm chromium
cd "$root"
mvn -B -ntp verify "$@"
# The browser tests drive the page built above against the server's classes.
(cd "$root/web-ui" && node --test src/test/browser/)
