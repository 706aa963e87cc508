#!/usr/bin/env bash
# What one instruction decode costs the engine, uncached (Capstone via JNA) and from the decode
# cache that stepping relies on, printed with their ratio. Not a test: this VM is noisy, quote one run.
# Usage: misc/bench/decode-cost.sh [ITERATIONS]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
"$root/misc/ensure-deps.sh" >/dev/null
[ -f "$root/tracer/target/hindsight-tracer-0.1.0-SNAPSHOT.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
java -cp "$root/tracer/target/classes:$root/tracer/target/lib/*" "$root/misc/bench/DecodeCost.java" "$@"
