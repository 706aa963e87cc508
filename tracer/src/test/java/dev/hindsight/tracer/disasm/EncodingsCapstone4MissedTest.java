package dev.hindsight.tracer.disasm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Instructions Capstone 4.0.2 got wrong, from libc.so.6, each with objdump's text for the same bytes
 * ({@code objdump -d -j .text libc.so.6}; expected values copied from it, numbers as gdb shows them).
 * The whole-libc comparison covers all of them; these name the cases of issue 14 one by one.
 */
class EncodingsCapstone4MissedTest {

    @ParameterizedTest(name = "{0} is {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "66 48 0f 6e c0          | movq          | %rax,%xmm0",          // Capstone: movd
            "c4 e1 fb 93 c0          | kmovq         | %k0,%rax",            // AVX-512 mask: (bad)
            "62 f2 76 49 26 e1       | vptestnmb     | %zmm1,%zmm1,%k4{%k1}", // (bad)
            "62 f3 7d 20 3f 07 00    | vpcmpeqb      | (%rdi),%ymm16,%k0",   // __strlen_evex: (bad)
            "62 e1 f5 20 ef 4c 17 fe | vpxorq        | -0x40(%rdi,%rdx,1),%ymm17,%ymm17", // index read as %xmm2
            "0f 01 ee                | rdpkru        | ''",                  // (bad)
            "f0 0f c1 4f 10          | lock xadd     | %ecx,0x10(%rdi)",
            "3e ff e0                | notrack jmp   | *%rax",               // prefix dropped
            "83 f8 ff                | cmp           | $0xffffffff,%eax",    // $-1
            "f3 c3                   | repz ret      | ''",
            "df e9                   | fucomip       | %st(1),%st",          // fucomip %st(1)
            "f3 48 ab                | rep stos      | %rax,%es:(%rdi)",
    })
    void decodesAsObjdumpDoes(String bytes, String mnemonic, String operands) {
        try (Disassembler disassembler = new Disassembler(Syntax.ATT)) {
            Instruction insn = disassembler.decodeOne(HexFormat.of().parseHex(bytes.replace(" ", "")), 0x1000).orElseThrow();
            assertEquals(mnemonic + " " + operands, insn.mnemonic() + " " + insn.operands());
            assertEquals(bytes.replace(" ", "").length() / 2, insn.length());
        }
    }
}
