package dev.hindsight.tracer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.security.MessageDigest;

/**
 * Fixture programs under {@code src/test/resources/programs/}, compiled by the real clang once per
 * test run (cached by source content and flags under {@code target/fixtures}), and the marker
 * comments ({@code // BREAK: name}) that tests use instead of hard-coded line numbers.
 */
public final class Fixtures {
    private static final Path SOURCES = Paths.get("src/test/resources/programs").toAbsolutePath();
    /**
     * A clang target triple (e.g. {@code aarch64-linux-gnu}) to cross-compile fixtures for; unset:
     * the host. {@code misc/aarch64/run-tests.sh} cross-builds the guest's fixtures on the host with
     * it, and sets it in the guest too, so that there the same cache keys find them (the guest has
     * no compiler).
     */
    public static final String TARGET = "hindsight.fixtures.target";
    private static final String TARGET_TRIPLE = System.getProperty(TARGET, "");
    private static final Path OUT = Paths.get(TARGET_TRIPLE.isEmpty() ? "target/fixtures" : "target/fixtures-" + TARGET_TRIPLE)
            .toAbsolutePath();
    private static final Map<String, Path> COMPILED = new ConcurrentHashMap<>();

    private Fixtures() {}

    /** Absolute path of a fixture source file. */
    public static Path source(String name) {
        Path p = SOURCES.resolve(name);
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException("no fixture " + p);
        return p;
    }

    /** Compiles a fixture with {@code -g -O0} (plus extra flags) and returns the executable. */
    public static Path compile(String name, String... extraFlags) {
        return compileWith(compilerFor(name), name, extraFlags);
    }

    /**
     * Compiles a fixture from a test table's flags column: space-separated flags, where a first
     * word {@code gcc} means gcc (g++ for C++) and {@code clang-19} means clang 19 (clang++-19)
     * instead of the default clang. A test row naming a compiler this machine lacks is skipped, saying
     * so, except under {@code ./hindsight test}, where it fails (see {@link #assumeInstalled}).
     */
    public static Path compileSpec(String name, String spec) {
        List<String> f = new ArrayList<>(spec.isBlank() ? List.of() : List.of(spec.trim().split(" +")));
        String compiler = f.isEmpty() ? "" : f.get(0);
        if (!compiler.equals("gcc") && !compiler.startsWith("clang-")) return compile(name, f.toArray(String[]::new));
        f.remove(0);
        boolean cpp = name.endsWith(".cpp") || name.endsWith(".cc");
        String exe = compiler.equals("gcc") ? (cpp ? "g++" : "gcc") : cpp ? compiler.replace("clang", "clang++") : compiler;
        assumeInstalled(exe);
        return compileWith(exe, name, f.toArray(String[]::new));
    }

    /**
     * Set to {@code true} by {@code misc/test-all.sh} ({@code ./hindsight test}, CI), which installs
     * every compiler: there a test row naming a missing compiler fails instead of skipping.
     */
    public static final String REQUIRE_ALL_COMPILERS = "hindsight.requireAllCompilers";

    /**
     * Skips the calling test, saying why, when {@code compiler} is not on the PATH; fails instead
     * when {@link #REQUIRE_ALL_COMPILERS} is set.
     */
    public static void assumeInstalled(String compiler) {
        boolean found = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Paths.get(dir, compiler)));
        String missing = compiler + " is not installed (misc/test-all.sh installs it via misc/ensure-deps.sh)";
        if (Boolean.getBoolean(REQUIRE_ALL_COMPILERS)) {
            if (!found) throw new AssertionError(missing + ", and -D" + REQUIRE_ALL_COMPILERS + "=true requires it");
            return;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(found, missing + ": skipped (./hindsight test would fail)");
    }

    /** Compiles a fixture with another compiler ({@code gcc}, {@code g++}), same defaults. */
    public static Path compileWith(String compiler, String name, String... extraFlags) {
        String key = compiler + " " + name + " " + String.join(" ", extraFlags);
        return COMPILED.computeIfAbsent(key, k -> doCompile(compiler, name, List.of(extraFlags)));
    }

    private static Path doCompile(String compiler, String name, List<String> extraFlags) {
        try {
            Path src = source(name);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(Files.readAllBytes(src));
            md.update(String.join("\0", extraFlags).getBytes(StandardCharsets.UTF_8));
            // Default clang keeps its old cache keys; every other compiler gets its own.
            if (!compiler.equals("clang") && !compiler.equals("clang++")) md.update(compiler.getBytes(StandardCharsets.UTF_8));
            if (!TARGET_TRIPLE.isEmpty()) md.update(("--target=" + TARGET_TRIPLE).getBytes(StandardCharsets.UTF_8));
            String hash = HexFormat.of().formatHex(md.digest()).substring(0, 12);
            String base = name.replaceAll("[^A-Za-z0-9_]", "_");
            Files.createDirectories(OUT);
            Path exe = OUT.resolve(base + "-" + hash);
            if (Files.isExecutable(exe)) return exe;
            List<String> cmd = new ArrayList<>(List.of(compiler, "-g", "-O0"));
            if (!TARGET_TRIPLE.isEmpty()) cmd.add("--target=" + TARGET_TRIPLE);
            if (name.endsWith(".s") || name.endsWith(".S")) {
                if (Files.readString(src).contains("_start")) cmd.addAll(List.of("-nostdlib", "-static"));
            }
            if (name.endsWith(".c") || name.endsWith(".cpp")) cmd.add("-pthread");
            cmd.addAll(extraFlags);
            Path tmp = OUT.resolve(base + "-" + hash + ".tmp" + ProcessHandle.current().pid());
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

    private static String compilerFor(String name) {
        return name.endsWith(".cpp") || name.endsWith(".cc") ? "clang++" : "clang";
    }

    /** The 1-based line of the comment {@code BREAK: marker} in a fixture source. */
    public static int line(String name, String marker) {
        try {
            List<String> lines = Files.readAllLines(source(name));
            String needle = "BREAK: " + marker;
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                int at = l.indexOf(needle);
                if (at >= 0 && (l.length() == at + needle.length()
                        || !Character.isJavaIdentifierPart(l.charAt(at + needle.length())))) {
                    return i + 1;
                }
            }
            throw new IllegalArgumentException("no marker '" + marker + "' in " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
