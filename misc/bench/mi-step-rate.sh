#!/usr/bin/env bash
# GDB/MI: Hindsight (bin/hindsight-gdb, as front ends start it) versus gdb on the same program in
# the same run: time from process start to the first (gdb) prompt, and -exec-step-instruction +
# -data-list-register-values round trips per second, printed as ratios. Not a test: this VM is
# noisy, quote one run.
# Usage: misc/bench/mi-step-rate.sh [STEPS] [STARTS]   (default 2000 timed steps, 10 starts each;
#        BENCH_WARMUP=N untimed steps first, default 2000)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
steps=${1:-2000}
starts=${2:-10}
work=$(mktemp -d /tmp/hindsight-mi-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$root/misc/ensure-deps.sh" gdb nodejs >/dev/null
# Built before timing: a launch that has to build first is not a start-up.
(cd "$root" && mvn -q -B -ntp -DskipTests -pl mi-server -am package) >&2
clang -g -O0 -o "$work/spin" "$root/misc/bench/spin.c"
# The launcher archives hindsight gdb's classes on its first start after a build: not timed either.
"$root/bin/hindsight-gdb" -q -nx --batch </dev/null >/dev/null 2>&1 || true
node "$root/misc/bench/mi-step-rate.js" "$work/spin" "$steps" "$starts" "$root/bin/hindsight-gdb"
