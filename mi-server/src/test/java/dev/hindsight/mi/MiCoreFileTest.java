package dev.hindsight.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiProcess;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.CoreDumps;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Post-mortem debugging of core dumps, in lockstep with gdb on the same dump: {@code PROGRAM CORE}
 * on the command line, {@code -target-select core}, {@code core-file}; frames, locals, registers,
 * memory, the shared libraries; execution refused as gdb refuses it.
 */
class MiCoreFileTest {
    private static final String SRC = "core_dump.c";
    private final Path program = Fixtures.compile(SRC);

    @Test
    void aCrashDumpReadsAsGdbReadsIt() throws Exception {
        Path core = CoreDumps.gcoreAfterCrash(program, "crash");
        new Lockstep()
                .cmd("-stack-list-frames", r -> r.get("stack"))
                .cmd("-stack-info-depth", r -> r.get("depth"))
                .cmd("-stack-list-locals --all-values", r -> r.get("locals"))
                .cmd("-stack-list-arguments 1", r -> r.get("stack-args"))
                .cmd("-data-list-register-values x 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17", r -> r.get("register-values"))
                .cmd("-data-read-memory-bytes $rsp 64", r -> r.get("memory"))
                .cmd("-data-evaluate-expression counter", r -> r.get("value"))
                .cmd("-data-evaluate-expression greeting", r -> r.get("value"))
                .console("-interpreter-exec console \"bt\"")
                .console("-interpreter-exec console \"info registers rip\"")
                .console("-interpreter-exec console \"x/16xb $sp\"")
                .cmd("-data-disassemble -s $pc -e \"$pc + 4\" -- 0", r -> r.get("asm_insns"))
                .console("-interpreter-exec console \"info sharedlibrary\"")
                .cmd("-stack-select-frame 1")
                .cmd("-stack-list-locals --all-values", r -> r.get("locals"))
                .console("-interpreter-exec console \"print *heap@6\"")
                .console("-interpreter-exec console \"info registers rbp rsp\"")
                .cmd("-exec-continue", r -> r.get("msg"))
                .cmd("-exec-next", r -> r.get("msg"))
                .cmd("-exec-step-instruction", r -> r.get("msg"))
                .cmd("-exec-finish", r -> r.get("msg"))
                .console("-interpreter-exec console \"continue\"")
                .console("-interpreter-exec console \"step\"")
                .cmd("-stack-list-frames", r -> r.get("stack"))
                .runOnCore(program, core);
    }

    @Test
    void targetSelectCoreAndCoreFileAnnounceTheDumpAsGdbDoes() throws Exception {
        Path snapshot = CoreDumps.gcoreAt(program, SRC, "snapshot");
        Path crash = CoreDumps.gcoreAfterCrash(program, "crash");
        new Lockstep()
                .cmd("-target-select core " + snapshot, r -> r.get("frame"))
                .cmd("-stack-list-frames", r -> r.get("stack"))
                .cmd("-stack-list-locals --all-values", r -> r.get("locals"))
                .console("-interpreter-exec console \"print heap\"")
                .console("-interpreter-exec console \"core-file " + crash + "\"", MiCoreFileTest::withoutGdbsOwn)
                .cmd("-stack-list-frames", r -> r.get("stack"))
                .console("-interpreter-exec console \"target core " + snapshot + "\"", MiCoreFileTest::withoutGdbsOwn)
                .cmd("-stack-list-frames", r -> r.get("stack"))
                .runWithout(program);
    }

    /**
     * A dump of two threads, taken (gcore) where the worker hit a breakpoint: the threads numbered
     * as gdb numbers them (the one that stopped first), named as gdb names them, the worker current.
     */
    @Test
    void theThreadsOfADumpAreNumberedAndNamedAsGdbDoes() throws Exception {
        Path threads = Fixtures.compile("threads.c");
        Path core = CoreDumps.gcoreAt(threads, "threads.c", "worker");
        new Lockstep()
                .cmd("-thread-info", Lockstep.fields("threads.0.id", "threads.1.id", "threads.0.target-id", "threads.1.target-id",
                        "threads.0.name", "threads.1.name", "current-thread-id", "threads.0.frame.func", "threads.0.frame.line"))
                .cmd("-stack-list-frames 0 0", r -> r.get("stack"))
                .cmd("-stack-list-locals --all-values", r -> r.get("locals"))
                .cmd("-thread-select 2", r -> r.get("new-thread-id"))
                .cmd("-thread-select 1", r -> r.get("frame"))
                .runOnCore(threads, core);
        List<String> words = List.of(threads.toString(), core.toString());
        assertEquals(startup(MiProcess.gdbCommandLine(words)), startup(MiProcess.hindsightCommandLine(words)),
                "[New LWP N] in the dump's order, and [Current thread is 1 (Thread 0x… (LWP N))]");
    }

