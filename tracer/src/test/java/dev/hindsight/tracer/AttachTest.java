package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import dev.hindsight.tracer.testing.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AttachTest {
    @Test
    void attachInspectDetachLeavesTheProcessRunning() throws Exception {
        Path exe = Fixtures.compile("endless.c", "-no-pie");
        long main = Nm.address(exe, "main");
        long counter = Nm.address(exe, "counter"); // only main's loop changes it
        // Started through a shell so the JDK's reaper, which would steal ptrace stops, is not its parent.
        Process sh = new ProcessBuilder("/bin/sh", "-c", exe + " >/dev/null 2>&1 & echo $!").start();
        int pid = Integer.parseInt(new String(sh.getInputStream().readAllBytes()).trim());
        sh.waitFor();
        try {
            until("the program counting in main's loop", () -> Proc.runs(pid, exe) && Proc.readLong(pid, counter) != 0);
            try (Target t = Target.attach(pid)) {
                assertEquals(pid, t.pid());
                StopEvent.Stopped s = (StopEvent.Stopped) t.lastStop();
                long pc = t.registers().current().rip();
                assertTrue(pc >= main && pc < main + 64, "attached while in main's loop: 0x" + Long.toHexString(pc));
                assertEquals(StopEvent.Reason.PAUSE, s.reason());
                long attached = Proc.readLong(pid, counter);
                CompletableFuture<StopEvent> running = t.execution().resume();
                until("the program counting again after resume", () -> Proc.readLong(pid, counter) != attached);
                t.pause();
                assertEquals(StopEvent.Reason.PAUSE, stopped(running).reason());
                t.breakpoints().add(t.registers().current().rip());
            }
            // Detached with its breakpoint removed: it counts on, untraced, and is not stopped.
            long detached = Proc.readLong(pid, counter);
            until("the program counting on after detach", () -> Proc.readLong(pid, counter) != detached);
            char state = Proc.state(pid);
            assertTrue(state == 'R' || state == 'S', "running on after detach, state " + state);
            assertEquals("0", Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("TracerPid:")).findFirst().orElseThrow().split("\\s+")[1]);
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void attachingToNothingSaysSo() {
        LaunchException e = assertThrows(LaunchException.class, () -> Target.attach(999_999_999));
        assertTrue(e.getMessage().contains("no process"));
    }
}
