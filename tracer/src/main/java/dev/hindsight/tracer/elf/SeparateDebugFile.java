package dev.hindsight.tracer.elf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Finds the separate debug file of a stripped object the way gdb does: by build id under
 * {@code /usr/lib/debug/.build-id/ab/cdef….debug} (what Debian's {@code -dbg} packages install),
 * then by the {@code .gnu_debuglink} name next to the object, in its {@code .debug/} directory, or
 * under {@code /usr/lib/debug/DIR/}. A candidate counts only if its build id, or for a debuglink
 * its CRC, matches, so a stale debug file never describes the wrong code.
 */
final class SeparateDebugFile {
    private static final Path DEBUG_ROOT = Path.of("/usr/lib/debug");

    private SeparateDebugFile() {}

    static Optional<ElfFile> find(ElfFile elf) {
        Optional<String> id = elf.buildId();
        if (id.isPresent() && id.get().length() > 2) {
            Path candidate = DEBUG_ROOT.resolve(".build-id").resolve(id.get().substring(0, 2)).resolve(id.get().substring(2) + ".debug");
            Optional<ElfFile> f = ElfCache.get(candidate).filter(d -> d != elf && d.buildId().equals(id));
            if (f.isPresent()) return f;
        }
        try {
            return debugLink(elf);
        } catch (ElfFormatException e) {
            return Optional.empty(); // a damaged link section: as if there were none
        }
    }

    private static Optional<ElfFile> debugLink(ElfFile elf) {
        Optional<ByteBuffer> link = elf.sectionData(".gnu_debuglink");
        if (link.isEmpty()) return Optional.empty();
        CheckedBuffer b = new CheckedBuffer(link.get(), elf.path() + " .gnu_debuglink");
        String name = b.cString(0);
        long crcAt = (name.length() + 4) & ~3L;
        if (name.isEmpty() || name.contains("/") || crcAt + 4 > b.size()) return Optional.empty();
        long crc = b.u32(crcAt);
        Path dir = elf.path().toAbsolutePath().getParent();
        if (dir == null) return Optional.empty();
        List<Path> candidates = new ArrayList<>(List.of(dir.resolve(name), dir.resolve(".debug").resolve(name)));
        if (dir.getRoot() != null) candidates.add(DEBUG_ROOT.resolve(dir.getRoot().relativize(dir)).resolve(name));
        for (Path c : candidates) {
            if (c.equals(elf.path()) || !Files.isRegularFile(c) || crc32(c) != crc) continue;
            Optional<ElfFile> f = ElfCache.get(c);
            if (f.isPresent()) return f;
        }
        return Optional.empty();
    }

    private static long crc32(Path file) {
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) crc.update(buffer, 0, n);
            return crc.getValue();
        } catch (IOException e) {
            return -1;
        }
    }
}
