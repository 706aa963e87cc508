#!/usr/bin/env bash
# `hindsight build` against its targets (issue 10): instructions indexed per second in N shards,
# as a ratio to N x the single-step rate of a bare C ptrace loop measured in the same run;
# bytes per instruction on disk (target <= 24; gdb's `record full` keeps ~215 in memory); the time
# to bring back the state at a random time (all registers and two memory ranges; target <= 10 ms).
# Not a test: this VM is noisy, quote one run.
# Usage: misc/bench/build.sh [ITERATIONS] [JOBS]   (build_compute.c runs ~41.5 instructions an
# iteration: the default 1,300,000 is ~54 million instructions; JOBS, the shards stepped at once,
# defaults to the cores; the run is cut into 8 shards per job, as `hindsight build` does)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
iterations=${1:-1300000}
jobs=${2:-$(nproc)}
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

# BENCH_LOG=FILE keeps the builder's log (each shard's length and time, the planning, the commit).
# BENCH_BUILDS="1:1 16:2" builds the same trace once per SHARDS:JOBS (default: 8 x JOBS shards, JOBS jobs).
counts=${BENCH_BUILDS:-$((8 * jobs)):$jobs}
out=$(java -cp "$root/index/target/classes:$root/index/target/lib/*" "$root/misc/bench/BuildRate.java" \
  "$work/compute" "$iterations" "$work" $counts 2>"${BENCH_LOG:-/dev/null}")
echo "$out" | awk -v floor="$floor" '
  /^RECORD/ { printf "recorded in %.2f s\n", $2 }
  /^BUILD/  { rate = $4 / $5; printf "build, %d shard(s), %d job(s): %d instructions in %.1f s = %.0f/s = %.2fx (%d x C ptrace loop %d/s); %.2f bytes per instruction\n", $2, $3, $4, $5, rate, rate / ($3 * floor), $3, floor, $6 / $4 }
  /^QUERY/  { printf "state at a random time: median %.2f ms, slowest of 198 %.2f ms (target 10 ms); the fresh process'"'"'s first two queries, before them (its code not yet compiled): %.2f and %.2f ms\n", $2, $3, $4, $5 }'
