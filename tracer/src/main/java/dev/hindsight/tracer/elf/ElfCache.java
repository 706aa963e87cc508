package dev.hindsight.tracer.elf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Parsed ELF files shared by all sessions (every program maps the same libc), keyed by path,
 * inode and modification time so a rebuilt binary is read again. Bounded, least recently used.
 */
final class ElfCache {
    private static final int CAPACITY = 64;
    private static final Map<String, ElfFile> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ElfFile> eldest) {
            return size() > CAPACITY;
        }
    };

    private ElfCache() {}

    /** The parsed file, or empty when it is gone or not readable ELF. */
    static Optional<ElfFile> get(Path path) {
        return get(path, path);
    }

    /**
     * The file at {@code readFrom} (its inode: the key is the same whichever link reads it), named
     * {@code path}; empty when it is gone or not readable ELF.
     */
    static synchronized Optional<ElfFile> get(Path path, Path readFrom) {
        try {
            BasicFileAttributes a = Files.readAttributes(readFrom, BasicFileAttributes.class);
            String key = path + "|" + a.fileKey() + "|" + a.lastModifiedTime().toMillis() + "|" + a.size();
            ElfFile f = CACHE.get(key);
            if (f == null) {
                f = ElfFile.open(path, readFrom);
                CACHE.put(key, f);
            }
            return Optional.of(f);
        } catch (IOException | ElfFormatException e) {
            return Optional.empty();
        }
    }
}
