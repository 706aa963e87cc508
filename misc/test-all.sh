#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs what the tests need (clang,
# Debian's libcapstone, gdb as the oracle, gcc for the values tests of gcc-built programs, node and
# npm for the DAP client and web page tests, Debian's chromium for the page, haproxy for the
# scale-out test, Emacs, Debian's dap-mode and vim for the editor front-end tests), then the Maven
# build with all tests, then the DAP server driven by a real DAP client, the page driven by a real
# browser (and two servers behind HAProxy) and the VS Code extension in a real VS Code, all against
# the jars just built.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
"$root/misc/ensure-deps.sh" gdb binutils clang-19 libc6-dbg linux-libc-dev-arm64-cross binutils-aarch64-linux-gnu gcc g++ nodejs npm chromium bubblewrap haproxy emacs-nox elpa-dap-mode vim
cd "$root"
if ! mvn -B -ntp -Dhindsight.requireAllCompilers=true verify "$@"; then
  # The tests' own output goes to files (surefire's redirectTestOutputToFile); a CI log shows only
  # this console, so the end of each failed class's output (a timed-out test's thread dump among
  # it) is printed here.
  "$root/misc/print-failed-test-output.sh"
  exit 1
fi
# The DAP client suite, Emacs's dap-mode in batch mode among it (test/emacs-dap-mode.test.js), then
# the GDB/MI front ends (cdt-gdb-adapter, Emacs's gdb-mi, vim's termdebug). The DAP suite starts
# the adapter as editors do, through the launcher: every session after the first is served by the
# adapter service, kept in a runtime directory of its own and stopped afterwards.
dap_runtime=$(mktemp -d /tmp/hindsight-test-runtime.XXXXXX)
stop_services() {
  for p in "$dap_runtime"/hindsight/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done
  rm -rf "$dap_runtime"
}
trap stop_services EXIT
XDG_RUNTIME_DIR=$dap_runtime HINDSIGHT_DAP_COMMAND="$root/hindsight dap" "$root/dap-server/src/test/node/run.sh"
stop_services
trap - EXIT
"$root/mi-server/src/test/node/run.sh"
# The AArch64 tests (dev.hindsight.tracer.aarch64, skipped on an x86-64 host) in an emulated arm64
# Debian guest: about 25 s with the guest cached under ~/.cache/hindsight/aarch64.
"$root/misc/aarch64/run-tests.sh"
# The browser tests drive the page built above against the server's classes (node's test runner).
(cd "$root/web-ui" && node --test --test-concurrency=1 src/test/browser/)
# The VS Code extension: packaged (its manifest checked against the adapter's launch record first),
# then used in a real VS Code (code-server, installed once under ~/.cache/hindsight, in chromium)
# against the adapter built above.
vsix=$("$root/vscode-extension/build.sh")
code_server=$("$root/misc/ensure-code-server.sh")
# The extension starts the adapter through the launcher, so an adapter service too: in a runtime
# directory of its own, stopped afterwards, as for the DAP suite (not left idling for 15 minutes).
dap_runtime=$(mktemp -d /tmp/hindsight-test-runtime.XXXXXX)
trap stop_services EXIT
(cd "$root/vscode-extension" && XDG_RUNTIME_DIR=$dap_runtime HINDSIGHT_VSIX=$vsix HINDSIGHT_CODE_SERVER=$code_server \
  node --test --test-concurrency=1 test/workbench/debug-c-file.test.mjs)
stop_services
trap - EXIT
# The container recipe (Dockerfile), only where docker or podman can build and run it: it says so
# and skips otherwise.
"$root/misc/container-smoke.sh"
