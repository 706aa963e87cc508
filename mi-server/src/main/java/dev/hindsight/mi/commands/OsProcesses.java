package dev.hindsight.mi.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The machine's processes as gdb's {@code info os processes} reads them from {@code /proc}. */
final class OsProcesses {
    record Process(int pid, String user, String command) {}

    private OsProcesses() {}

    static List<Integer> pids() {
        List<Integer> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path e : entries.toList()) {
                String n = e.getFileName().toString();
                if (n.chars().allMatch(Character::isDigit)) pids.add(Integer.parseInt(n));
            }
        } catch (IOException e) {
            return pids;
        }
        pids.sort(null);
        return pids;
    }

    /** Null when the process went away while being read. */
    static Process read(int pid) {
        Path dir = Path.of("/proc/" + pid);
        try {
            String user = Files.getOwner(dir).getName();
            byte[] cmdline = Files.readAllBytes(dir.resolve("cmdline"));
            String command;
            if (cmdline.length == 0) {
                // gdb's linux_common_command_of_pid: a kernel thread shows as its name in brackets
                command = "[" + Files.readString(dir.resolve("comm")).strip() + "]";
            } else {
                int end = cmdline.length;
                while (end > 0 && cmdline[end - 1] == 0) end--;
                for (int i = 0; i < end; i++) if (cmdline[i] == 0) cmdline[i] = ' ';
                command = new String(cmdline, 0, end, StandardCharsets.UTF_8);
            }
            return new Process(pid, user, command);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The cores the process's threads last ran on (field 39 of each thread's stat), as gdb's linux_common_core_of_thread. */
    static TreeSet<Integer> cores(int pid) {
        TreeSet<Integer> cores = new TreeSet<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                Integer core = core(task.resolve("stat"));
                if (core != null) cores.add(core);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // the process went away: no cores to name
        }
        return cores;
    }

    /** The core of one thread's {@code stat}; null when it cannot be read. */
    static Integer core(Path stat) {
        try {
            String text = Files.readString(stat);
            // fields after the command's closing parenthesis, which may itself hold spaces
            String[] f = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
            return Integer.parseInt(f[36]); // field 39; the first one here is field 3
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
