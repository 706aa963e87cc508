package dev.hindsight.mi.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment the next runs get, as gdb builds it: Hindsight's own, with {@code LINES} and
 * {@code COLUMNS} set as gdb's readline sets them in gdb's (24 and 80 when gdb has no terminal,
 * as under a front end), then what {@code set environment} sets and {@code unset environment}
 * removes. Programs see the same variables, and so the same stack addresses, as under gdb.
 */
final class ProgramEnvironment {
    private final Map<String, String> set = new LinkedHashMap<>(Map.of("LINES", "24"));
    private final Set<String> unset = new HashSet<>();

    ProgramEnvironment() {
        set.put("COLUMNS", "80");
    }

    void set(String name, String value) {
        unset.remove(name);
        set.put(name, value);
    }

    void unset(String name) {
        set.remove(name);
        unset.add(name);
    }

    /**
     * As {@link #over}, for a run in {@code cwd}; {@code viaShell}: gdb's {@code startup-with-shell}
     * starts the program through {@code /bin/sh}, which exports {@code PWD} as where it runs (Hindsight starts it directly, and does that much of the shell's part).
     */
    List<String> forRun(List<String> base, java.nio.file.Path cwd, boolean viaShell) {
        List<String> env = over(base);
        if (viaShell && cwd != null && !set.containsKey("PWD") && !unset.contains("PWD")) {
            env.removeIf(e -> e.startsWith("PWD="));
            env.add("PWD=" + cwd);
        }
        return env;
    }

    /** {@code base} without what was unset, with the variables set replacing or joining it. */
    List<String> over(List<String> base) {
        List<String> env = new ArrayList<>();
        for (String e : base) {
            String name = e.substring(0, Math.max(e.indexOf('='), 0));
            if (!set.containsKey(name) && !unset.contains(name)) env.add(e);
        }
        set.forEach((k, v) -> env.add(k + "=" + v));
        return env;
    }
}
