package dev.hindsight.mi.session;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import dev.hindsight.mi.protocol.MiException;
import java.util.function.Supplier;

/**
 * The program's terminal ({@code --tty=DEV}, {@code -inferior-tty-set}, {@code tty}): the engine
 * starts a program with its standard streams either piped or the debugger's own (fds 0-2), so
 * around a launch on a terminal fds 0-2 are the terminal, opened as gdb opens it, and the program
 * inherits them: it is on its own terminal, isatty() and all. Nothing else uses fds 0 and 1 then:
 * the MI loop reads the next line only once a command is done, and output is written on the
 * session's thread, which is the one launching. (gdb also makes the terminal the program's
 * controlling terminal; the engine starts programs in the debugger's session, so Ctrl-C typed
 * there does not reach the program.)
 */
public final class InferiorTty {
    private static final int O_RDWR = 2, O_NOCTTY = 0x100, O_CLOEXEC = 0x80000, F_DUPFD_CLOEXEC = 1030;

    static {
        Native.register(InferiorTty.class, "c");
    }

    private InferiorTty() {}

    private static native int open(String path, int flags) throws LastErrorException;

    private static native int close(int fd) throws LastErrorException;

    private static native int dup2(int from, int to) throws LastErrorException;

    private static native int fcntl(int fd, int cmd, int arg) throws LastErrorException;

    /** Runs {@code launch} with fds 0-2 on {@code path}, then puts them back; {@code log} hears why it cannot be opened. */
    public static synchronized <T> T onTerminal(String path, java.util.function.Consumer<String> log, Supplier<T> launch) {
        int tty;
        try {
            tty = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
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
        int[] saved = new int[3];
        try {
            for (int fd = 0; fd < 3; fd++) saved[fd] = fcntl(fd, F_DUPFD_CLOEXEC, 3);
            for (int fd = 0; fd < 3; fd++) dup2(tty, fd);
            try {
                return launch.get();
            } finally {
                for (int fd = 0; fd < 3; fd++) dup2(saved[fd], fd);
                for (int fd = 0; fd < 3; fd++) close(saved[fd]);
            }
        } finally {
            close(tty);
        }
    }
}
