#!/usr/bin/env bash
# Before/after of the engine's work per DAP instruction-step round trip (StopCost.java: stepIn,
# stopped, stackTrace, scopes, Registers variables, in process, no client or wire), two builds in
# alternating JVMs of one run, so that a loaded machine loads both alike. Prints each run's rate,
# then the median of the after/before ratios and the load average.
# Usage: misc/bench/stop-cost.sh BEFORE_DIR [ROUNDS] [STEPS]
#   BEFORE_DIR holds another build's hindsight-dap-server-0.1.0-SNAPSHOT.jar and lib/ (copied from
#   a checkout's dap-server/target after `mvn package`); the after is this checkout's dap-server/target.
#   BENCH_WARMUP=N untimed rounds per JVM first (default 2000).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
before=$(cd "$1" && pwd)
rounds=${2:-3}
steps=${3:-3000}
after=$root/dap-server/target
jar=hindsight-dap-server-0.1.0-SNAPSHOT.jar
work=$(mktemp -d /tmp/hindsight-stop-cost.XXXXXX)
trap 'rm -rf "$work"' EXIT
javac -d "$work" -cp "$after/$jar:$after/lib/*" "$root/misc/bench/StopCost.java"
# Prints "RATE CPU_US" of one JVM running the given build.
run() { java -XX:+UseSerialGC -cp "$work:$1/$jar:$1/lib/*" StopCost "$root/misc/bench/spin.c" "$steps" \
          | awk '/^RATE/ {r=$2} /^CPU_US/ {c=$2} END {print r, c}'; }
rates=(); cpus=()
for r in $(seq "$rounds"); do
  read -r br bc < <(run "$before"); read -r ar ac < <(run "$after")
  rates+=("$(python3 -c "print(f'{$ar / $br:.2f}')")"); cpus+=("$(python3 -c "print(f'{$bc / $ac:.2f}')")")
  echo "round $r: before $br/s ${bc}us CPU, after $ar/s ${ac}us CPU per round trip"
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print v[int((NR + 1) / 2)]}'; }
echo "median over $rounds rounds of $steps round trips: rate after/before $(median "${rates[@]}"), CPU per round trip before/after $(median "${cpus[@]}"); load $(cut -d' ' -f1-3 /proc/loadavg)"
