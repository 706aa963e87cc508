package dev.hindsight.tracer;

import dev.hindsight.tracer.sys.Files;
import dev.hindsight.tracer.sys.NativeException;
import dev.hindsight.tracer.sys.Terminals;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Our master of the program's pseudo-terminal: what the program writes to stdout and stderr is
 * read from {@link #output()} (the terminal's line discipline applied: {@code \n} arrives as
 * {@code \r\n}, typed input echoed), what is written to {@link #input()} is typed at its keyboard
 * (line editing, {@code ^C}, and {@link #EOF} at the start of a line ending input). The master
 * stays open until {@link #close()} and the last read or write in progress have both ended, so a
 * reader blocked in read(2) never finds its descriptor number reused.
 */
public final class ProgramTerminal implements AutoCloseable {
    /** The end-of-file character of a new terminal (VEOF, ^D). */
    public static final byte EOF = 4;
    private final int master;
    private int inUse;
    private boolean closed;
    private final InputStream output = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (!enter()) return -1;
            try {
                int n = Terminals.read(master, b, off, len);
                return n <= 0 ? -1 : n;
            } catch (NativeException e) {
                throw new IOException(e.getMessage(), e);
            } finally {
                leave();
            }
        }
    };
    private final OutputStream input = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!enter()) throw new IOException("the program's terminal is closed");
            try {
                Terminals.write(master, b, off, len);
            } catch (NativeException e) {
                throw new IOException(e.getMessage(), e);
            } finally {
                leave();
            }
        }
    };

    ProgramTerminal(int master) {
        this.master = master;
    }

    /** The terminal over our master descriptor {@code master}, which it then owns (a launch's {@code terminalFd}). */
    public static ProgramTerminal adopt(int master) {
        return new ProgramTerminal(master);
    }

    /** What the program writes to the terminal. */
    public InputStream output() {
        return output;
    }

    /** The terminal's keyboard; closing it does nothing (send {@link #EOF} to end a line of input). */
    public OutputStream input() {
        return input;
    }

    /** Sets the window size the program reads with TIOCGWINSZ (its foreground group gets SIGWINCH). */
    public void resize(int rows, int columns) {
        if (!enter()) return;
        try {
            Terminals.setWindowSize(master, rows, columns);
        } finally {
            leave();
        }
    }

    /** [rows, columns]. */
    public int[] windowSize() {
        if (!enter()) throw new IllegalStateException("the program's terminal is closed");
        try {
            return Terminals.windowSize(master);
        } finally {
            leave();
        }
    }

    private synchronized boolean enter() {
        if (closed) return false;
        inUse++;
        return true;
    }

    private synchronized void leave() {
        if (--inUse == 0 && closed) Files.closeQuietly(master);
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (inUse == 0) Files.closeQuietly(master);
    }
}
