package dev.hindsight.tracer.replay;

import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The program's recorded output as a stream the front end reads, as it reads a live program's
 * stdout pipe; unbounded, so the replay never blocks on a reader. Ends (EOF) when closed.
 */
public final class OutputRelay extends InputStream {
    private static final byte[] END = new byte[0];
    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int pos;
    private volatile boolean ended;

    public void deliver(byte[] bytes) {
        if (!ended && bytes.length > 0) queue.add(bytes.clone());
    }

    public void end() {
        if (!ended) {
            ended = true;
            queue.add(END);
        }
    }

    @Override
    public int read() throws java.io.IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
        if (len == 0) return 0;
        while (pos >= current.length) {
            if (current == END) return -1;
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
            pos = 0;
            if (current == END) {
                queue.add(END);
                return -1;
            }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return current.length - pos;
    }

    @Override
    public void close() {
        end();
    }
}
