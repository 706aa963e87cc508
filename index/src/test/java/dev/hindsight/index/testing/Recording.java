package dev.hindsight.index.testing;

import dev.hindsight.index.Region;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A captured instruction stream on disk (tests and the storage benchmark only): what a live
 * single-stepped run did, step by step, plus memory probes read live at some times, so the same
 * stream can be fed to any storage candidate or cut into any number of shards.
 */
public final class Recording {
    /** What a stream holds, in order. */
    public interface Visitor {
        void start(int tid, long[] regs, byte[] fxsave, List<Region> memory);

        void instruction(int tid, long[] regs, int kind, long[] addresses, byte[][] values, byte[] fxsave);

        default void syscall(long number, long[] args, long result, long[] addresses, byte[][] values) {}

        default void output(long time, int fd, byte[] bytes) {}

        default void mapped(Region region) {}

        /** Live memory before instruction {@code time}. */
        default void probe(long time, long address, byte[] bytes) {}
    }

    private Recording() {}

    /** Writes a stream; each method appends one record. */
    public static final class Writer implements Visitor, AutoCloseable {
        private final DataOutputStream out;

        public Writer(Path file) throws IOException {
            out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        }

        private void io(IoAction a) {
            try {
                a.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void start(int tid, long[] regs, byte[] fxsave, List<Region> memory) {
            io(() -> {
                out.writeByte('S');
                out.writeInt(tid);
                longs(regs);
                bytes(fxsave);
                out.writeInt(memory.size());
                for (Region r : memory) region(r);
            });
        }

        @Override
        public void instruction(int tid, long[] regs, int kind, long[] addresses, byte[][] values, byte[] fxsave) {
            io(() -> {
                out.writeByte('I');
                out.writeInt(tid);
                longs(regs);
                out.writeByte(kind);
                writes(addresses, values);
                bytes(fxsave);
            });
        }

        @Override
        public void syscall(long number, long[] args, long result, long[] addresses, byte[][] values) {
            io(() -> {
                out.writeByte('C');
                out.writeLong(number);
                longs(args);
                out.writeLong(result);
                writes(addresses, values);
            });
        }

        @Override
        public void output(long time, int fd, byte[] bytes) {
            io(() -> {
                out.writeByte('O');
                out.writeLong(time);
                out.writeInt(fd);
                bytes(bytes);
            });
        }

        @Override
        public void mapped(Region region) {
            io(() -> {
                out.writeByte('M');
                region(region);
            });
        }

        @Override
        public void probe(long time, long address, byte[] bytes) {
            io(() -> {
                out.writeByte('P');
                out.writeLong(time);
                out.writeLong(address);
                bytes(bytes);
            });
        }

        private void region(Region r) throws IOException {
            out.writeLong(r.start());
            out.writeUTF(r.perms());
            out.writeUTF(r.name());
            bytes(r.bytes());
        }

        private void writes(long[] addresses, byte[][] values) throws IOException {
            out.writeInt(addresses == null ? 0 : addresses.length);
            if (addresses == null) return;
            for (int i = 0; i < addresses.length; i++) {
                out.writeLong(addresses[i]);
                bytes(values[i]);
            }
        }

        private void longs(long[] v) throws IOException {
            out.writeInt(v.length);
            for (long x : v) out.writeLong(x);
        }

        private void bytes(byte[] b) throws IOException {
            out.writeInt(b == null ? -1 : b.length);
            if (b != null) out.write(b);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    /** Replays a stream into a visitor. */
    public static void read(Path file, Visitor v) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                int type;
                try {
                    type = in.readByte();
                } catch (EOFException end) {
                    return;
                }
                switch (type) {
                    case 'S' -> {
                        int tid = in.readInt();
                        long[] regs = longs(in);
                        byte[] fx = bytes(in);
                        int n = in.readInt();
                        List<Region> memory = new ArrayList<>();
                        for (int i = 0; i < n; i++) memory.add(region(in));
                        v.start(tid, regs, fx, memory);
                    }
                    case 'I' -> {
                        int tid = in.readInt();
                        long[] regs = longs(in);
                        int kind = in.readByte();
                        int n = in.readInt();
                        long[] a = new long[n];
                        byte[][] b = new byte[n][];
                        for (int i = 0; i < n; i++) {
                            a[i] = in.readLong();
                            b[i] = bytes(in);
                        }
                        v.instruction(tid, regs, kind, a, b, bytes(in));
                    }
                    case 'C' -> {
                        long number = in.readLong();
                        long[] args = longs(in);
                        long result = in.readLong();
                        int n = in.readInt();
                        long[] a = new long[n];
                        byte[][] b = new byte[n][];
                        for (int i = 0; i < n; i++) {
                            a[i] = in.readLong();
                            b[i] = bytes(in);
                        }
                        v.syscall(number, args, result, a, b);
                    }
                    case 'O' -> v.output(in.readLong(), in.readInt(), bytes(in));
                    case 'M' -> v.mapped(region(in));
                    case 'P' -> v.probe(in.readLong(), in.readLong(), bytes(in));
                    default -> throw new IOException("not a recording: record type " + type);
                }
            }
        }
    }

    private static Region region(DataInputStream in) throws IOException {
        long start = in.readLong();
        String perms = in.readUTF(), name = in.readUTF();
        return new Region(start, bytes(in), perms, name);
    }

    private static long[] longs(DataInputStream in) throws IOException {
        long[] v = new long[in.readInt()];
        for (int i = 0; i < v.length; i++) v[i] = in.readLong();
        return v;
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) return null;
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
