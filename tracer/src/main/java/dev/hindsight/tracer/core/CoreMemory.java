package dev.hindsight.tracer.core;

import dev.hindsight.tracer.elf.ElfSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The program's memory as the dump shows it: the dumped bytes first; where nothing was dumped
 * (the kernel leaves out file-backed text, gcore read-only library code), the mapped file itself,
 * from the offset NT_FILE names. A mapped file that is gone or shorter leaves that memory unreadable.
 */
final class CoreMemory implements AutoCloseable {
    private final CoreFile core;
    /** NT_FILE's path → the file read in its place (the executable named on the command line). */
    private final Map<String, Path> substitutes;
    private final Map<String, Optional<FileChannel>> open = new HashMap<>();

    CoreMemory(CoreFile core, Map<String, Path> substitutes) {
        this.core = core;
        this.substitutes = substitutes;
    }

    /** Reads up to {@code length} bytes; returns how many were readable from {@code address} on. */
    synchronized int read(long address, byte[] buffer, int offset, int length) {
        int done = 0;
        while (done < length) {
            long at = address + done;
            Optional<ElfSegment> s = core.dumpedAt(at);
            int n = s.isPresent() ? core.copy(s.get(), at, buffer, offset + done, length - done)
                    : fromFile(at, buffer, offset + done, length - done);
            if (n <= 0) break;
            done += n;
        }
        return done;
    }

    private int fromFile(long address, byte[] buffer, int offset, int length) {
        for (CoreNotes.MappedFile f : core.notes.files) {
            if (!f.contains(address)) continue;
            // Up to the next dumped segment at most: its bytes are newer than the file's.
            long end = f.end();
            for (ElfSegment s : core.loads()) {
                if (Long.compareUnsigned(s.vaddr(), address) > 0 && Long.compareUnsigned(s.vaddr(), end) < 0) end = s.vaddr();
            }
            int n = (int) Math.min(length, end - address);
            Optional<FileChannel> ch = open.computeIfAbsent(f.path(), this::openFile);
            if (ch.isEmpty()) return 0;
            try {
                ByteBuffer into = ByteBuffer.wrap(buffer, offset, n);
                long position = f.offset() + (address - f.start());
                int read = 0;
                while (into.hasRemaining()) {
                    int r = ch.get().read(into, position + read);
                    if (r <= 0) break;
                    read += r;
                }
                return read;
            } catch (IOException e) {
                return 0;
            }
        }
        return 0;
    }

    private Optional<FileChannel> openFile(String path) {
        try {
            return Optional.of(FileChannel.open(substitutes.getOrDefault(path, Path.of(path)), StandardOpenOption.READ));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        for (Optional<FileChannel> ch : open.values()) {
            ch.ifPresent(c -> {
                try {
                    c.close();
                } catch (IOException e) {
                    // nothing was written
                }
            });
        }
        open.clear();
    }
}
