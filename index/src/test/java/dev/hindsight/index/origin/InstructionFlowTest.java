package dev.hindsight.index.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hindsight.tracer.effects.OperandDecoder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What an instruction reads and which registers it writes, for encodings whose meaning is fixed
 * by the Intel SDM (each row's text is objdump's disassembly of the bytes). Reads are written
 * "d:" (data) or "a:" (address), registers by name, memory as "mem<size>", constants by value.
 */
class InstructionFlowTest {
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "31c0           | xor eax,eax                  | eax      | d:0",
        "53             | push rbx                     | rsp      | d:rbx a:rsp",
        "488d448b08     | lea rax,[rbx+rcx*4+0x8]      | rax      | d:8 d:rbx d:rcx",
        "8345fc01       | add DWORD PTR [rbp-0x4],0x1  | ''       | d:mem4 d:1 a:rbp",
        "5b             | pop rbx                      | rbx rsp  | d:mem8 a:rsp",
        "0f05           | syscall                      | rcx r11 rax | ''",
        "8845f0         | mov BYTE PTR [rbp-0x10],al   | ''       | d:al a:rbp",
        "8a45f0         | mov al,BYTE PTR [rbp-0x10]   | al       | d:mem1 a:rbp",
        "f348ab         | rep stos QWORD PTR [rdi],rax | rdi rcx  | d:rax a:rdi a:rcx",
        "c9             | leave                        | rbp rsp  | d:mem8 a:rbp",
        "0fc7642440     | xsavec [rsp+0x40]            | ''       | d:rdx d:rax a:rsp",
        "480f4cc1       | cmovl rax,rcx                | rax      | d:rax d:rcx",
        "f7f1           | div ecx                      | eax edx  | d:ecx d:eax d:edx",
        "48f7e3         | mul rbx                      | rax rdx  | d:rbx d:rax",
    })
    void readsAndWrites(String hex, String text, String written, String reads) {
        OperandDecoder.Instruction d = OperandDecoder.decode(HexFormat.of().parseHex(hex.strip()), 0x1000);
        InstructionFlow f = InstructionFlow.of(d);
        List<String> w = f.written().stream().map(RegisterName::name).sorted().toList();
        assertEquals(written.isBlank() ? List.of() : java.util.Arrays.stream(written.strip().split(" +")).sorted().toList(), w, text + ": written");
        List<String> r = f.reads().stream().map(InstructionFlowTest::describe).toList();
        assertEquals(reads.isBlank() ? List.of() : List.of(reads.strip().split(" +")), r, text + ": read");
    }

    private static String describe(InstructionFlow.Read r) {
        String role = r.address() ? "a:" : "d:";
        return role + switch (r.source()) {
            case REGISTER -> r.register().name();
            case MEMORY -> "mem" + r.size();
            case CONSTANT -> Long.toString(r.constant());
        };
    }
}
