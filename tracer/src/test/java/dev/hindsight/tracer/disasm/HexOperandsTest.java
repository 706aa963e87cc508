package dev.hindsight.tracer.disasm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HexOperandsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "$0, -4(%rbp)        | $0x0, -0x4(%rbp)",
            "$3, %eax            | $0x3, %eax",
            "$0x20, %rsp         | $0x20, %rsp",
            "(%rax, %rbx, 4)     | (%rax, %rbx, 4)",
            "8(%rsp, %rcx, 8), %rax | 0x8(%rsp, %rcx, 8), %rax",
            "%st(1)              | %st(1)",
            "dword ptr [rbp - 4], 0 | dword ptr [rbp - 0x4], 0x0",
            "qword ptr [rax + rbx*8 + 16] | qword ptr [rax + rbx*8 + 0x10]",
            "%xmm1, %xmm0        | %xmm1, %xmm0",
            "$-1, %eax           | $-0x1, %eax",
    })
    void decimalNumbersBecomeHexLikeGdb(String capstone, String gdb) {
        assertEquals(gdb, HexOperands.toHex(capstone));
    }
}
