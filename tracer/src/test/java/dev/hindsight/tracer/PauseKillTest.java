package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PauseKillTest {
    private final Path exe = Fixtures.compile("endless.c", "-no-pie");

    @Test
    void endlessLoopCanBePausedAgainAndAgain() throws Exception {
        long main = Nm.address(exe, "main");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            for (int round = 0; round < 3; round++) {
                CompletableFuture<StopEvent> running = t.resume();
                Thread.sleep(150);
                assertFalse(running.isDone(), "still running");
                assertEquals(Target.State.RUNNING, t.state());
                assertThrows(TargetStateException.class, () -> t.registers());
                t.pause();
                StopEvent.Stopped s = stopped(running);
                assertEquals(StopEvent.Reason.PAUSE, s.reason());
                assertTrue(s.pc() >= main && s.pc() < main + 64, "paused inside main's loop");
            }
            // A pause while stopped does nothing and leaves no stale stop behind.
            t.pause();
            StopEvent.Stopped s = stopped(t.stepInstruction());
            assertEquals(StopEvent.Reason.STEP, s.reason());
        }
    }

    @Test
    void pauseRightAfterResumeIsNeverLost() throws Exception {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            for (int round = 0; round < 50; round++) {
                // No delay: the pause usually arrives before the engine thread has resumed anything.
                CompletableFuture<StopEvent> running = t.resume();
                t.pause();
                assertEquals(StopEvent.Reason.PAUSE, stopped(running).reason(), "round " + round);
            }
            // A pause that reached the engine after its resumption ended is not kept for the next one.
            t.stepInstruction().get(10, TimeUnit.SECONDS);
            CompletableFuture<StopEvent> running = t.resume();
            Thread.sleep(100);
            assertFalse(running.isDone(), "the next resumption runs until paused");
            t.pause();
            assertEquals(StopEvent.Reason.PAUSE, stopped(running).reason());
        }
    }

    @Test
    void longTraceCanBePaused() throws Exception {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            CompletableFuture<StopEvent> tracing = t.trace(Long.MAX_VALUE, (i, r) -> true);
            Thread.sleep(100);
            t.pause();
            assertEquals(StopEvent.Reason.PAUSE, stopped(tracing).reason());
        }
    }

    @Test
    void killEndsARunningProgram() throws Exception {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            int pid = t.pid();
            CompletableFuture<StopEvent> running = t.resume();
            Thread.sleep(100);
            t.kill();
            StopEvent.Exited e = exited(running);
            assertEquals("SIGKILL", e.signal().name());
            assertFalse(Files.exists(Path.of("/proc/" + pid)), "reaped");
        }
    }

    @Test
    void killReportsTheExitOfAStoppedProgramOnce() throws Exception {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            int pid = t.pid();
            java.util.concurrent.BlockingQueue<TargetEvent.Exited> exits = new java.util.concurrent.LinkedBlockingQueue<>();
            t.addListener(e -> {
                if (e instanceof TargetEvent.Exited x) exits.add(x);
            });
            stopped(t.stepInstruction());
            t.kill();
            t.kill();
            TargetEvent.Exited x = exits.poll(10, TimeUnit.SECONDS);
            assertNotNull(x, "the exit is reported without a resumption");
            assertEquals("SIGKILL", x.exit().signal().name());
            assertEquals(Target.State.EXITED, t.state());
            assertFalse(Files.exists(Path.of("/proc/" + pid)), "reaped");
            t.kill();
            assertNull(exits.poll(300, TimeUnit.MILLISECONDS), "reported once");
            var refused = assertThrows(java.util.concurrent.ExecutionException.class, () -> t.resume().get());
            assertInstanceOf(TargetStateException.class, refused.getCause());
        }
    }

    @Test
    void killWhileRunningReportsTheExitOnce() throws Exception {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            java.util.concurrent.atomic.AtomicInteger exits = new java.util.concurrent.atomic.AtomicInteger();
            t.addListener(e -> {
                if (e instanceof TargetEvent.Exited) exits.incrementAndGet();
            });
            CompletableFuture<StopEvent> running = t.resume();
            t.kill();
            assertEquals("SIGKILL", exited(running).signal().name());
            t.kill();
            Thread.sleep(300);
            assertEquals(1, exits.get());
            assertEquals(Target.State.EXITED, t.state());
        }
    }

    @Test
    void closeKillsAStoppedProgram() throws Exception {
        Target t = Target.launch(LaunchSpec.of(exe));
        int pid = t.pid();
        t.close();
        for (int i = 0; i < 100 && Files.exists(Path.of("/proc/" + pid)); i++) Thread.sleep(20);
        assertFalse(Files.exists(Path.of("/proc/" + pid)));
    }

    @Test
    void traceeDiesWhenTheDebuggerProcessIsKilled() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                TraceeHolder.class.getName(), exe.toString()).redirectErrorStream(true).start();
        try {
            String pidLine = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
            assertNotNull(pidLine, "holder printed the tracee pid");
            long pid = Long.parseLong(pidLine.trim());
            assertTrue(ProcessHandle.of(pid).isPresent());
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hooks run
            for (int i = 0; i < 200 && isAlive(pid); i++) Thread.sleep(20);
            assertFalse(isAlive(pid), "PTRACE_O_EXITKILL took the tracee down with its debugger");
        } finally {
            holder.destroyForcibly();
        }
    }

    private static boolean isAlive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** A debugger process for the test above: launches, runs the program, prints its pid, waits. */
    public static final class TraceeHolder {
        public static void main(String[] args) throws Exception {
            Target t = Target.launch(LaunchSpec.of(Path.of(args[0])));
            t.resume();
            System.out.println(t.pid());
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
