package dev.hindsight.mi.testing;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;

/**
 * A pseudo-terminal made by the test (libc's posix_openpt), independent of the server: the
 * terminal a front end (Emacs, Vim) gives the program, and what the program wrote to it, read on
 * the master side. A descriptor of the terminal side stays open so the master never hangs up.
 */
public final class Pty implements AutoCloseable {
    private static final int O_RDWR = 2, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, EAGAIN = 11;

    static {
        Native.register(Pty.class, "c");
    }

    private static native int posix_openpt(int flags) throws LastErrorException;

    private static native int grantpt(int fd) throws LastErrorException;

    private static native int unlockpt(int fd) throws LastErrorException;

    private static native String ptsname(int fd);

    private static native int open(String path, int flags) throws LastErrorException;

    private static native long read(int fd, byte[] buf, long count) throws LastErrorException;

    private static native int close(int fd) throws LastErrorException;

    private final int master, slave;
    private final String path;
    private final StringBuilder seen = new StringBuilder();

    public Pty() {
        master = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
        grantpt(master);
        unlockpt(master);
        path = ptsname(master);
        slave = open(path, O_RDWR | O_NOCTTY);
    }

    /** The terminal's device, {@code /dev/pts/N}. */
    public String path() {
        return path;
    }

    /** Everything written to the terminal so far. */
    public String output() {
        byte[] b = new byte[4096];
        while (true) {
            try {
                long n = read(master, b, b.length);
                if (n <= 0) break;
                seen.append(new String(b, 0, (int) n, StandardCharsets.UTF_8));
            } catch (LastErrorException e) {
                if (e.getErrorCode() == EAGAIN) break;
                throw e;
            }
        }
        return seen.toString();
    }

    @Override
    public void close() {
        close(slave);
        close(master);
    }
}
