# gdb's `record full` cost per write(2) of record_writes.c: BENCH_CALLS continues from one write
# to the next while recording (the loop's instructions, libc's write and the system call).
import os, time
import gdb
calls = int(os.environ.get("BENCH_CALLS", "500"))
gdb.execute("set pagination off")
gdb.execute("break main")
gdb.execute("run", to_string=True)
gdb.execute("delete")
gdb.execute("break write")
gdb.execute("continue", to_string=True)  # the first write, before recording
gdb.execute("record full")
gdb.execute("set record full insn-number-max unlimited")
start = time.time()
for _ in range(calls):
    gdb.execute("continue", to_string=True)
print("PERCALL %.1f" % ((time.time() - start) / calls * 1e6))
gdb.execute("record stop")
gdb.execute("kill")
