#!/usr/bin/env bash
# Single-step rate of a replay (hindsight build and DAP stepping on a replay single-step
# everything) versus the live engine and a minimal C ptrace loop, on the same loop, as ratios.
# Not a test: this VM is noisy, quote one run.
# Usage: misc/bench/replay-step-rate.sh [STEPS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
steps=${1:-100000}
work=$(mktemp -d /tmp/hindsight-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$root/misc/ensure-deps.sh" >/dev/null
[ -d "$root/tracer/target/lib" ] || (cd "$root" && mvn -q -B -DskipTests -pl tracer package)

clang -g -O0 -no-pie -o "$work/spin" "$root/misc/bench/replay_spin.c"
cc -O2 -o "$work/floor" "$root/misc/bench/ptrace_floor.c"
main=0x$(nm "$work/spin" | awk '$3 == "main" {print $1}')
cpu=$(taskset -pc $$ | awk -F': ' '{print $2}' | cut -d, -f1 | cut -d- -f1)
# BENCH_CLASSES: classes put first (e.g. an older build of some, to compare)
cp="${BENCH_CLASSES:+$BENCH_CLASSES:}$root/tracer/target/classes:$root/tracer/target/lib/*"

floor=$("$work/floor" "$work/spin" "$main" "$steps" "$cpu")
live=$(java -cp "$cp" "$root/misc/bench/StepRate.java" "$work/spin" "$main" "$steps" 3)
replay=$(java -cp "$cp" "$root/misc/bench/ReplayStepRate.java" "$work/spin" "$main" "$steps" 3)

echo "single steps per second (step + registers), $steps steps:"
printf '  %-34s %8s\n' "C ptrace loop (pinned, floor)" "$floor" "hindsight live engine (pinned)" "$live" \
    "hindsight replay (pinned)" "$replay"
awk -v r="$replay" -v l="$live" -v f="$floor" 'BEGIN {
    printf "ratios: replay/live = %.2fx, replay/C-loop = %.2fx, live/C-loop = %.2fx\n", r/l, r/f, l/f }'
