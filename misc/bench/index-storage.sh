#!/usr/bin/env bash
# The index's storage candidates on the same instruction streams, in one run: bytes per
# instruction on disk, the writer's cost per instruction, query latencies (median/95th percentile of random
# samples, warm page cache). Streams: a live single-stepped run of index_workload.c (ROUNDS rounds,
# recorded once through the tracer's ptrace backend) and a synthetic loop-shaped stream of N
# instructions. Not a test: this VM is noisy, quote one run.
# Usage: misc/bench/index-storage.sh [ROUNDS] [SYNTHETIC_N] [BIG_N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-50}
synthetic=${2:-5000000}
big=${3:-50000000}
work=${HINDSIGHT_BENCH_DIR:-$(mktemp -d /tmp/hindsight-index-bench.XXXXXX)}
[ -n "${HINDSIGHT_BENCH_DIR:-}" ] || trap 'rm -rf "$work"' EXIT
cd "$root"
# One reactor run: the index's test classpath (tracer's test-jar resolves to its test classes).
mvn -q -B -ntp -pl index -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="$root/index/target/test-classes:$root/index/target/classes:$root/tracer/target/classes:$root/tracer/target/test-classes:$(cat "$work/cp.txt")"
program="$work/index_workload"
clang -g -O0 -o "$program" "$root/tracer/src/test/resources/programs/index_workload.c"
run() { java -Xms6g -Xmx8g -cp "$cp" dev.hindsight.index.bench.StorageBenchmark "$work" "$@"; echo; }
run live "$program" "$rounds" columnar columnar-zstd3 sqlite duckdb
run synthetic "$synthetic" columnar columnar-zstd3 sqlite duckdb
run synthetic "$big" columnar
