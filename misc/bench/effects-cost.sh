#!/usr/bin/env bash
# What the effects tracker (tracer package dev.hindsight.tracer.effects) costs per single step:
# alone (replayed over the recorded registers of a real run) and inside live single-stepping.
# Not a test: this VM is noisy, quote one run. Usage: misc/bench/effects-cost.sh [ROUNDS]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
work=$(mktemp -d /tmp/hindsight-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$root/misc/ensure-deps.sh" >/dev/null
[ -f "$root/tracer/target/hindsight-tracer-0.1.0-SNAPSHOT.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
clang -g -O0 -o "$work/strings" "$root/tracer/src/test/resources/programs/effects_strings.c"
java -cp "$root/tracer/target/classes:$root/tracer/target/lib/*" "$root/misc/bench/EffectsCost.java" "$work/strings" "$@"
