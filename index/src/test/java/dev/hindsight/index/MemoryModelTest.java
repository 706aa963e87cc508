package dev.hindsight.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory at a time, against a plain model that applies every write in order: a stream with
 * words written at every few instructions (stack slots), unaligned writes of 1-8 bytes across
 * words and pages, bytes written once early and never again, bytes never written, kernel writes,
 * and a mapping laid over written bytes; in two shards (the second's start image is the first's
 * end). Checked at times all over the run, block and shard boundaries and the mapping's time
 * included, for the whole area, its 512-byte blocks (what a backtrace reads) and small ranges;
 * and the writes {@code lastWrites} names are the model's last writer of each byte.
 */
class MemoryModelTest {
    static final long BASE = 0x10000;
    static final int SIZE = 3 * 4096, PER_SHARD = 14_000, MAP_AT = 5_000, MAP_OFFSET = 0x1800, MAP_LENGTH = 64;

    @TempDir
    Path trace;

    /** One instruction's effects: its writes (the kernel's last), then, when not null, a region mapped after it. */
    record Step(List<long[]> writes, List<byte[]> values, int kernelWrites, Region mapped) {}

    private static List<Step> stream() {
        SplittableRandom random = new SplittableRandom(12);
        List<Step> steps = new ArrayList<>();
        for (int t = 0; t < 2 * PER_SHARD; t++) {
            List<long[]> at = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            int kind = random.nextInt(100);
            if (kind < 40) {
                at.add(new long[] {BASE + 8L * random.nextInt(4)}); // a hot stack slot
                values.add(bytes(random, 8));
            } else if (kind < 55) {
                at.add(new long[] {BASE + 4096 + random.nextInt(4096 - 8)}); // unaligned, 1-8 bytes
                values.add(bytes(random, 1 + random.nextInt(8)));
            } else if (kind == 55 && random.nextInt(20) == 0) {
                at.add(new long[] {BASE + random.nextInt(SIZE - 4)}); // rare, anywhere
                values.add(bytes(random, 1 + random.nextInt(4)));
            }
            if (t == 3) {
                at.add(new long[] {BASE + 4096 - 3}); // once, early, across the first two pages
                values.add(bytes(random, 6));
            }
            int kernel = 0;
            if (t % 3_000 == 2_999) {
                at.add(new long[] {BASE + 4096 + random.nextInt(4096 - 16)});
                values.add(bytes(random, 16));
                kernel = 1;
            }
            Region mapped = t == PER_SHARD + MAP_AT ? new Region(BASE + MAP_OFFSET, bytes(random, MAP_LENGTH), "rw-p", "mapped") : null;
            steps.add(new Step(at, values, kernel, mapped));
        }
        return steps;
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) random.nextInt(256);
        return b;
    }

    @Test
    void memoryAtEveryCheckedTimeIsTheModels() {
        List<Step> steps = stream();
        byte[] memory = bytes(new SplittableRandom(3), SIZE);
        IndexStore.prepare(trace);
        for (int shard = 0; shard < 2; shard++) {
            ShardWriter w = IndexStore.createShard(trace, shard,
                    new ShardStart(shard, 1, new long[27], null, List.of(new Region(BASE, memory.clone(), "rw-p", "area"))));
            for (int t = shard * PER_SHARD; t < (shard + 1) * PER_SHARD; t++) {
                Step s = steps.get(t);
                int program = s.writes().size() - s.kernelWrites();
                w.instruction(1, new long[27], s.kernelWrites() > 0 ? StepKind.SYSCALL : StepKind.OTHER, addresses(s, 0, program),
                        s.values().subList(0, program).toArray(byte[][]::new));
                if (s.kernelWrites() > 0) {
                    w.syscall(0, new long[6], 16, addresses(s, program, s.writes().size()),
                            s.values().subList(program, s.writes().size()).toArray(byte[][]::new));
                }
                if (s.mapped() != null) w.mapped(s.mapped());
                apply(memory, new long[SIZE], s, t);
            }
            w.finish();
        }
        IndexStore.commit(trace, 2);

        TreeSet<Long> times = new TreeSet<>();
        for (long t = 0; t <= 2 * PER_SHARD - 1; t += 97) times.add(t);
        for (long edge : new long[] {4095, 4096, 4097, 8191, 8192, PER_SHARD, PER_SHARD + 4096, PER_SHARD + MAP_AT})
            for (long d = -2; d <= 2; d++) times.add(edge + d);
        times.add(2L * PER_SHARD - 1);

        memory = bytes(new SplittableRandom(3), SIZE);
        long[] writer = new long[SIZE];
        java.util.Arrays.fill(writer, -1);
        try (IndexReader r = IndexReader.open(trace)) {
            assertEquals(2L * PER_SHARD, r.instructionCount());
            long t = 0;
            for (long check : times) {
                while (t < check) apply(memory, writer, steps.get((int) t), t++);
                assertArrayEquals(memory, r.memoryAt(t, BASE, SIZE), "the whole area at " + t);
                for (int block = 0; block < SIZE; block += 512) {
                    assertArrayEquals(java.util.Arrays.copyOfRange(memory, block, block + 512), r.memoryAt(t, BASE + block, 512),
                            "512 bytes at +" + block + " at " + t);
                }
                assertArrayEquals(java.util.Arrays.copyOfRange(memory, 4096 - 7, 4096 + 6), r.memoryAt(t, BASE + 4096 - 7, 13),
                        "across the first page boundary at " + t);
                for (int at : new int[] {0, 4096 - 8, MAP_OFFSET - 4, 2 * 4096 + 100}) {
                    TreeSet<Long> expected = new TreeSet<>();
                    for (int i = at; i < at + 16; i++) if (writer[i] >= 0) expected.add(writer[i]);
                    TreeSet<Long> named = new TreeSet<>();
                    for (Write x : r.lastWrites(t, BASE + at, 16)) named.add(x.time());
                    assertEquals(expected, named, "the last writes of 16 bytes at +" + at + " at " + t);
                }
            }
        }
    }

    private static long[] addresses(Step s, int from, int to) {
        long[] out = new long[to - from];
        for (int i = from; i < to; i++) out[i - from] = s.writes().get(i)[0];
        return out;
    }

    /** Instruction t's effects on the model: its writes in order, then the mapping made after it (no writer: an image). */
    private static void apply(byte[] memory, long[] writer, Step s, long t) {
        for (int i = 0; i < s.writes().size(); i++) {
            int at = (int) (s.writes().get(i)[0] - BASE);
            byte[] v = s.values().get(i);
            System.arraycopy(v, 0, memory, at, v.length);
            java.util.Arrays.fill(writer, at, at + v.length, t);
        }
        if (s.mapped() != null) {
            int at = (int) (s.mapped().start() - BASE);
            System.arraycopy(s.mapped().bytes(), 0, memory, at, MAP_LENGTH);
            java.util.Arrays.fill(writer, at, at + MAP_LENGTH, -1);
        }
    }
}
