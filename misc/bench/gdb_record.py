# gdb's `record full` rate: instructions recorded per second over BENCH_STEPS stepi from main.
import os, time
import gdb
steps = int(os.environ.get("BENCH_STEPS", "20000"))
gdb.execute("set pagination off")
gdb.execute("break main")
gdb.execute("run", to_string=True)
gdb.execute("delete")  # the loop is on main's breakpoint line: stepi would stop there again
gdb.execute("record full")
gdb.execute("set record full insn-number-max unlimited")
start = time.time()
gdb.execute("stepi %d" % steps, to_string=True)
print("RATE %.0f" % (steps / (time.time() - start)))
gdb.execute("kill")
