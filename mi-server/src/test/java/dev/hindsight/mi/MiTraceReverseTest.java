package dev.hindsight.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiProcess;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.record.Recorder;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hindsight gdb --trace=DIR} serves a recorded and built run with gdb's reverse commands.
 * The oracle is gdb itself with {@code record full} on the same program: after the same forward
 * commands, the same reverse continues, reverse-finish, reverse-stepi and reverse-nexti stop at
 * the same places with the same records. (gdb's history begins where {@code record full} was
 * typed, the recording's at the program's first instruction: the transcript stays inside both.)
 */
class MiTraceReverseTest {
    @TempDir static Path tmp;
    static Path program, trace;

    @BeforeAll
    static void recordAndBuild() throws Exception {
        program = Fixtures.compile("travel.c");
        trace = dev.hindsight.index.testing.BuiltRecordings.of(program);
    }

    @Test
    void reverseCommandsStopWhereGdbsRecordFullStops() throws Exception {
        Lockstep l = new Lockstep()
                .cmd("-break-insert main")
                .exec("-exec-run")
                .result("-interpreter-exec console \"record full\"")
                .cmd("-break-insert square")
                .exec("-exec-continue")
                .exec("-exec-continue")
                .exec("-exec-continue")
                .exec("-exec-finish --reverse")
                .exec("-exec-step-instruction --reverse")
                .exec("-exec-step-instruction --reverse")
                .exec("-exec-next-instruction --reverse")
                .exec("-exec-next-instruction --reverse")
                .exec("-exec-next-instruction --reverse")
                .exec("-exec-next-instruction --reverse")
                .exec("-exec-next-instruction --reverse")
                .exec("-exec-continue --reverse")
                .execText("-interpreter-exec console \"reverse-continue\"")
                .exec("-exec-continue")
                .exec("-exec-next")
                .exec("-exec-next --reverse")
                .exec("-exec-step-instruction")
                .exec("-exec-next-instruction --reverse");
        l.runOnTrace(program, trace);
    }

    /** set exec-direction reverse makes the plain commands go backwards; the start of the recording is gdb's "no history". */
    @Test
    void execDirectionReverseAndTheStartOfTheRecording() throws Exception {
        try (MiProcess h = MiProcess.hindsightWith(List.of("--trace=" + trace), null)) {
            h.send("-break-insert square");
            h.exchange("-exec-run");
            MiRecord hit = stopped(h);
            assertEquals("breakpoint-hit", hit.str("reason"));
            assertEquals("done", h.send("-gdb-set exec-direction reverse").cls());
            h.exchange("-exec-continue");
            MiRecord start = stopped(h);
            assertEquals(null, start.get("reason"), "the start of the recording: " + start);
            assertEquals("done", h.send("-gdb-set exec-direction forward").cls());
            h.exchange("-exec-continue");
            assertEquals("breakpoint-hit", stopped(h).str("reason"));
            assertEquals("done", h.send("-break-delete 1").cls());
            h.exchange("-exec-continue");
            MiRecord end = stopped(h);
            assertEquals(null, end.get("reason"), "the end of the recording is no exit: " + end);
            h.exchange("-exec-next-instruction --reverse");
            assertEquals("end-stepping-range", stopped(h).str("reason"));
        }
    }

    @Test
    void aTraceWithoutIndexIsRefusedSayingHowToBuildIt() throws Exception {
        Path bare = tmp.resolve("bare");
        Recorder.record(Recorder.Options.of(program, List.of()).withTraceDir(bare)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.hindsight.mi.GdbMain", "--interpreter=mi3", "--trace=" + bare);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(1, p.waitFor());
        assertTrue(out.contains("hindsight build " + bare), out);
    }

    private static MiRecord stopped(MiProcess h) throws Exception {
        return h.awaitStopped().stream().filter(r -> r.kind() == '*' && r.cls().equals("stopped")).reduce((a, b) -> b).orElseThrow();
    }
}
