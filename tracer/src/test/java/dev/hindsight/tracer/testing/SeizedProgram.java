package dev.hindsight.tracer.testing;

import dev.hindsight.tracer.sys.NativeBuffer;
import dev.hindsight.tracer.sys.NativeException;
import dev.hindsight.tracer.sys.Ptrace;
import dev.hindsight.tracer.sys.Signals;
import dev.hindsight.tracer.sys.Spawn;
import dev.hindsight.tracer.sys.Wait;
import java.nio.file.Path;

/**
 * A program under raw ptrace, without the engine: spawned behind a shell that stops itself,
 * seized, and run to its exec, for tests of the kernel interface itself (register sets, BRK on
 * AArch64). Every call must come from the thread that created it.
 */
public final class SeizedProgram implements AutoCloseable {
    public final int pid;
    private final NativeBuffer status = NativeBuffer.allocate(8);

    private SeizedProgram(int pid) {
        this.pid = pid;
    }

    /** Started and stopped at its exec (the program's first instruction, or the dynamic loader's). */
    public static SeizedProgram atExec(Path exe) {
        int pid = Spawn.spawn("/bin/sh", new String[] {"sh", "-c", "kill -STOP $$; exec \"$0\"", exe.toString()},
                new String[0], new int[] {0, 1, 2}, null, false);
        SeizedProgram p = new SeizedProgram(pid);
        Wait.waitpid(pid, p.status, Wait.WUNTRACED);
        if (!Wait.stopped(p.status.getInt(0))) throw new IllegalStateException("the shell did not stop itself");
        Ptrace.call(Ptrace.SEIZE, pid, 0, Ptrace.O_TRACEEXEC | Ptrace.O_EXITKILL);
        Signals.kill(pid, Signals.SIGCONT, false);
        while (true) {
            int s = p.waitStatus();
            if (!Wait.stopped(s)) throw new IllegalStateException("the shell ended before its exec: status " + s);
            if (Wait.event(s) == Ptrace.EVENT_EXEC) return p;
            int sig = Wait.event(s) != 0 || Wait.stopSignal(s) == Signals.SIGSTOP ? 0 : Wait.stopSignal(s);
            Ptrace.call(Ptrace.CONT, pid, 0, sig);
        }
    }

    /** The next wait status of the program. */
    public int waitStatus() {
        Wait.waitpid(pid, status, Wait.WALL);
        return status.getInt(0);
    }

    @Override
    public void close() {
        Signals.kill(pid, Signals.SIGKILL, true);
        try {
            while (Wait.stopped(waitStatus())) {
                // the stops before the kill lands; then the exit is reaped
            }
        } catch (NativeException alreadyReaped) {
            // it had exited and been waited for
        }
    }
}
