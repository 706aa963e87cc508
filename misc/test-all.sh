#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs what the tests need (clang,
# Debian's libcapstone, gdb as the oracle), then the Maven build with all tests.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
"$root/misc/ensure-deps.sh" gdb binutils libc6-dbg
cd "$root"
mvn -B -ntp verify "$@"
