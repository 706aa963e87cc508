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
 * "COUNT N" then per query "NAME MEDIAN_MS P95_MS MAX_MS".
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
            SplittableRandom random = new SplittableRandom(3);
            String[] names = {"lastExecutionBefore", "firstExecutionFrom", "lastWriteBefore", "firstWriteFrom", "origin(memory)", "origin(register)"};
            double[][] ms = new double[names.length][SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                long t = random.nextLong(n - 1);
                long pc = r.pcAt(random.nextLong(n)); // a pc that ran: mostly the hot loop
                long sp = r.registersAt(t)[19];
                long slot = sp + 8 * random.nextInt(8);
                long[] start = new long[names.length + 1];
                start[0] = System.nanoTime();
                r.lastExecutionBefore(pc, pc + 1, t);
                start[1] = System.nanoTime();
                r.firstExecutionFrom(pc, pc + 1, t);
                start[2] = System.nanoTime();
                r.lastWriteBefore(slot, 8, t);
                start[3] = System.nanoTime();
                r.firstWriteFrom(slot, 8, t);
                start[4] = System.nanoTime();
                lookup(origin, origin.ofMemory(t, slot, 8));
                start[5] = System.nanoTime();
                lookup(origin, origin.ofRegister(t, random.nextBoolean() ? "rax" : "rbx"));
                start[6] = System.nanoTime();
                for (int q = 0; q < names.length; q++) ms[q][i] = (start[q + 1] - start[q]) / 1e6;
            }
            for (int q = 0; q < names.length; q++) {
                Arrays.sort(ms[q]);
                System.out.printf("%s %.3f %.3f %.3f%n", names[q], ms[q][SAMPLES / 2], ms[q][SAMPLES * 95 / 100], ms[q][SAMPLES - 1]);
            }
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
