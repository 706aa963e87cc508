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
                .cmd("-symbol-info-functions --name", MiSymbolsTest::whole)
                .cmd("-symbol-info-functions --bogus", MiSymbolsTest::whole)
                .run(Fixtures.compile(FIXTURE));
        new Lockstep().cmd("-symbol-info-functions", MiSymbolsTest::whole).run(Fixtures.compile("return_values.c"));
    }
}
