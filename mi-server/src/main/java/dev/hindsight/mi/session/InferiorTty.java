package dev.hindsight.mi.session;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import dev.hindsight.mi.protocol.MiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * The program's terminal ({@code --tty=DEV}, {@code -inferior-tty-set}, {@code tty}): the engine
 * starts a program with its standard streams either piped or the debugger's own (fds 0-2). So the
 * MI channel leaves fds 0 and 1 at start ({@link #moveChannel}), and around a launch on a terminal
 * fds 0-2 are the terminal, opened as gdb opens it; the program inherits them and is back on its
 * own terminal, isatty() and all. (gdb also makes it the program's controlling terminal; the engine
 * starts programs in the debugger's session, so Ctrl-C typed there does not reach it.)
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

    private static native long read(int fd, byte[] buf, long count) throws LastErrorException;

    private static native long write(int fd, byte[] buf, long count) throws LastErrorException;

    /** The MI channel's input and output on descriptors of their own, away from 0 and 1. */
    public record Channel(InputStream in, OutputStream out) {}

    /** Moves stdin and stdout to new descriptors (close-on-exec) and answers streams over them. */
    public static Channel moveChannel() {
        int in = fcntl(0, F_DUPFD_CLOEXEC, 3);
        int out = fcntl(1, F_DUPFD_CLOEXEC, 3);
        return new Channel(new FdIn(in), new FdOut(out));
    }

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

    private static final class FdIn extends InputStream {
        private final int fd;

        FdIn(int fd) {
            this.fd = fd;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            byte[] buf = off == 0 ? b : new byte[len];
            while (true) {
                try {
                    long n = InferiorTty.read(fd, buf, len);
                    if (n <= 0) return -1;
                    if (buf != b) System.arraycopy(buf, 0, b, off, (int) n);
                    return (int) n;
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != 4) throw new IOException("read: errno " + e.getErrorCode()); // EINTR: again
                }
            }
        }
    }

    private static final class FdOut extends OutputStream {
        private final int fd;

        FdOut(int fd) {
            this.fd = fd;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            byte[] buf = off == 0 ? b : java.util.Arrays.copyOfRange(b, off, off + len);
            int done = 0;
            while (done < len) {
                byte[] rest = done == 0 ? buf : java.util.Arrays.copyOfRange(buf, done, len);
                try {
                    done += (int) InferiorTty.write(fd, rest, len - done);
                } catch (LastErrorException e) {
                    if (e.getErrorCode() != 4) throw new IOException("write: errno " + e.getErrorCode());
                }
            }
        }
    }
}
