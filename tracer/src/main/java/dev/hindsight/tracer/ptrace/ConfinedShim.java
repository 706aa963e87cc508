package dev.hindsight.tracer.ptrace;

import dev.hindsight.tracer.LaunchException;
import dev.hindsight.tracer.sys.NativeBuffer;
import dev.hindsight.tracer.sys.Signals;
import dev.hindsight.tracer.sys.Wait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the launch shim inside a sandbox: our child is the sandbox's outer process, its child the
 * namespace's init, and the init's child the shim, which stops itself. Not our child, so its stop
 * is read from {@code /proc/PID/stat} instead of {@code waitpid(WUNTRACED)}.
 */
final class ConfinedShim {
    private static final long DEADLINE_NANOS = 20_000_000_000L;

    private ConfinedShim() {}

    /** The shim's pid (outside the namespace), once it has stopped itself. */
    static int awaitStopped(int outer) {
        NativeBuffer status = NativeBuffer.allocate(8);
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (true) {
            if (Wait.waitpid(outer, status, Wait.WNOHANG | Wait.WALL) == outer) {
                int s = status.getInt(0);
                throw new LaunchException("the sandbox could not start the program ("
                        + (Wait.exited(s) ? "exit code " + Wait.exitCode(s) : "signal " + Wait.termSignal(s))
                        + "; its message, if any, is in the program's error output)");
            }
            int init = onlyChild(outer);
            int shim = init > 0 ? onlyChild(init) : -1;
            if (shim > 0 && stopped(shim)) return shim;
            if (System.nanoTime() > deadline) {
                Signals.kill(outer, Signals.SIGKILL, true);
                Wait.waitpid(outer, status, Wait.WALL);
                throw new LaunchException("the sandbox did not start the program within 20 s");
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("interrupted while starting the sandbox");
            }
        }
    }

    private static int onlyChild(int pid) {
        try {
            String children = Files.readString(Path.of("/proc/" + pid + "/task/" + pid + "/children")).trim();
            if (children.isEmpty() || children.contains(" ")) return -1;
            return Integer.parseInt(children);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static boolean stopped(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
