package dev.hindsight.mi;

import static dev.hindsight.tracer.testing.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiProcess;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import dev.hindsight.tracer.testing.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Attaching to a running process and detaching from it ({@code -target-attach}, {@code attach},
 * {@code -target-detach}, {@code detach}, and gdb's command lines {@code PROGRAM PID} and
 * {@code --pid}), in lockstep with gdb 13, each debugger on a sleeping process of its own. Where
 * the process sleeps (inside libc, for which gdb has Debian's debug information and Hindsight does
 * not) is not compared; main's frame below it, and everything after the attach, is.
 */
class MiAttachTest {
    private static final Path SLEEPER = Fixtures.compile("sleeper.c", "-no-pie");
    private static final long TICKS = Nm.address(SLEEPER, "ticks");
    private static final int TICK = Fixtures.line("sleeper.c", "tick");

    /** Starts the sleeper, not as a child of this JVM (its reaper would steal ptrace stops), and waits until it is in main's loop. */
    static int startSleeper() {
        try {
            Process sh = new ProcessBuilder("/bin/sh", "-c", SLEEPER + " >/dev/null 2>&1 & echo $!").start();
            int pid = Integer.parseInt(new String(sh.getInputStream().readAllBytes()).trim());
            sh.waitFor();
            until("the sleeper counting in main's loop", () -> Proc.runs(pid, SLEEPER) && Proc.readInt(pid, TICKS) > 0);
            return pid;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** main's frame in a stack: its level, file and line (the frames above it are libc's). */
    private static final Function<MiRecord, Object> MAIN_FRAME = r -> {
        for (int i = 0; r.get("stack." + i) != null; i++) {
            if ("main".equals(r.get("stack." + i + ".frame.func"))) {
                return List.of(r.get("stack." + i + ".frame.level"), r.get("stack." + i + ".frame.fullname"),
                        r.get("stack." + i + ".frame.line"));
            }
        }
        return "no main in " + r.get("stack");
    };

    @Test
    void attachAndDetachMatchGdb() throws Exception {
        new Lockstep().attachingTo(MiAttachTest::startSleeper)
                .stopsAfter("-target-attach {PID}", Lockstep.fields("reason", "thread-id", "stopped-threads"))
                .cmd("-stack-list-frames", MAIN_FRAME)
                .cmd("-thread-info", Lockstep.fields("threads.0.id", "threads.0.state", "current-thread-id"))
                .cmd("-break-insert sleeper.c:" + TICK, Lockstep.fields("bkpt.number", "bkpt.func", "bkpt.line", "bkpt.addr"))
                .exec("-exec-continue")
                .exec("-exec-next")
                .cmd("-break-delete 1")
                .cmd("-target-detach")
                .cmd("-thread-info", r -> r.get("threads"))
                .cmd("-exec-continue", r -> r.get("msg"))
                .cmd("-target-detach", r -> r.get("msg"))
                // the console's spelling, on the same process again
                .stopsAfter("-interpreter-exec console \"attach {PID}\"", Lockstep.fields("reason", "thread-id", "stopped-threads"))
                .cmd("-stack-list-frames", MAIN_FRAME)
                .console("-interpreter-exec console \"detach\"")
                .cmd("-target-attach 999999999", r -> r.get("msg"))
                .run(SLEEPER);
    }

    /**
     * {@code PROGRAM PID} and {@code --pid=PID}: attached before the first prompt, with gdb's
     * records; a breakpoint is hit as in gdb; at {@code -gdb-exit} both detach, and the process
     * goes on counting, untraced.
     */
    @Test
    void commandLineAttachMatchesGdbAndTheProcessLivesOn() throws Exception {
        for (List<String> form : List.of(List.of(SLEEPER.toString(), "{PID}"), List.of("--pid={PID}"))) {
            assertEquals(commandLineSession(form, true), commandLineSession(form, false), "command line " + form);
        }
    }

    private static List<Object> commandLineSession(List<String> form, boolean gdb) throws Exception {
        int pid = startSleeper();
        try {
            List<String> words = form.stream().map(w -> w.replace("{PID}", String.valueOf(pid))).toList();
            List<Object> seen = new ArrayList<>();
            try (MiProcess p = gdb ? MiProcess.gdbCommandLine(words) : MiProcess.hindsightCommandLine(words)) {
                List<MiRecord> before = p.readUntil(r -> r.kind() == '(');
                List<String> kinds = new ArrayList<>();
                for (MiRecord r : before) {
                    if ((r.kind() == '=' || r.kind() == '*') && !r.cls().equals("library-loaded")) kinds.add(r.kind() + r.cls());
                    if (r.kind() == '~' && r.text().startsWith("Attaching")) kinds.add(r.text().replace(String.valueOf(pid), "{PID}"));
                    if (r.kind() == '*') kinds.add(r.get("reason") + " " + r.get("thread-id") + " " + r.get("stopped-threads"));
                }
                seen.add(kinds);
                seen.add(p.send("-break-insert sleeper.c:" + TICK).cls());
                p.send("-exec-continue");
                MiRecord hit = p.awaitStopped().stream().filter(r -> r.kind() == '*').reduce((a, b) -> b).orElseThrow();
                seen.add(Map.of("reason", hit.str("reason"), "func", hit.str("frame.func"), "line", hit.str("frame.line")));
            }
            // the debugger has ended (close waited for it): the process counts on, traced by no one
            int ticks = Proc.readInt(pid, TICKS);
            until("the sleeper counting on after its debugger ended", () -> Proc.readInt(pid, TICKS) > ticks);
            String tracer = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("TracerPid:")).findFirst().orElseThrow();
            seen.add(tracer.split("\\s+")[1]);
            assertTrue(Proc.state(pid) == 'S' || Proc.state(pid) == 'R', "running on, state " + Proc.state(pid));
            return seen;
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
