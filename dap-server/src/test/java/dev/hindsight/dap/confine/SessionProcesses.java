package dev.hindsight.dap.confine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The live (not zombie) processes that run as a confined session's user: a root server gives every session a uid
 * from 1,900,000,000 on (see the confine package), so these are exactly what sessions left running.
 */
final class SessionProcesses {
    static final long FIRST = 1_900_000_000L, LAST = FIRST + 65_536;

    private SessionProcesses() {}

    static List<String> list() {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(SessionProcesses::describe).filter(d -> d != null).toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String describe(Path proc) {
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                // A zombie runs nothing: it only waits for its parent (or the machine's init) to reap it.
                if (line.startsWith("State:") && line.contains("Z (zombie)")) return null;
                if (!line.startsWith("Uid:")) continue;
                long uid = Long.parseLong(line.split("\\s+")[1]);
                if (uid < FIRST || uid >= LAST) return null;
                return proc.getFileName() + ":" + Files.readString(proc.resolve("comm")).strip();
            }
        } catch (IOException | RuntimeException e) {
            return null; // gone meanwhile
        }
        return null;
    }
}
