package dev.hindsight.tracer.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.sys.CapstoneLib;
import dev.hindsight.tracer.sys.CapstoneLib.RawInstruction;
import dev.hindsight.tracer.sys.NativeBuffer;
import dev.hindsight.tracer.testing.Commands;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capstone opened through the seam for AArch64 decodes, on any host, what binutils'
 * aarch64-linux-gnu-objdump decodes in the AArch64 fixture: same instruction boundaries and
 * mnemonics, same operands once immediates are compared as numbers (objdump writes {@code #0x0}
 * where Capstone writes {@code #0}, and adds {@code // #42} comments). One spelling differs:
 * objdump shows MOVZ by its preferred alias {@code mov}, Capstone 4 as {@code movz}; the test
 * expects {@code movz} exactly where the word is a MOVZ (bits 30-23 = 10100101, ARM ARM C6.2).
 */
class CapstoneAarch64Test {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9a-f]+):\\s+([0-9a-f]{8})\\s+(\\S+)\\s*(.*)$");
    private static final Pattern IMMEDIATE = Pattern.compile("#(0x[0-9a-f]+|-?\\d+)");

    @TempDir
    Path dir;

    @Test
    void decodesTheFixtureAsObjdumpDoes() {
        Path obj = dir.resolve("smoke.o");
        String out = Commands.output(List.of("clang", "--target=aarch64-linux-gnu", "-c", "-o", obj.toString(),
                Fixtures.source("aarch64/ptrace_smoke.S").toString()));
        assertTrue(obj.toFile().isFile(), out);
        List<String[]> expected = new ArrayList<>();  // address, word, mnemonic, operands
        for (String line : Commands.output(List.of("aarch64-linux-gnu-objdump", "-d", obj.toString())).split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) expected.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
        }
        assertTrue(expected.size() >= 8, "objdump decoded the fixture: " + expected.size());
        byte[] code = new byte[expected.size() * 4];
        for (int i = 0; i < expected.size(); i++) {
            int word = (int) Long.parseLong(expected.get(i)[1], 16);  // objdump prints the instruction word
            for (int b = 0; b < 4; b++) code[i * 4 + b] = (byte) (word >>> (8 * b));
        }

        long handle = CapstoneLib.open(Aarch64.INSTANCE);
        try {
            List<RawInstruction> decoded = CapstoneLib.disasm(handle, code, code.length, 0, expected.size(),
                    NativeBuffer.allocate(8));
            assertEquals(expected.size(), decoded.size());
            for (int i = 0; i < decoded.size(); i++) {
                String[] e = expected.get(i);
                RawInstruction d = decoded.get(i);
                assertEquals(Long.parseLong(e[0], 16), d.address(), "instruction " + i);
                int word = (int) Long.parseLong(e[1], 16);
                boolean movz = ((word >>> 23) & 0xff) == 0b10100101;
                assertEquals(movz && e[2].equals("mov") ? "movz" : e[2], d.mnemonic(), "at 0x" + e[0]);
                assertEquals(normalise(e[3]), normalise(d.operands()), "at 0x" + e[0] + " " + e[2]);
            }
        } finally {
            CapstoneLib.close(handle);
        }
    }

    private static String normalise(String operands) {
        String noComment = operands.replaceAll("\\s*//.*$", "").trim();
        Matcher m = IMMEDIATE.matcher(noComment);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, "#" + Long.decode(m.group(1)));
        m.appendTail(sb);
        return sb.toString();
    }
}
