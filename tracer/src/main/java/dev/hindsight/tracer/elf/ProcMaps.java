package dev.hindsight.tracer.elf;

import java.util.ArrayList;
import java.util.List;

/** Parses /proc/PID/maps lines: {@code start-end perms offset dev inode [path]}. */
public final class ProcMaps {
    /** One mapping; {@code path} is empty for anonymous memory, or {@code [stack]}, {@code [vdso]}, … */
    public record Mapping(long start, long end, String perms, long offset, String device, long inode, String path) {
        public boolean isFile() {
            return path.startsWith("/");
        }

        public boolean executable() {
            return perms.length() > 2 && perms.charAt(2) == 'x';
        }
    }

    private ProcMaps() {}

    public static List<Mapping> parse(String text) {
        List<Mapping> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.trim().split("\\s+", 6);
            if (f.length < 5) continue;
            int dash = f[0].indexOf('-');
            if (dash < 0) continue;
            try {
                out.add(new Mapping(Long.parseUnsignedLong(f[0].substring(0, dash), 16),
                        Long.parseUnsignedLong(f[0].substring(dash + 1), 16), f[1], Long.parseUnsignedLong(f[2], 16), f[3],
                        Long.parseLong(f[4]), f.length > 5 ? f[5].strip() : ""));
            } catch (NumberFormatException e) {
                // A line we do not understand says nothing about the others.
            }
        }
        return out;
    }
}
