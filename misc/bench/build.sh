#!/usr/bin/env bash
# `hindsight build` against its targets (issue 10): instructions indexed per second in N shards,
# as a ratio to N x the single-step rate of a bare C ptrace loop measured in the same run;
# bytes per instruction on disk (target <= 24; gdb's `record full` keeps ~215 in memory); the time
# to bring back the state at a random time (all registers and two memory ranges; target <= 10 ms).
# Not a test: this VM is noisy, quote one run.
# Usage: misc/bench/build.sh [ITERATIONS] [SHARDS]   (build_compute.c runs ~41.5 instructions an
# iteration: the default 1,300,000 is ~54 million instructions; SHARDS defaults to the cores)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
iterations=${1:-1300000}
shards=${2:-$(nproc)}
work=$(mktemp -d /tmp/hindsight-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$root/misc/ensure-deps.sh" >/dev/null
(cd "$root" && mvn -q -B -DskipTests -pl index -am package)

clang -g -O0 -o "$work/compute" "$root/tracer/src/test/resources/programs/build_compute.c"
clang -g -O0 -no-pie -o "$work/spin" "$root/misc/bench/spin.c"
cc -O2 -o "$work/floor" "$root/misc/bench/ptrace_floor.c"
main=0x$(nm "$work/spin" | awk '$3 == "main" {print $1}')
cpu=$(taskset -pc $$ | awk -F': ' '{print $2}' | cut -d, -f1 | cut -d- -f1)
floor=$("$work/floor" "$work/spin" "$main" 100000 "$cpu")

# BENCH_SHARD_COUNTS="1 2" builds the same trace once per count (default: SHARDS only).
counts=${BENCH_SHARD_COUNTS:-$shards}
out=$(java -cp "$root/index/target/classes:$root/index/target/lib/*" "$root/misc/bench/BuildRate.java" \
  "$work/compute" "$iterations" "$work" $counts 2>/dev/null)
echo "$out" | awk -v floor="$floor" '
  /^RECORD/ { printf "recorded in %.2f s\n", $2 }
  /^BUILD/  { rate = $3 / $4; printf "build, %d shard(s): %d instructions in %.1f s = %.0f/s = %.2fx (%d x C ptrace loop %d/s); %.2f bytes per instruction\n", $2, $3, $4, rate, rate / ($2 * floor), $2, floor, $5 / $3 }
  /^QUERY/  { printf "state at a random time: median %.2f ms, slowest of 200 %.2f ms (target 10 ms)\n", $2, $3 }'
