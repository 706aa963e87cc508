package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.tracer.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * {@code -data-disassemble -f FILE -l LINE [-n N]} in lockstep with gdb: the function holding the
 * line's code (a line without code takes the next one's), {@code -n} cutting it short in each
 * mode, and gdb's errors for an unknown file, a line past the code and a half-given form, and {@code -n}
 * without them.
 */
class MiDisassembleLinesTest {
    @Test
    void disassemblyByFileAndLineMatchesGdb() throws Exception {
        int loop = Fixtures.line("hello.c", "loop");
        int add = Fixtures.line("hello.c", "add");
        new Lockstep()
                .cmd("-break-insert main")
                .exec("-exec-run")
                .cmd("-data-disassemble -f hello.c -l " + loop + " -- 0", r -> r.get("asm_insns"))
                .cmd("-data-disassemble -f hello.c -l " + loop + " -n 2 -- 0", r -> r.get("asm_insns"))
                .cmd("-data-disassemble -f hello.c -l " + loop + " -n -1 -- 2", r -> r.get("asm_insns"))
                .cmd("-data-disassemble -f hello.c -l " + loop + " -n 3 -- 1", r -> r.get("asm_insns"))
                .cmd("-data-disassemble -f hello.c -l " + add + " -n 4 -- 4", r -> r.get("asm_insns"))
                // the line before add's has no code: add's is taken
                .cmd("-data-disassemble -f hello.c -l " + (add - 2) + " -- 0", r -> r.get("asm_insns"))
                .cmd("-data-disassemble -a main -n 3 -- 0", r -> r.get("msg"))
                .cmd("-data-disassemble -s main -e main+8 -n 1 -- 0", r -> r.get("msg"))
                .cmd("-data-disassemble -f hello.c -l 9999 -- 0", r -> r.get("msg"))
                .cmd("-data-disassemble -f nosuch.c -l 3 -- 0", r -> r.get("msg"))
                .cmd("-data-disassemble -f hello.c -- 0", r -> r.get("msg"))
                .cmd("-data-disassemble -l 3 -- 0", r -> r.get("msg"))
                .run(Fixtures.compile("hello.c"));
    }
}
