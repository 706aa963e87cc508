package dev.hindsight.index.build;

import dev.hindsight.index.Region;
import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.elf.ProcMaps;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The memory of a stopped replay as regions, read through its backend (the start of a shard). */
final class MemoryImage {
    /** Pages the kernel owns and /proc/PID/mem does not read the same way twice, or at all. */
    private static final List<String> SKIPPED = List.of("[vvar]", "[vvar_vclock]", "[vsyscall]");

    private MemoryImage() {}

    static List<Region> of(Backend backend) throws IOException {
        List<Region> regions = new ArrayList<>();
        for (ProcMaps.Mapping m : ProcMaps.parse(backend.memoryMap())) {
            if (m.perms().charAt(0) != 'r' || SKIPPED.contains(m.path())) continue;
            regions.add(read(backend, m.start(), m.end(), m.perms(), m.path()));
        }
        return regions;
    }

    /** The bytes of [start, end) as far as they are readable (a region shortened at the first hole). */
    static Region read(Backend backend, long start, long end, String perms, String name) {
        long length = end - start;
        if (length > Integer.MAX_VALUE - 8) throw new IllegalStateException("a mapping of " + length + " bytes at 0x" + Long.toHexString(start));
        byte[] bytes = new byte[(int) length];
        int got = 0;
        while (got < bytes.length) {
            int n = backend.readMemory(start + got, bytes, got, bytes.length - got);
            if (n <= 0) break;
            got += n;
        }
        return new Region(start, got == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, got), perms, name);
    }
}
