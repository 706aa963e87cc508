# gdb's stepi rate: `python` inside gdb so only stepping is timed. Reads STEPS from the environment.
import gdb, os, time
gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute("break main", to_string=True)
gdb.execute("run", to_string=True)
steps = int(os.environ["BENCH_STEPS"])
start = time.monotonic()
gdb.execute("stepi %d" % steps, to_string=True)
print("RATE %.0f" % (steps / (time.monotonic() - start)))
gdb.execute("kill", to_string=True)
