package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.GdbBacktraceOracle;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Backtraces at successive stops of one session equal gdb's at the same stops: what the engine
 * remembers about a pc from one stop to the next (names, lines, function starts: see
 * {@code stack.FrameFacts}) must never carry a frame of one stop into another. A recursion stops
 * at the same breakpoint, the innermost pc the same each time, while the frames above it change
 * (main's call first, then one more recursive call per hit).
 */
class BacktraceAcrossStopsOracleTest {
    private static final List<String> ENV = List.of("LANG=C", "PATH=/usr/bin:/bin");

    @ParameterizedTest(name = "{0} {1} at {2}, {3} stops")
    @CsvSource({
            "recurse.c, '', body, 5",
            "recurse.c, -fomit-frame-pointer, body, 5",
            "recurse.c, gcc, body, 5",
    })
    void everyStopsBacktraceMatchesGdbs(String fixture, String flags, String marker, int count) throws Exception {
        Path exe = Fixtures.compileSpec(fixture, flags);
        String file = Fixtures.source(fixture).toString();
        int line = Fixtures.line(fixture, marker);
        List<GdbBacktraceOracle.Stop> expected = GdbBacktraceOracle.runStops(exe, List.of(), file + ":" + line, ENV, count);
        assertEquals(count, expected.size(), "gdb stopped as often as asked");
        try (Target t = Target.launch(LaunchSpec.of(exe).withEnvironment(ENV))) {
            t.breakpoints().addLine(file, line);
            int previousDepth = 0;
            for (int i = 0; i < count; i++) {
                StopEvent.Stopped s = stopped(t.execution().resume());
                List<Frame> bt = t.frames().backtrace(s.tid(), 256);
                BacktraceOracleTest.compare(expected.get(i).current(), bt, Map.of(), true, "stop " + (i + 1));
                assertTrue(bt.size() > previousDepth, "each stop is one call deeper: " + bt);
                previousDepth = bt.size();
            }
        }
    }
}
