package dev.hindsight.mi.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * gdb's Linux {@code info os} tables read from {@code /proc} as its {@code linux-osdata.c} reads
 * them: each row its columns by name, in gdb's order. {@link OsInfoIpc} and {@link OsInfoSockets}
 * hold the System V IPC and socket tables.
 */
final class OsInfoTables {
    /** One row: column name to text. */
    static Map<String, String> row(String... namesAndValues) {
        Map<String, String> r = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) r.put(namesAndValues[i], namesAndValues[i + 1]);
        return r;
    }

    private OsInfoTables() {}

    static List<Map<String, String>> processes() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (long pid : OsInfoNames.numbered(Path.of("/proc"))) {
            String user;
            try {
                user = OsInfoNames.user((Integer) Files.getAttribute(Path.of("/proc/" + pid), "unix:uid"));
            } catch (IOException | RuntimeException e) {
                user = "?";
            }
            String command = commandLine(pid);
            StringBuilder cores = new StringBuilder();
            for (int core : OsProcesses.cores((int) pid)) cores.append(cores.length() == 0 ? "" : ",").append(core);
            rows.add(row("pid", String.valueOf(pid), "user", user, "command", command == null ? "" : command, "cores", cores.toString()));
        }
        return rows;
    }

    /**
     * gdb's {@code commandline_from_pid}: {@code cmdline} with its NULs as blanks, or the short
     * command in brackets when it is empty (a kernel thread); null when it cannot be read.
     */
    static String commandLine(long pid) {
        byte[] b;
        try {
            b = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (b.length == 0) {
            String c = "[" + OsInfoNames.command(pid);
            return c.length() < 31 ? c + "]" : c;
        }
        for (int i = 0; i < b.length; i++) if (b[i] == 0) b[i] = ' ';
        return OsInfoNames.text(b);
    }

    /** gdb's {@code threads}: every task of every process, with the core it last ran on (-1 unknown). */
    static List<Map<String, String>> threads() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (long pid : OsInfoNames.numbered(Path.of("/proc"))) {
            if (!Files.isDirectory(Path.of("/proc/" + pid))) continue;
            String command = OsInfoNames.command(pid);
            for (long tid : OsInfoNames.numbered(Path.of("/proc/" + pid + "/task"))) {
                Integer core = OsProcesses.core(Path.of("/proc/" + pid + "/task/" + tid + "/stat"));
                rows.add(row("pid", String.valueOf(pid), "command", command, "tid", String.valueOf(tid), "core", String.valueOf(core == null ? -1 : core)));
            }
        }
        return rows;
    }

    /** gdb's {@code files}: every open descriptor of every process, named by its link (the number when unreadable). */
    static List<Map<String, String>> files() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (long pid : OsInfoNames.numbered(Path.of("/proc"))) {
            if (!Files.isDirectory(Path.of("/proc/" + pid))) continue;
            String command = OsInfoNames.command(pid);
            for (long fd : OsInfoNames.numbered(Path.of("/proc/" + pid + "/fd"))) {
                String name;
                try {
                    name = Files.readSymbolicLink(Path.of("/proc/" + pid + "/fd/" + fd)).toString();
                } catch (IOException | RuntimeException e) {
                    name = String.valueOf(fd);
                }
                rows.add(row("pid", String.valueOf(pid), "command", command, "file descriptor", String.valueOf(fd), "name", name));
            }
        }
        return rows;
    }

    /** gdb's {@code procgroups}: processes by group, each group's leader first, then by pid. */
    static List<Map<String, String>> processGroups() {
        TreeMap<Long, TreeMap<Long, Long>> groups = new TreeMap<>(); // pgid -> (sort key -> pid)
        for (long pid : OsInfoNames.numbered(Path.of("/proc"))) {
            long pgid = processGroup(pid);
            if (pgid <= 0) continue; // getpgid fails for a process gone, and kernel threads have none
            groups.computeIfAbsent(pgid, g -> new TreeMap<>()).put(pid == pgid ? Long.MIN_VALUE : pid, pid);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (var g : groups.entrySet()) {
            String leader = OsInfoNames.command(g.getKey());
            for (long pid : g.getValue().values()) {
                String line = commandLine(pid);
                rows.add(row("pgid", String.valueOf(g.getKey()), "leader command", leader, "pid", String.valueOf(pid), "command line", line == null ? "" : line));
            }
        }
        return rows;
    }

    /** The process group, field 5 of {@code stat} (what getpgid answers); 0 when it cannot be read. */
    private static long processGroup(long pid) {
        try {
            String text = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(f[2]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * gdb's {@code cpus}: {@code /proc/cpuinfo}, a row per {@code processor}; each key up to its
     * first tab, each value from the first colon up to the next colon or tab (gdb's strtok).
     */
    static List<Map<String, String>> cpus() {
        List<Map<String, String>> rows = new ArrayList<>();
        Map<String, String> item = null;
        for (String line : OsInfoNames.lines("/proc/cpuinfo")) {
            // fgets keeps the newline: "power management:" has the value "\n", an empty line none
            String[] parts = (line + "\n").split(":", -1);
            if (parts.length < 2 || parts[0].isEmpty()) continue;
            String key = parts[0].split("\t", -1)[0];
            String value = parts[1].split("\t", -1)[0];
            if (key.equals("processor")) {
                item = new LinkedHashMap<>();
                rows.add(item);
            }
            if (item != null) item.put(key, value);
        }
        return rows;
    }

    /** gdb's {@code modules}: {@code /proc/modules}, the lines of six fields it can read. */
    static List<Map<String, String>> modules() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : OsInfoNames.lines("/proc/modules")) {
            String[] f = line.split(" ", 6);
            if (f.length < 6) continue;
            try {
                long size = Long.parseLong(f[1]);
                int uses = Integer.parseInt(f[2]);
                String address = f[5].split("\\s")[0].replaceFirst("^0[xX]", "");
                rows.add(row("name", f[0], "size", String.valueOf(size), "num uses", String.valueOf(uses), "dependencies", f[3],
                        "status", f[4], "address", Long.toHexString(Long.parseUnsignedLong(address, 16))));
            } catch (NumberFormatException e) {
                // a line sscanf would not read: gdb skips it
            }
        }
        return rows;
    }
}
