package dev.hindsight.tracer.dwarf;

import dev.hindsight.tracer.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Runs the system oracles (llvm-dwarfdump, readelf) and compilers that the Fixtures helper does not cover. */
public final class Tools {
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();

    private Tools() {}

    public static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) throw new IllegalStateException("timeout: " + List.of(command));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compiles a fixture with an arbitrary compiler (e.g. gcc, g++) into target/dwarf-fixtures, once per run. */
    public static Path compileWith(String compiler, String fixture, String... flags) {
        String key = compiler + " " + fixture + " " + String.join(" ", flags);
        return BUILT.computeIfAbsent(key, k -> {
            try {
                Path dir = Paths.get("target/dwarf-fixtures").toAbsolutePath();
                Files.createDirectories(dir);
                Path out = dir.resolve((compiler + "_" + fixture + "_" + String.join("", flags)).replaceAll("[^A-Za-z0-9_.]", "_"));
                List<String> cmd = new ArrayList<>(List.of(compiler, "-g", "-O0"));
                cmd.addAll(List.of(flags));
                cmd.addAll(List.of("-o", out.toString(), Fixtures.source(fixture).toString()));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) throw new IllegalStateException(cmd + "\n" + log);
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public static DwarfSections sections(Path exe) {
        try {
            return TestElfSections.load(exe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String dwarfdump() {
        return Files.isExecutable(Paths.get("/usr/bin/llvm-dwarfdump")) ? "llvm-dwarfdump" : "llvm-dwarfdump-14";
    }
}
