package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Transcript lockstep against real gdb 13: the same MI script through {@code gdb --interpreter=mi3}
 * and through {@code hindsight gdb} on the same fixture binary; result classes, record kinds,
 * stop reasons, frames, breakpoints, locals, registers, memory and disassembly must match.
 */
class MiLockstepTest {
    private static final Function<MiRecord, Object> BKPT = Lockstep.fields("bkpt.number", "bkpt.type", "bkpt.disp",
            "bkpt.enabled", "bkpt.addr", "bkpt.func", "bkpt.file", "bkpt.fullname", "bkpt.line", "bkpt.times",
            "bkpt.original-location", "bkpt.cond");

    /** Frames without gdb's {@code from} (it names libraries it read) and with everything else. */
    private static Function<MiRecord, Object> frames() {
        return r -> r.get("stack");
    }

    /** A list compared as a set (order is not what the step checks). */
    private static Function<MiRecord, Object> asSet(String path) {
        return r -> new HashSet<>((List<?>) r.get(path));
    }

    @Test
    void breakpointsStepsStackAndValuesMatchGdb() throws Exception {
        int loop = Fixtures.line("hello.c", "loop");
        new Lockstep()
                .cmd("-gdb-set mi-async on")
                .cmd("-target-select native")
                .cmd("-list-target-features", r -> r.get("features"))
                .cmd("-break-insert add", BKPT)
                .cmd("-break-insert -t hello.c:" + loop, BKPT)
                .exec("-exec-run")
                .cmd("-stack-list-frames", frames())
                .cmd("-stack-info-depth", r -> r.get("depth"))
                .cmd("-stack-list-locals 1", r -> r.get("locals"))
                .cmd("-stack-list-locals --simple-values", r -> r.get("locals"))
                .cmd("-stack-list-locals 0", r -> r.get("locals"))
                .cmd("-stack-list-arguments 1", r -> r.get("stack-args"))
                .cmd("-stack-list-variables --all-values", asSet("variables"))
                .cmd("-data-evaluate-expression total", r -> r.get("value"))
                .cmd("-data-evaluate-expression \"total + 40\"", r -> r.get("value"))
                .cmd("-var-create tv * total", Lockstep.fields("name", "numchild", "value", "type", "thread-id", "has_more"))
                .exec("-exec-next")
                .cmd("-stack-list-frames", frames())
                .cmd("-stack-list-arguments 1 0 1", r -> r.get("stack-args"))
                .cmd("-stack-list-arguments 0", r -> r.get("stack-args"))
                .cmd("-stack-list-arguments --simple-values", r -> r.get("stack-args"))
                .cmd("-stack-list-locals --no-values", r -> r.get("locals"))
                .cmd("-data-list-register-values x 4 5 6 7 16 17 18 19 20 21 22 23", r -> r.get("register-values"))
                .cmd("-data-list-register-values N 6 7 16 17", r -> r.get("register-values"))
                .cmd("-data-list-register-values d 5 17", r -> r.get("register-values"))
                .cmd("-data-read-memory-bytes &a 8", r -> r.get("memory"))
                .cmd("-data-read-memory-bytes -o 4 &a 4", r -> r.get("memory"))
                .cmd("-data-disassemble -a add -- 0", r -> r.get("asm_insns"))
                // /s order: hello.c's main goes back to the loop's line and skips its closing brace
                .cmd("-data-disassemble -a main -- 4", r -> r.get("asm_insns"))
                // the LWP is each run's own process id
                .cmd("-thread-info", r -> Lockstep.fields("threads.0.id", "threads.0.target-id", "threads.0.state",
                        "threads.0.frame", "current-thread-id").apply(r).toString().replaceAll("LWP \\d+", "LWP N"))
                .cmd("-thread-list-ids", r -> r.results())
                .cmd("-stack-select-frame 1")
                .cmd("-stack-info-frame", r -> r.get("frame"))
                .cmd("-stack-list-locals 1", r -> r.get("locals"))
                .cmd("-var-update 1 *", r -> r.get("changelist"))
                .cmd("-stack-select-frame 0")
                .exec("-exec-step-instruction")
                .exec("-exec-next-instruction")
                .exec("-exec-finish")
                .cmd("-break-list", r -> r.get("BreakpointTable.body"))
                .exec("-exec-continue")
                .cmd("-break-delete 1")
                .exec("-exec-continue")
                .cmd("-stack-list-frames")
                .exec("-exec-continue")
                .run(Fixtures.compile("hello.c"));
    }

