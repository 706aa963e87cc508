package dev.hindsight.tracer.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.source.SourcePoint;
import dev.hindsight.tracer.testing.CrossFixtures;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Line stepping on AArch64, stop for stop as the guest's gdb does it ({@link GuestGdb}): from
 * {@code break main}, a list of {@code next}, {@code step} and {@code finish} commands ({@code CMD*N}
 * repeats one), each stop's function and line compared, and after a {@code finish} the value it
 * returned. The x86 counterpart is {@code LineSteppingOracleTest}. Rows stay few: each costs a gdb
 * and a program start under emulation.
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class LineSteppingTest {
    private static final int TIMEOUT = 60;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "aarch64/engine.c, next*6",
            "aarch64/engine.c, step*10",
            "aarch64/finish.c, step finish next step finish next next step finish next",
    })
    void stopsAreGdbs(String fixture, String commands) throws Exception {
        Path exe = Fixtures.compile(fixture, CrossFixtures.C_FLAGS);
        List<String> steps = expand(commands);
        List<String> gdbCommands = new ArrayList<>(List.of("break main", "run", "frame"));
        for (String c : steps) gdbCommands.addAll(List.of(c, "frame"));
        List<String> gdb = GuestGdb.run(exe, gdbCommands);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i <= steps.size(); i++) {
            List<GuestGdb.Frame> frames = framesOrNone(gdb.get(2 + 2 * i));
            if (frames.isEmpty() || frames.get(0).line() == 0) break; // exited, or beyond the program's lines
            String stop = frames.get(0).function() + ":" + frames.get(0).line();
            if (i > 0 && steps.get(i - 1).equals("finish")) stop += " returned " + GuestGdb.value(gdb.get(1 + 2 * i));
            expected.add(stop);
        }
        assertTrue(expected.size() > 3, "gdb's stops: " + expected + "\n" + gdb);

        List<String> actual = new ArrayList<>();
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            StopEvent start = t.execution().runToMain().get(TIMEOUT, TimeUnit.SECONDS);
            assertTrue(start instanceof StopEvent.Stopped, "stopped in main: " + start);
            for (int i = 0; actual.size() < expected.size(); i++) {
                Optional<SourcePoint> p = t.symbols().sourceAt(t.registers().current().pc());
                if (p.isEmpty()) break;
                String stop = p.get().function() + ":" + p.get().line().line();
                if (i > 0 && steps.get(i - 1).equals("finish")) stop += " returned " + t.frames().returnedValue(t.currentThread()).map(v -> v.value()).orElse("none");
                actual.add(stop);
                if (i == steps.size()) break;
                CompletableFuture<StopEvent> next = switch (steps.get(i)) {
                    case "next" -> t.execution().stepLine();
                    case "step" -> t.execution().stepIntoLine();
                    case "finish" -> t.execution().stepOut();
                    default -> throw new IllegalArgumentException(steps.get(i));
                };
                if (!(next.get(TIMEOUT, TimeUnit.SECONDS) instanceof StopEvent.Stopped)) break;
            }
        }
        assertEquals(expected, actual, "stops after " + steps);
    }

    private static List<String> expand(String commands) {
        List<String> steps = new ArrayList<>();
        for (String c : commands.trim().split("\\s+")) {
            String[] repeat = c.split("\\*");
            steps.addAll(Collections.nCopies(repeat.length > 1 ? Integer.parseInt(repeat[1]) : 1, repeat[0]));
        }
        return steps;
    }

    private static List<GuestGdb.Frame> framesOrNone(String frameOutput) {
        return frameOutput.contains("No stack") ? List.of() : GuestGdb.frames(frameOutput);
    }
}
