package dev.hindsight.mi.session;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import dev.hindsight.mi.protocol.MiException;

/**
 * The program's terminal ({@code --tty=DEV}, {@code -inferior-tty-set}, {@code tty}): the engine
 * starts the program with that device as its stdin, stdout and stderr and, as gdb does, as its
 * controlling terminal where it can be one (a terminal no session holds yet: a front end's own
 * pseudo-terminal); see {@link dev.hindsight.tracer.LaunchSpec.Terminal}. Here: the device is
 * opened first, as gdb's start-up shell would, so that one that cannot be opened fails the start
 * with gdb's words; and it is held open until the program holds it. A pseudo-terminal's master
 * hangs up when the last descriptor of its terminal side closes, and Emacs (gdb-mi's inferior I/O
 * buffer holds only the master) then deletes that pty and makes a new one, so the device would be
 * gone when the launch opens it. gdb opens it once, in the child that becomes the program.
 */
public final class InferiorTty {
    private static final int O_RDWR = 2, O_NOCTTY = 0x100, O_CLOEXEC = 0x80000;

    static {
        Native.register(InferiorTty.class, "c");
    }

    private InferiorTty() {}

    private static native int open(String path, int flags) throws LastErrorException;

    private static native int close(int fd) throws LastErrorException;

    /**
     * Opens {@code path} and holds it open until {@link Hold#close()} (once the launched program
     * holds its own descriptor); fails, as gdb's shell would, when it cannot be opened, and
     * {@code log} hears why.
     */
    public static Hold hold(String path, java.util.function.Consumer<String> log) {
        try {
            return new Hold(open(path, O_RDWR | O_NOCTTY | O_CLOEXEC));
        } catch (LastErrorException e) {
            // gdb's shell fails to open it: the reason on the log stream, the start fails
            String why = switch (e.getErrorCode()) {
                case 2 -> "No such file or directory";
                case 13 -> "Permission denied";
                default -> "errno " + e.getErrorCode();
            };
            log.accept(path + ": " + why + ".\n");
            throw new MiException("During startup program exited with code 1.");
        }
    }

    /** The device held open; closing it lets go (the program, once started, holds its own). */
    public static final class Hold implements AutoCloseable {
        private int fd;

        private Hold(int fd) {
            this.fd = fd;
        }

        @Override
        public void close() {
            if (fd < 0) return;
            try {
                InferiorTty.close(fd);
            } catch (LastErrorException e) {
                // closing a descriptor we opened cannot fail in a way that matters here
            }
            fd = -1;
        }
    }
}
