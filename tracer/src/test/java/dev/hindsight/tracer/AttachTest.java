package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AttachTest {
    @Test
    void attachInspectDetachLeavesTheProcessRunning() throws Exception {
        Path exe = Fixtures.compile("endless.c", "-no-pie");
        long main = Nm.address(exe, "main");
        // Started through a shell so the JDK's reaper, which would steal ptrace stops, is not its parent.
        Process sh = new ProcessBuilder("/bin/sh", "-c", exe + " >/dev/null 2>&1 & echo $!").start();
        int pid = Integer.parseInt(new String(sh.getInputStream().readAllBytes()).trim());
        sh.waitFor();
        try {
            Thread.sleep(100);
            try (Target t = Target.attach(pid)) {
                assertEquals(pid, t.pid());
                StopEvent.Stopped s = (StopEvent.Stopped) t.lastStop();
                long pc = t.registers().rip();
                assertTrue(pc >= main && pc < main + 64, "attached while in main's loop: 0x" + Long.toHexString(pc));
                assertEquals(StopEvent.Reason.PAUSE, s.reason());
                CompletableFuture<StopEvent> running = t.resume();
                Thread.sleep(50);
                t.pause();
                assertEquals(StopEvent.Reason.PAUSE, stopped(running).reason());
                t.addBreakpoint(t.registers().rip());
            }
            Thread.sleep(200);
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
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
