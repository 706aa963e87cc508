#!/usr/bin/env bash
# Stops printed per second by `hindsight trace --json` (one JSON object per instruction, to a
# pipe) versus the engine's own single-step rate (StepRate.java, step + registers on the engine's
# thread, best of 3 rounds of STEPS) in alternating runs. The trace is timed in the pipe
# (trace-json-linerate.c): from its 10th percent of lines to its last, so neither its start-up nor
# its JIT warm-up counts, as the engine's best round has neither. Not a test: this VM is noisy,
# quote the medians and the load.
# Usage: misc/bench/trace-json-rate.sh [STEPS] [RUNS]   (default 100000 and 5)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
steps=${1:-100000}
runs=${2:-5}
work=$(mktemp -d /tmp/hindsight-trace-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
[ -f "$root/trace-cli/target/hindsight-trace-cli-0.1.0-SNAPSHOT.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
clang -g -O0 -no-pie -o "$work/spin" "$root/misc/bench/spin.c"
cc -O2 -o "$work/linerate" "$root/misc/bench/trace-json-linerate.c"
main=0x$(nm "$work/spin" | awk '$3 == "main" {print $1}')
trace_cp="$root/trace-cli/target/hindsight-trace-cli-0.1.0-SNAPSHOT.jar:$root/trace-cli/target/lib/*"

# Stops per second of `trace --json --steps N` past its first tenth; every stop must reach the pipe.
run_trace() {
  local lines rate
  read -r lines rate < <(java -XX:+UseSerialGC -cp "$trace_cp" dev.hindsight.trace.TraceCommand "$work/spin" --json --steps "$1" 2>/dev/null \
    | "$work/linerate" $(($1 / 10)))
  [ "$lines" -eq $(($1 + 1)) ] || { echo "trace printed $lines lines for $1 steps" >&2; exit 1; }
  echo "$rate"
}
run_engine() {
  java -cp "$root/tracer/target/classes:$root/tracer/target/lib/*" "$root/misc/bench/StepRate.java" "$work/spin" "$main" "$1" 3
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "instruction stops per second, $steps steps, $runs alternating runs (load average before: $(cut -d' ' -f1-3 /proc/loadavg)):"
traces=() engines=() ratios=()
for i in $(seq "$runs"); do
  t=$(run_trace "$steps")
  e=$(run_engine "$steps")
  traces+=("$t") engines+=("$e") ratios+=("$(echo "$t / $e" | bc -l)")
  printf '  run %d: trace --json %6.0f  engine %6.0f  ratio %.2f  (load %s)\n' "$i" "$t" "$e" "${ratios[-1]}" "$(cut -d' ' -f1 /proc/loadavg)"
done
printf '  %-40s %8.0f\n' "hindsight trace --json (to a pipe), median" "$(printf '%s\n' "${traces[@]}" | median)" \
  "hindsight engine (StepRate, in process), median" "$(printf '%s\n' "${engines[@]}" | median)"
printf 'ratio: trace --json / engine = %.2f median of the runs (%.2f-%.2f)\n' "$(printf '%s\n' "${ratios[@]}" | median)" \
  "$(printf '%s\n' "${ratios[@]}" | sort -g | head -1)" "$(printf '%s\n' "${ratios[@]}" | sort -g | tail -1)"
