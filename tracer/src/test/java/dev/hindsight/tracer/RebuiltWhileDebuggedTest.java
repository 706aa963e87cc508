package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.GdbBacktraceOracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The program or its library is deleted, or replaced by another build (as a rebuild does: a new
 * file renamed over the path), while it is being debugged. The kernel's map then names the mapped
 * file "PATH (deleted)"; the module must stay, read from the mapped inode (the running image), not
 * from the path, which may hold another build. The library's mmap makes the next stop read the map
 * again; there the backtrace's names and lines must be the running image's: gdb's, run through
 * the same rebuild on its own copy (it keeps the symbols it read before), which must be the
 * fixture sources' markers; the modules are named by path, as gdb names them.
 */
class RebuiltWhileDebuggedTest {
    private static final List<String> ENV = List.of("LANG=C", "PATH=/usr/bin:/bin");
    private final Path dir = temp();
    private final Path gdbDir = temp();

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"library, deleted", "library, replaced", "executable, deleted", "executable, replaced"})
    void backtraceStaysTheRunningImages(String which, String how) throws Exception {
        String main = Fixtures.source("rebuilt.c").toString(), work = Fixtures.source("rebuilt_lib.c").toString();
        List<String> breaks = List.of(main + ":" + Fixtures.line("rebuilt.c", "load"),
                work + ":" + Fixtures.line("rebuilt_lib.c", "before"), work + ":" + Fixtures.line("rebuilt_lib.c", "after"));
        // Stop 1 (load): the program is mapped, not yet its library; stop 2 (before): in the library.
        int changeAfterStop = which.equals("executable") ? 1 : 2;
        Path other = which.equals("executable") ? Fixtures.compile("hello.c")
                : Fixtures.compile("rebuilt_lib.c", "-shared", "-fPIC", "-DOTHER_BUILD");

        Path gdbExe = install(gdbDir);
        String gdbChange = change(gdbDir.resolve(which.equals("executable") ? "rebuilt" : "librebuilt.so"), how, other);
        List<GdbBacktraceOracle.Stop> stops = GdbBacktraceOracle.runStops(gdbExe, List.of(gdbDir.resolve("librebuilt.so").toString()),
                breaks, ENV, 3, changeAfterStop == 1 ? List.of(gdbChange) : List.of("", gdbChange));
        assertEquals(3, stops.size(), "gdb stopped at load, before and after");
        List<GdbBacktraceOracle.Frame> expected = stops.get(2).current();
        // gdb, started before the rebuild, keeps the running image's symbols: the fixture's markers.
        assertEquals(work + ":" + Fixtures.line("rebuilt_lib.c", "after"), expected.get(0).file() + ":" + expected.get(0).line());
        assertEquals(main + ":" + Fixtures.line("rebuilt.c", "call"), expected.get(1).file() + ":" + expected.get(1).line());

        Path exe = install(dir);
        Path lib = dir.resolve("librebuilt.so");
        String ourChange = change(dir.resolve(which.equals("executable") ? "rebuilt" : "librebuilt.so"), how, other);
        try (Target t = Target.launch(LaunchSpec.of(exe, lib.toString()).withEnvironment(ENV))) {
            for (String b : breaks) {
                int colon = b.lastIndexOf(':');
                t.breakpoints().addLine(b.substring(0, colon), Integer.parseInt(b.substring(colon + 1)));
            }
            for (int stop = 1; stop <= 2; stop++) {
                stopped(t.execution().resume());
                if (stop == changeAfterStop) shell(ourChange);
            }
            StopEvent.Stopped s = stopped(t.execution().resume()); // after the library's mmap
            // Read the map again first, as a DAP session does at every stop (its module events).
            List<String> paths = t.symbols().modulesNow().modules().stream().map(LoadedModule::path).toList();

            List<Frame> bt = t.frames().backtrace(s.tid(), 16);
            assertTrue(bt.size() >= 2, "rebuilt_work called by main: " + bt);
            for (int i = 0; i < 2; i++) {
                GdbBacktraceOracle.Frame g = expected.get(i);
                assertEquals(g.name(), bt.get(i).function(), "frame " + i + ": " + bt);
                assertEquals(g.file() + ":" + g.line(), String.valueOf(bt.get(i).line()), "frame " + i + ": " + bt);
            }
            // As gdb's info sharedlibrary and info inferiors name them: the path, no " (deleted)".
            assertTrue(paths.contains(real(exe)) && paths.contains(real(lib)), "both named by their paths: " + paths);
            assertTrue(t.symbols().modulesNow().modules().stream().anyMatch(m -> m.mainExecutable() && m.path().equals(real(exe))),
                    "the executable is the main one: " + paths);
        }
    }

    /** Copies the program and its library into {@code into}; returns the program. */
    private static Path install(Path into) {
        copy(Fixtures.compile("rebuilt_lib.c", "-shared", "-fPIC"), into.resolve("librebuilt.so"));
        return copy(Fixtures.compile("rebuilt.c"), into.resolve("rebuilt"));
    }

    /**
     * The shell command that deletes the file, or renames another build over it, as a rebuild
     * does (a running executable cannot be written in place).
     */
    private static String change(Path file, String how, Path otherBuild) {
        return how.equals("deleted") ? "rm -f '" + file + "'"
                : "cp '" + otherBuild + "' '" + file + ".new' && mv -f '" + file + ".new' '" + file + "'";
    }

    private static void shell(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).inheritIO().start();
        assertEquals(0, p.waitFor(), command);
    }

    @AfterEach
    void removeDirs() throws IOException {
        for (Path d : List.of(dir, gdbDir)) {
            try (Stream<Path> s = Files.walk(d)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private String real(Path p) {
        // The kernel names files by their real path; the directory stays, whatever became of the file.
        try {
            return dir.toRealPath().resolve(p.getFileName()).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path temp() {
        try {
            return Files.createTempDirectory("hindsight-rebuilt");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            return to;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
