package dev.hindsight.tracer.values;

import static dev.hindsight.tracer.testing.Await.stopped;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.Frame;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.GdbValueOracle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every local and argument, its value and its type, at marker lines and in the callers: exactly what gdb shows. */
class ValuesOracleTest {
    @ParameterizedTest(name = "{0} {1} {2} {4}")
    @CsvSource({
            "values.c, '', shadow, 1, ''",
            "values.c, '', shadow, 1, i == 1",
            "values.c, '', main, 1, ''",
            "values.c, '', apply, 2, ''",
            "values.c, '', mix, 2, ''",
            "values.c, '', walk, 4, depth == 0",
            "values.c, '', fill, 2, ''",
            "values.c, -gdwarf-4, apply, 2, ''",
            "values.c, -gdwarf-4, main, 1, ''",
            "values.c, -gdwarf-2, main, 1, ''",
            "values.cpp, -fstandalone-debug -gdwarf-4, main, 1, ''",
            "values.cpp, -fstandalone-debug, main, 1, ''",
            "values.cpp, -fstandalone-debug, area, 2, ''",
            "values.cpp, -fstandalone-debug, twice, 2, ''",
            "values.cpp, -fstandalone-debug, total, 2, ''",
            "source_c.c, '', move, 2, ''",
            "source_c.c, '', factorial_base, 5, n == 1",
            "recurse.c, '', body, 4, n == 1",
            "floats.c, '', scale, 2, ''",
            "floats.c, -O2, scale, 2, ''",
            "floats.c, gcc -O2, scale, 2, ''",
            "values.c, gcc, main, 1, ''",
            "values.c, gcc, walk, 4, depth == 0",
            "values.c, gcc, fill, 2, ''",
            "optimized.c, gcc -O2, probe, 4, x == 33",
            "values.cpp, gcc, main, 1, ''",
            "values.cpp, gcc, area, 2, ''",
            "dwarf_types.c, '', apply, 2, ''",
            "dwarf_classes.cpp, -fstandalone-debug, area, 3, ''",
            "optimized.c, -O2, weigh, 3, ''",
            "optimized.c, -O2, weigh, 3, x == 33",
            "optimized.c, -O2 -gdwarf-4, weigh, 3, x == 22",
            "optimized.c, -O2, print, 1, ''",
            "optimized.c, -O2, probe, 4, x == 33",
            "optimized.c, -O2, add_after, 2, ''",
            "wide_chars.c, '', wide, 1, ''",
            "wide_chars.c, -x c++, wide, 1, ''",
            "values.c, clang-19, main, 1, ''",
            "values.c, clang-19 -gdwarf-4, walk, 4, depth == 0",
            "values.cpp, clang-19 -fstandalone-debug, area, 2, ''",
            "optimized.c, clang-19 -O2, weigh, 3, x == 33",
            "floats.c, clang-19 -O2, scale, 2, ''",
    })
    void localsAndArgumentsMatchGdb(String fixture, String flags, String marker, int frames, String condition) throws Exception {
        Path exe = Fixtures.compileSpec(fixture, flags);
        int line = Fixtures.line(fixture, marker);
        String where = fixture + ":" + line + (condition.isBlank() ? "" : " if " + condition);
        List<GdbValueOracle.FrameView> expected = GdbValueOracle.at(exe, where, frames, List.of());
        assertEquals(frames, expected.size(), "gdb frames");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.addLineBreakpoint(Fixtures.source(fixture).toString(), line);
            stopped(t.resume());
            while (!condition.isBlank() && t.evaluate(condition, t.backtrace().get(0)).value().equals("0")) stopped(t.resume());
            List<Frame> stack = t.backtrace();
            for (int i = 0; i < frames; i++) {
                GdbValueOracle.FrameView want = expected.get(i);
                Frame frame = stack.get(i);
                assertEquals(want.function(), frame.function(), "frame " + i);
                boolean optimized = flags.contains("-O");
                assertEntries(want.locals(), t.locals(frame), optimized, "locals of frame " + i + " " + want.function());
                assertEntries(want.args(), t.arguments(frame), optimized, "arguments of frame " + i + " " + want.function());
            }
        }
    }

    /**
     * In optimized code gdb takes a register the call clobbered to be unchanged (its "same value"
     * default) and recovers DW_OP_entry_value locations from call-site parameters of the caller; we
     * say {@code <not saved>} and {@code <optimized out>} instead, and only there may differ.
     */
    /**
     * In optimized code gdb takes a register the call clobbered to be unchanged (its "same value"
     * default) and recovers DW_OP_entry_value locations from call-site parameters of the caller; we
     * say {@code <not saved>} and {@code <optimized out>} instead, and only there may differ.
     */
    static void assertEntries(List<GdbValueOracle.Entry> expected, List<Variable> actual, boolean optimized, String what) {
        List<String> want = new ArrayList<>(), got = new ArrayList<>();
        for (GdbValueOracle.Entry e : expected) want.add(e.name() + " = " + e.value() + (e.type() != null ? "  : " + e.type() : ""));
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < actual.size(); i++) {
            Variable v = actual.get(i);
            boolean shadowed = seen.contains(v.name());
            seen.add(v.name());
            String value = v.value();
            if (optimized && (value.equals("<not saved>") || value.equals("<optimized out>")) && i < expected.size()) {
                value = expected.get(i).value();
            }
            got.add(v.name() + " = " + value + (shadowed ? "" : "  : " + v.type()));
        }
        assertEquals(String.join("\n", want), String.join("\n", got), what);
    }
}
