#!/usr/bin/env bash
# Cost of `hindsight record`, as ratios against native runs and gdb's `record full`, printed, not
# asserted (this VM is noisy: quote one run). A compute-bound loop (no system calls: it should
# record at about native speed) and 100,000 one-byte writes (the per-system-call cost).
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
fixed=$(seconds record "$work/empty")   # JVM start, launch, trace directory: paid once per recording
rec_compute=$(seconds record "$work/compute")
rec_writes=$(seconds record "$work/writes")
record "$work/empty" --syscall-buffer >/dev/null 2>&1   # builds the preload library once (cached)
fixed_buf=$(seconds record "$work/empty" --syscall-buffer)
rec_writes_buf=$(seconds record "$work/writes" --syscall-buffer)
# CPU time (user + system, the recorder's and the program's): less at the mercy of other loads than wall time.
cpu() { /usr/bin/time -f '%U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{print $1 + $2}'; }
cpu_empty_buf=$(cpu java -cp "$cp" dev.hindsight.trace.RecordCommand --syscall-buffer -o "$work/c-1" "$work/empty")
cpu_writes_buf=$(cpu java -cp "$cp" dev.hindsight.trace.RecordCommand --syscall-buffer -o "$work/c-2" "$work/writes")
cpu_writes=$(cpu "$work/writes")
gdb_rate=$(BENCH_STEPS=20000 gdb -nx -batch -x "$root/misc/bench/gdb_record.py" "$work/compute" 2>/dev/null | awk '/^RATE/ {print $2}')
floor=$("$work/floor" "$work/writes" 2>&1 >/dev/null | awk '{print $3}')
insns=$((300000000 * 3))   # about three instructions per iteration of the loop at -O1

echo "record.sh (seconds; fixed cost of one recording = recording an empty main: $fixed s)"
printf '  %-40s %10s %10s\n' "" native record "compute loop (3e8 iterations)" "$native_compute" "$rec_compute" \
    "100,000 one-byte writes" "$native_writes" "$rec_writes" \
    "the same, record --syscall-buffer" "$native_writes" "$rec_writes_buf"
awk -v nc="$native_compute" -v rc="$rec_compute" -v nw="$native_writes" -v rw="$rec_writes" -v f="$fixed" \
    -v rb="$rec_writes_buf" -v fb="$fixed_buf" -v ce="$cpu_empty_buf" -v cw="$cpu_writes_buf" -v cn="$cpu_writes" \
    -v g="$gdb_rate" -v i="$insns" -v fl="$floor" 'BEGIN {
    c = rc - f; if (c <= 0) c = rc
    printf "compute: records at %.2fx native speed (without the fixed cost; target >= 0.7)\n", nc / c
    printf "writes: %.1f us added per system call (target <= 15; a C PTRACE_SYSCALL loop alone costs %s us here)\n", (rw - f - nw) / 100000 * 1e6, fl
    b = (rb - fb - nw) / 100000 * 1e6
    printf "writes with --syscall-buffer: %.1f us added per system call (%.2fx the PTRACE_SYSCALL loop)\n", b, b / fl
    printf "  in CPU time: %.1f us added per system call\n", (cw - ce - cn) / 100000 * 1e6
    printf "gdb record full: %s instructions/s; the compute loop would take it %.0f s, recording took %.1f s (%.0fx)\n", \
        g, i / g, c, (i / g) / c }'
