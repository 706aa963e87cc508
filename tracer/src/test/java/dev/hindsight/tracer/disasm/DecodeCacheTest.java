package dev.hindsight.tracer.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Stepping decodes the instruction at pc on every step, so decodeOne caches recent decodes (what
 * that saves is measured by {@code misc/bench/decode-cost.sh}, not here). The cache must never
 * change an answer: not for the same bytes at another address (a call's target is relative), not
 * for other bytes at the same address (a breakpoint or patched code), not after it evicts.
 */
class DecodeCacheTest {
    /** call rel32 -0x10b: the target is the next instruction's address minus 0x10b. */
    private static final byte[] CALL = HexFormat.of().parseHex("e8f5feffff4889e5c3909090909090");
    private static final byte[] INT3 = HexFormat.of().parseHex("ccf5feffff4889e5c3909090909090");

    @Test
    void cachedDecodesAnswerForTheirOwnAddressAndBytesOnly() {
        try (Disassembler d = new Disassembler()) {
            int addresses = 20_000; // far more than the cache holds, so it evicts
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < addresses; i++) {
                    long at = 0x1000_0000L + i * 16L;
                    Instruction call = d.decodeOne(CALL, at).orElseThrow();
                    assertEquals("call", call.mnemonic(), "at 0x" + Long.toHexString(at));
                    assertEquals(OptionalLong.of(at + 5 - 0x10b), call.branchTarget(), "at 0x" + Long.toHexString(at));
                    assertEquals("0x" + Long.toHexString(at + 5 - 0x10b), call.operands());
                }
            }
            long pc = 0x401136;
            assertEquals(OptionalLong.of(pc + 5 - 0x10b), d.decodeOne(CALL, pc).orElseThrow().branchTarget());
            // A breakpoint written over the same address is seen, and so is its removal.
            Instruction trap = d.decodeOne(INT3, pc).orElseThrow();
            assertEquals("int3", trap.mnemonic());
            assertEquals(1, trap.length());
            assertEquals("call", d.decodeOne(CALL, pc).orElseThrow().mnemonic());
        }
    }
}
