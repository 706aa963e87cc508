package dev.hindsight.dap.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The byte streams of one relay's connection: what the relay read from its stdin, and the frames
 * it writes out (a channel byte, a 4-byte big-endian length, the data): {@link #STDOUT},
 * {@link #STDERR}, and {@link #EXIT} with the exit status, after which the relay ends. Reads and
 * writes go to the channel directly: the JDK's {@code Channels} streams share one lock, and a
 * read waiting for the client would hold every write back.
 */
final class RelayChannel {
    static final int STDOUT = 1, STDERR = 2, EXIT = 3;
    /** The relay's buffer holds one frame of at most this much data. */
    static final int MAX_FRAME = 65536;

    private final SocketChannel channel;

    RelayChannel(SocketChannel channel) {
        this.channel = channel;
    }

    InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) return 0;
                return channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    /** The stream of one channel ({@link #STDOUT} or {@link #STDERR}). */
    OutputStream output(int kind) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int at = off; at < off + len; at += MAX_FRAME) frame(kind, b, at, Math.min(MAX_FRAME, off + len - at));
            }
        };
    }

    void exit(int status) throws IOException {
        frame(EXIT, ByteBuffer.allocate(4).putInt(status).array(), 0, 4);
    }

    private synchronized void frame(int kind, byte[] data, int off, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(5 + len).put((byte) kind).putInt(len).put(data, off, len).flip();
        while (b.hasRemaining()) channel.write(b);
    }
}
