#!/usr/bin/env bash
# Latency of the history queries (lastExecutionBefore, firstExecutionFrom, lastWriteBefore,
# firstWriteFrom) and of value-origin lookups (root + writers + the first writer's inputs, for a
# stack slot and for rax/rbx) at 300 random times of a recorded and built build_compute.c run
# (issue 12: each <= 50 ms at any point of a 50M-instruction trace), after the process's first state
# queries (issue 10: the state at any time in <= 10 ms, a fresh process's first queries included).
# Not a test: quote one run.
# Usage: misc/bench/origin-latency.sh [ITERATIONS] [SHARDS] [BUILT_TRACE_DIR]
#   build_compute.c runs ~41.5 instructions an iteration; the default 100,000 (~4.2 million
#   instructions) records and builds in a few minutes here; 1,200,000 gives ~50 million (the
#   build alone then takes ~20 minutes on this 2-core VM). With BUILT_TRACE_DIR (e.g. one kept
#   from build.sh) nothing is recorded or built.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
iterations=${1:-100000}
shards=${2:-$(nproc)}
built=${3:-}
work=$(mktemp -d /tmp/hindsight-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$root/misc/ensure-deps.sh" >/dev/null
(cd "$root" && mvn -q -B -DskipTests -pl index -am package)
clang -g -O0 -o "$work/compute" "$root/tracer/src/test/resources/programs/build_compute.c"
java -cp "$root/index/target/classes:$root/index/target/lib/*" "$root/misc/bench/OriginLatency.java" \
  "$work/compute" "$iterations" "$work" "$shards" $built 2>/dev/null | awk '
  /^COUNT/ { printf "%d instructions in %d shard(s); 300 random times; ms median / p95 / max (target 50), wall and CPU\n", $2, $3; next }
  /^STATE / { wall = sprintf("%.2f and %.2f ms, then median %.2f, slowest %.2f", $2, $3, $4, $5); next }
  /^STATECPU/ { printf "  state at 200 random times (registers, 128 stack bytes, 64 data bytes; target 10 ms), the process'"'"'s first queries: first two %s (CPU %.2f and %.2f, median %.2f)\n", wall, $2, $3, $4; next }
  /^COLD/  { printf "  first origin lookup of the process (loads Capstone): %.2f ms; then 30 untimed rounds\n", $2; next }
  { printf "  %-20s wall %7.2f %7.2f %7.2f   cpu %7.2f %7.2f %7.2f\n", $1, $2, $3, $4, $5, $6, $7 }'
