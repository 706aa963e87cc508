import dev.hindsight.index.IndexReader;
import dev.hindsight.index.build.Builder;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.record.Recorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * `hindsight build` throughput and the index's size and state-query latency, for the builder
 * benchmark (misc/bench/build.sh prints the ratios). Usage:
 * java -cp … BuildRate.java PROGRAM ITERATIONS WORKDIR SHARDS[:JOBS]…
 * (JOBS: how many shards are stepped at once; default: as many as cores, at most SHARDS).
 * Prints one line per build: "BUILD SHARDS JOBS INSTRUCTIONS SECONDS BYTES", then "QUERY P50_MS MAX_MS FIRST_MS SECOND_MS" (the median and slowest after the process's first two queries, and those two).
 */
public class BuildRate {
    public static void main(String[] args) throws Exception {
        Path program = Path.of(args[0]);
        Path work = Path.of(args[2]);
        Path trace = work.resolve("trace");
        long t0 = System.nanoTime();
        Recorder.record(Recorder.Options.of(program, List.of(args[1])).withTraceDir(trace)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        System.out.printf("RECORD %.3f%n", (System.nanoTime() - t0) / 1e9);
        Path last = null;
        for (int i = 3; i < args.length; i++) {
            String[] spec = args[i].split(":");
            int shards = Integer.parseInt(spec[0]);
            int jobs = spec.length > 1 ? Integer.parseInt(spec[1]) : Math.min(shards, Runtime.getRuntime().availableProcessors());
            Path copy = work.resolve("build-" + i);
            copy(trace, copy);
            Builder.Result r = Builder.build(copy, shards, jobs, null, false);
            System.out.printf("BUILD %d %d %d %.3f %d%n", r.shards(), r.jobs(), r.instructions(), r.seconds(), r.indexBytes());
            last = copy;
        }
        try (IndexReader r = IndexReader.open(last)) {
            Random random = new Random(1);
            long n = r.instructionCount();
            double[] ms = new double[200];
            for (int i = 0; i < ms.length; i++) {
                long t = (long) (random.nextDouble() * n);
                long s = System.nanoTime();
                long[] regs = r.registersAt(t);
                r.memoryAt(t, regs[19] - 64, 128); // around the stack pointer
                r.memoryAt(t, 0x404000, 64);       // the executable's data
                ms[i] = (System.nanoTime() - s) / 1e6;
            }
            // A fresh process's first queries run the reader's code interpreted (measured: the first
            // two read 128 bytes of stack in 16 and 9 ms of CPU, the next ones in about 1): printed
            // apart, as the adapter service, which keeps one JVM across sessions, has paid them once.
            double[] rest = java.util.Arrays.copyOfRange(ms, 2, ms.length);
            java.util.Arrays.sort(rest);
            System.out.printf("QUERY %.3f %.3f %.3f %.3f%n", rest[rest.length / 2], rest[rest.length - 1], ms[0], ms[1]);
        }
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
