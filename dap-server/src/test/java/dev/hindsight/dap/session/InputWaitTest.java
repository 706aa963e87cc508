package dev.hindsight.dap.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@link InputWait} reads from the kernel, on real processes: {@code cat} with a pipe for stdin
 * blocks in read(0, …); {@code sleep} blocks in a sleep, reading nothing.
 */
class InputWaitTest {
    @Test
    void aProcessBlockedReadingItsStdinIsSeen() throws Exception {
        Process cat = new ProcessBuilder("cat").start();
        try {
            assertTrue(within(() -> InputWait.readingStdin((int) cat.pid())), "cat is blocked in read(0, …)");
        } finally {
            cat.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSleepingProcessIsNotReading() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            // Once it sleeps (its syscall line is no longer "running"), it stays not reading.
            assertTrue(within(() -> sleeping(sleep.pid())), "sleep reached its sleep");
            assertFalse(InputWait.readingStdin((int) sleep.pid()));
        } finally {
            sleep.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProcessThatIsGoneIsNotReading() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        assertFalse(InputWait.readingStdin((int) gone.pid()));
    }

    @Test
    void readsTheKernelsSyscallLine() {
        assertTrue(InputWait.readsStdin("0 0x0 0x7ffd5e1c2a10 0x400 0x0 0x0 0x0 0x7ffd5e1c29f8 0x7f3a1b2c3d4e\n"));
        assertFalse(InputWait.readsStdin("0 0x3 0x7ffd5e1c2a10 0x400 0x0 0x0 0x0 0x7ffd5e1c29f8 0x7f3a1b2c3d4e\n"), "fd 3");
        assertFalse(InputWait.readsStdin("1 0x0 0x5612 0x1 0x0 0x0 0x0 0x7ffd 0x7f3a\n"), "write");
        assertFalse(InputWait.readsStdin("running\n"));
        assertFalse(InputWait.readsStdin("-1 0x7ffd5e1c29f8 0x7f3a1b2c3d4e\n"), "not in a system call");
    }

    private static boolean sleeping(long pid) {
        try {
            String line = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/syscall"));
            return !line.startsWith("running");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean within(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(20);
        }
        return false;
    }
}
