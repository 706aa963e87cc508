#!/usr/bin/env bash
# Start to the first stop at main: Hindsight's DAP adapter launching a C source (it compiles it),
# bare clang + gdb's own start to main on the same file, and Hindsight's MI (bin/hindsight-gdb)
# and gdb started on the binary, in the same run, printed as ratios. Every Hindsight start goes
# through the launcher, as editors and front ends start it; `hindsight dap` both served by the warm
# adapter service and in its own JVM (HINDSIGHT_DAP_SERVICE=off). Not a test: this VM is noisy,
# quote one run and the load beside it.
# Usage: misc/bench/first-stop.sh [STARTS] [SOURCE]   (default 10 rounds; the hello fixture)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
starts=${1:-10}
source=$(readlink -f "${2:-$root/tracer/src/test/resources/programs/hello.c}")
work=$(mktemp -d /tmp/hindsight-first-stop.XXXXXX)
# The benchmark's own adapter service (in its own runtime directory), stopped at the end.
export XDG_RUNTIME_DIR=$work/run
mkdir -m 700 "$XDG_RUNTIME_DIR"
trap 'for p in "$work"/run/hindsight/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done; rm -rf "$work"' EXIT
"$root/misc/ensure-deps.sh" gdb nodejs >/dev/null
# Built before timing: a launch that has to build first is not a start-up.
(cd "$root" && mvn -q -B -ntp -DskipTests package) >&2
clang -g -O0 -o "$work/program" "$source"
# A first start after a build may prepare the launcher's caches: not timed either.
"$root/bin/hindsight-gdb" -q -nx --batch </dev/null >/dev/null 2>&1 || true
"$root/hindsight" dap </dev/null >/dev/null 2>&1 || true
# That start started the adapter service: wait for it to listen (at most a minute).
for _ in $(seq 600); do
  ls "$XDG_RUNTIME_DIR"/hindsight/*.sock >/dev/null 2>&1 && break
  sleep 0.1
done
# hindsight dap makes its archive in the background: wait for it (at most five minutes).
for _ in $(seq 300); do
  ls -d "${XDG_CACHE_HOME:-$HOME/.cache}"/hindsight/cds/*.making >/dev/null 2>&1 || break
  sleep 1
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
node "$root/misc/bench/first-stop.js" "$source" "$work/program" "$starts" "$root/hindsight" "$root/bin/hindsight-gdb"
