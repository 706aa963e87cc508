package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import dev.hindsight.tracer.testing.Proc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PauseKillTest {
    private final Path exe = Fixtures.compile("endless.c", "-no-pie");
    private final long counter = Nm.address(exe, "counter"); // only main's loop changes it

    @Test
    void endlessLoopCanBePausedAgainAndAgain() throws Exception {
        long main = Nm.address(exe, "main");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            for (int round = 0; round < 3; round++) {
                long before = Proc.readLong(t.pid(), counter);
                CompletableFuture<StopEvent> running = t.execution().resume();
                until("round " + round + ": the program counting in main's loop", () -> Proc.readLong(t.pid(), counter) != before);
                assertFalse(running.isDone(), "still running");
                assertEquals(Target.State.RUNNING, t.state());
                assertThrows(TargetStateException.class, () -> t.registers().current());
                t.pause();
                StopEvent.Stopped s = stopped(running);
                assertEquals(StopEvent.Reason.PAUSE, s.reason());
                assertTrue(s.pc() >= main && s.pc() < main + 64, "paused inside main's loop");
            }
            // A pause while stopped does nothing and leaves no stale stop behind.
            t.pause();
            StopEvent.Stopped s = stopped(t.execution().stepInstruction());
            assertEquals(StopEvent.Reason.STEP, s.reason());
        }
    }

    @Test
    void pauseRightAfterResumeIsNeverLost() throws Exception {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            for (int round = 0; round < 50; round++) {
                // No delay: the pause usually arrives before the engine thread has resumed anything.
                CompletableFuture<StopEvent> running = t.execution().resume();
                t.pause();
                assertEquals(StopEvent.Reason.PAUSE, stopped(running).reason(), "round " + round);
            }
            // A pause that reached the engine after its resumption ended is not kept for the next one.
            t.execution().stepInstruction().get(10, TimeUnit.SECONDS);
            long before = Proc.readLong(t.pid(), counter);
            CompletableFuture<StopEvent> running = t.execution().resume();
            // A kept pause would stop it right after the resumption, long before ten million more counts.
            until("the program counting on, or stopping", () -> running.isDone() || Proc.readLong(t.pid(), counter) - before > 10_000_000);
            assertFalse(running.isDone(), "the next resumption runs until paused");
            t.pause();
            assertEquals(StopEvent.Reason.PAUSE, stopped(running).reason());
        }
    }

    @Test
    void longTraceCanBePaused() throws Exception {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            java.util.concurrent.atomic.AtomicLong steps = new java.util.concurrent.atomic.AtomicLong();
            CompletableFuture<StopEvent> tracing = t.execution().trace(Long.MAX_VALUE, (i, r) -> steps.incrementAndGet() > 0);
            until("the trace stepping", () -> steps.get() > 1000);
            t.pause();
            assertEquals(StopEvent.Reason.PAUSE, stopped(tracing).reason());
        }
    }

    @Test
    void killEndsARunningProgram() throws Exception {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            int pid = t.pid();
            CompletableFuture<StopEvent> running = t.execution().resume();
            until("the program counting in main's loop", () -> Proc.readLong(pid, counter) != 0);
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
            stopped(t.execution().stepInstruction());
            t.kill();
            t.kill();
            TargetEvent.Exited x = exits.poll(10, TimeUnit.SECONDS);
            assertNotNull(x, "the exit is reported without a resumption");
            assertEquals("SIGKILL", x.exit().signal().name());
            assertEquals(Target.State.EXITED, t.state());
            assertFalse(Files.exists(Path.of("/proc/" + pid)), "reaped");
            t.kill();
            assertNull(exits.poll(300, TimeUnit.MILLISECONDS), "reported once");
            var refused = assertThrows(java.util.concurrent.ExecutionException.class, () -> t.execution().resume().get());
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
            CompletableFuture<StopEvent> running = t.execution().resume();
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
        until("the program killed and reaped", () -> !Files.exists(Path.of("/proc/" + pid)));
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
            // PTRACE_O_EXITKILL takes the tracee down with its debugger.
            until("the tracee dead with its debugger", () -> !isAlive(pid));
        } finally {
            holder.destroyForcibly();
        }
    }

    private static boolean isAlive(long pid) {
        char state = Proc.state(pid);
        return state != 'Z' && state != 'X';
    }

    /** A debugger process for the test above: launches, runs the program, prints its pid, waits. */
    public static final class TraceeHolder {
        public static void main(String[] args) throws Exception {
            Target t = Target.launch(LaunchSpec.of(Path.of(args[0])));
            t.execution().resume();
            System.out.println(t.pid());
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
