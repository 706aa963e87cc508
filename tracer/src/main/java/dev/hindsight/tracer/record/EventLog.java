package dev.hindsight.tracer.record;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The {@code events} file: a header (magic {@code HSEVENTS}, format version) and one record per
 * {@link TraceEvent}, each {@code int length, int crc32, payload}. A record cut short or whose
 * checksum does not match is refused with a {@link TraceFormatException}, never half-read.
 */
public final class EventLog {
    static final byte[] MAGIC = "HSEVENTS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** 2: system calls of mode BUFFERED (a reader of 1 refuses them as from a newer Hindsight). */
    public static final int VERSION = 2;
    private static final int SYSCALL = 1, INSTRUCTION = 2, SIGNAL = 3;

    private EventLog() {}

    /** Appends events; not thread-safe. */
    public static final class Writer implements AutoCloseable {
        private final DataOutputStream out;
        private final ByteArrayOutputStream record = new ByteArrayOutputStream();
        private final CRC32 crc = new CRC32();
        private long count;

        public Writer(Path file) throws IOException {
            OutputStream os = Files.newOutputStream(file);
            out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16));
            out.write(MAGIC);
            out.writeInt(VERSION);
        }

        public void write(TraceEvent event) throws IOException {
            record.reset();
            encode(event, new DataOutputStream(record));
            byte[] payload = record.toByteArray();
            crc.reset();
            crc.update(payload);
            out.writeInt(payload.length);
            out.writeInt((int) crc.getValue());
            out.write(payload);
            count++;
        }

        public long count() {
            return count;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Every event of a trace's {@code events} file, in order. */
    public static List<TraceEvent> readAll(Path file) {
        List<TraceEvent> out = new ArrayList<>();
        try (InputStream is = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream in = new DataInputStream(is);
            byte[] magic = new byte[MAGIC.length];
            try {
                in.readFully(magic);
            } catch (EOFException e) {
                throw new TraceFormatException("the events file is empty or cut short (" + file + ")");
            }
            if (!java.util.Arrays.equals(magic, MAGIC)) throw new TraceFormatException("not a Hindsight events file: " + file);
            int version = in.readInt();
            if (version > VERSION) {
                throw new TraceFormatException("the events were written by a newer Hindsight (format " + version
                        + "; this one reads up to " + VERSION + ")");
            }
            CRC32 crc = new CRC32();
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException e) {
                    return out;
                }
                try {
                    int sum = in.readInt();
                    if (length < 0 || length > (1 << 30)) throw corrupt(out.size());
                    byte[] payload = new byte[length];
                    in.readFully(payload);
                    crc.reset();
                    crc.update(payload);
                    if ((int) crc.getValue() != sum) throw corrupt(out.size());
                    out.add(decode(new DataInputStream(new ByteArrayInputStream(payload)), out.size()));
                } catch (EOFException e) {
                    throw new TraceFormatException("the trace is truncated: event " + out.size() + " is cut short");
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TraceFormatException("the trace has no events file (" + file + ")");
        } catch (IOException e) {
            throw new TraceFormatException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The general registers a system call or signal event holds (user_regs_struct). */
    private static final int REGISTERS = 27;

    private static TraceFormatException malformed(int index, String what) {
        return new TraceFormatException("the trace is corrupt: event " + index + " is " + what);
    }

    /**
     * A BUFFERED record says only what the preload library logged: read or write, its fd, buffer
     * and count, the result, and the bytes read (a kernel write at the buffer, no longer than the
     * result) or written to fd 1 or 2 (exactly the result's length). Anything else is refused here,
     * before a replay would write it into the program's memory.
     */
    private static void checkBuffered(TraceEvent.Syscall s, int index) {
        long nr = s.number(), count = s.arg(2), result = s.result();
        String call = "a buffered " + SyscallTable.name(nr);
        if (!SyscallTable.bufferable(nr)) throw malformed(index, "a buffered " + SyscallTable.name(nr) + ", which is never buffered");
        if (result > count && count >= 0) throw malformed(index, call + " of " + count + " bytes that returned " + result);
        if (s.mappedFile() != null) throw malformed(index, call + " that maps a file");
        long data = result > 0 ? result : 0;
        if (nr == SyscallTable.READ) {
            boolean ok = s.writes().isEmpty() ? data == 0
                    : s.writes().size() == 1 && s.writes().get(0).address() == s.arg(1) && s.writes().get(0).bytes().length == data;
            if (!ok || s.outputFd() != -1) throw malformed(index, call + " whose data is not the " + data + " bytes it read at its buffer");
        } else {
            boolean output = s.arg(0) == 1 || s.arg(0) == 2;
            boolean ok = s.writes().isEmpty() && (output && data > 0 ? s.outputFd() == s.arg(0) && s.output().length == data
                    : s.outputFd() == -1 && s.output().length == 0);
            if (!ok) throw malformed(index, call + " whose output is not the " + data + " bytes it wrote to fd " + s.arg(0));
        }
    }

    private static TraceFormatException corrupt(int index) {
        return new TraceFormatException("the trace is corrupt: event " + index + " fails its checksum");
    }

    private static void encode(TraceEvent event, DataOutputStream d) throws IOException {
        if (event instanceof TraceEvent.Syscall s) {
                d.writeByte(SYSCALL);
                longs(d, s.entryRegisters());
                d.writeLong(s.result());
                d.writeByte(s.mode().ordinal());
                d.writeInt(s.writes().size());
                for (TraceEvent.KernelWrite w : s.writes()) {
                    d.writeLong(w.address());
                    bytes(d, w.bytes());
                }
                d.writeUTF(s.mappedFile() == null ? "" : s.mappedFile());
                d.writeInt(s.outputFd());
                bytes(d, s.output());
        } else if (event instanceof TraceEvent.Instruction i) {
                d.writeByte(INSTRUCTION);
                d.writeByte(i.kind().ordinal());
                d.writeLong(i.pc());
                longs(d, i.results());
        } else if (event instanceof TraceEvent.Signal s) {
                d.writeByte(SIGNAL);
                d.writeInt(s.signal());
                bytes(d, s.siginfo());
                longs(d, s.registers());
                d.writeBoolean(s.afterSyscall());
                d.writeLong(s.stackDigest()); // absent in traces written before it existed: read as 0
        }
    }

    private static TraceEvent decode(DataInputStream d, int index) throws IOException {
        int kind = d.readByte();
        switch (kind) {
            case SYSCALL -> {
                long[] regs = longs(d);
                long result = d.readLong();
                int mode = d.readByte();
                if (mode < 0 || mode >= SyscallTable.Mode.values().length) throw corrupt(index);
                int n = d.readInt();
                List<TraceEvent.KernelWrite> writes = new ArrayList<>(n);
                for (int i = 0; i < n; i++) writes.add(new TraceEvent.KernelWrite(d.readLong(), bytes(d)));
                String file = d.readUTF();
                int fd = d.readInt();
                if (regs.length != REGISTERS) throw malformed(index, "a system call with " + regs.length + " registers");
                TraceEvent.Syscall s = new TraceEvent.Syscall(regs, result, SyscallTable.Mode.values()[mode], writes,
                        file.isEmpty() ? null : file, fd, bytes(d));
                if (s.mode() == SyscallTable.Mode.BUFFERED) checkBuffered(s, index);
                return s;
            }
            case INSTRUCTION -> {
                int k = d.readByte();
                if (k < 0 || k >= TraceEvent.Instruction.Kind.values().length) throw malformed(index, "an instruction of unknown kind " + k);
                return new TraceEvent.Instruction(TraceEvent.Instruction.Kind.values()[k], d.readLong(), longs(d));
            }
            case SIGNAL -> {
                TraceEvent.Signal s = new TraceEvent.Signal(d.readInt(), bytes(d), longs(d), d.readBoolean(), d.available() >= 8 ? d.readLong() : 0);
                if (s.registers().length != REGISTERS) throw malformed(index, "a signal with " + s.registers().length + " registers");
                return s;
            }
            default -> throw corrupt(index);
        }
    }

    private static void longs(DataOutputStream d, long[] v) throws IOException {
        d.writeShort(v.length);
        for (long x : v) d.writeLong(x);
    }

    private static long[] longs(DataInputStream d) throws IOException {
        long[] v = new long[d.readUnsignedShort()];
        for (int i = 0; i < v.length; i++) v[i] = d.readLong();
        return v;
    }

    private static void bytes(DataOutputStream d, byte[] b) throws IOException {
        d.writeInt(b.length);
        d.write(b);
    }

    private static byte[] bytes(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > (1 << 30)) throw new IOException("bad length");
        byte[] b = new byte[n];
        d.readFully(b);
        return b;
    }
}