    /** Lines gdb prints about its thread library and about its own checks, which are not the dump's. */
    private static Object withoutGdbsOwn(String text) {
        List<String> kept = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (l.startsWith("[Thread debugging") || l.startsWith("Using host libthread_db") || l.startsWith("warning:")) continue;
            kept.add(l);
        }
        return kept;
    }

    @Test
    void theCommandLineLoadsTheDumpBeforeTheFirstPromptAsGdbDoes() throws Exception {
        Path core = CoreDumps.gcoreAfterCrash(program, "crash");
        List<String> words = List.of(program.toString(), core.toString());
        assertEquals(startup(MiProcess.gdbCommandLine(words)), startup(MiProcess.hindsightCommandLine(words)));
    }

    /** The console text and record kinds up to the first prompt, gdb's own lines left out. */
    private static List<Object> startup(MiProcess p) throws Exception {
        try (p) {
            List<Object> seen = new ArrayList<>();
            for (MiRecord r : p.readUntil(r -> r.kind() == '(')) {
                if (r.kind() == '~') seen.addAll((List<?>) withoutGdbsOwn(r.text()));
                else if (r.kind() == '=' && !r.cls().startsWith("library-") && !r.cls().equals("thread-group-added")) seen.add("=" + r.cls());
            }
            return seen;
        }
    }

    /** Without --interpreter, as gdb's console: the announcement, the frame it died in, then bt and info sharedlibrary. */
    @Test
    void thePlainConsoleShowsTheDumpAsGdbsConsoleDoes() throws Exception {
        Path core = CoreDumps.gcoreAfterCrash(program, "crash");
        List<String> words = List.of("-q", "-batch", "-ex", "bt", "-ex", "info sharedlibrary", program.toString(), core.toString());
        List<String> gdb = new ArrayList<>(List.of("gdb", "-nx"));
        gdb.addAll(words);
        List<String> hindsight = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.hindsight.mi.GdbMain"));
        hindsight.addAll(words);
        assertEquals(consoleLines(gdb), consoleLines(hindsight));
    }

    /** What a command printed, without the lines that are each debugger's own (gdb's thread library and warnings, symbol reading). */
    @SuppressWarnings("unchecked")
    private static List<String> consoleLines(List<String> command) {
        List<String> kept = new ArrayList<>();
        for (String l : dev.hindsight.tracer.testing.Commands.output(command).split("\n")) {
            if (l.isBlank() || l.startsWith("Reading symbols") || l.startsWith("[New LWP")) continue;
            kept.addAll((List<String>) withoutGdbsOwn(l));
        }
        return kept;
    }

    @Test
    void aFileThatIsNoCoreDumpIsAnErrorAndTheSessionGoesOn(@TempDir Path tmp) throws Exception {
        Path core = CoreDumps.gcoreAfterCrash(program, "crash");
        Path cut = tmp.resolve("cut.core");
        byte[] all = Files.readAllBytes(core);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        Path text = tmp.resolve("text");
        Files.writeString(text, "hello\n");
        try (MiProcess h = MiProcess.hindsightCommandLine(List.of(program.toString()))) {
            h.awaitPrompt();
            MiRecord r = h.send("-target-select core " + text);
            assertEquals("error", r.cls());
            assertTrue(r.str("msg").contains("is not a core dump"), r.str("msg"));
            r = h.send("-target-select core " + cut);
            assertEquals("error", r.cls());
            assertTrue(r.str("msg").contains("is truncated"), r.str("msg"));
            r = h.send("-interpreter-exec console \"core-file " + program + "\"");
            assertEquals("error", r.cls());
            assertTrue(r.str("msg").contains("is not a core dump: it is an ELF executable"), r.str("msg"));
            assertEquals("connected", h.send("-target-select core " + core).cls(), "the session goes on");
        }
    }
}