    @Test
    void conditionsIgnoreCountsAndExitCodesMatchGdb() throws Exception {
        new Lockstep()
                .cmd("-break-insert -i 1 recurse", BKPT)
                .exec("-exec-run")
                .cmd("-stack-list-frames", frames())
                .cmd("-break-condition 1 n == 1")
                .exec("-exec-continue")
                .cmd("-stack-list-arguments 1", r -> r.get("stack-args"))
                .cmd("-break-list", r -> r.get("BreakpointTable.body"))
                .cmd("-break-disable 1")
                .exec("-exec-continue")
                .cmd("-exec-continue")
                .run(Fixtures.compile("recurse.c"));
    }

    @Test
    void signalsAndDeathBySignalMatchGdb() throws Exception {
        new Lockstep()
                .cmd("-gdb-set mi-async on")
                .exec("-exec-run")
                .cmd("-stack-list-frames", frames())
                .exec("-exec-continue")
                .run(Fixtures.compile("faults.c"), "segv");
    }

    @Test
    void runStartStopsAtMainLikeGdb() throws Exception {
        new Lockstep()
                .exec("-exec-run --start")
                .cmd("-stack-list-locals 0", r -> r.get("locals"))
                .exec("-exec-step")
                .exec("-exec-step")
                .cmd("-stack-list-frames", frames())
                .run(Fixtures.compile("hello.c"));
    }

    /** Explicit locations, as cdt-gdb-adapter sends its line and function breakpoints. */
    @Test
    void explicitLocationsMatchGdb() throws Exception {
        int loop = Fixtures.line("hello.c", "loop");
        String source = Fixtures.source("hello.c").toString();
        new Lockstep()
                .cmd("-break-insert --source \"" + source + "\" --line " + loop, BKPT)
                .cmd("-break-insert --function add", BKPT)
                .cmd("-break-insert --source hello.c --function add", BKPT)
                .cmd("-break-insert --source hello.c")
                .exec("-exec-run")
                .cmd("-stack-list-frames", frames())
                .cmd("-break-delete 1")
                .exec("-exec-continue")
                .cmd("-stack-list-frames", frames())
                .run(Fixtures.compile("hello.c"));
    }

    @Test
    void consoleCommandsPrintWhatGdbPrints() throws Exception {
        int add = Fixtures.line("hello.c", "add");
        new Lockstep()
                .console("break hello.c:" + add)
                .exec("run")
                .console("bt")
                .console("-interpreter-exec console \"bt\"")
                .console("print a + b")
                .console("p/x b + 255")
                .console("info locals")
                .console("info args")
                .console("info registers rip")
                .console("info registers rbp rsp")
                .console("x/4xw $sp")
                .console("x/2xg $sp")
                .console("print nosuch")
                .exec("next")
                .exec("continue")
                .console("frame 1")
                .run(Fixtures.compile("hello.c"));
    }

    @Test
    void registersDisassemblyAndVariableObjectsMatchGdb() throws Exception {
        new Lockstep()
                .cmd("-gdb-set mi-async on")
                .cmd("-break-insert scale", BKPT)
                .exec("-exec-run")
                .cmd("-data-list-register-names", r -> r.get("register-names"))
                .cmd("-data-list-register-names 0 16 17 56 152 155 171", r -> r.get("register-names"))
                .cmd("-data-list-register-values x 40 41 56", r -> r.get("register-values"))
                .cmd("-data-list-register-values N 56", r -> r.get("register-values"))
                .cmd("-data-list-changed-registers", asSet("changed-registers"))
                .exec("-exec-next")
                .cmd("-data-list-changed-registers", asSet("changed-registers"))
                .cmd("-data-disassemble -s $pc -e \"$pc + 12\" -- 1", r -> r.get("asm_insns"))
                .cmd("-data-disassemble -s $pc -e \"$pc + 12\" -- 0", r -> r.get("asm_insns"))
                .cmd("-data-disassemble -s $pc -e \"$pc + 12\" -- 2", r -> r.get("asm_insns"))
                .cmd("-data-disassemble -s $pc -e \"$pc + 12\" -- 3", r -> r.get("asm_insns"))
                // as cdt-gdb-adapter asks for its disassembly view
                .cmd("-data-disassemble -s \"($pc)+0\" -e \"($pc)+12\" -- 5", r -> r.get("asm_insns"))
                .cmd("-data-disassemble -a main -- 4", r -> r.get("asm_insns"))
                .cmd("-data-disassemble -a scale -- 5", r -> r.get("asm_insns"))
                .cmd("-var-create pv * *p", Lockstep.fields("name", "numchild", "value", "type", "has_more"))
                .cmd("-var-list-children --all-values pv", r -> r.results())
                .cmd("-var-list-children --simple-values pv", r -> r.results())
                .cmd("-var-create - * p", Lockstep.fields("name", "numchild", "value", "type"))
                .cmd("-var-evaluate-expression pv.x", r -> r.get("value"))
                .exec("-exec-next")
                .cmd("-var-update --all-values *", r -> r.get("changelist"))
                .cmd("-var-evaluate-expression pv", r -> r.get("value"))
                .cmd("-var-delete pv", r -> r.get("ndeleted"))
                .cmd("-var-evaluate-expression pv.x", r -> r.get("msg"))
                .exec("-exec-finish")
                .cmd("-stack-list-locals --simple-values", r -> r.get("locals"))
                .cmd("-stack-list-locals --all-values", r -> r.get("locals"))
                .cmd("-data-evaluate-expression p", r -> r.get("value"))
                .cmd("-data-evaluate-expression $_gthread", r -> r.get("value"))
                .run(Fixtures.compile("lockstep.c"));
    }

