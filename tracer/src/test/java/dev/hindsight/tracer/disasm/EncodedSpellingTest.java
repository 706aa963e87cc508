package dev.hindsight.tracer.disasm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Spellings that only the encoding tells, each with gdb 13's text for the same bytes in both flavors
 * (assembled with {@code .byte} and listed by gdb's {@code disassemble}, copied here; decoded here at 0x1000, so
 * branch and rip targets are gdb's plus 0x1000):
 * encoded zero displacements, an index's scale 1, segment prefixes ignored in 64-bit mode, extra
 * operand-size prefixes, branch hints and port I/O. Formatted as mi-server lists them
 * ({@link InstructionFormatter#likeGdb}).
 */
class EncodedSpellingTest {
    @ParameterizedTest(name = "{0} is {1} / {2}")
    @CsvSource(delimiter = '|', value = {
            "66 2e 0f 1f 84 00 00 00 00 00    | cs nopw 0x0(%rax,%rax,1)                 | cs nop WORD PTR [rax+rax*1+0x0]",
            "66 66 66 2e 0f 1f 84 00 00 00 00 00 | data16 data16 cs nopw 0x0(%rax,%rax,1) | data16 data16 cs nop WORD PTR [rax+rax*1+0x0]",
            "0f 1f 40 00                      | nopl   0x0(%rax)                         | nop    DWORD PTR [rax+0x0]",
            "0f 1f 44 00 00                   | nopl   0x0(%rax,%rax,1)                  | nop    DWORD PTR [rax+rax*1+0x0]",
            "0f 1f 00                         | nopl   (%rax)                            | nop    DWORD PTR [rax]",
            "66 90                            | xchg   %ax,%ax                           | xchg   ax,ax",
            "66 66 90                         | data16 xchg %ax,%ax                      | data16 xchg ax,ax",
            "3e 90                            | ds nop                                   | ds nop",
            "f3 90                            | pause                                    | pause",
            "66 41 90                         | xchg   %ax,%r8w                          | xchg   r8w,ax",
            "8b 0c c5 00 00 00 00             | mov    0x0(,%rax,8),%ecx                 | mov    ecx,DWORD PTR [rax*8+0x0]",
            "8b 0c 05 00 00 00 00             | mov    0x0(,%rax,1),%ecx                 | mov    ecx,DWORD PTR [rax*1+0x0]",
            "8b 0c 25 00 00 00 00             | mov    0x0,%ecx                          | mov    ecx,DWORD PTR ds:0x0",
            "8b 4d 00                         | mov    0x0(%rbp),%ecx                    | mov    ecx,DWORD PTR [rbp+0x0]",
            "8b 04 24                         | mov    (%rsp),%eax                       | mov    eax,DWORD PTR [rsp]",
            "2e 8b 08                         | cs mov (%rax),%ecx                       | cs mov ecx,DWORD PTR [rax]",
            "64 8b 08                         | mov    %fs:(%rax),%ecx                   | mov    ecx,DWORD PTR fs:[rax]",
            "2e 74 00                         | 'je,pn  0x1003'                          | cs je  0x1003",
            "3e 74 00                         | 'je,pt  0x1003'                          | ds je  0x1003",
            "48 8b 05 92 fe ff ff             | mov    -0x16e(%rip),%rax        # 0xe99 | mov    rax,QWORD PTR [rip+0xfffffffffffffe92]        # 0xe99",
            "c5 f9 6f 44 24 00                | vmovdqa 0x0(%rsp),%xmm0                  | vmovdqa xmm0,XMMWORD PTR [rsp+0x0]",
            "62 f1 fe 48 6f 40 00             | vmovdqu64 0x0(%rax),%zmm0                | vmovdqu64 zmm0,ZMMWORD PTR [rax+0x0]",
            "66 0f 6f 04 07                   | movdqa (%rdi,%rax,1),%xmm0               | movdqa xmm0,XMMWORD PTR [rdi+rax*1]",
            "ec                               | in     (%dx),%al                         | in     al,dx",
            "66 ed                            | in     (%dx),%ax                         | in     ax,dx",
            "ee                               | out    %al,(%dx)                         | out    dx,al",
            "e6 80                            | out    %al,$0x80                         | out    0x80,al",
    })
    void spelledAsGdbDoes(String bytes, String att, String intel) {
        byte[] code = HexFormat.of().parseHex(bytes.replace(" ", ""));
        for (Syntax syntax : Syntax.values()) {
            try (Disassembler disassembler = new Disassembler(syntax)) {
                Instruction insn = disassembler.decodeOne(code, 0x1000).orElseThrow();
                String text = InstructionFormatter.likeGdb(address -> Optional.empty(), syntax).format(insn);
                assertEquals(syntax == Syntax.ATT ? att : intel, text, syntax.toString());
                assertEquals(code.length, insn.length());
            }
        }
    }
}
