package dev.hindsight.index.build;

import dev.hindsight.index.testing.Directories;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.index.IndexReader;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.record.EventLog;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.record.SyscallTable;
import dev.hindsight.tracer.record.TraceEvent;
import dev.hindsight.tracer.testing.Fixtures;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run recorded with the system-call buffer (hundreds of read and write calls made without a
 * stop, emulated in every replay) builds the same index in one shard and in three: the same
 * instruction count and the same registers before every instruction, so each shard's replay,
 * started from its own checkpoint, meets the buffered calls exactly as the whole replay does.
 * (Without the fixture's 300 large writes: a buffer started again is SyscallBufferReplayTest's.)
 */
class SyscallBufferBuildTest {
    @TempDir Path tmp;

    @Test
    void oneShardAndThreeShardsIndexTheSameBufferedRun() throws Exception {
        Path program = Fixtures.compile("syscallbuf_io.c");
        Path trace = tmp.resolve("trace");
        String input = "a line of input for the buffered reads\n".repeat(60);
        Recorder.record(Recorder.Options.of(program, List.of(tmp.resolve("written").toString(), "0")).withTraceDir(trace).withSyscallBuffer(true)
                .withStdio(LaunchSpec.Stdio.PIPE, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, fds -> {
                    // Less than a pipe's capacity: written whole, then closed (the program sees the end).
                    try (FileOutputStream in = new FileOutputStream("/proc/self/fd/" + fds[0])) {
                        in.write(input.getBytes(StandardCharsets.UTF_8));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    dev.hindsight.tracer.sys.Files.closeQuietly(fds[0]);
                }));
        long buffered = EventLog.readAll(trace.resolve("events")).stream()
                .filter(e -> e instanceof TraceEvent.Syscall s && s.mode() == SyscallTable.Mode.BUFFERED).count();
        assertTrue(buffered > 3 * input.length() / 7, "buffered calls: " + buffered);

        Path one = tmp.resolve("one"), three = tmp.resolve("three");
        Directories.copyTree(trace, one);
        Directories.copyTree(trace, three);
        Builder.build(one, 1, null, false);
        Builder.build(three, 3, null, false);
        try (IndexReader a = IndexReader.open(one); IndexReader b = IndexReader.open(three)) {
            assertEquals(a.instructionCount(), b.instructionCount(), "instructions");
            assertTrue(b.shardCount() > 1, "shards: " + b.shardCount());
            for (long t = 0; t < a.instructionCount(); t++) {
                assertArrayEquals(a.registersAt(t), b.registersAt(t), "registers before instruction " + t);
            }
        }
    }
}
