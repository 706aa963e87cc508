package dev.hindsight.tracer.compile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Just enough of {@code /proc/self/mountinfo} to tell whether a path is on a {@code noexec} mount. */
final class MountTable {
    private record Mount(Path mountPoint, List<String> options) {}

    private final List<Mount> mounts;

    private MountTable(List<Mount> mounts) {
        this.mounts = mounts;
    }

    static Optional<MountTable> read() {
        return parse(Paths.get("/proc/self/mountinfo"));
    }

    static Optional<MountTable> parse(Path mountinfo) {
        try {
            List<Mount> mounts = new ArrayList<>();
            for (String line : Files.readAllLines(mountinfo)) {
                // id parent major:minor root mount-point mount-options ...
                String[] fields = line.split(" ");
                if (fields.length < 6) continue;
                mounts.add(new Mount(Paths.get(unescape(fields[4])), List.of(fields[5].split(","))));
            }
            return Optional.of(new MountTable(mounts));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not Linux, or no /proc: just skip the check
        }
    }

    /** The last-listed longest mount point containing the path decides, as mounts stack in order. */
    boolean isNoexec(Path path) {
        Mount best = null;
        for (Mount m : mounts) {
            if (path.startsWith(m.mountPoint())
                    && (best == null || m.mountPoint().getNameCount() >= best.mountPoint().getNameCount())) {
                best = m;
            }
        }
        return best != null && best.options().contains("noexec");
    }

    /** mountinfo escapes space, tab, newline and backslash as three-digit octal. */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
