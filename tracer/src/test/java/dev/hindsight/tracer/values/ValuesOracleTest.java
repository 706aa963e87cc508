package dev.hindsight.tracer.values;

import static dev.hindsight.tracer.testing.Await.stopped;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.GdbValueOracle;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every local and argument, its value and its type, at marker lines and in the callers: exactly what
 * gdb shows. The last column lists the variables of optimized code where we print less than gdb on
 * purpose, each with its reason ({@link LessThanGdb}); they were read off the DWARF of each build.
 */
class ValuesOracleTest {
    @ParameterizedTest(name = "{0} {1} {2} {4}")
    // fixture, flags, marker, frames compared, condition, variables where we print less than gdb
    @CsvSource({
            "values.c, '', shadow, 1, '', ''",
            "values.c, '', shadow, 1, i == 1, ''",
            "values.c, '', main, 1, '', ''",
            "values.c, '', apply, 2, '', ''",
            "values.c, '', mix, 2, '', ''",
            "values.c, '', walk, 4, depth == 0, ''",
            "values.c, '', fill, 2, '', ''",
            "values.c, -gdwarf-4, apply, 2, '', ''",
            "values.c, -gdwarf-4, main, 1, '', ''",
            "values.c, -gdwarf-2, main, 1, '', ''",
            "values.cpp, -fstandalone-debug -gdwarf-4, main, 1, '', ''",
            "values.cpp, -fstandalone-debug, main, 1, '', ''",
            "values.cpp, -fstandalone-debug, area, 2, '', ''",
            "values.cpp, -fstandalone-debug, twice, 2, '', ''",
            "values.cpp, -fstandalone-debug, total, 2, '', ''",
            "source_c.c, '', move, 2, '', ''",
            "source_c.c, '', factorial_base, 5, n == 1, ''",
            "recurse.c, '', body, 4, n == 1, ''",
            "floats.c, '', scale, 2, '', ''",
            "floats.c, -O2, scale, 2, '', ''",
            "floats.c, gcc -O2, scale, 2, '', ''",
            "values.c, gcc, main, 1, '', ''",
            "values.c, gcc, walk, 4, depth == 0, ''",
            "values.c, gcc, fill, 2, '', ''",
            "optimized.c, gcc -O2, probe, 4, x == 33, 'clamp.r=computed-from-clobbered clamp.v=clobbered add.a=clobbered add.v=clobbered main.argc=computed-from-clobbered main.argv=clobbered'",
            "values.cpp, gcc, main, 1, '', ''",
            "values.cpp, gcc, area, 2, '', ''",
            "dwarf_types.c, '', apply, 2, '', ''",
            "dwarf_classes.cpp, -fstandalone-debug, area, 3, '', ''",
            "optimized.c, -O2, weigh, 3, '', 'add.v=entry-value'",
            "optimized.c, -O2, weigh, 3, x == 33, 'add.v=entry-value'",
            "optimized.c, -O2 -gdwarf-4, weigh, 3, x == 22, 'add.v=entry-value'",
            "optimized.c, -O2, print, 1, '', ''",
            "optimized.c, -O2, probe, 4, x == 33, 'clamp.r=clobbered clamp.v=clobbered add.v=clobbered'",
            "optimized.c, -O2, add_after, 2, '', 'add.v=entry-value'",
            "wide_chars.c, '', wide, 1, '', ''",
            "wide_chars.c, -x c++, wide, 1, '', ''",
            "values.c, clang-19, main, 1, '', ''",
            "values.c, clang-19 -gdwarf-4, walk, 4, depth == 0, ''",
            "values.cpp, clang-19 -fstandalone-debug, area, 2, '', ''",
            "optimized.c, clang-19 -O2, weigh, 3, x == 33, 'add.v=entry-value'",
            "floats.c, clang-19 -O2, scale, 2, '', ''",
    })
    void localsAndArgumentsMatchGdb(String fixture, String flags, String marker, int frames, String condition,
            String lessThanGdb) throws Exception {
        Path exe = Fixtures.compileSpec(fixture, flags);
        int line = Fixtures.line(fixture, marker);
        String where = fixture + ":" + line + (condition.isBlank() ? "" : " if " + condition);
        List<GdbValueOracle.FrameView> expected = GdbValueOracle.at(exe, where, frames, List.of());
        assertEquals(frames, expected.size(), "gdb frames");
        LessThanGdb allowed = new LessThanGdb(lessThanGdb);
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().addLine(Fixtures.source(fixture).toString(), line);
            stopped(t.execution().resume());
            while (!condition.isBlank() && t.frames().evaluate(condition, t.frames().backtrace().get(0)).value().equals("0")) stopped(t.execution().resume());
            List<Frame> stack = t.frames().backtrace();
            for (int i = 0; i < frames; i++) {
                GdbValueOracle.FrameView want = expected.get(i);
                Frame frame = stack.get(i);
                assertEquals(want.function(), frame.function(), "frame " + i);
                allowed.assertEntries(want.function(), want.locals(), t.frames().locals(frame), "locals of frame " + i + " " + want.function());
                allowed.assertEntries(want.function(), want.args(), t.frames().arguments(frame), "arguments of frame " + i + " " + want.function());
            }
        }
        allowed.assertAllMet();
    }
}
