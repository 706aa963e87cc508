#!/usr/bin/env bash
# Profiles the adapter during warm DAP instruction-step round trips (dap-step-profile.js): the rate,
# each thread's CPU per round trip, and a JFR recording of the timed ones, summed by dap-jfr-top.py.
# Usage: misc/bench/dap-step-profile.sh [STEPS] [OUT]   (BENCH_WARMUP=N untimed steps first, default 6000;
#        PROFILE_PERIOD=1ms sampling period; OUT.jfr is kept)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
steps=${1:-4000}
out=${2:-/tmp/hindsight-dap-profile}
work=$(mktemp -d /tmp/hindsight-dap-profile.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -f "$root/dap-server/target/hindsight-dap-server-0.1.0-SNAPSHOT.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
"$root/dap-server/src/test/node/run.sh" --install-only
export NODE_PATH=$root/dap-server/target/node-tests/node_modules
clang -g -O0 -o "$work/spin" "$root/misc/bench/spin.c"
hindsight_cmd=$(cd "$root/dap-server/src/test/node" && node -e "console.log(require('./lib/adapter').adapterCommand().join('\n'))")
mapfile -t hindsight <<<"$hindsight_cmd"
node "$root/misc/bench/dap-step-profile.js" "$work/spin" "$steps" "$out" "${hindsight[@]}"
python3 "$root/misc/bench/dap-jfr-top.py" "$out.jfr" "" 25
