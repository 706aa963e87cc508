package dev.hindsight.tracer.disasm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisassemblerTest {
    private static Disassembler disassembler;

    @BeforeAll
    static void open() {
        disassembler = new Disassembler(Syntax.ATT);
    }

    @AfterAll
    static void close() {
        disassembler.close();
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    private static Instruction one(String bytes, long address) {
        return disassembler.decodeOne(hex(bytes), address).orElseThrow();
    }

    @Test
    void emptyBufferDecodesNothing() {
        assertEquals(Optional.empty(), disassembler.decodeOne(new byte[0], 0x1000));
        assertEquals(List.of(), disassembler.disassemble(new byte[0], 0x1000, 10));
    }

    @Test
    void badBytesBecomeOneByteBadInstructionsAndTheListingContinues() {
        // 06 and 07 (push/pop %es) are invalid in 64-bit mode; c3 is ret.
        List<Instruction> listing = disassembler.disassemble(hex("06 07 c3"), 0x2000, 10);
        assertEquals(3, listing.size());
        assertEquals(Disassembler.BAD_MNEMONIC, listing.get(0).mnemonic());
        assertTrue(listing.get(0).isInvalid());
        assertEquals(1, listing.get(0).length());
        assertEquals(0x2001, listing.get(1).address());
        assertTrue(listing.get(1).isInvalid());
        assertEquals("ret", listing.get(2).mnemonic());
        assertEquals(0x2002, listing.get(2).address());
        assertEquals(Optional.empty(), disassembler.decodeOne(hex("06 c3"), 0x2000));
    }

    @Test
    void truncatedInstructionAtBufferEndIsNotInventedButListedAsBadBytes() {
        // e8 + only two of four displacement bytes.
        assertEquals(Optional.empty(), disassembler.decodeOne(hex("e8 10 00"), 0x3000));
        List<Instruction> listing = disassembler.disassemble(hex("90 e8 10 00"), 0x3000, 10);
        // Like objdump, the listing resynchronises after the bad byte: 10 00 is adc %dl,(%rax).
        assertEquals(List.of("nop", "(bad)", "adc"), listing.stream().map(Instruction::mnemonic).toList());
        assertEquals(0x3001, listing.get(1).address());
        assertEquals(4, listing.stream().mapToInt(Instruction::length).sum());
    }

    @Test
    void maxCountLimitsTheListing() {
        assertEquals(2, disassembler.disassemble(hex("90 90 90 90"), 0, 2).size());
        assertEquals(0, disassembler.disassemble(hex("90"), 0, 0).size());
    }

    @Test
    void decodeOneLooksOnlyAtTheFirstInstruction() {
        Instruction push = one("55 48 89 e5 c3", 0x401000);
        assertEquals("push", push.mnemonic());
        assertEquals("%rbp", push.operands());
        assertEquals(1, push.length());
        assertEquals(0x401001, push.nextAddress());
        assertArrayEquals(hex("55"), push.bytes());
    }

    @Test
    void directCallHasItsRelativeTargetResolved() {
        Instruction call = one("e8 fb ff ff ff", 0x401136); // call to itself + 5 - 5
        assertTrue(call.isCall());
        assertFalse(call.isJump());
        assertEquals(OptionalLong.of(0x401136), call.branchTarget());
        assertEquals("call", call.mnemonic());
    }

    @Test
    void indirectCallsAndJumpsHaveNoStaticTarget() {
        assertTrue(one("ff d0", 0).isCall());
        assertEquals(OptionalLong.empty(), one("ff d0", 0).branchTarget());
        Instruction viaGot = one("ff 25 ca 2f 00 00", 0x1030); // jmp *0x2fca(%rip)
        assertTrue(viaGot.isJump());
        assertFalse(viaGot.isConditionalJump());
        assertEquals(OptionalLong.empty(), viaGot.branchTarget());
        assertEquals(OptionalLong.of(0x4000), viaGot.ripRelativeTarget());
    }

    @Test
    void conditionalJumpsShortAndNear() {
        Instruction jge = one("0f 8d 1c 00 00 00", 0x1188);
        assertTrue(jge.isConditionalJump());
        assertTrue(jge.isJump());
        assertEquals(OptionalLong.of(0x11aa), jge.branchTarget());
        Instruction jneBack = one("75 fe", 0x500); // jne to itself
        assertEquals(OptionalLong.of(0x500), jneBack.branchTarget());
        assertTrue(one("e2 fe", 0x500).isConditionalJump()); // loop
        assertTrue(one("e3 fe", 0x500).isConditionalJump()); // jrcxz
        Instruction jmpShort = one("eb 10", 0x500);
        assertEquals(ControlFlow.JUMP, jmpShort.controlFlow());
        assertEquals(OptionalLong.of(0x512), jmpShort.branchTarget());
    }

    @Test
    void returnsSyscallsAndInterrupts() {
        assertTrue(one("c3", 0).isReturn());
        assertTrue(one("c2 08 00", 0).isReturn());
        assertTrue(one("f3 c3", 0).isReturn()); // rep ret, old AMD idiom
        assertTrue(one("0f 05", 0).isSyscall());
        assertTrue(one("cc", 0).isInterrupt());
        assertTrue(one("cd 80", 0).isInterrupt());
        assertEquals(ControlFlow.SEQUENTIAL, one("48 89 e5", 0).controlFlow());
        assertEquals(ControlFlow.SEQUENTIAL, one("f3 aa", 0).controlFlow()); // rep stosb
    }

    @Test
    void ripRelativeDataOperandResolvesAgainstTheNextInstruction() {
        Instruction load = one("8b 05 d6 2e 00 00", 0x401150); // mov 0x2ed6(%rip),%eax
        assertEquals(OptionalLong.of(0x401156 + 0x2ed6), load.ripRelativeTarget());
        Instruction backwards = one("48 8d 05 f0 ff ff ff", 0x1000); // lea -0x10(%rip),%rax
        assertEquals(OptionalLong.of(0x1007 - 0x10), backwards.ripRelativeTarget());
    }

    @Test
    void attSuffixesAppearOnlyWhereGdbPrintsThem() {
        // Text as objdump -D -b binary -m i386:x86-64 prints it for the same bytes, numbers in hex
        // as gdb shows them.
        assertEquals("movl $0x0,-0x4(%rbp)", text(one("c7 45 fc 00 00 00 00", 0)));
        assertEquals("shll %cl,-0x4(%rbp)", text(one("d3 65 fc", 0)));
        // objdump says movq (Capstone 4 said movd). The suffix rule must not touch it.
        assertEquals("movq %xmm0,%rax", text(one("66 48 0f 7e c0", 0)));
        assertEquals("mov %edi,-0x8(%rbp)", text(one("89 7d f8", 0)));
        assertEquals("shl %cl,%eax", text(one("d3 e0", 0)));
        assertEquals("call *%rax", text(one("ff d0", 0)));
    }

    private static String text(Instruction insn) {
        return insn.mnemonic() + " " + insn.operands();
    }

    @Test
    void syntaxIsSwitchable() {
        try (Disassembler intel = new Disassembler(Syntax.INTEL)) {
            Instruction mov = intel.decodeOne(hex("48 89 e5"), 0).orElseThrow();
            assertEquals("mov", mov.mnemonic());
            assertEquals("rbp, rsp", mov.operands());
            Instruction load = intel.decodeOne(hex("48 8d 05 f0 ff ff ff"), 0x1000).orElseThrow();
            assertEquals(OptionalLong.of(0x1007 - 0x10), load.ripRelativeTarget());
            intel.setSyntax(Syntax.ATT);
            assertEquals(Syntax.ATT, intel.syntax());
            assertEquals("%rsp,%rbp", intel.decodeOne(hex("48 89 e5"), 0).orElseThrow().operands());
        }
    }

    @Test
    void concurrentUseFromSeveralThreadsGivesConsistentResults() throws Exception {
        byte[] code = hex("55 48 89 e5 e8 00 00 00 00 c3");
        List<Instruction> expected = disassembler.disassemble(code, 0x1000, 10);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        if (!disassembler.disassemble(code, 0x1000, 10).equals(expected)) return false;
                        if (!disassembler.decodeOne(code, 0x2000 + i).orElseThrow().mnemonic().equals("push")) return false;
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> r : results) assertTrue(r.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closedDisassemblerRefusesWorkAndClosesIdempotently() {
        Disassembler d = new Disassembler();
        d.close();
        d.close();
        assertThrows(IllegalStateException.class, () -> d.decodeOne(hex("90"), 0));
    }
}
