package dev.hindsight.tracer.record;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {
    @TempDir Path tmp;

    @Test
    void recordsHelloIntoAPrivateSelfContainedTrace() throws Exception {
        Path trace = tmp.resolve("t");
        Recorder.Result r = Recorder.record(Recorder.Options.of(Fixtures.compile("hello.c"), List.of())
                .withTraceDir(trace).withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.PIPE, LaunchSpec.Stdio.PIPE));
        assertEquals(0, r.exitStatus());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(trace)));
        var meta = TraceDirectory.readMeta(trace);
        assertEquals("true", meta.getProperty("complete"));
        List<TraceEvent> events = EventLog.readAll(trace.resolve("events"));
        assertEquals(r.events(), events.size());
        String out = events.stream().filter(e -> e instanceof TraceEvent.Syscall s && s.outputFd() == 1)
                .map(e -> new String(((TraceEvent.Syscall) e).output())).reduce("", String::concat);
        assertEquals("hello 3\n", out);
        assertTrue(events.stream().anyMatch(e -> e instanceof TraceEvent.Instruction i && i.kind() == TraceEvent.Instruction.Kind.CPUID),
                "glibc asks CPUID, which traps");
        assertTrue(Files.isRegularFile(trace.resolve(meta.getProperty("executable"))));
        assertTrue(Files.isRegularFile(trace.resolve(meta.getProperty("interpreter"))));
        assertTrue(Files.isRegularFile(trace.resolve("sources").resolve(Fixtures.source("hello.c").toString().substring(1))));
    }
}
