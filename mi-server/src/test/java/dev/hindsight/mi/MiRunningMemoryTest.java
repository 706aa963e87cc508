package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What gdb answers on Linux, in async mode as front ends set it, while the program runs, in
 * lockstep: memory is read and written through {@code /proc/PID/mem} without stopping it
 * ({@code -data-read-memory-bytes}, {@code -data-read-memory}, {@code -data-disassemble}, {@code -data-evaluate-expression}
 * on globals, the shared libraries' too, {@code print}, {@code -var-create}, {@code -var-assign},
 * {@code -data-write-memory-bytes}); {@code -var-update} leaves the running thread's variable
 * objects alone (an empty change list, the changes listed once it stops); what needs the thread's registers (frames, locals,
 * registers) is refused with "Selected thread is running."; the program is still running after it
 * all, and {@code -exec-interrupt} stops it where it spins.
 */
class MiRunningMemoryTest {
    @Test
    void globalsAreReadAndWrittenWhileTheProgramRunsAndRegistersAreRefusedAsGdbDoes() throws Exception {
        Path lib = Fixtures.compile("running_memory_lib.c", "-shared", "-fPIC");
        Path program = Fixtures.compile("running_memory.c", lib.toString());
        new Lockstep()
                .cmd("-gdb-set mi-async on")
                .cmd("-break-insert running_memory.c:" + Fixtures.line("running_memory.c", "start"))
                .exec("-exec-run")
                .cmd("-var-create v1 * fixed", Lockstep.fields("name", "value", "type"))
                .cmd("-var-create v2 * counter", Lockstep.fields("name", "type"))
                .cmd("-data-evaluate-expression &fixed", r -> r.get("value")) // a pointer: no (type) prefix, unlike print
                .cmd("-break-delete 1")
                .start("-exec-continue")
                // a shared library's globals (gdb searches every objfile), glibc's too, by their
                // aliases (environ is __environ's ELF alias), with glibc's debug information
                .cmd("-data-evaluate-expression \"lib_level\"", r -> r.get("value"))
                .cmd("-data-evaluate-expression &lib_level", r -> r.get("value"))
                .cmd("-data-evaluate-expression \"lib_pair\"", r -> r.get("value"))
                .cmd("-data-read-memory-bytes &lib_pair 8", r -> r.get("memory"))
                .cmd("-data-evaluate-expression \"__libc_single_threaded\"", r -> r.get("value"))
                .cmd("-data-evaluate-expression \"program_invocation_short_name\"", r -> r.get("value"))
                .cmd("-data-evaluate-expression \"environ == __environ\"", r -> r.get("value"))
                .console("-interpreter-exec console \"print lib_pair.b\"")
                .cmd("-data-read-memory-bytes &fixed 4", r -> r.get("memory"))
                .cmd("-data-read-memory-bytes &pair 8", r -> r.get("memory"))
                .cmd("-data-disassemble -s main -e \"(char *) main + 24\" -- 0", r -> r.get("asm_insns"))
                .cmd("-data-disassemble -a main -- 5", r -> r.get("asm_insns"))
                .cmd("-data-evaluate-expression main", r -> r.get("value"))
                .cmd("-data-evaluate-expression fixed", r -> r.get("value"))
                .cmd("-data-evaluate-expression pair", r -> r.get("value"))
                .result("-data-evaluate-expression counter") // it counts on
                .cmd("-data-read-memory &fixed x 4 1 1", r -> r.get("memory"))
                .console("-interpreter-exec console \"print fixed\"")
                .cmd("-var-update *", r -> r.get("changelist"))
                .cmd("-var-update --all-values *", r -> r.get("changelist"))
                .cmd("-var-evaluate-expression v1", r -> r.get("value"))
                .cmd("-data-write-memory-bytes &fixed 0b000000")
                .cmd("-data-evaluate-expression fixed", r -> r.get("value"))
                .cmd("-var-create v3 * pair.a", Lockstep.fields("name", "value", "type"))
                .cmd("-var-assign v3 9", r -> r.get("value"))
                .cmd("-data-evaluate-expression pair.a", r -> r.get("value"))
                .cmd("-stack-list-frames", r -> r.get("msg"))
                .cmd("-stack-list-locals 1", r -> r.get("msg"))
                .cmd("-data-list-register-values x 0", r -> r.get("msg"))
                .cmd("-thread-info", Lockstep.fields("threads.0.id", "threads.0.state", "threads.0.frame", "current-thread-id"))
                .stopsAfter("-exec-interrupt", Lockstep.fields("reason", "signal-name", "frame.func")) // where in the loop: a matter of timing
                .cmd("-data-evaluate-expression fixed", r -> r.get("value"))
                .cmd("-var-delete v2") // how far it counted: the scheduler's business
                // written while running: v1 by -data-write-memory-bytes, v3 by -var-assign (gdb
                // lists an object assigned a new value at the next update); the newest first
                .cmd("-var-update *", r -> r.get("changelist"))
                .cmd("-var-update *", r -> r.get("changelist"))
                .run(program);
    }
}
