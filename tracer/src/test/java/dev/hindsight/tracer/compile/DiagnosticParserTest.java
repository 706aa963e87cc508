package dev.hindsight.tracer.compile;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Output shapes captured from clang 14 and GNU ld 2.40 on Debian 12. */
class DiagnosticParserTest {
    private static final Path A = Path.of("/src/a.c");
    private static final Path B = Path.of("/src/b.c");

    @Test
    void fatalErrorAndNotesAndColourCodes() {
        String out = "\u001B[1m/src/a.c:1:10: \u001B[0m\u001B[0;1;31mfatal error: \u001B[0m'nope.h' file not found\u001B[0m\n"
                + "/src/a.c:2:5: note: previous definition is here\n";
        List<Diagnostic> d = DiagnosticParser.parse(out, List.of(A));
        assertEquals(new Diagnostic("/src/a.c", 1, 10, Severity.FATAL, "'nope.h' file not found", "", List.of()), d.get(0));
        assertEquals(Severity.NOTE, d.get(1).severity());
    }

    @Test
    void linkerNotesAreNotesNotErrors() {
        String out = "/usr/bin/ld: warning: /tmp/s-1a2b3c.o: missing .note.GNU-stack section implies executable stack\n"
                + "/usr/bin/ld: NOTE: This behaviour is deprecated and will be removed in a future version of the linker\n";
        List<Diagnostic> d = DiagnosticParser.parse(out, List.of(A));
        assertEquals(2, d.size());
        assertEquals(Severity.WARNING, d.get(0).severity());
        assertEquals(Severity.NOTE, d.get(1).severity());
        assertEquals("This behaviour is deprecated and will be removed in a future version of the linker", d.get(1).message());
    }

    @Test
    void nestedIncludeChainIsOutermostLast() {
        String out = "In file included from /src/a.c:1:\nIn file included from /src/x.h:3:\n"
                + "/src/y.h:7:2: error: boom\n/src/a.c:9:1: warning: later\n";
        List<Diagnostic> d = DiagnosticParser.parse(out, List.of(A));
        assertEquals(List.of("/src/a.c:1", "/src/x.h:3"), d.get(0).includedFrom());
        assertEquals(List.of(), d.get(1).includedFrom());
    }

    @Test
    void multipleDefinitionWithoutDebugInfoMapsTemporaryObjectsToSources() {
        String out = "/usr/bin/ld: /tmp/b-adb28d.o: in function `foo':\n"
                + "b.c:(.text+0x0): multiple definition of `foo'; /tmp/a-d95c29.o:a.c:(.text+0x0): first defined here\n"
                + "clang: error: linker command failed with exit code 1 (use -v to see invocation)\n";
        List<Diagnostic> d = DiagnosticParser.parse(out, List.of(A, B));
        assertEquals("/src/b.c", d.get(0).file());
        assertEquals("foo", d.get(0).function());
        assertEquals(Severity.ERROR, d.get(0).severity());
        assertEquals(Diagnostic.withoutLocation(Severity.ERROR,
                "linker command failed with exit code 1 (use -v to see invocation)"), d.get(1));
    }

    @Test
    void linkerErrorsWithoutFile() {
        String out = "/usr/bin/ld: cannot find -lnosuchlib: No such file or directory\n";
        assertEquals(List.of(Diagnostic.withoutLocation(Severity.ERROR, "cannot find -lnosuchlib: No such file or directory")),
                DiagnosticParser.parse(out, List.of(A)));
    }

    @Test
    void blankAndUnrelatedLinesAreIgnored() {
        assertEquals(List.of(), DiagnosticParser.parse("\n1 warning generated.\nsome program output\n", List.of(A)));
    }
}
