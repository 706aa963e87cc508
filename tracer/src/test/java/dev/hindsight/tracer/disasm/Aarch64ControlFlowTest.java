package dev.hindsight.tracer.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * AArch64's branch mnemonics (Capstone's spelling, the ARM ARM's instruction names) classified as
 * the line stepper needs them: BL/BLR calls (stepped over by `next`), RET returns, B/BR jumps,
 * B.cond/CBZ/CBNZ/TBZ/TBNZ conditional, SVC a system call, BRK an interrupt; a direct branch's
 * {@code #0x…} target read. x86's spellings keep their classes.
 */
class Aarch64ControlFlowTest {
    @Test
    void branchesCallsReturnsAndTraps() {
        assertEquals(ControlFlow.CALL, ControlFlowClassifier.classify("bl"));
        assertEquals(ControlFlow.CALL, ControlFlowClassifier.classify("blr"));
        assertEquals(ControlFlow.RETURN, ControlFlowClassifier.classify("ret"));
        assertEquals(ControlFlow.JUMP, ControlFlowClassifier.classify("b"));
        assertEquals(ControlFlow.JUMP, ControlFlowClassifier.classify("br"));
        for (String c : new String[] {"b.eq", "b.ne", "b.lt", "cbz", "cbnz", "tbz", "tbnz"}) {
            assertEquals(ControlFlow.CONDITIONAL_JUMP, ControlFlowClassifier.classify(c), c);
        }
        assertEquals(ControlFlow.SYSCALL, ControlFlowClassifier.classify("svc"));
        assertEquals(ControlFlow.INTERRUPT, ControlFlowClassifier.classify("brk"));
        for (String plain : new String[] {"ldr", "str", "stp", "add", "mov", "adrp", "bic", "bfi"}) {
            assertEquals(ControlFlow.SEQUENTIAL, ControlFlowClassifier.classify(plain), plain);
        }
        assertEquals(OptionalLong.of(0x400644), ControlFlowClassifier.branchTarget(ControlFlow.CALL, "#0x400644"));
        assertEquals(OptionalLong.empty(), ControlFlowClassifier.branchTarget(ControlFlow.CALL, "x8"));
    }

    @Test
    void x86SpellingsAreUnchanged() {
        assertEquals(ControlFlow.CALL, ControlFlowClassifier.classify("callq"));
        assertEquals(ControlFlow.JUMP, ControlFlowClassifier.classify("jmp"));
        assertEquals(ControlFlow.CONDITIONAL_JUMP, ControlFlowClassifier.classify("jne"));
        assertEquals(ControlFlow.SEQUENTIAL, ControlFlowClassifier.classify("bswap"));
        assertEquals(ControlFlow.SEQUENTIAL, ControlFlowClassifier.classify("bt"));
        assertEquals(OptionalLong.of(0x401000), ControlFlowClassifier.branchTarget(ControlFlow.CALL, "0x401000"));
    }
}
