package dev.hindsight.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.index.testing.Expected;
import dev.hindsight.index.testing.ShardedBuild;
import dev.hindsight.index.testing.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index of a real single-stepped run answers what the live run showed: the registers at every
 * time, live memory at sampled times, the output the program printed natively.
 */
class LiveRoundTripTest {
    @TempDir
    static Path work;
    static Path program, recording;
    static long steps;
    static Expected expected;

    @BeforeAll
    static void record() throws Exception {
        Workload.Run run = Workload.recorded();
        program = run.program();
        recording = run.recording();
        steps = run.steps();
        expected = run.expected();
        // The whole run from the entry point to exit: libc's start-up, main, printf, exit.
        assertTrue(steps > 20_000 && steps < 2_000_000, "steps: " + steps);
        assertTrue(expected.syscalls.size() > 5, "system calls: " + expected.syscalls.size());
    }

    @Test
    void everyTimeHasTheLiveRegistersAndEveryProbeTheLiveMemory() throws Exception {
        Path trace = Files.createDirectory(work.resolve("one"));
        assertEquals(steps, ShardedBuild.build(recording, trace, steps, 1));
        try (IndexReader r = IndexReader.open(trace)) {
            assertEquals(steps, r.instructionCount());
            for (int t = 0; t < steps; t++) {
                assertArrayEquals(expected.registers.get(t), r.registersAt(t), "registers at " + t);
                assertEquals(expected.kinds.get(t), r.kindAt(t).ordinal(), "kind at " + t);
                assertEquals(expected.tids.get(t), r.threadAt(t), "thread at " + t);
            }
            assertTrue(expected.probes.size() > 100, "probes: " + expected.probes.size());
            for (Expected.Probe p : expected.probes) {
                if (p.time() >= steps) continue;
                assertArrayEquals(p.bytes(), r.memoryAt(p.time(), p.address(), p.bytes().length),
                        "memory at 0x" + Long.toHexString(p.address()) + " at time " + p.time());
            }
        }
    }

    @Test
    void theOutputIsWhatTheProgramPrintsNatively() throws Exception {
        Process p = new ProcessBuilder(program.toString(), "2").redirectErrorStream(true).start();
        byte[] natively = p.getInputStream().readAllBytes();
        p.waitFor();
        Path trace = Files.createDirectory(work.resolve("output"));
        ShardedBuild.build(recording, trace, steps, 3);
        try (IndexReader r = IndexReader.open(trace)) {
            java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
            for (Output o : r.output()) if (o.fd() == 1) seen.writeBytes(o.bytes());
            assertEquals(new String(natively), seen.toString());
            assertTrue(seen.toString().contains("round 1 total"), seen.toString());
            for (Output o : r.output()) assertEquals(1L, r.syscalls().stream().filter(s -> s.time() == o.time()).findFirst().orElseThrow().number());
        }
    }

    @Test
    void theDerivedIndexesAgreeWithTheLiveStream() throws Exception {
        Path trace = Files.createDirectory(work.resolve("derived"));
        ShardedBuild.build(recording, trace, steps, 2);
        try (IndexReader r = IndexReader.open(trace)) {
            // Every execution of main's most frequent pc, as the live registers list them.
            long pc = expected.registers.get((int) (steps / 2))[16];
            long[] live = java.util.stream.IntStream.range(0, (int) steps).filter(t -> expected.registers.get(t)[16] == pc).asLongStream().toArray();
            assertArrayEquals(live, r.executionsOf(pc, pc + 1, 0, Integer.MAX_VALUE));
            assertArrayEquals(java.util.Arrays.copyOfRange(live, 2, 5), r.executionsOf(pc, pc + 1, live[2], 3));
            // Every write (the kernel's included) to the stack around a mid-run frame, in order.
            long sp = expected.registers.get((int) (steps / 2))[19];
            List<String> wanted = expected.writes.stream().filter(w -> w.address() < sp + 64 && w.end() > sp - 64)
                    .map(LiveRoundTripTest::show).toList();
            assertTrue(wanted.size() > 50, "writes near the stack: " + wanted.size());
            assertEquals(wanted, r.writesTo(sp - 64, 128, 0, steps).stream().map(LiveRoundTripTest::show).toList());
            // Kernel writes (read/fstat results) are there and flagged.
            List<Write> kernel = expected.writes.stream().filter(Write::kernel).toList();
            assertTrue(kernel.size() > 3, "kernel writes: " + kernel.size());
            for (Write w : kernel) {
                assertTrue(r.writesTo(w.address(), w.bytes().length, w.time(), w.time() + 1).stream().map(LiveRoundTripTest::show)
                        .anyMatch(show(w)::equals), "kernel write " + show(w));
            }
            // The FP state at every 7th time, and the kinds of calls and returns.
            for (int t = 0; t < steps; t += 7) assertArrayEquals(expected.fxsaves.get(t), r.fxsaveAt(t), "fxsave at " + t);
            long calls = expected.kinds.stream().filter(k -> k == StepKind.CALL.ordinal()).count();
            assertEquals(calls, r.calls(0, steps).stream().filter(c -> c.kind() == StepKind.CALL).count());
            for (CallRecord c : r.calls(0, steps)) {
                assertEquals(expected.registers.get((int) c.time())[16], c.pc());
                if (c.time() + 1 < steps) assertEquals(expected.registers.get((int) c.time() + 1)[16], c.target());
            }
        }
    }

    private static String show(Write w) {
        return w.time() + " " + Long.toHexString(w.address()) + " " + java.util.HexFormat.of().formatHex(w.bytes()) + (w.kernel() ? " kernel" : "");
    }
}
