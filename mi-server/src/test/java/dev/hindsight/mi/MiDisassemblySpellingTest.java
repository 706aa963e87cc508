package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The instruction text of {@code disassemble}, {@code x/i} and {@code -data-disassemble} in lockstep
 * with gdb 13, line for line at the program's own addresses, in both flavors, the flavor switched by
 * the console's {@code set disassembly-flavor} and by {@code -gdb-set} while the program runs.
 * The table holds code whose spelling goes beyond push/mov: a fixture's SSE and AVX2 stores
 * ({@code -O1 -mavx2}) and its main, libc's {@code puts} (padding {@code nopl 0x0(%rax)},
 * {@code nopw 0x0(%rax,%rax,1)}, {@code xchg %ax,%ax}, {@code lock cmpxchg}, {@code %fs:} loads) and
 * {@code printf} (its varargs prologue's SSE stores {@code movaps %xmm0,0x50(%rsp)}). Not {@code memcpy}:
 * gdb takes the dynamic loader's copy of that name and Hindsight libc's, which is a symbol lookup matter.
 */
class MiDisassemblySpellingTest {
    /** What to list, and whether its symbol annotations are compared. */
    private record Row(String what, boolean ownSymbols) {}

    private static final List<Row> TABLE = List.of(
            new Row("main", true),
            new Row("sse_stores", true),
            new Row("avx_stores", true),
            // gdb names libc's and ld.so's code from their separate debug files when the machine has
            // them (<__GI__IO_puts+4>), so for these only the <symbol> annotations are dropped;
            // addresses, mnemonics and operands are compared as they are.
            new Row("puts,+405", false),
            new Row("printf,+160", false));

    @Test
    void instructionTextMatchesGdbInBothFlavors() throws Exception {
        Lockstep l = new Lockstep().cmd("-break-insert main").exec("-exec-run");
        for (String flavor : List.of("intel", "att")) {
            l.console("set disassembly-flavor " + flavor);
            for (Row row : TABLE) l.console("disassemble " + row.what(), normalise(row));
            l.console("x/6i $pc");
        }
        l.cmd("-gdb-set disassembly-flavor intel");
        l.cmd("-data-disassemble -a sse_stores -- 0", r -> r.get("asm_insns"));
        l.console("x/4i avx_stores");
        l.cmd("-gdb-set disassembly-flavor att");
        l.cmd("-data-disassemble -a avx_stores -- 2", r -> r.get("asm_insns"));
        l.run(Fixtures.compile("effects_vector.c", "-O1", "-mavx2"));
    }

    private static Function<String, Object> normalise(Row row) {
        return text -> row.ownSymbols() ? text : text.replaceAll(" ?<[^>\\n]*>", "");
    }
}
