package dev.hindsight.tracer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Core dumps of fixture programs, made once per test run under {@code target/cores}: by gdb's
 * {@code gcore} at a marker line or after the program's own fatal signal under gdb, and by the
 * kernel itself (the program crashing with {@code ulimit -c unlimited}, where the system's
 * core_pattern is a plain file name; the pattern is never changed).
 */
public final class CoreDumps {
    private static final Path OUT = Paths.get("target/cores").toAbsolutePath();
    private static final Map<String, Path> MADE = new ConcurrentHashMap<>();

    private CoreDumps() {}

    /** gdb's gcore of {@code program} stopped at the {@code BREAK: marker} line of {@code source}. */
    public static Path gcoreAt(Path program, String source, String marker) {
        int line = Fixtures.line(source, marker);
        return MADE.computeIfAbsent("at " + program + " " + line, k -> gcore(program, List.of("-ex", "break " + source + ":" + line, "-ex", "run"),
                List.of(), program.getFileName() + "-" + marker + ".core"));
    }

    /** gdb's gcore of {@code program} run with {@code args} after it stopped on a fatal signal. */
    public static Path gcoreAfterCrash(Path program, String... args) {
        return MADE.computeIfAbsent("crash " + program + " " + String.join(" ", args), k -> gcore(program, List.of("-ex", "run"),
                List.of(args), program.getFileName() + "-crash.core"));
    }

    private static Path gcore(Path program, List<String> commands, List<String> args, String name) {
        try {
            Files.createDirectories(OUT);
            Path core = OUT.resolve(name);
            Files.deleteIfExists(core);
            List<String> cmd = new java.util.ArrayList<>(List.of("gdb", "-nx", "-batch"));
            cmd.addAll(commands);
            cmd.addAll(List.of("-ex", "gcore " + core, "--args", program.toString()));
            cmd.addAll(args);
            String log = Commands.output(cmd);
            if (!Files.isRegularFile(core)) throw new IllegalStateException("gcore wrote no core: " + log);
            return core;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the kernel writes a crashing program's core to a file in its directory: {@code
     * core_pattern} has no pipe and no path, and the hard limit lets a shell raise its core size.
     */
    public static boolean kernelWritesCoreFiles() {
        try {
            String pattern = Files.readString(Path.of("/proc/sys/kernel/core_pattern")).strip();
            String hard = Commands.output(List.of("sh", "-c", "ulimit -H -c")).strip();
            return !pattern.startsWith("|") && !pattern.contains("/") && !hard.equals("0");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The kernel's own core dump of {@code program} crashing with {@code args}: run in a directory
     * of its own with {@code ulimit -c unlimited}, the one file that appears there is the core.
     */
    public static Path kernelCore(Path program, String... args) {
        return MADE.computeIfAbsent("kernel " + program + " " + String.join(" ", args), k -> {
            try {
                Path dir = OUT.resolve(program.getFileName() + "-kernel");
                if (Files.isDirectory(dir)) {
                    try (var s = Files.list(dir)) {
                        for (Path f : s.toList()) Files.delete(f);
                    }
                }
                Files.createDirectories(dir);
                List<String> cmd = new java.util.ArrayList<>(List.of("sh", "-c", "ulimit -c unlimited && exec \"$0\" \"$@\"", program.toString()));
                cmd.addAll(List.of(args));
                Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
                p.getOutputStream().close();
                p.getInputStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS)) throw new IllegalStateException("the crashing program did not end");
                try (var s = Files.list(dir)) {
                    return s.findFirst().orElseThrow(() -> new IllegalStateException(
                            "the kernel wrote no core (exit " + p.exitValue() + ") in " + dir));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }
}
