#!/usr/bin/env bash
# Single-step rate of Hindsight's engine versus gdb's `stepi` and a minimal C ptrace loop, on the
# same binary in the same run, printed as ratios. Not a test: this VM is noisy, quote one run.
# Usage: misc/bench/step-rate.sh [STEPS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
steps=${1:-100000}
work=$(mktemp -d /tmp/hindsight-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$root/misc/ensure-deps.sh" >/dev/null
[ -f "$root/tracer/target/hindsight-tracer-0.1.0-SNAPSHOT.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)

clang -g -O0 -no-pie -o "$work/spin" "$root/misc/bench/spin.c"
cc -O2 -o "$work/floor" "$root/misc/bench/ptrace_floor.c"
main=0x$(nm "$work/spin" | awk '$3 == "main" {print $1}')
cpu=$(taskset -pc $$ | awk -F': ' '{print $2}' | cut -d, -f1 | cut -d- -f1)
cp="$root/tracer/target/classes:$root/tracer/target/lib/*"

floor=$("$work/floor" "$work/spin" "$main" "$steps" "$cpu")
gdb_steps=$((steps / 5))
gdb_normal=$(BENCH_STEPS=$gdb_steps gdb -nx -batch -x "$root/misc/bench/gdb_stepi.py" "$work/spin" 2>/dev/null | awk '/^RATE/ {print $2}')
gdb_pinned=$(BENCH_STEPS=$gdb_steps taskset -c "$cpu" gdb -nx -batch -x "$root/misc/bench/gdb_stepi.py" "$work/spin" 2>/dev/null | awk '/^RATE/ {print $2}')
ours=$(java -cp "$cp" "$root/misc/bench/StepRate.java" "$work/spin" "$main" "$steps" 3)

echo "single steps per second (step + registers), $steps steps:"
printf '  %-34s %8s\n' "C ptrace loop (pinned, floor)" "$floor" "gdb stepi (as normally run)" "$gdb_normal" \
    "gdb stepi (pinned)" "$gdb_pinned" "hindsight engine (pinned)" "$ours"
awk -v o="$ours" -v g="$gdb_normal" -v gp="$gdb_pinned" -v f="$floor" 'BEGIN {
    printf "ratios: hindsight/gdb = %.1fx, hindsight/gdb-pinned = %.1fx, hindsight/C-loop = %.2fx\n", o/g, o/gp, o/f }'
