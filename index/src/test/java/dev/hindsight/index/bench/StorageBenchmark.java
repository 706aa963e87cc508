package dev.hindsight.index.bench;

import dev.hindsight.index.Region;
import dev.hindsight.index.testing.LiveRecorder;
import dev.hindsight.index.testing.Recording;
import dev.hindsight.index.testing.Synthetic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Builds the same instruction stream into each storage candidate and prints bytes per
 * instruction, the writer's cost per instruction, and query latencies (median and 95th percentile of
 * random samples), so the index's storage is chosen by figures. Not a test: run through
 * {@code misc/bench/index-storage.sh}. Usage:
 * {@code StorageBenchmark WORKDIR live PROGRAM ROUNDS | synthetic COUNT} then candidate names
 * ({@code columnar}, {@code sqlite}).
 */
public final class StorageBenchmark {
    interface Source {
        void feed(Recording.Visitor v) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Files.createDirectories(work);
        Source source;
        String label;
        int next;
        if (args[1].equals("live")) {
            Path recording = work.resolve("live-" + args[3] + ".rec");
            if (!Files.exists(recording)) {
                long start = System.nanoTime();
                try (Recording.Writer w = new Recording.Writer(recording)) {
                    long n = LiveRecorder.record(Path.of(args[2]), List.of(args[3]), Long.MAX_VALUE, 1 << 30, w);
                    System.out.printf("recorded %,d instructions live in %.0f s%n", n, (System.nanoTime() - start) / 1e9);
                }
            }
            // Held in memory, so the writer's cost is not lost in the file's parsing.
            List<java.util.function.Consumer<Recording.Visitor>> records = new ArrayList<>();
            Recording.read(recording, new Recording.Visitor() {
                @Override
                public void start(int tid, long[] regs, byte[] fxsave, List<Region> memory) {
                    records.add(v -> v.start(tid, regs, fxsave, memory));
                }

                @Override
                public void instruction(int tid, long[] regs, int kind, long[] addresses, byte[][] values, byte[] fxsave) {
                    records.add(v -> v.instruction(tid, regs, kind, addresses, values, fxsave));
                }

                @Override
                public void syscall(long number, long[] a, long result, long[] addresses, byte[][] values) {
                    records.add(v -> v.syscall(number, a, result, addresses, values));
                }

                @Override
                public void output(long time, int fd, byte[] bytes) {
                    records.add(v -> v.output(time, fd, bytes));
                }

                @Override
                public void mapped(Region region) {
                    records.add(v -> v.mapped(region));
                }
            });
            source = v -> records.forEach(r -> r.accept(v));
            label = "live index_workload.c " + args[3] + " rounds";
            next = 4;
        } else {
            long count = Long.parseLong(args[2]);
            source = v -> Synthetic.generate(count, v);
            label = "synthetic";
            next = 3;
        }
        Facts facts = new Facts();
        long baseline = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            source.feed(facts.reset());
            baseline = Math.min(baseline, System.nanoTime() - start);
        }
        System.out.printf("%s: %,d instructions, %.2f writes and %.1f written bytes per instruction%n", label, facts.count,
                (double) facts.writes / facts.count, (double) facts.bytes / facts.count);
        System.out.printf("%-40s %9s %14s %10s %15s %16s %19s %17s%n", "candidate", "B/instr", "write ns/instr", "finish ms",
                "regs ms med/p95", "mem64 ms med/p95", "exec(pc) ms med/p95", "writes ms med/p95");
        long[][] reference = null;
        for (int i = next; i < args.length; i++) {
            Candidate c = switch (args[i]) {
                case "columnar" -> new ColumnarCandidate("columnar blocks + zstd-1 (chosen)");
                case "columnar-zstd3" -> {
                    System.setProperty("hindsight.index.zstdLevel", "3");
                    yield new ColumnarCandidate("columnar blocks + zstd-3");
                }
                case "sqlite" -> new SqliteCandidate();
                case "duckdb" -> new DuckdbCandidate();
                default -> throw new IllegalArgumentException("no candidate " + args[i]);
            };
            Path dir = work.resolve(args[i]);
            long writeNs = Long.MAX_VALUE, finishNs = 0;
            // Small streams are written three times, the best of the last two timed: the first
            // warms the JIT up, and this VM's neighbours make single runs noisy.
            for (int round = facts.count <= 10_000_000 ? 0 : 2; round < 3; round++) {
                delete(dir);
                Files.createDirectories(dir);
                long start = System.nanoTime();
                Candidate.Sink sink = c.writer(dir);
                source.feed(sink);
                long fed = System.nanoTime();
                sink.close();
                if (round == 0) continue;
                if (fed - start - baseline < writeNs) {
                    writeNs = fed - start - baseline;
                    finishNs = System.nanoTime() - fed;
                }
            }
            long bytes = size(dir);
            long[][] answers = new long[4][];
            String row;
            try (Candidate.Queries q = c.open(dir)) {
                measure(q, facts, answers); // warms the query paths up (the JIT), as a server would be
                row = measure(q, facts, answers);
            }
            String agree = reference == null ? "" : Arrays.deepEquals(reference, answers) ? "  (same answers)" : "  (ANSWERS DIFFER)";
            if (reference == null) reference = answers;
            System.out.printf("%-40s %9.2f %14.0f %10.0f %s%s%n", c.name(), (double) bytes / facts.count, (double) writeNs / facts.count,
                    finishNs / 1e6, row, agree);
        }
    }

    /** Times each query kind on the same random samples; answers' hashes go to {@code answers}. */
    private static String measure(Candidate.Queries q, Facts f, long[][] answers) throws Exception {
        Random random = new Random(1);
        int samples = 200;
        double[] regs = new double[samples], mem = new double[samples], exec = new double[20], writes = new double[20];
        long[] h = new long[4];
        for (int i = 0; i < samples; i++) {
            long t = Math.floorMod(random.nextLong(), f.count);
            long start = System.nanoTime();
            long[] r = q.registersAt(t);
            regs[i] = (System.nanoTime() - start) / 1e6;
            h[0] = h[0] * 31 + Arrays.hashCode(r);
            long address = i % 2 == 0 ? r[19] - 32 : f.data + Math.floorMod(random.nextLong(), Math.max(1, f.dataSize - 64));
            start = System.nanoTime();
            byte[] m = q.memoryAt(t, address, 64);
            mem[i] = (System.nanoTime() - start) / 1e6;
            h[1] = h[1] * 31 + Arrays.hashCode(m);
        }
        for (int i = 0; i < 20; i++) {
            long t = Math.floorMod(random.nextLong(), f.count);
            long[] r = q.registersAt(t);
            long start = System.nanoTime();
            long[] times = q.executionsOf(r[16]);
            exec[i] = (System.nanoTime() - start) / 1e6;
            h[2] = h[2] * 31 + Arrays.hashCode(times);
            start = System.nanoTime();
            int n = q.writesTo(r[19] - 32, 64, Math.max(0, t - f.count / 10), t);
            writes[i] = (System.nanoTime() - start) / 1e6;
            h[3] = h[3] * 31 + n;
        }
        for (int i = 0; i < 4; i++) answers[i] = new long[] {h[i]};
        return String.format("%15s %16s %19s %17s", stat(regs), stat(mem), stat(exec), stat(writes));
    }

    private static String stat(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format("%.2f/%.1f", s[s.length / 2], s[(int) Math.ceil(s.length * 0.95) - 1]);
    }

    /** Counts of the stream, and a writable data region to probe (the largest rw one that is not the stack). */
    static final class Facts implements Recording.Visitor {
        long count, writes, bytes, data, dataSize;

        Facts reset() {
            count = writes = bytes = 0;
            return this;
        }

        @Override
        public void start(int tid, long[] regs, byte[] fxsave, List<Region> memory) {
            for (Region r : memory) {
                if (r.perms().startsWith("rw") && !r.name().equals("[stack]") && r.bytes().length > dataSize) {
                    data = r.start();
                    dataSize = r.bytes().length;
                }
            }
        }

        @Override
        public void instruction(int tid, long[] regs, int kind, long[] addresses, byte[][] values, byte[] fxsave) {
            count++;
            if (addresses == null) return;
            writes += addresses.length;
            for (byte[] v : values) bytes += v.length;
        }
    }

    private static long size(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            long total = 0;
            for (Path p : s.filter(Files::isRegularFile).toList()) total += Files.size(p);
            return total;
        }
    }

    private static void delete(Path dir) throws Exception {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
