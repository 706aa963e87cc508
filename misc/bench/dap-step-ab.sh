#!/usr/bin/env bash
# Before/after on a loaded machine: the DAP instruction-step round trip of two adapter builds (gdb's MI
# stepi + registers beside them, and
# of an adapter that answers at once, the client's floor) in alternating rounds of one run, with
# each adapter's CPU per round trip from /proc (the JIT compiler threads' apart): at load 15-17 the
# wall-clock ratio of one build against itself ranged 0.60-1.93 per round (median 1.16x), the CPU
# much less. All DAP peers through dap-lean-client.js.
# Usage: misc/bench/dap-step-ab.sh BEFORE_DAP_SERVER_DIR [ROUNDS] [STEPS_PER_ROUND]
#   BEFORE_DAP_SERVER_DIR: another checkout's dap-server/ built with `mvn package` (e.g. main's);
#   the after is this checkout's.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
before=$(cd "$1" && pwd)
rounds=${2:-10}
per=${3:-300}
work=$(mktemp -d /tmp/hindsight-dap-ab.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$root/dap-server/src/test/node/run.sh" --install-only
export NODE_PATH=$root/dap-server/target/node-tests/node_modules
clang -g -O0 -o "$work/spin" "$root/misc/bench/spin.c"
jar=hindsight-dap-server-0.1.0-SNAPSHOT.jar
cmd() { echo "java -XX:+UseSerialGC -cp $1/target/$jar:$1/target/lib/* dev.hindsight.dap.DapMain"; }
node "$root/misc/bench/dap-step-ab.js" "$work/spin" "$rounds" "$per" "$(cmd "$before")" "$(cmd "$root/dap-server")"
