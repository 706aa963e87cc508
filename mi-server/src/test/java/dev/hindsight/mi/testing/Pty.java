package dev.hindsight.mi.testing;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;

/**
 * A pseudo-terminal made by the test (libc's posix_openpt), independent of the server: the
 * terminal a front end (Emacs, Vim) gives the program, and what the program wrote to it, read on
 * the master side. A descriptor of the terminal side stays open so the master never hangs up;
 * but not in {@link #likeEmacs()}.
 */
public final class Pty implements AutoCloseable {
    private static final int O_RDWR = 2, O_NOCTTY = 0x100, O_NONBLOCK = 0x800, EAGAIN = 11, EIO = 5;

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
    private final Thread watcher;
    private volatile String outputAtHangUp;

    public Pty() {
        this(false);
    }

    private Pty(boolean likeEmacs) {
        master = posix_openpt(O_RDWR | O_NOCTTY | (likeEmacs ? 0 : O_NONBLOCK));
        grantpt(master);
        unlockpt(master);
        path = ptsname(master);
        slave = likeEmacs ? -1 : open(path, O_RDWR | O_NOCTTY);
        watcher = likeEmacs ? new Thread(this::readUntilHangUp, "pty-like-emacs") : null;
        if (watcher != null) {
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    /**
     * A pty as Emacs's gdb-mi makes one for the program (its inferior I/O buffer, a process with
     * no command): only the master is held, and when the terminal side's last descriptor closes
     * (the master reads EIO) Emacs deletes that process, closing the master, so the device
     * {@code /dev/pts/N} is gone (gdb-mi then makes a new pty and sends it).
     */
    public static Pty likeEmacs() {
        return new Pty(true);
    }

    private void readUntilHangUp() {
        byte[] b = new byte[4096];
        try {
            while (true) {
                long n = read(master, b, b.length);
                if (n <= 0) break;
                synchronized (seen) {
                    seen.append(new String(b, 0, (int) n, StandardCharsets.UTF_8));
                }
            }
        } catch (LastErrorException e) {
            if (e.getErrorCode() != EIO) throw e;
        }
        synchronized (seen) {
            outputAtHangUp = seen.toString();
        }
        close(master);
    }

    /** {@link #likeEmacs()}: what had been written when the terminal first hung up; null while it has not. */
    public String outputAtHangUp() {
        return outputAtHangUp;
    }

    /** The terminal's device, {@code /dev/pts/N}. */
    public String path() {
        return path;
    }

    /** Everything written to the terminal so far. */
    public String output() {
        if (watcher != null) {
            synchronized (seen) {
                return seen.toString();
            }
        }
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
        if (watcher == null) {
            close(slave);
            close(master);
            return;
        }
        // a last close of the terminal side hangs the master up: the watcher closes it and ends
        if (outputAtHangUp == null) {
            try {
                close(open(path, O_RDWR | O_NOCTTY));
            } catch (LastErrorException e) {
                // gone already: the watcher is ending
            }
        }
        try {
            watcher.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
