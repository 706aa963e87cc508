package dev.hindsight.tracer.dwarf;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.dwarf.cfi.Prologue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How far a function without CFI has built its frame, by pc offset, for the prologues gdb knows. */
class PrologueTest {
    @ParameterizedTest(name = "{0} at +{1}")
    @CsvSource({
            // push %rbp; mov %rsp,%rbp
            "55 48 89 e5 90, 0, false, false",
            "55 48 89 e5 90, 1, false, true",
            "55 48 89 e5 90, 4, true, true",
            // the other encoding of mov %rsp,%rbp
            "55 48 8b ec 90, 4, true, true",
            // endbr64 first (-fcf-protection)
            "f3 0f 1e fa 55 48 89 e5, 4, false, false",
            "f3 0f 1e fa 55 48 89 e5, 5, false, true",
            "f3 0f 1e fa 55 48 89 e5, 8, true, true",
            // push %rbp without the mov: rbp is saved but not a frame pointer
            "55 53 48 83 ec 08, 3, false, true",
            // frameless: lea (%rdi,%rdi,2),%eax; ret
            "8d 04 7f c3, 3, false, false",
            // too short to tell
            "55, 1, false, true",
    })
    void recognisesTheFrameSetUpSoFar(String hex, long pcOffset, boolean framePointerSet, boolean rbpPushed) {
        String[] parts = hex.split(" ");
        byte[] code = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) code[i] = (byte) Integer.parseInt(parts[i], 16);
        assertEquals(new Prologue(framePointerSet, rbpPushed), Prologue.analyze(code, pcOffset));
    }
}
