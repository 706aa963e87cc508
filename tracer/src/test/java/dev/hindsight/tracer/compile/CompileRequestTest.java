package dev.hindsight.tracer.compile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompileRequestTest {

    @Test
    void languagesFollowClangsExtensions() {
        assertEquals(SourceLanguage.C, SourceLanguage.of(Path.of("a.c")).orElseThrow());
        for (String cxx : List.of("a.cc", "a.cpp", "a.cxx", "a.C")) {
            assertEquals(SourceLanguage.CXX, SourceLanguage.of(Path.of(cxx)).orElseThrow(), cxx);
        }
        assertEquals(SourceLanguage.ASSEMBLY, SourceLanguage.of(Path.of("a.s")).orElseThrow());
        assertEquals(SourceLanguage.PREPROCESSED_ASSEMBLY, SourceLanguage.of(Path.of("a.S")).orElseThrow());
        assertTrue(SourceLanguage.of(Path.of("a.py")).isEmpty());
        assertTrue(SourceLanguage.of(Path.of("Makefile")).isEmpty());
    }

    @Test
    void cxxAnywhereMeansCxxLinker(@TempDir Path out) {
        assertFalse(CompileRequest.of(List.of(Path.of("/x/a.c"), Path.of("/x/b.s")), List.of(), out).needsCxxLinker());
        assertTrue(CompileRequest.of(List.of(Path.of("/x/a.c"), Path.of("/x/b.cpp")), List.of(), out).needsCxxLinker());
    }

    @Test
    void executableIsNamedAfterTheFirstSource(@TempDir Path out) {
        assertEquals(out.resolve("main"), CompileRequest.of(List.of(Path.of("/x/main.cpp")), List.of(), out).executablePath());
    }

    @Test
    void rejectsWhatCannotBuildAnExecutable(@TempDir Path out) {
        assertThrows(IllegalArgumentException.class, () -> CompileRequest.of(List.of(), List.of(), out));
        assertThrows(IllegalArgumentException.class, () -> CompileRequest.of(List.of(Path.of("a.txt")), List.of(), out));
        for (String flag : List.of("-o", "-o/etc/passwd", "-c", "-S", "-E")) {
            assertThrows(IllegalArgumentException.class,
                    () -> CompileRequest.of(List.of(Path.of("/x/a.c")), List.of(flag), out), flag);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new CompileRequest(List.of(Path.of("/x/a.c")), List.of(), out, Duration.ZERO));
    }

    @Test
    void sourceTextNamesCannotEscapeTheSession(@TempDir Path base) throws Exception {
        try (SessionDirectory session = SessionDirectory.create(Map.of("TMPDIR", base.toString())::get)) {
            for (String bad : List.of("../evil.c", "/etc/evil.c", "a/b.c", "..c", "", ".hidden.c", "evil.c\n")) {
                assertThrows(IllegalArgumentException.class,
                        () -> CompileRequest.ofText(bad, "", List.of(), session, Duration.ofSeconds(5)), bad);
            }
            Files.createSymbolicLink(session.path().resolve("link.c"), base.resolve("target.c"));
            assertThrows(IllegalArgumentException.class,
                    () -> CompileRequest.ofText("link.c", "x", List.of(), session, Duration.ofSeconds(5)));
            assertFalse(Files.exists(base.resolve("target.c")));
            CompileRequest ok = CompileRequest.ofText("main.c", "int main(void){return 0;}", List.of(), session,
                    Duration.ofSeconds(5));
            assertEquals("int main(void){return 0;}", Files.readString(ok.sources().get(0)));
            assertEquals(session.path(), ok.outputDirectory());
        }
    }
}
