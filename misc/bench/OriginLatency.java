import dev.hindsight.index.IndexReader;
import dev.hindsight.index.build.Builder;
import dev.hindsight.index.origin.OriginNode;
import dev.hindsight.index.origin.ValueOrigin;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.record.Recorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Latency of the history queries and of value-origin lookups at random times of a built run
 * (misc/bench/origin-latency.sh). Usage: java -cp … OriginLatency.java PROGRAM ITERATIONS WORKDIR SHARDS [TRACE]
 * (with TRACE, an already built trace is measured and nothing is recorded). Prints
 * "COUNT N SHARDS", the state queries of {@link #state} (the process's first), "COLD MS" (the first origin lookup of the process), then per query "NAME MEDIAN P95 MAX" in ms of wall time, then the same in this thread's CPU time.
 */
public class OriginLatency {
    static final int SAMPLES = 300;

    public static void main(String[] args) throws Exception {
        Path trace;
        if (args.length > 4) {
            trace = Path.of(args[4]);
        } else {
            trace = Path.of(args[2]).resolve("trace");
            Recorder.record(Recorder.Options.of(Path.of(args[0]), List.of(args[1])).withTraceDir(trace)
                    .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
            Builder.build(trace, Integer.parseInt(args[3]), null, false);
        }
        try (IndexReader r = IndexReader.open(trace); ValueOrigin origin = new ValueOrigin(r)) {
            long n = r.instructionCount();
            System.out.println("COUNT " + n + " " + r.shardCount());
            state(r);
            // The first lookup loads Capstone and compiles the code paths: reported apart, then 30 untimed rounds.
            long cold = System.nanoTime();
            lookup(origin, origin.ofRegister(n / 2, "rax"));
            System.out.printf("COLD %.3f%n", (System.nanoTime() - cold) / 1e6);
            SplittableRandom warm = new SplittableRandom(99);
            for (int i = 0; i < 30; i++) {
                long t = warm.nextLong(n - 1);
                lookup(origin, origin.ofMemory(t, r.registersAt(t)[19], 8));
                r.lastWriteBefore(r.registersAt(t)[19], 8, t);
            }
            SplittableRandom random = new SplittableRandom(3);
            String[] names = {"lastExecutionBefore", "firstExecutionFrom", "lastWriteBefore", "firstWriteFrom", "origin(memory)", "origin(register)"};
            double[][] ms = new double[names.length][SAMPLES], cpu = new double[names.length][SAMPLES];
            // Wall time is what a user waits; on a VM shared with other builds it is mostly waiting for a
            // core, so this thread's CPU time is printed beside it.
            java.lang.management.ThreadMXBean clock = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < SAMPLES; i++) {
                final long t = random.nextLong(n - 1);
                final long pc = r.pcAt(random.nextLong(n)); // a pc that ran: mostly the hot loop
                long sp = r.registersAt(t)[19];
                final long slot = sp + 8 * random.nextInt(8);
                String register = random.nextBoolean() ? "rax" : "rbx";
                Runnable[] queries = {
                    () -> r.lastExecutionBefore(pc, pc + 1, t), () -> r.firstExecutionFrom(pc, pc + 1, t),
                    () -> r.lastWriteBefore(slot, 8, t), () -> r.firstWriteFrom(slot, 8, t),
                    () -> lookup(origin, origin.ofMemory(t, slot, 8)), () -> lookup(origin, origin.ofRegister(t, register))};
                for (int q = 0; q < names.length; q++) {
                    long wall = System.nanoTime(), used = clock.getCurrentThreadCpuTime();
                    queries[q].run();
                    ms[q][i] = (System.nanoTime() - wall) / 1e6;
                    cpu[q][i] = (clock.getCurrentThreadCpuTime() - used) / 1e6;
                }
            }
            for (int q = 0; q < names.length; q++) {
                Arrays.sort(ms[q]);
                Arrays.sort(cpu[q]);
                System.out.printf("%s %.3f %.3f %.3f %.3f %.3f %.3f%n", names[q], ms[q][SAMPLES / 2], ms[q][SAMPLES * 95 / 100], ms[q][SAMPLES - 1],
                        cpu[q][SAMPLES / 2], cpu[q][SAMPLES * 95 / 100], cpu[q][SAMPLES - 1]);
            }
        }
    }

    /**
     * The state at 200 random times, as build.sh measures it (all registers, 128 bytes around the
     * stack pointer, 64 of the executable's data; the same times), as this process's first
     * queries: "STATE FIRST SECOND MEDIAN MAX" in ms of wall time (median and slowest of the 198
     * after the first two), then "STATECPU" the same in this thread's CPU time. A serving process's
     * first queries run the reader's code interpreted: that is what FIRST and SECOND show.
     */
    static void state(IndexReader r) {
        java.lang.management.ThreadMXBean clock = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Random random = new java.util.Random(1);
        double[] ms = new double[200], cpu = new double[200];
        for (int i = 0; i < ms.length; i++) {
            long t = (long) (random.nextDouble() * r.instructionCount());
            long wall = System.nanoTime(), used = clock.getCurrentThreadCpuTime();
            long[] regs = r.registersAt(t);
            r.memoryAt(t, regs[19] - 64, 128);
            r.memoryAt(t, 0x404000, 64);
            ms[i] = (System.nanoTime() - wall) / 1e6;
            cpu[i] = (clock.getCurrentThreadCpuTime() - used) / 1e6;
        }
        for (double[] v : new double[][] {ms, cpu}) {
            double[] rest = Arrays.copyOfRange(v, 2, v.length);
            Arrays.sort(rest);
            System.out.printf("%s %.3f %.3f %.3f %.3f%n", v == ms ? "STATE" : "STATECPU", v[0], v[1], rest[rest.length / 2], rest[rest.length - 1]);
        }
    }

    /** One origin lookup as a front end makes it: the root, its writers, and what the first writer read. */
    static void lookup(ValueOrigin origin, OriginNode root) {
        List<OriginNode> writers = origin.expand(root.id());
        for (OriginNode w : writers) {
            if (w.expandable()) {
                origin.expand(w.id());
                break;
            }
        }
    }
}
