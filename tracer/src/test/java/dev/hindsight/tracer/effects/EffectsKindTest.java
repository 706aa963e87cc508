package dev.hindsight.tracer.effects;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Commands;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calls and returns as the tracker classifies them (Capstone's groups): over a whole program each
 * step's kind agrees with the engine's text disassembler, and the calls into and returns out of a
 * recursion of known depth, located by binutils' symbol table, are counted exactly.
 */
class EffectsKindTest {
    /** effects_recurse.c: main calls recurse(300), which recurses down to recurse(0). */
    private static final int CALLS_OF_RECURSE = 301;

    @Test
    void callsIntoAndReturnsOutOfARecursionOfKnownDepth() throws Exception {
        Path exe = Fixtures.compile("effects_recurse.c", "-no-pie");
        long[] recurse = symbol(exe, "recurse");
        long start = recurse[0], end = recurse[0] + recurse[1];
        int[] calls = {0}, returns = {0};
        EffectsRun.Result r = EffectsRun.run(exe, EffectsRun.ENV, step -> {
            InstructionKind kind = step.effects().kind();
            if (kind == InstructionKind.CALL && step.after()[16] == start) calls[0]++;
            if (kind == InstructionKind.RETURN && step.pc() >= start && step.pc() < end) returns[0]++;
            // Every step, against the engine's text disassembler (prefixes such as bnd/notrack come first).
            String m = step.mnemonic();
            InstructionKind text = m.equals("syscall") ? InstructionKind.SYSCALL : m.endsWith("call") ? InstructionKind.CALL
                    : m.endsWith("ret") ? InstructionKind.RETURN : InstructionKind.OTHER;
            return text == kind ? null : "kind " + kind + " but the disassembler reads " + m;
        });
        if (r.failure() != null) fail(r.failure());
        assertEquals(CALLS_OF_RECURSE, calls[0], "calls whose target is recurse");
        assertEquals(CALLS_OF_RECURSE, returns[0], "returns executed inside recurse");
    }

    /** Address and size from {@code nm -S}. */
    private static long[] symbol(Path exe, String name) {
        for (String line : Commands.output(List.of("nm", "-S", exe.toString())).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 4 && f[3].equals(name)) return new long[] {Long.parseUnsignedLong(f[0], 16), Long.parseUnsignedLong(f[1], 16)};
        }
        throw new IllegalArgumentException("no sized symbol " + name + " in " + exe);
    }
}
