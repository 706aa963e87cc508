package dev.hindsight.tracer.disasm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every instruction of libc's {@code .text} (the code most programs reach: string functions in their
 * SSE, AVX2 and AVX-512 forms, x87, BMI, TSX, CET prefixes), decoded by us at objdump's addresses, must
 * have objdump's length, mnemonic and operands after {@link ObjdumpNormalization}. Prints how many differ.
 */
class LibcObjdumpComparisonTest {
    /** libc.so.6 has ~335,000 instructions; fewer means objdump or our parse of it went wrong. */
    private static final int AT_LEAST = 100_000;

    @ParameterizedTest
    @EnumSource(Syntax.class)
    void everyInstructionOfLibcMatchesObjdump(Syntax syntax) throws Exception {
        Path libc = libcOfThisProcess();
        Map<String, ObjdumpListing.Function> functions = ObjdumpListing.functions(libc, syntax, List.of("-j", ".text"));
        List<String> differences = new ArrayList<>();
        int compared = 0;
        try (Disassembler disassembler = new Disassembler(syntax)) {
            for (ObjdumpListing.Function function : functions.values()) {
                byte[] bytes = function.bytes();
                int offset = 0;
                for (ObjdumpListing.Line expected : function.lines()) {
                    byte[] window = Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + 15));
                    Instruction actual = disassembler.decodeOne(window, expected.address())
                            .orElse(Disassembler.bad(expected.address(), window[0]));
                    offset += expected.bytes().length;
                    compared++;
                    if (actual.length() != expected.bytes().length
                            || !ObjdumpNormalization.sameInstruction(expected.text(), actual)) {
                        differences.add(String.format("%s 0x%x [%s]: objdump '%s' vs ours '%s %s'", function.name(),
                                expected.address(), actual.hexBytes(), expected.text(), actual.mnemonic(), actual.operands()));
                    }
                }
            }
        }
        System.out.printf("libc %s (%s): %d instructions compared with objdump, %d differ%n",
                libc, syntax, compared, differences.size());
        assertTrue(compared >= AT_LEAST, "compared only " + compared);
        assertEquals(0, differences.size(), differences.size() + " of " + compared + " differ, e.g.:\n"
                + String.join("\n", differences.subList(0, Math.min(40, differences.size()))));
    }

    /** The libc this JVM runs on, which is the one the fixtures link against. */
    private static Path libcOfThisProcess() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .filter(path -> path.endsWith("/libc.so.6"))
                .map(Path::of).findFirst().orElseThrow(() -> new IllegalStateException("libc.so.6 not mapped"));
    }
}
