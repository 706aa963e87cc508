package dev.hindsight.index.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hindsight.index.IndexReader;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's stepped replay remembers which pcs hold no system call (the engine does not read
 * every instruction before stepping it); code rewritten at such a pc, through mprotect or by a
 * plain store into a writable and executable page, must still have its system call seen there.
 */
class SelfModifyingCodeBuildTest {
    private static final long GETPID = 39;
    @TempDir Path tmp;

    @Test
    void aSystemCallWrittenOverCodeAlreadyRunIsIndexedWhereItRan() throws Exception {
        Path trace = tmp.resolve("trace");
        Recorder.record(Recorder.Options.of(Fixtures.compile("self_modifying.c"), List.of()).withTraceDir(trace)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        Builder.build(trace, 1, 1, null, false);
        try (IndexReader r = IndexReader.open(trace)) {
            // Each getpid runs from offset 5 of its page: `mov $39,%eax` is 5 bytes (the fixture's bytes).
            List<Long> offsets = r.syscalls().stream().filter(s -> s.number() == GETPID).map(s -> r.pcAt(s.time()) & 0xfff).toList();
            assertEquals(List.of(5L, 5L), offsets, "page offsets of the getpid calls' instructions");
        }
    }
}
