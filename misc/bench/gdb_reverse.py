# gdb's reverse execution over `record full`, beside Hindsight's (reverse-latency.sh): from the
# loop line, record about BENCH_RECORD instructions (continuing to a later iteration), then time reverse-stepi (BENCH_RSTEPS of
# them), reverse-continue to a breakpoint hit every iteration (the loop line), and reverse-continue
# with no breakpoint hit in the stretch (back to the start of the record: its instructions/s).
import os, time
import gdb
record = int(os.environ.get("BENCH_RECORD", "200000"))
rsteps = int(os.environ.get("BENCH_RSTEPS", "2000"))
loop = os.environ["BENCH_LOOP_LINE"]
gdb.execute("set pagination off")
gdb.execute("set confirm off")
# past the first iteration's printf: record full cannot record the C library's AVX string code
gdb.execute("break build_compute.c:" + loop + " if i == 5")
gdb.execute("run 100000000 > /dev/null", to_string=True)
gdb.execute("delete")
gdb.execute("record full")
gdb.execute("set record full insn-number-max unlimited")
gdb.execute("break build_compute.c:%s if i == %d" % (loop, 5 + record // 41))  # ~41.5 instructions an iteration
start = time.time()
gdb.execute("continue", to_string=True)
elapsed = time.time() - start
gdb.execute("delete")
info = gdb.execute("info record", to_string=True)
record = int([l for l in info.splitlines() if "Log contains" in l][0].split()[2])
print("RECORD %d %.3f" % (record, elapsed))

start = time.time()
gdb.execute("reverse-stepi %d" % rsteps, to_string=True)
print("RSTEPI %.4f" % ((time.time() - start) * 1000 / rsteps))

gdb.execute("break build_compute.c:" + loop)
n = 20
start = time.time()
for _ in range(n):
    gdb.execute("reverse-continue", to_string=True)
print("RCONT_HOT %.4f" % ((time.time() - start) * 1000 / n))
gdb.execute("delete")

# forward to the end of the record, then back over all of it with nothing to stop at
gdb.execute("record goto end", to_string=True)
start = time.time()
gdb.execute("reverse-continue", to_string=True)
elapsed = time.time() - start
print("RCONT_FAR %d %.3f" % (record, elapsed))
gdb.execute("kill")
