package dev.hindsight.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiProcess;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console commands front ends and users type that no other lockstep test covers, each once as
 * a raw CLI line on the MI channel and once through {@code -interpreter-exec console "…"}, in
 * lockstep with gdb 13 on the hello fixture: result, record kinds and console text must be equal.
 * (break, run, continue, next, step, finish, until, jump, up, down, frame, bt, print, p/x, output,
 * x, info registers|frame|locals|args|sharedlibrary, set var, set env, show architecture and list
 * are compared in MiLockstepTest, MiSourceListingTest, MiRunToJumpMemoryAndVarTest and others.)
 * Also {@code info line}, {@code info threads}, {@code info signals} (gdb's whole table, {@code info handle},
 * one signal by name or number, its errors) and {@code disassemble} ({@code /r}, {@code /s}, {@code /m},
 * FUNCTION, START,END), {@code display[/x]} (and at the next stop), {@code undisplay} and
 * {@code info display}. Not yet as gdb, so not here: the
 * console text of {@code start}/{@code run} (gdb's "Starting program: …" and libthread_db lines)
 * and of {@code kill} (gdb's query line and the pid), whose records are compared.
 */
class MiConsoleCommandsTest {
    private static final Path HELLO = Fixtures.compile("hello.c");

    /** Commands answered at once, before the program runs and at a stop in add. */
    private static final List<String> BEFORE_RUN = List.of("set listsize 5", "show listsize", "list add", "show cwd", "set args one two",
            "show args", "set cwd " + HELLO.getParent(), "show cwd", "tbreak add", "info breakpoints", "delete 1",
            "info breakpoints", "break add", "show architecture",
            "info signals SIGINT", "info signals SIGSEGV", "info signals SIGCHLD", "info signals SIGTRAP",
            // gdb's whole table (every row, SIGPWR's "Power fail/restart" …) and its errors
            "info signals", "info handle", "info signals SIGPWR", "info signals 14", "info signals 200", "info signals FOO");
    private static final List<String> AT_A_STOP = List.of("info breakpoints", "delete 1", "info breakpoints",
            "info line add", "info line *$pc", "disassemble", "disassemble /r", "disassemble main", "disassemble /s", "disassemble /s main", "disassemble add,add+8", "info line " + Fixtures.line("hello.c", "loop"),
            // gdb's deprecated source-centric order: rows sorted by line (the loop's line once, its two pieces together),
            // lines without code shown with the next; (not add itself here: its listing runs into the padding after it,
            // whose multi-byte nops the engine spells as LLVM does, not as libopcodes)
            "disassemble /m main", "disassemble /rm main", "disassemble /m add,add+8", "disassemble /ms",
            // add's closing brace: clang gives it no code
            "info line " + (Fixtures.line("hello.c", "add") + 1));

    /** {@code command}, raw when {@code raw}, else through {@code -interpreter-exec console}. */
    private static String as(String command, boolean raw) {
        return raw ? command : "-interpreter-exec console \"" + command + "\"";
    }

    private static Lockstep both(Lockstep l, List<String> commands) {
        for (String c : commands) for (boolean raw : new boolean[] {true, false}) l.console(as(c, raw));
        return l;
    }

    @Test
    void consoleCommandsAnswerAsGdbDoes() throws Exception {
        Lockstep l = both(new Lockstep(), BEFORE_RUN);
        // start: a temporary breakpoint at main, the program run to it
        l.console("info threads");
        l.exec("start");
        l.execText(as("continue", false));
        // once only: gdb's next "info line" without argument goes on to the following line
        l.console("info line");
        for (boolean raw : new boolean[] {true, false}) l.console(as("info threads", raw), InfoThreadsText::withoutIds);
        both(l, AT_A_STOP);
        l.console("info display").console("display a").console(as("display/x b", false)).console("info display");
        l.execText("continue").console("undisplay 1").console("info display");
        l.execText("stepi").execText(as("stepi", false)).execText("nexti").execText(as("nexti", false));
        l.execText("finish");
        l.run(HELLO);
    }

    private static final Path GLOBALS = Fixtures.compile("console_globals.c");

    /**
     * Before the run gdb reads the executable: .data's values, .bss as zeros, functions and
     * globals at their link addresses (unrelocated, a PIE's too), sizeof; x of a global; displays,
     * shown at once and again when the program stops. And {@code info line}'s lines and where a
     * bare one goes on: the last info line's next line, a list's first line, a stop's line.
     */
    private static final List<String> GLOBALS_BEFORE_RUN = List.of("print counter", "print limit", "output ratio", "print greeting",
            "print table", "print origin", "print &twice", "print twice", "print main", "print sizeof(origin)", "print sizeof (int)",
            "print &origin.y", "p/x limit", "print table[1] + limit", "print limit = 5", "print $pc", "print nosuch",
            "x/4xw &limit", "x/2dw &limit", "x", "info symbol twice", "info line twice", "info line *twice+4",
            "info line " + Fixtures.line("console_globals.c", "twice"), "info line 100",
            // code at link addresses, no => line
            "disassemble", "disassemble twice", "disassemble /r twice", "disassemble /m main", "disassemble /s main", "disassemble twice,+4",
            "x/3i twice", "x",
            // without a process: gdb's words for each
            "info frame", "info frame 1", "info locals", "info args", "info registers", "info all-registers", "bt", "frame", "up", "down");
    private static final List<String> INFO_LINE_REPEATS = List.of("list", "info line", "list", "info line", "info line twice", "info line", "info line",
            "list main", "info line", "info line", "info line 100", "info line", "info line 3", "info line");

    @Test
    void globalsBeforeTheRunAndInfoLineRepeatsAnswerAsGdbDoes() throws Exception {
        Lockstep l = both(new Lockstep(), GLOBALS_BEFORE_RUN);
        for (String c : INFO_LINE_REPEATS) l.console(c);
        l.console("display nosuch").console("info display").console("display limit").console(as("display/x counter", false)).console("display greeting").console("info display").console("display");
        l.console("break twice");
        // the displays at the first stop (gdb's other lines there, libthread_db's, are its own)
        l.step("-exec-run", true, rs -> rs.stream().filter(r -> r.kind() == '~').map(MiRecord::text).collect(java.util.stream.Collectors.joining())
                .lines().filter(line -> line.matches("\\d+: .*")).toList());
        // a stop's line, then the next; a list's first line; and on after it
        l.console("info line").console(as("info line", false)).console("list").console("info line").console("info line");
        l.exec("-exec-next");
        l.console("info line").console("display");
        // in main, the last function (no padding after it): => at the pc
        l.console("disassemble /m").console(as("disassemble /mr", false));
        // libc's functions by their ELF alias (puts is glibc's _IO_puts, printf its __printf): type and address as
        // gdb's; the name in <…> is left out, as gdb writes the debug information's (__GI__IO_puts), the engine the ELF symbol
        l.console("print puts", text -> text.replaceAll(" <[^>]*>", " <…>")).console(as("print puts+1", false), text -> text.replaceAll(" <[^>]*>", " <…>"));
        l.console("info symbol puts+1").console(as("info symbol puts", false)).console("info symbol printf");
        // break *EXPR evaluated in the stopped program; again at the same address, with gdb's note
        l.console("break *twice+4").console(as("break *twice+4", false));
        l.run(GLOBALS);
    }

    /**
     * The process's own numbers (pthread_t, LWP) differ between two runs, and so may the Target Id
     * column's width that they set: the rest is compared.
     */
    private static final class InfoThreadsText {
        static Object withoutIds(String text) {
            return text.replaceAll("0x[0-9a-f]+ \\(LWP [0-9]+\\)", "0xT (LWP N)").replaceAll("(Target Id|\"\\S*\") +", "$1 ");
        }
    }

    @Test
    void showVersionNamesGdb13AsGdbDoes() throws Exception {
        // the words in parentheses are the build's (Debian's, Hindsight's): the rest is gdb's
        new Lockstep()
                .console("show version", text -> text.lines().findFirst().orElse("").replaceFirst("\\(.*?\\) ", ""))
                .console(as("show version", false), text -> text.lines().findFirst().orElse("").replaceFirst("\\(.*?\\) ", ""))
                .run(HELLO);
    }

    /** {@code set cwd DIR}: the program runs in DIR, as it tells on its terminal (a file here). */
    @Test
    void setCwdIsTheProgramsWorkingDirectoryAsWithGdb(@TempDir Path tmp) throws Exception {
        Path echo = Fixtures.compile("echo_env.c");
        List<String> cwds = new ArrayList<>();
        for (boolean gdb : new boolean[] {true, false}) {
            Path out = Files.createFile(tmp.resolve(gdb ? "gdb.txt" : "hindsight.txt"));
            try (MiProcess p = gdb ? MiProcess.gdb(echo) : MiProcess.hindsight(echo)) {
                p.send("-inferior-tty-set " + out);
                p.send(as("set cwd " + tmp, false));
                p.exchange("-exec-run");
                p.awaitStopped();
            }
            cwds.add(Files.readAllLines(out).stream().filter(l -> l.startsWith("cwd:")).findFirst().orElse("no cwd line"));
        }
        assertEquals(List.of("cwd:" + tmp.toRealPath(), "cwd:" + tmp.toRealPath()), cwds);
    }
}
