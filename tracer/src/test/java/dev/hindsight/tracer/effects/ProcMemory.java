package dev.hindsight.tracer.effects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A stopped tracee's memory through {@code /proc/PID/mem}, read-only: the tests' {@link MemoryAccess}. */
final class ProcMemory implements MemoryAccess, AutoCloseable {
    private final FileChannel channel;

    ProcMemory(int pid) throws IOException {
        channel = FileChannel.open(Path.of("/proc/" + pid + "/mem"), StandardOpenOption.READ);
    }

    @Override
    public int read(long address, byte[] buffer, int offset, int length) {
        ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
        try {
            while (target.hasRemaining()) {
                int n = channel.read(target, address + target.position() - offset);
                if (n <= 0) break;
            }
        } catch (IOException e) {
            // EIO: not mapped. What was read so far counts.
        }
        return target.position() - offset;
    }

    byte[] readFully(long address, int length) {
        byte[] b = new byte[length];
        int n = read(address, b, 0, length);
        if (n != length) throw new UncheckedIOException(new IOException(String.format("only %d of %d bytes at 0x%x", n, length, address)));
        return b;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
