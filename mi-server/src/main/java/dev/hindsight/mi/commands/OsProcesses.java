package dev.hindsight.mi.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
