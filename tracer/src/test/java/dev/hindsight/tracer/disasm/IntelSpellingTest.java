package dev.hindsight.tracer.disasm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Intel syntax as {@code objdump -D -M intel -b binary -m i386:x86-64} prints the same bytes (expected
 * values copied from it; case and the space after commas are ours, as gdb's Intel views compare them).
 */
class IntelSpellingTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "64 48 8b 04 25 28 00 00 00 | mov rax, qword ptr fs:0x28",
            "0f b6 04 25 00 00 00 00    | movzx eax, byte ptr ds:0x0",
            "49 8d 04 f6                | lea rax, [r14+rsi*8]",
            "42 03 7c 95 00             | add edi, dword ptr [rbp+r10*4+0x0]",  // the encoded disp8, as objdump
            "f3 ab                      | rep stos dword ptr es:[rdi], eax",
            "f2 ae                      | repnz scas al, byte ptr es:[rdi]",
            "f2 0f 10 06                | movsd xmm0, qword ptr [rsi]",       // SSE, not the string movsd
            "48 d1 fa                   | sar rdx, 1",
            "48 8d 05 92 fe ff ff       | lea rax, [rip-0x16e]",              // objdump: [rip+0xfffffffffffffe92]
    })
    void spelledAsObjdumpDoes(String bytes, String text) {
        try (Disassembler disassembler = new Disassembler(Syntax.INTEL)) {
            Instruction insn = disassembler.decodeOne(HexFormat.of().parseHex(bytes.replace(" ", "")), 0).orElseThrow();
            assertEquals(text, insn.mnemonic() + " " + insn.operands());
        }
    }
}
