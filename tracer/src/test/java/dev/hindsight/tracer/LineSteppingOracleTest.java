package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.source.SourcePoint;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.GdbSourceOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lines visited by {@code next} and {@code step} from {@code break main} are gdb's, stop for stop. */
class LineSteppingOracleTest {
    record Place(String function, String file, int line) {}

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "source_c.c, '', next, 40",
            "source_c.c, '', step, 60",
            "source_c.c, -gdwarf-4, step, 60",
            "source_cpp.cpp, '', next, 20",
            "source_cpp.cpp, '', step, 40",
            "recurse.c, '', step, 40",
            "loop.c, '', step, 40",
            "source_asm.S, '', next, 10",
            "source_asm.S, '', step, 10",
            "source_c.c, clang-19, step, 60",
            "source_c.c, clang-19 -gdwarf-4, next, 40",
            "source_cpp.cpp, clang-19, step, 40",
            "source_c.c, clang-19 -O2 -gdwarf-4, step, 60",
    })
    void linesMatchGdb(String fixture, String flags, String command, int count) throws Exception {
        Path exe = Fixtures.compileSpec(fixture, flags);
        String dir = Fixtures.source(fixture).getParent().toString();
        List<Place> expected = new ArrayList<>();
        for (GdbSourceOracle.Stop s : GdbSourceOracle.run(exe, "main", command, count)) {
            if (!s.file().startsWith(dir)) break; // beyond our sources (gdb may have libc's lines; not every machine does)
            expected.add(new Place(s.function(), s.file(), s.line()));
        }
        assertTrue(expected.size() > 3, "gdb visited " + expected);
        List<Place> actual = new ArrayList<>();
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            stopped(t.execution().runToMain());
            while (actual.size() < expected.size()) {
                Optional<SourcePoint> p = t.symbols().sourceAt(t.registers().current().rip());
                if (p.isEmpty()) break;
                actual.add(new Place(p.get().function(), p.get().line().file(), p.get().line().line()));
                CompletableFuture<StopEvent> next = command.equals("next") ? t.execution().stepLine() : t.execution().stepIntoLine();
                if (!(stop(next) instanceof StopEvent.Stopped)) break;
            }
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "stop " + i + " after " + (i > 0 ? expected.get(i - 1) : "start"));
        }
        assertEquals(expected.size(), actual.size(), "number of stops");
    }
}
