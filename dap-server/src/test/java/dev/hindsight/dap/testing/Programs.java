package dev.hindsight.dap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Fixture programs in {@code src/test/resources/programs/}, compiled by the real clang once per
 * run (cached by content under {@code target/fixtures}), and their marker comments
 * ({@code // BREAK: name}) so tests never hard-code line numbers.
 */
public final class Programs {
    private static final Path SOURCES = Paths.get("src/test/resources/programs").toAbsolutePath();
    private static final Path OUT = Paths.get("target/fixtures").toAbsolutePath();
    private static final Map<String, Path> COMPILED = new ConcurrentHashMap<>();

    private Programs() {}

    /** The text of a fixture, for launches that send sources inline (as the web UI does). */
    public static String read(String name) {
        try {
            return Files.readString(source(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path source(String name) {
        Path p = SOURCES.resolve(name);
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no fixture " + p);
        return p;
    }

    /**
     * The executable of a fixture ({@code -g -O0 -no-pie}, so symbol addresses are runtime
     * addresses); fixtures named {@code *_nodebug.*} are built without {@code -g}.
     */
    public static Path compile(String name) {
        return compile(name, List.of());
    }

    /** The executable of a fixture built with extra compiler {@code flags} as well. */
    public static Path compile(String name, List<String> flags) {
        return COMPILED.computeIfAbsent(name + " " + String.join(" ", flags), k -> doCompile(name, flags));
    }

    private static Path doCompile(String name, List<String> flags) {
        try {
            Path src = source(name);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(Files.readAllBytes(src));
            md.update(String.join("\0", flags).getBytes(StandardCharsets.UTF_8));
            String hash = HexFormat.of().formatHex(md.digest()).substring(0, 12);
            Files.createDirectories(OUT);
            Path exe = OUT.resolve(name.replaceAll("[^A-Za-z0-9_]", "_") + "-" + hash);
            if (Files.isExecutable(exe)) return exe;
            List<String> cmd = new ArrayList<>(List.of(name.endsWith(".cpp") ? "clang++" : "clang", "-O0", "-no-pie"));
            if (!name.contains("_nodebug.")) cmd.add("-g");
            if ((name.endsWith(".s") || name.endsWith(".S")) && Files.readString(src).contains("_start")) {
                cmd.addAll(List.of("-nostdlib", "-static"));
            }
            cmd.addAll(flags);
            Path tmp = OUT.resolve(exe.getFileName() + ".tmp" + ProcessHandle.current().pid());
            cmd.addAll(List.of("-o", tmp.toString(), src.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("fixture " + name + " failed to compile: " + cmd + "\n" + output);
            }
            Files.move(tmp, exe, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return exe;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 1-based line of {@code BREAK: marker} in a fixture. */
    public static int line(String name, String marker) {
        try {
            List<String> lines = Files.readAllLines(source(name));
            String needle = "BREAK: " + marker;
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                int at = l.indexOf(needle);
                if (at >= 0 && (l.length() == at + needle.length() || !Character.isJavaIdentifierPart(l.charAt(at + needle.length())))) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException("no marker '" + marker + "' in " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A symbol's address in a fixture's executable (from nm; -no-pie makes it the runtime address). */
    public static long symbol(String name, String symbol) {
        try {
            Process p = new ProcessBuilder("nm", compile(name).toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            for (String line : out.split("\n")) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 3 && parts[2].equals(symbol)) return Long.parseUnsignedLong(parts[0], 16);
            }
            throw new IllegalArgumentException("no symbol " + symbol + " in " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
