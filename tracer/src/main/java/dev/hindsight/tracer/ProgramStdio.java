package dev.hindsight.tracer;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Our ends of the program's stdio pipes as Java streams (null where not piped).
 * Opening /proc/self/fd/N gives the JDK its own descriptor for the same pipe without reflection.
 */
public record ProgramStdio(OutputStream stdin, InputStream stdout, InputStream stderr) implements AutoCloseable {

    /** Streams over our ends of a program's pipes, as a launch's {@code stdioReady} hands them (-1: not piped); the descriptors become the streams'. */
    public static ProgramStdio adopt(int[] fds) {
        return fromFds(fds, dev.hindsight.tracer.sys.Files::closeQuietly);
    }

    static ProgramStdio fromFds(int[] fds, java.util.function.IntConsumer closeFd) {
        try {
            OutputStream in = fds[0] >= 0 ? new FileOutputStream("/proc/self/fd/" + fds[0]) : null;
            InputStream out = fds[1] >= 0 ? pipe(fds[1]) : null;
            InputStream err = fds[2] >= 0 ? pipe(fds[2]) : null;
            for (int fd : fds) if (fd >= 0) closeFd.accept(fd);
            return new ProgramStdio(in, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JDK 17's FileInputStream.readAllBytes seeks, which fails on a pipe; plain reads do not. */
    private static InputStream pipe(int fd) throws IOException {
        return new java.io.FilterInputStream(new FileInputStream("/proc/self/fd/" + fd)) {};
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {stdin, stdout, stderr}) {
            if (c == null) continue;
            try {
                c.close();
            } catch (Exception ignored) {
                // Closing a pipe end cannot lose data we still want.
            }
        }
    }
}
