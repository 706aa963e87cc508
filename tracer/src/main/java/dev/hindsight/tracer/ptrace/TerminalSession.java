package dev.hindsight.tracer.ptrace;

import dev.hindsight.tracer.LaunchException;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.sys.Terminals;

/**
 * Makes the program's terminal its controlling terminal, as a shell's terminal is for the
 * programs it starts (so {@code /dev/tty} opens, ^C reaches it, and it is the terminal's
 * foreground process group). At its first instruction the tracer has the program call, itself
 * (injected system calls: what a launch shell cannot do for it), {@code setsid()} where it does
 * not lead a session yet (in a sandbox, bubblewrap's {@code --new-session} made its init the
 * leader; unconfined, posix_spawn's setsid already did it) and {@code ioctl(0, TIOCSCTTY, 0)}.
 */
final class TerminalSession {
    private static final long SYS_IOCTL = 16, SYS_SETSID = 112;

    private TerminalSession() {}

    static void takeControllingTerminal(Inferior inferior, int tid, LaunchSpec.Terminal terminal) {
        SyscallInjector in = inferior.injector;
        // EPERM, harmlessly, where it already leads its process group (and so its session).
        in.injectInPlace(tid, SYS_SETSID);
        long r = in.injectInPlace(tid, SYS_IOCTL, 0, Terminals.TIOCSCTTY, 0);
        // An existing device may be another session's controlling terminal already (the terminal
        // window of a shell), or a file: the program still reads and writes it, as under gdb's 'tty'.
        if (r != 0 && terminal.device() == null) {
            throw new LaunchException("the program's pseudo-terminal could not become its controlling terminal (errno " + -r + ")");
        }
    }
}
