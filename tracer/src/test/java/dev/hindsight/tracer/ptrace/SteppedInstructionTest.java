package dev.hindsight.tracer.ptrace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hindsight.tracer.ptrace.SyscallHook.Instruction;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine's reading of the instruction about to be stepped, on encodings from the Intel SDM
 * (vol. 2: SYSCALL 0F 05, RDTSC 0F 31, RDTSCP 0F 01 F9, CPUID 0F A2; SWAPGS 0F 01 F8).
 */
class SteppedInstructionTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0f05,         SYSCALL",
            "0f31,         RDTSC",
            "0f01f9,       RDTSCP",
            "0fa2,         CPUID",
            "0f31cc,       RDTSC",              // a breakpoint right after it
            "660fa2,       PREFIXED_TRAPPING",  // the recorder emulates only the unprefixed forms
            "480f31,       PREFIXED_TRAPPING",
            "f3260f01f9,   PREFIXED_TRAPPING",
            "480f05,       OTHER",              // as before: only an unprefixed syscall runs to its exit stop
            "0f01f8,       OTHER",              // swapgs
            "0f01,         OTHER",              // cut short by the end of a mapping
            "0f,           OTHER",
            "90,           OTHER",
            "e80f31,       OTHER",              // call rel32: its offset bytes are not an rdtsc
    })
    void classifiesTheBytesAtThePc(String hex, Instruction expected) {
        byte[] code = HexFormat.of().parseHex(hex);
        byte[] buffer = new byte[16];
        System.arraycopy(code, 0, buffer, 0, code.length);
        buffer[code.length] = (byte) 0xf9; // beyond what was read: must not make 0f 01 an rdtscp
        assertEquals(expected, Instruction.classify(buffer, code.length));
    }
}