    /** An endless loop, interrupted once it loops: gdb reports SIGINT in the loop. */
    @Test
    void interruptStopsARunningProgramLikeGdb() throws Exception {
        new Lockstep()
                .cmd("-gdb-set mi-async on")
                .cmd("-break-insert endless.c:" + Fixtures.line("endless.c", "spin"), BKPT)
                .exec("-exec-run")
                .cmd("-break-delete 1")
                .start("-exec-continue")
                .stopsAfter("-exec-interrupt", Lockstep.fields("reason", "signal-name", "signal-meaning", "frame.func",
                        "frame.file", "frame.line", "thread-id", "stopped-threads"))
                .cmd("-stack-list-frames", r -> ((java.util.List<?>) r.get("stack")).size())
                .run(Fixtures.compile("endless.c"));
    }

    /** Settings, the program file, its arguments and directory, set up as front ends do before running. */
    @Test
    void sessionSetUpMatchesGdb() throws Exception {
        java.nio.file.Path echo = Fixtures.compile("echo_env.c");
        new Lockstep()
                .cmd("-gdb-show mi-async", r -> r.get("value"))
                .cmd("-gdb-set mi-async on")
                .cmd("-gdb-show mi-async", r -> r.get("value"))
                .cmd("-gdb-show pagination", r -> r.get("value"))
                .cmd("-gdb-set pagination off")
                .cmd("-gdb-show pagination", r -> r.get("value"))
                .cmd("-gdb-set width 0")
                .cmd("-gdb-show width", r -> r.get("value"))
                .cmd("-gdb-set height 0")
                .cmd("-gdb-show height", r -> r.get("value"))
                .cmd("-gdb-show print pretty", r -> r.get("value"))
                .cmd("-gdb-set print pretty on")
                .cmd("-gdb-show print pretty", r -> r.get("value"))
                .cmd("-gdb-show disassembly-flavor", r -> r.get("value"))
                .cmd("-gdb-show host-charset", r -> r.get("value"))
                // scripts and benchmarks set it (Hindsight never starts programs through a shell)
                .cmd("-gdb-set startup-with-shell on")
                .cmd("-gdb-show startup-with-shell", r -> r.get("value"))
                .cmd("-gdb-set startup-with-shell off")
                .cmd("-gdb-show startup-with-shell", r -> r.get("value"))
                .cmd("-gdb-show disable-randomization", r -> r.get("value"))
                // cdt-gdb-adapter reads the character set out of this sentence
                .console("-interpreter-exec console \"show host-charset\"")
                .console("show pagination")
                .console("show width")
                .console("show disassembly-flavor")
                .console("show print pretty")
                .cmd("-gdb-set args x y")
                .cmd("-gdb-show args", r -> r.get("value"))
                .cmd("-exec-arguments one \"two three\"")
                .cmd("-gdb-show args", r -> r.get("value"))
                // the oracle runs without a shell (see MiProcess), which splits quoted words differently
                .cmd("-exec-arguments one two")
                .cmd("-environment-cd /tmp")
                .cmd("-file-exec-and-symbols " + echo)
                .cmd("-break-insert main", BKPT)
                .cmd("-break-disable 1")
                .cmd("-break-enable 1")
                .cmd("-break-after 1 0")
                .cmd("-break-enable 9")
                .exec("-exec-run")
                .cmd("-data-evaluate-expression argc", r -> r.get("value"))
                .cmd("-data-evaluate-expression argv[2]", r -> r.get("value"))
                .cmd("-thread-select 1", Lockstep.fields("new-thread-id", "frame.func", "frame.line"))
                .cmd("-gdb-set disassembly-flavor intel")
                .cmd("-gdb-show disassembly-flavor", r -> r.get("value"))
                .run(null);
    }
}
