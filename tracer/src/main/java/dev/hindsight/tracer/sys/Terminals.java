package dev.hindsight.tracer.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/**
 * Pseudo-terminals: posix_openpt(3)/grantpt/unlockpt/ptsname_r for a new pair, the window size
 * ioctls, and read/write on a master descriptor. (A master cannot be reopened through
 * {@code /proc/self/fd/N} as a pipe can: that opens {@code /dev/ptmx} again, a new pair.)
 */
public final class Terminals {
    /** ioctl requests (asm-generic/ioctls.h). */
    public static final long TIOCSCTTY = 0x540E, TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414;
    private static final int O_NOCTTY = 0x100;

    static {
        Native.register(Terminals.class, "c");
    }

    private Terminals() {}

    /** A new pair: the master's descriptor (close-on-exec) and the slave's path. */
    public record Pair(int master, String slavePath) {}

    private static native int posix_openpt(int flags) throws LastErrorException;

    private static native int grantpt(int fd) throws LastErrorException;

    private static native int unlockpt(int fd) throws LastErrorException;

    private static native int ptsname_r(int fd, long buf, long size);

    private static native int ioctl(int fd, long request, long arg) throws LastErrorException;

    private static native long read(int fd, long buf, long count) throws LastErrorException;

    private static native long write(int fd, long buf, long count) throws LastErrorException;

    private static native int isatty(int fd);

    public static Pair open() {
        int master;
        try {
            master = posix_openpt(Files.O_RDWR | O_NOCTTY | Files.O_CLOEXEC);
        } catch (LastErrorException e) {
            throw NativeException.of("posix_openpt", e);
        }
        try {
            grantpt(master);
            unlockpt(master);
            NativeBuffer name = NativeBuffer.allocate(128);
            int rc = ptsname_r(master, name.address(), name.size());
            if (rc != 0) throw new NativeException("ptsname_r", rc);
            byte[] b = new byte[128];
            name.read(0, b, 0, b.length);
            int len = 0;
            while (len < b.length && b[len] != 0) len++;
            return new Pair(master, new String(b, 0, len, java.nio.charset.StandardCharsets.US_ASCII));
        } catch (LastErrorException e) {
            Files.closeQuietly(master);
            throw NativeException.of("grantpt/unlockpt", e);
        } catch (RuntimeException e) {
            Files.closeQuietly(master);
            throw e;
        }
    }

    /** Opens a terminal device for a program's stdio without making it our controlling terminal. */
    public static int openDevice(String path) {
        return Files.open(path, Files.O_RDWR | O_NOCTTY, false);
    }

    public static boolean isTerminal(int fd) {
        return isatty(fd) == 1;
    }

    /** Sets the window size (rows and columns; the kernel sends SIGWINCH to the foreground group). */
    public static void setWindowSize(int fd, int rows, int columns) {
        NativeBuffer ws = NativeBuffer.allocate(8);
        ws.setInt(0, (rows & 0xffff) | (columns & 0xffff) << 16);
        try {
            ioctl(fd, TIOCSWINSZ, ws.address());
        } catch (LastErrorException e) {
            throw NativeException.of("ioctl(TIOCSWINSZ)", e);
        }
    }

    /** [rows, columns] of the terminal. */
    public static int[] windowSize(int fd) {
        NativeBuffer ws = NativeBuffer.allocate(8);
        try {
            ioctl(fd, TIOCGWINSZ, ws.address());
        } catch (LastErrorException e) {
            throw NativeException.of("ioctl(TIOCGWINSZ)", e);
        }
        int v = ws.getInt(0);
        return new int[] {v & 0xffff, v >>> 16};
    }

    /** Reads up to {@code length} bytes; 0 at end (EIO: every slave descriptor is closed). */
    public static int read(int fd, byte[] dst, int offset, int length) {
        NativeBuffer buf = NativeBuffer.allocate(Math.max(1, length));
        while (true) {
            try {
                long n = read(fd, buf.address(), length);
                if (n > 0) buf.read(0, dst, offset, (int) n);
                return (int) n;
            } catch (LastErrorException e) {
                if (e.getErrorCode() == NativeException.EINTR) continue;
                if (e.getErrorCode() == NativeException.EIO) return 0;
                throw NativeException.of("read(terminal)", e);
            }
        }
    }

    /** Writes all of {@code src[offset, offset+length)}. */
    public static void write(int fd, byte[] src, int offset, int length) {
        NativeBuffer buf = NativeBuffer.allocate(Math.max(1, length));
        buf.write(0, src, offset, length);
        long done = 0;
        while (done < length) {
            try {
                done += write(fd, buf.address() + done, length - done); // a partial write: the rest next
            } catch (LastErrorException e) {
                if (e.getErrorCode() == NativeException.EINTR) continue;
                throw NativeException.of("write(terminal)", e);
            }
        }
    }
}
