package dev.hindsight.tracer.values;

import static dev.hindsight.tracer.testing.Await.stopped;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.GdbValueOracle;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values of every thread, not only the one that stopped: main stops at a breakpoint while a worker
 * spins with its locals in registers (xmm at -O2); each thread's frames, locals, arguments and
 * thread-local variables equal what gdb shows after {@code thread N}.
 */
class ThreadValuesTest {
    private static final String FIXTURE = "thread_values.c";
    private static final List<String> PRINTS = List.of("tls_counter", "tls_scale", "tls_pair", "tls_pair.tag",
            "&tls_counter == &tls_counter", "sizeof(tls_pair)", "tls_aligned");

    @ParameterizedTest(name = "flags [{0}]")
    // flags, variables where we print less than gdb on purpose (LessThanGdb), read off each build's DWARF
    @CsvSource({
            "'', ''",
            "-O2, 'worker.id=clobbered worker.arg=clobbered'",
            "gcc -O2, 'spin.scale=entry-value'",
            "-x c++, ''",
            "-x c++ -O2, 'worker.id=clobbered worker.arg=clobbered'",
            "-static, ''",
    })
    void everyThreadsValuesMatchGdb(String flags, String lessThanGdb) throws Exception {
        Path exe = Fixtures.compileSpec(FIXTURE, flags);
        int line = Fixtures.line(FIXTURE, "main stops");
        String where = FIXTURE + ":" + line;
        List<GdbValueOracle.FrameView> mainView = GdbValueOracle.at(exe, where, 1, 1, PRINTS);
        List<GdbValueOracle.FrameView> workerView = GdbValueOracle.at(exe, where, 2, 2, PRINTS);
        assertEquals(List.of("spin", "worker"), workerView.stream().map(GdbValueOracle.FrameView::function).toList());
        assertNotEquals(mainView.get(0).prints(), workerView.get(0).prints(), "the fixture's threads differ");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().addLine(Fixtures.source(FIXTURE).toString(), line);
            stopped(t.execution().resume());
            int main = t.currentThread();
            int worker = t.threads().stream().filter(tid -> tid != main).findFirst().orElseThrow();
            // Ask for the worker first and the stopped thread last: nothing may depend on the current thread.
            LessThanGdb allowed = new LessThanGdb(lessThanGdb);
            compare(t, t.frames().backtrace(worker, 2), workerView, allowed);
            compare(t, t.frames().backtrace(main, 1), mainView, allowed);
            assertEquals(main, t.currentThread());
            allowed.assertAllMet();
        }
    }

    /**
     * Writing a variable of the worker's innermost frame at -O2, where it lives in a register,
     * changes the worker's register and leaves the stopped thread's registers alone.
     */
    @Test
    void assignmentInAnotherThreadsFrameWritesThatThread() throws Exception {
        Path exe = Fixtures.compileSpec(FIXTURE, "-O2");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().addLine(Fixtures.source(FIXTURE).toString(), Fixtures.line(FIXTURE, "main stops"));
            stopped(t.execution().resume());
            int main = t.currentThread();
            int worker = t.threads().stream().filter(tid -> tid != main).findFirst().orElseThrow();
            var mainRegisters = t.registers().of(main);
            var mainXmm = t.registers().fp(main).xmm(1);
            Frame spin = t.frames().backtrace(worker, 1).get(0);
            Variable k = t.frames().locals(spin).stream().filter(v -> v.name().equals("k")).findFirst().orElseThrow();
            assertEquals("5", t.frames().assign(k, "5", spin).value());
            Variable f = t.frames().locals(spin).stream().filter(v -> v.name().equals("f")).findFirst().orElseThrow();
            assertEquals("-1.5", t.frames().assign(f, "-1.5", spin).value());
            Frame again = t.frames().backtrace(worker, 1).get(0);
            assertEquals("5", t.frames().evaluate("k", again).value());
            assertEquals("-1.5", t.frames().evaluate("f", again).value());
            assertEquals(mainRegisters, t.registers().of(main));
            assertArrayEquals(mainXmm, t.registers().fp(main).xmm(1));
        }
    }

    /** A shared library's thread-local variables, found through each thread's DTV, on both threads. */
    @Test
    void sharedLibraryThreadLocalsMatchGdb() throws Exception {
        Path lib = Fixtures.compile("tls_lib.c", "-shared", "-fPIC");
        Path exe = Fixtures.compile("tls_shared.c", lib.toString());
        int line = Fixtures.line("tls_lib.c", "lib touched");
        String where = "tls_lib.c:" + line;
        List<String> prints = List.of("lib_tls", "lib_name", "lib_name[0]");
        List<GdbValueOracle.FrameView> mainView = GdbValueOracle.at(exe, where, 1, 1, prints);
        List<GdbValueOracle.FrameView> workerView = GdbValueOracle.at(exe, where, 2, 1, prints);
        assertEquals("lib_wait", workerView.get(0).function());
        assertNotEquals(mainView.get(0).prints(), workerView.get(0).prints(), "the fixture's threads differ");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            stopped(t.execution().runToMain());
            t.symbols().modulesNow(); // the library is mapped now
            t.breakpoints().addLine(Fixtures.source("tls_lib.c").toString(), line);
            stopped(t.execution().resume());
            int main = t.currentThread();
            int worker = t.threads().stream().filter(tid -> tid != main).findFirst().orElseThrow();
            compare(t, t.frames().backtrace(worker, 1), workerView, new LessThanGdb(""));
            compare(t, t.frames().backtrace(main, 1), mainView, new LessThanGdb(""));
        }
    }

    private static void compare(Target t, List<Frame> stack, List<GdbValueOracle.FrameView> expected, LessThanGdb allowed) {
        for (int i = 0; i < expected.size(); i++) {
            GdbValueOracle.FrameView want = expected.get(i);
            Frame frame = stack.get(i);
            String what = want.function() + " (frame " + i + " of thread " + frame.tid() + ")";
            assertEquals(want.function(), frame.function(), what);
            allowed.assertEntries(want.function(), want.locals(), t.frames().locals(frame), "locals of " + what);
            allowed.assertEntries(want.function(), want.args(), t.frames().arguments(frame), "arguments of " + what);
            Map<String, String> got = new LinkedHashMap<>();
            for (String e : want.prints().keySet()) got.put(e, t.frames().evaluate(e, frame).value());
            assertEquals(want.prints(), got, "prints in " + what);
        }
    }
}
