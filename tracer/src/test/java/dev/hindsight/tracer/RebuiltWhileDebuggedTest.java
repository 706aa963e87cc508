package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.testing.Fixtures;
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
 * again; there the backtrace's names and lines must be the running image's (taken from the fixture
 * sources' markers, as gdb, started before the rebuild, shows them), its modules named by path.
 */
class RebuiltWhileDebuggedTest {
    private final Path dir = temp();
    private final Path exe = copy(Fixtures.compile("rebuilt.c"), dir.resolve("rebuilt"));
    private final Path lib = copy(Fixtures.compile("rebuilt_lib.c", "-shared", "-fPIC"), dir.resolve("librebuilt.so"));

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"library, deleted", "library, replaced", "executable, deleted", "executable, replaced"})
    void backtraceStaysTheRunningImages(String which, String how) throws IOException {
        String main = Fixtures.source("rebuilt.c").toString(), work = Fixtures.source("rebuilt_lib.c").toString();
        try (Target t = Target.launch(LaunchSpec.of(exe, lib.toString()))) {
            t.breakpoints().addLine(main, Fixtures.line("rebuilt.c", "load"));
            t.breakpoints().addLine(work, Fixtures.line("rebuilt_lib.c", "before"));
            t.breakpoints().addLine(work, Fixtures.line("rebuilt_lib.c", "after"));
            stopped(t.execution().resume()); // load: the program is mapped, not yet its library
            if (which.equals("executable")) change(exe, how, Fixtures.compile("hello.c"));
            stopped(t.execution().resume()); // before: in the library
            if (which.equals("library")) change(lib, how, Fixtures.compile("rebuilt_lib.c", "-shared", "-fPIC", "-DOTHER_BUILD"));
            StopEvent.Stopped s = stopped(t.execution().resume()); // after the mmap
            // Read the map again first, as a DAP session does at every stop (its module events).
            List<String> paths = t.symbols().modulesNow().modules().stream().map(LoadedModule::path).toList();

            List<Frame> bt = t.frames().backtrace(s.tid(), 16);
            assertTrue(bt.size() >= 2, "rebuilt_work called by main: " + bt);
            assertEquals("rebuilt_work", bt.get(0).function(), "frame 0: " + bt);
            assertEquals(work + ":" + Fixtures.line("rebuilt_lib.c", "after"), String.valueOf(bt.get(0).line()), "frame 0: " + bt);
            assertEquals("main", bt.get(1).function(), "frame 1: " + bt);
            assertEquals(main + ":" + Fixtures.line("rebuilt.c", "call"), String.valueOf(bt.get(1).line()), "frame 1: " + bt);
            assertTrue(paths.contains(real(exe)) && paths.contains(real(lib)), "both named by their paths: " + paths);
            assertTrue(t.symbols().modulesNow().modules().stream().anyMatch(m -> m.mainExecutable() && m.path().equals(real(exe))),
                    "the executable is the main one: " + paths);
        }
    }

    /** Deletes the file, or renames another build over it (a running executable cannot be written in place). */
    private void change(Path file, String how, Path otherBuild) throws IOException {
        if (how.equals("deleted")) {
            Files.delete(file);
        } else {
            Path next = copy(otherBuild, dir.resolve(file.getFileName() + ".new"));
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @AfterEach
    void removeDir() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
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
