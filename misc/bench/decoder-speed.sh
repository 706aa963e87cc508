#!/usr/bin/env bash
# Capstone 4 beside LLVM 19 (the engine's decoder since issue 14), one decode per instruction over
# libc's .text, CPU time per decode, and the engine's decodeOne on the same bytes. Not a test: this
# VM is noisy, quote one run.
# Usage: misc/bench/decoder-speed.sh [INSTRUCTIONS] [LIBC]
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
"$root/misc/ensure-deps.sh" >/dev/null
[ -f "$root/tracer/target/hindsight-tracer-0.1.0-SNAPSHOT.jar" ] || (cd "$root" && mvn -q -B -DskipTests package)
java -cp "$root/tracer/target/classes:$root/tracer/target/lib/*" "$root/misc/bench/DecoderSpeed.java" "$@"
