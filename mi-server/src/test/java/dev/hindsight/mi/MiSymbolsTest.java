package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * {@code -symbol-list-lines} (link-time addresses before the run, loaded ones while stopped),
 * {@code -file-symbol-file} and {@code -environment-directory} (gdb's source path: {@code -r},
 * several directories, a colon-separated one, a relative one, one given again) in lockstep with
 * gdb 13, with gdb's errors.
 */
class MiSymbolsTest {
    private static final String FIXTURE = "lockstep.c";

    private static Object whole(MiRecord r) {
        return r.results();
    }

    @Test
    void lineTablesSymbolFilesAndSourcePath() throws Exception {
        java.nio.file.Path program = Fixtures.compile(FIXTURE);
        new Lockstep().cmd("-gdb-set mi-async on")
                .cmd("-symbol-list-lines " + FIXTURE, MiSymbolsTest::whole)
                .cmd("-symbol-list-lines nosuch.c", MiSymbolsTest::whole)
                .cmd("-symbol-list-lines", MiSymbolsTest::whole)
                .cmd("-symbol-list-lines a b", MiSymbolsTest::whole)
                .cmd("-file-symbol-file", MiSymbolsTest::whole) // gdb drops the symbols, read again next
                .cmd("-file-symbol-file " + program, MiSymbolsTest::whole)
                .cmd("-file-symbol-file /nonexistent-symbols", MiSymbolsTest::whole)
                .cmd("-file-symbol-file a b", MiSymbolsTest::whole)
                .cmd("-environment-directory", MiSymbolsTest::whole)
                .cmd("-environment-directory /tmp /usr", MiSymbolsTest::whole)
                .cmd("-environment-directory /usr/lib:/tmp", MiSymbolsTest::whole)
                .cmd("-gdb-show directories", MiSymbolsTest::whole)
                .cmd("-environment-directory /tmp", MiSymbolsTest::whole)
                .cmd("-environment-directory -r", MiSymbolsTest::whole)
                .cmd("-environment-directory -r /opt/", MiSymbolsTest::whole)
                .cmd("-environment-directory \"\"", MiSymbolsTest::whole)
                .cmd("-environment-directory -x", MiSymbolsTest::whole)
                .cmd("-break-insert " + FIXTURE + ":" + Fixtures.line(FIXTURE, "scale"))
                .exec("-exec-run")
                .cmd("-symbol-list-lines " + FIXTURE, MiSymbolsTest::whole)
                .run(program);
    }

    /** Before the run: gdb 13 lists only the program's own functions then (the libraries' come with their loading). */
    @Test
    void functionsWithTheirTypesAndDeclarations() throws Exception {
        new Lockstep()
                .cmd("-symbol-info-functions", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --name fib", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --name ^s", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --name nomatch", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --max-results 1", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --max-results 0", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --max-results x", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --include-nondebug --name ^_st", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --include-nondebug --name ^str", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --type int", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --type ^void", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --type \"long (int)\" --include-nondebug", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --type \\(int\\) --include-nondebug --name .", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --name", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --bogus", MiSymbolsTest::whole)
                .run(Fixtures.compile(FIXTURE));
        new Lockstep().cmd("-symbol-info-functions", MiSymbolsTest::whole).run(Fixtures.compile("return_values.c"));
    }

    /**
     * {@code -symbol-info-functions} stopped in main, the libraries loaded: gdb searches every
     * objfile, so the shared libraries' functions (their own debug information, and libc's from
     * its separate debug file) are listed with the program's, sorted together by file; the
     * nondebug ones object by object (executable, then ld.so's order), each in address order at
     * its loaded address; {@code --max-results} counts across objects.
     */
    @Test
    void functionsOfTheLoadedLibraries() throws Exception {
        java.nio.file.Path a = Fixtures.compile("module_globals_a.c", "-shared", "-fPIC");
        java.nio.file.Path b = Fixtures.compile("module_globals_b.c", "-shared", "-fPIC");
        java.nio.file.Path program = Fixtures.compile("module_globals.c", a.toString(), b.toString());
        new Lockstep()
                .cmd("-break-insert main")
                .exec("-exec-run")
                .cmd("-symbol-info-functions --name report", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --name ^(main|b_report)$", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --name ^\\(main\\|b_report\\)$", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --name ^\\(main\\|b_report\\)$ --max-results 1", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --name ^b_[r]e\\{1\\}port.\\+", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --include-nondebug --name ^_init$", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --include-nondebug --name ^_\\(init\\|fini\\)$", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --include-nondebug --name ^\\(b_report\\|_fini\\)$", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --name ^_int_malloc$", MiSymbolsTest::withoutFileNames)
                .run(program);
    }

    /**
     * The result without each file's {@code filename} and {@code fullname}: libc's separate debug
     * information names its units relative to a relative {@code comp_dir} ({@code ./malloc},
     * directory 0 {@code ./malloc}, file {@code malloc.c}), which gdb writes unnormalised
     * ({@code ./malloc/malloc.c}, {@code ./malloc/./malloc/malloc.c}) and the engine's line table
     * keeps only normalised ({@code malloc/malloc/malloc.c}); see {@link #libcFileNamesAsGdbWritesThem}.
     */
    private static Object withoutFileNames(MiRecord r) {
        return String.valueOf(r.results()).replaceAll("filename=[^,]*, fullname=[^,]*, ", "");
    }

    @Test
    void libcFileNamesAsGdbWritesThem() throws Exception {
        new Lockstep()
                .cmd("-break-insert main")
                .exec("-exec-run")
                .cmd("-symbol-info-functions --name ^_int_malloc$", MiSymbolsTest::whole)
                .run(Fixtures.compile(FIXTURE));
    }
}
