package dev.hindsight.tracer.sys;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A profiler loaded into the engine's JVM (async-profiler's SIGPROF, a wall-clock sampler's
 * tgkill) sends signals to every thread, the ptrace thread too, and a handler installed without
 * SA_RESTART makes the system call that thread is in fail with EINTR. Every step must still
 * complete with the result it has without signals: the same program stepped twice from main,
 * once quietly and once with the ptrace thread bombarded by a signal the JVM does not use
 * (SIGPROF, a no-op handler, no SA_RESTART), must give the same pcs, registers and stack words.
 */
class SignalStormTest {
    private static final int STEPS = 3000;

    @Test
    void everyStepCompletesUnderASignalStorm() throws Exception {
        Path exe = Fixtures.compile("one_line_loop.c", "-no-pie");
        List<String> quiet = stepFromMain(exe, null);
        assertEquals(STEPS, quiet.size(), "the quiet run stepped " + quiet.size() + " times");
        try (SignalHandlerForTest handler = SignalHandlerForTest.install(Signals.SIGPROF)) {
            AtomicLong sent = new AtomicLong();
            List<String> stormed = stepFromMain(exe, sent);
            assertTrue(sent.get() > 1000, "only " + sent.get() + " signals were delivered to the ptrace thread");
            for (int i = 0; i < Math.min(quiet.size(), stormed.size()); i++) {
                assertEquals(quiet.get(i), stormed.get(i), "step " + i + " under the signals");
            }
            assertEquals(quiet.size(), stormed.size(), "steps taken");
        }
    }

    /**
     * Steps from main until the program exits or STEPS steps, noting after each the pc, the
     * registers and the word at the stack pointer; with {@code sent}, while signalling the
     * session's ptrace thread and counting the signals.
     */
    private static List<String> stepFromMain(Path exe, AtomicLong sent) throws Exception {
        List<String> seen = new ArrayList<>();
        List<Integer> before = Storm.ptraceThreads();
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            long main = Nm.address(exe, "main");
            assertEquals(main, ((StopEvent.Stopped) t.execution().runTo(main).get(60, TimeUnit.SECONDS)).pc());
            Storm storm = sent == null ? null : Storm.start(before, sent);
            try {
                for (int i = 0; i < STEPS; i++) {
                    StopEvent e = t.execution().stepInstruction().get(60, TimeUnit.SECONDS);
                    if (!(e instanceof StopEvent.Stopped s)) {
                        seen.add("end " + e);
                        break;
                    }
                    Registers r = t.registers().current();
                    long sp = r.get("rsp");
                    seen.add(Long.toHexString(s.pc()) + " " + Long.toHexString(r.get("rip")) + " "
                            + Arrays.toString(Registers.KERNEL_ORDER.stream().mapToLong(r::get).toArray()) + " "
                            + HexFormat.of().formatHex(t.memory().read(sp, 16)));
                }
            } finally {
                if (storm != null) storm.stop();
            }
        }
        return seen;
    }

    /** A thread sending the ptrace thread signal after signal until stopped. */
    private record Storm(Thread thread, AtomicBoolean done) {
        static Storm start(List<Integer> before, AtomicLong sent) throws Exception {
            int pid = (int) ProcessHandle.current().pid();
            List<Integer> started = ptraceThreads();
            started.removeAll(before);
            assertEquals(1, started.size(), "the session's ptrace thread: " + started);
            int tid = started.get(0);
            AtomicBoolean done = new AtomicBoolean();
            Thread thread = new Thread(() -> {
                while (!done.get()) {
                    // Bursts, with a pause that lets the engine run between them.
                    for (int k = 0; k < 20; k++) if (Syscall.tgkill(pid, tid, Signals.SIGPROF)) sent.incrementAndGet();
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                }
            }, "signal-storm");
            thread.setDaemon(true);
            thread.start();
            return new Storm(thread, done);
        }

        void stop() throws InterruptedException {
            done.set(true);
            thread.join();
        }

        /** The native tids of the engine's threads, by their name ("ptrace-N", which the JVM gives the native thread too). */
        static List<Integer> ptraceThreads() throws Exception {
            List<Integer> found = new ArrayList<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        if (Files.readString(task.resolve("comm")).startsWith("ptrace-")) found.add(Integer.parseInt(task.getFileName().toString()));
                    } catch (java.io.IOException gone) {
                        // a thread that ended meanwhile
                    }
                }
            }
            return found;
        }
    }
}
