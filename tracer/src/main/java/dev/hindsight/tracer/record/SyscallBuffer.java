package dev.hindsight.tracer.record;

import dev.hindsight.tracer.ptrace.Tracee;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The recorder's side of the system-call buffer (the preload library {@code syscallbuf.c} in the
 * resources next to this class; see the package documentation): finds the buffer once the
 * library's seccomp filter is in place, and turns the records the library logged since the last
 * stop into {@link TraceEvent.Syscall}s of mode {@link SyscallTable.Mode#BUFFERED}.
 */
final class SyscallBuffer {
    /** Where the library maps its buffer (fixed, so the recorder needs no message from it), and its size. */
    static final long ADDRESS = 0x7000_0010_0000L;
    static final int SIZE = 1 << 20, HEADER = 64, RECORD = 96;
    private static final long MAGIC = 0x4655425343535348L;
    private static final int KIND_MEMORY = 1, KIND_OUTPUT = 2;
    private static final long EINTR = -4;

    /** The address just after the library's untraced {@code syscall} instruction. */
    final long syscallIp;
    private long epoch, consumed;
    /** A call already recorded at a signal that came right after it: its record, logged later, is not recorded again. */
    private long skipSeq = -1;
    private boolean skipOnlyIfInterrupted;

    private SyscallBuffer(long syscallIp, long epoch) {
        this.syscallIp = syscallIp;
        this.epoch = epoch;
    }

    /** The buffer of the program, once its library's filter is installed; null when there is none. */
    static SyscallBuffer find(Tracee t) {
        ByteBuffer h = le(t.read(ADDRESS, HEADER));
        if (h.capacity() < HEADER || h.getLong(0) != MAGIC) return null;
        return new SyscallBuffer(h.getLong(8), h.getLong(16));
    }

    /** The records committed since the last call, as events, in the order the calls were made. */
    List<TraceEvent.Syscall> drain(Tracee t) {
        ByteBuffer h = le(t.read(ADDRESS, HEADER));
        long e = h.getLong(16), used = h.getLong(24);
        if (e != epoch) {
            // The library restarted at 0 after a traced getpid, at whose stop everything was read.
            epoch = e;
            consumed = 0;
        }
        List<TraceEvent.Syscall> out = new ArrayList<>();
        if (h.capacity() < HEADER || h.getLong(0) != MAGIC || used < 0 || used > SIZE - HEADER) {
            throw overwritten("its header");
        }
        if (used <= consumed) return out;
        ByteBuffer b = le(t.read(ADDRESS + HEADER + consumed, (int) (used - consumed)));
        if (b.capacity() != used - consumed) throw overwritten("its records (unmapped)");
        int at = 0;
        while (at + RECORD <= b.capacity()) {
            int size = b.getInt(at), kind = b.getInt(at + 4);
            long nr = b.getLong(at + 8), result = b.getLong(at + 64), seq = b.getLong(at + 72);
            long address = b.getLong(at + 80), length = b.getLong(at + 88);
            // The library's records live in the program's memory: a program that wrote over them is refused, never half-read.
            if (size < RECORD || size % 8 != 0 || size > b.capacity() - at || length < 0 || length > size - RECORD
                    || !SyscallTable.bufferable(nr) || (kind != 0 && kind != KIND_MEMORY && kind != KIND_OUTPUT)) {
                throw overwritten("the record at offset " + (consumed + at));
            }
            long[] args = new long[6];
            for (int i = 0; i < 6; i++) args[i] = b.getLong(at + 16 + 8 * i);
            byte[] data = new byte[(int) length];
            b.get(at + RECORD, data);
            at += size;
            if (seq == skipSeq) {
                skipSeq = -1;
                // A call interrupted with a restart code: the record is the restarted call's, unless the
                // kernel returned EINTR instead of restarting (then it is the one already recorded).
                if (!skipOnlyIfInterrupted || result == EINTR) continue;
            }
            out.add(event(nr, args, result, kind == KIND_MEMORY ? List.of(new TraceEvent.KernelWrite(address, data)) : List.of(),
                    kind == KIND_OUTPUT ? (int) args[0] : -1, kind == KIND_OUTPUT ? data : new byte[0]));
        }
        consumed = used;
        return out;
    }

    private static RecordingRefused overwritten(String what) {
        return new RecordingRefused("the program overwrote the system-call buffer's memory at 0x" + Long.toHexString(ADDRESS)
                + " (" + what + "): record it with --no-syscall-buffer");
    }

    /**
     * A signal came right after the untraced instruction (the call returned, or was interrupted):
     * the call is recorded now from the registers and memory, before the signal, as the replay
     * will meet it; the record the library logs after the handler returns is then dropped.
     */
    TraceEvent.Syscall atSignal(Tracee t, long[] r) {
        long nr = r[Tracee.ORIG_RAX], result = r[Tracee.RAX];
        long[] args = RecordingHook.argsOf(r);
        ByteBuffer h = le(t.read(ADDRESS, HEADER));
        skipSeq = h.getLong(48);
        skipOnlyIfInterrupted = result == -512 || result == -513 || result == -514 || result == -516;
        List<TraceEvent.KernelWrite> writes = new ArrayList<>();
        for (long[] range : SyscallTable.writes(nr, args, result, t)) {
            writes.add(new TraceEvent.KernelWrite(range[0], t.read(range[0], (int) range[1])));
        }
        boolean output = nr == SyscallTable.WRITE && (args[0] == 1 || args[0] == 2) && result > 0;
        return event(nr, args, result, writes, output ? (int) args[0] : -1, output ? t.read(args[1], (int) result) : new byte[0]);
    }

    private TraceEvent.Syscall event(long nr, long[] args, long result, List<TraceEvent.KernelWrite> writes, int fd, byte[] output) {
        return new TraceEvent.Syscall(entryRegisters(nr, args, syscallIp), result, SyscallTable.Mode.BUFFERED, writes, null, fd, output);
    }

    /**
     * The registers a buffered call is known by: its number, arguments and pc after the
     * instruction; the rest is not recorded (zero) and not compared in a replay.
     */
    static long[] entryRegisters(long nr, long[] args, long ip) {
        long[] r = new long[27];
        r[Tracee.ORIG_RAX] = nr;
        r[Tracee.RDI] = args[0];
        r[Tracee.RSI] = args[1];
        r[Tracee.RDX] = args[2];
        r[Tracee.R10] = args[3];
        r[Tracee.R8] = args[4];
        r[Tracee.R9] = args[5];
        r[Tracee.RIP] = ip;
        return r;
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The preload library where a confined program can read it (the user's cache is outside the
     * sandbox): a copy in a new directory of ours inside the sandbox's writable one, whose owner
     * (the session's user) may rename or replace what is in it at any time. So the directory is
     * made fresh (a random name) and everything after goes through its open descriptor
     * ({@link SecureDirectoryStream}): a symbolic link put in its place cannot make us write or
     * change permissions anywhere else. Removed with {@link ConfinedLibrary#close}.
     */
    static ConfinedLibrary libraryIn(Path writable) throws IOException {
        Path built = library();
        Path dir = Files.createTempDirectory(writable, ".hindsight-preload-");
        Path name = built.getFileName();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            if (!(ds instanceof SecureDirectoryStream<Path> sds)) throw new IOException("no secure directory access on this system");
            try (var out = sds.newByteChannel(name, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))) {
                out.write(ByteBuffer.wrap(Files.readAllBytes(built)));
            }
            sds.getFileAttributeView(name, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
            sds.getFileAttributeView(PosixFileAttributeView.class).setPermissions(PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return new ConfinedLibrary(dir, name);
    }

    /** A copy of the library inside a sandbox ({@link #libraryIn}). */
    record ConfinedLibrary(Path directory, Path name) implements AutoCloseable {
        Path path() {
            return directory.resolve(name);
        }

        @Override
        public void close() {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory)) {
                if (ds instanceof SecureDirectoryStream<Path> sds) sds.deleteFile(name);
                Files.deleteIfExists(directory); // rmdir: never follows a link
            } catch (IOException e) {
                // left behind in the session's directory, which goes with the session
            }
        }
    }

    /**
     * The preload library, built once with clang from its source into the user's cache
     * ({@code $XDG_CACHE_HOME/hindsight}, or {@code ~/.cache/hindsight}), named by the source's hash.
     */
    static Path library() throws IOException {
        byte[] source;
        try (InputStream in = SyscallBuffer.class.getResourceAsStream("syscallbuf.c")) {
            if (in == null) throw new IOException("the syscall buffer's source is missing from the class path");
            source = in.readAllBytes();
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        Path dir = (cache != null && !cache.isEmpty() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache")).resolve("hindsight");
        Path lib = dir.resolve("syscallbuf-" + Integer.toHexString(java.util.Arrays.hashCode(source)) + ".so");
        if (Files.isRegularFile(lib)) return lib;
        Files.createDirectories(dir);
        Path src = Files.createTempFile(dir, "syscallbuf", ".c"), out = Files.createTempFile(dir, "syscallbuf", ".so");
        try {
            Files.write(src, source);
            Process p = new ProcessBuilder("clang", "-O2", "-fPIC", "-shared", "-o", out.toString(), src.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("cannot build the syscall buffer library: " + log);
            Files.move(out, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return lib;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building the syscall buffer library");
        } finally {
            Files.deleteIfExists(src);
            Files.deleteIfExists(out);
        }
    }
}
