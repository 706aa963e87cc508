#!/usr/bin/env bash
# Stops printed per second by `hindsight trace --json` (one JSON object per instruction, to a
# pipe) versus the engine's own single-step rate (StepRate.java, step + registers on the engine's
# thread) in the same run. The trace's start-up is taken out: a run of 1,000 steps is timed too and
# subtracted. Not a test: this VM is noisy, quote one run and the load.
# Usage: misc/bench/trace-json-rate.sh [STEPS]   (default 100000)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
steps=${1:-100000}
work=$(mktemp -d /tmp/hindsight-trace-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -f "$root/trace-cli/target/hindsight-trace-cli-0.1.0-SNAPSHOT.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
clang -g -O0 -no-pie -o "$work/spin" "$root/misc/bench/spin.c"
main=0x$(nm "$work/spin" | awk '$3 == "main" {print $1}')
trace_cp="$root/trace-cli/target/hindsight-trace-cli-0.1.0-SNAPSHOT.jar:$root/trace-cli/target/lib/*"

# Wall seconds of `trace --json --steps N`, its output counted (every stop must reach the pipe).
run_trace() {
  local t0 t1 lines
  t0=$(date +%s.%N)
  lines=$(java -XX:+UseSerialGC -cp "$trace_cp" dev.hindsight.trace.TraceCommand "$work/spin" --json --steps "$1" 2>/dev/null | wc -l)
  t1=$(date +%s.%N)
  [ "$lines" -eq $(($1 + 1)) ] || { echo "trace printed $lines lines for $1 steps" >&2; exit 1; }
  echo "$t1 - $t0" | bc -l
}
short=$(run_trace 1000)
long=$(run_trace "$steps")
trace_rate=$(echo "($steps - 1000) / ($long - $short)" | bc -l)
engine=$(java -cp "$root/tracer/target/classes:$root/tracer/target/lib/*" "$root/misc/bench/StepRate.java" "$work/spin" "$main" "$steps" 3)

echo "instruction stops per second, $steps steps (load average: $(cut -d' ' -f1-3 /proc/loadavg)):"
printf '  %-40s %8.0f\n' "hindsight trace --json (to a pipe)" "$trace_rate" "hindsight engine (StepRate, in process)" "$engine"
awk -v t="$trace_rate" -v e="$engine" 'BEGIN { printf "ratio: trace --json / engine = %.2f\n", t/e }'
