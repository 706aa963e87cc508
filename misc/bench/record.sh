#!/usr/bin/env bash
# Cost of `hindsight record`, as ratios against native runs and gdb's `record full`, printed, not
# asserted (this VM is noisy: quote one run). A compute-bound loop (no system calls: it should
# record at about native speed) and 100,000 one-byte writes (the per-system-call cost), with the
# system-call buffer (the default) and without it (--no-syscall-buffer), against native runs,
# a C PTRACE_SYSCALL loop and gdb's `record full` going from one write to the next.
# Usage: misc/bench/record.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/hindsight-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$root/misc/ensure-deps.sh" >/dev/null
[ -d "$root/trace-cli/target/lib" ] || (cd "$root" && mvn -q -B -DskipTests -pl trace-cli -am package)
# The classes, not the jars: a plain compile after a change is enough to measure it.
cp="$root/trace-cli/target/classes:$root/tracer/target/classes:$root/trace-cli/target/lib/*"

clang -O1 -g -o "$work/compute" "$root/misc/bench/record_compute.c"
clang -O1 -g -o "$work/writes" "$root/misc/bench/record_writes.c"
cat > "$work/empty.c" <<'C'
int main(void) { return 0; }
C
clang -O1 -g -o "$work/empty" "$work/empty.c"
cc -O2 -o "$work/floor" "$root/misc/bench/ptrace_syscall_floor.c"

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
record() { java -cp "$cp" dev.hindsight.trace.RecordCommand "${@:2}" -o "$work/t-$RANDOM$RANDOM" "$1"; }

native_compute=$(seconds "$work/compute")
native_writes=$(seconds "$work/writes")
record "$work/empty" >/dev/null 2>&1   # builds the preload library once (cached)
fixed=$(seconds record "$work/empty")   # JVM start, launch, trace directory: paid once per recording
rec_compute=$(seconds record "$work/compute")
rec_writes=$(seconds record "$work/writes")
fixed_unbuf=$(seconds record "$work/empty" --no-syscall-buffer)
rec_writes_unbuf=$(seconds record "$work/writes" --no-syscall-buffer)
# CPU time (user + system, the recorder's and the program's): less at the mercy of other loads than wall time.
cpu() { /usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'; }
cpu_empty=$(cpu java -cp "$cp" dev.hindsight.trace.RecordCommand -o "$work/c-1" "$work/empty")
cpu_writes=$(cpu java -cp "$cp" dev.hindsight.trace.RecordCommand -o "$work/c-2" "$work/writes")
cpu_native=$(cpu "$work/writes")
gdb_rate=$(BENCH_STEPS=20000 gdb -nx -batch -x "$root/misc/bench/gdb_record.py" "$work/compute" 2>/dev/null | awk '/^RATE/ {print $2}')
gdb_call=$(BENCH_CALLS=500 gdb -nx -batch -x "$root/misc/bench/gdb_record_writes.py" "$work/writes" 2>/dev/null | awk '/^PERCALL/ {print $2}')
floor=$("$work/floor" "$work/writes" 2>&1 >/dev/null | awk '{print $3}')
insns=$((300000000 * 3))   # about three instructions per iteration of the loop at -O1

echo "record.sh, load average $(cut -d' ' -f1-3 /proc/loadavg) (seconds; fixed cost of one recording = recording an empty main: $fixed s)"
printf '  %-40s %10s %10s\n' "" native record "compute loop (3e8 iterations)" "$native_compute" "$rec_compute" \
    "100,000 one-byte writes" "$native_writes" "$rec_writes" \
    "the same, record --no-syscall-buffer" "$native_writes" "$rec_writes_unbuf"
awk -v nc="$native_compute" -v rc="$rec_compute" -v nw="$native_writes" -v rw="$rec_writes" -v f="$fixed" \
    -v ru="$rec_writes_unbuf" -v fu="$fixed_unbuf" -v ce="$cpu_empty" -v cw="$cpu_writes" -v cn="$cpu_native" \
    -v g="$gdb_rate" -v gc="$gdb_call" -v i="$insns" -v fl="$floor" 'BEGIN {
    c = rc - f; if (c <= 0) c = rc
    printf "compute: records at %.2fx native speed (without the fixed cost; target >= 0.7)\n", nc / c
    n = nw / 100000 * 1e6
    b = (rw - f - nw) / 100000 * 1e6
    u = (ru - fu - nw) / 100000 * 1e6
    bc = (cw - ce - cn) / 100000 * 1e6
    printf "per write: native %.2f us; added by record (buffer, the default) %.1f us wall, %.1f us CPU (target <= 15)\n", n, b, bc
    printf "  added by record --no-syscall-buffer %.1f us; a C PTRACE_SYSCALL loop alone %s us\n", u, fl
    printf "  gdb record full, one write to the next: %s us (%.0fx the buffered wall cost, %.0fx its CPU cost)\n", gc, gc / b, gc / bc
    printf "gdb record full: %s instructions/s; the compute loop would take it %.0f s, recording took %.1f s (%.0fx)\n", \
        g, i / g, c, (i / g) / c }'
