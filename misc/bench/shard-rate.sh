#!/usr/bin/env bash
# One `hindsight build` shard's stepping rate as a ratio to the bare C ptrace loop
# (ptrace_floor.c: PTRACE_SINGLESTEP + waitpid + PTRACE_GETREGS) on the same CPU, measured in the
# same run: the part of issue 10's throughput target (>= 0.8 x shards x the loop) that is the
# engine's own per-step cost, free of planning, checkpoints and how jobs share the cores.
# Each round runs the loop, then builds the trace in one shard (one job) with each classpath
# given, then the loop again; the shard's rate is its instructions over its stepping time (the
# builder's log line), the ratio is against the mean of the loop runs around it.
# Builders that log a shard's CPU per instruction (SteppingCost) also get a CPU ratio: the C loop's
# CPU per step (its own and its tracee's) over the shard's (its ptrace thread's and its tracee's),
# which waiting for a loaded CPU inflates far less than the wall-clock rates.
# Not a test: this VM is noisy, quote one run with the load average.
# Usage: misc/bench/shard-rate.sh [ITERATIONS] [ROUNDS]   (build_compute.c: ~41.5 instructions an
# iteration; default 30,000 = ~1.2 million). BENCH_CP="NAME=CLASSPATH ..." compares builds of
# the builder (default: this checkout's index/target/classes and lib). Runs on the first CPU
# this shell may use: `taskset -c 1 misc/bench/shard-rate.sh` picks it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
iterations=${1:-30000}
rounds=${2:-3}
work=$(mktemp -d /tmp/hindsight-shard-rate.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [[ -z "${BENCH_CP:-}" ]]; then
  (cd "$root" && mvn -q -B -ntp -DskipTests -pl index -am package)
  BENCH_CP="this=$root/index/target/classes:$root/index/target/lib/*"
fi

clang -g -O0 -o "$work/compute" "$root/tracer/src/test/resources/programs/build_compute.c"
clang -g -O0 -no-pie -o "$work/spin" "$root/misc/bench/spin.c"
cc -O2 -o "$work/floor" "$root/misc/bench/ptrace_floor.c"
main=0x$(nm "$work/spin" | awk '$3 == "main" {print $1}')
cpu=$(taskset -pc $$ | awk -F': ' '{print $2}' | cut -d, -f1 | cut -d- -f1)
echo "CPU $cpu, $iterations iterations, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# The C loop, timed: prints "STEPS_PER_S CPU_NS_PER_STEP" (the CPU of the loop and its tracee,
# which it reaps: bash's `time` counts waited-for children).
loop() {
  local rate
  { TIMEFORMAT='%3U %3S'; time rate=$("$work/floor" "$work/spin" "$main" 200000 "$cpu"); } 2>"$work/loop-time"
  read -r user sys <"$work/loop-time"
  awk -v rate="$rate" -v u="$user" -v s="$sys" 'BEGIN { printf "%d %.0f", rate, (u + s) * 1e9 / 200000 }'
}

for ((r = 1; r <= rounds; r++)); do
  loops=("$(loop)")
  shards=()
  for named in $BENCH_CP; do
    name=${named%%=*}
    rm -rf "$work/run"; mkdir "$work/run"
    java -cp "${named#*=}" "$root/misc/bench/BuildRate.java" "$work/compute" "$iterations" "$work/run" 1:1 \
      >/dev/null 2>"$work/log"
    # "shard 0: N instructions from … in T s on CPU C"
    # "shard 0: N instructions from … in T s on CPU C", then (builders that log it)
    # "shard 0: CPU per instruction A ns ptrace thread + B ns tracee over M instructions"
    shards+=("$name $(awk '/shard 0: [0-9,]+ instructions/ { for (i = 1; i <= NF; i++) { if ($i == "instructions") n = $(i-1); if ($i == "in") t = $(i+1) } gsub(",", "", n); rate = n / t }
      /shard 0: CPU per instruction/ { for (i = 1; i < NF; i++) { if ($i == "instruction") a = $(i+1); if ($i == "+") b = $(i+1) } }
      END { printf "%d %.0f %d %d", n, rate, a, b }' "$work/log")")
    loops+=("$(loop)")
  done
  for ((i = 0; i < ${#shards[@]}; i++)); do
    read -r name n rate tracer tracee <<<"${shards[$i]}"
    read -r rate0 cpu0 <<<"${loops[i]}"
    read -r rate1 cpu1 <<<"${loops[i + 1]}"
    awk -v r="$r" -v name="$name" -v n="$n" -v rate="$rate" -v loop="$(( (rate0 + rate1) / 2 ))" -v la="$(cut -d' ' -f1 /proc/loadavg)" \
      -v tracer="$tracer" -v tracee="$tracee" -v loopcpu="$(( (cpu0 + cpu1) / 2 ))" \
      'BEGIN { printf "round %d %-8s shard %d instructions at %d steps/s; C loop %d steps/s; ratio %.2f (load %s)", r, name, n, rate, loop, rate / loop, la
               if (tracer + tracee > 0) printf "; CPU per step: shard %d ns (ptrace thread %d + tracee %d), C loop %d ns; CPU ratio %.2f", tracer + tracee, tracer, tracee, loopcpu, loopcpu / (tracer + tracee)
               printf "\n" }'
  done
done
