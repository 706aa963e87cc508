package dev.hindsight.tracer.elf;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.testing.Commands;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The name each instruction address of an executable gets in listings, against the label objdump
 * -d puts above it, for every instruction objdump shows. Two deliberate differences: the padding
 * after a function with a size (nm -S) belongs to no function (objdump names it after the function
 * before it), and the PLT's unnamed shared stub is {@code .plt} (objdump says {@code <.plt>}, or
 * {@code <puts@plt-0x10>} when an entry follows).
 */
class ListingSymbolsTest {
    private static final Pattern HEADER = Pattern.compile("^([0-9a-f]+) <(.+)>:$");
    private static final Pattern INSN = Pattern.compile("^\\s+([0-9a-f]+):\\t");
    private static final Pattern BEFORE_PLT = Pattern.compile(".+@plt-0x[0-9a-f]+");

    @ParameterizedTest
    @ValueSource(strings = {"-no-pie", "-fPIE -pie", "-fPIE -pie -Wl,-z,now -fcf-protection=full -Wl,-z,ibtplt"})
    void everyInstructionIsNamedAsObjdumpLabelsIt(String flags) {
        Path exe = Fixtures.compile("hello.c", flags.split(" "));
        SymbolTable symbols = ElfFile.open(exe).symbols();
        Map<String, Long> sizes = sizes(exe);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        String header = null;
        long start = 0;
        for (String line : Commands.output(List.of("objdump", "-d", exe.toString())).split("\n")) {
            Matcher h = HEADER.matcher(line), i = INSN.matcher(line);
            if (h.find()) {
                header = h.group(2);
                start = Long.parseUnsignedLong(h.group(1), 16);
            } else if (header != null && i.find()) {
                long address = Long.parseUnsignedLong(i.group(1), 16), offset = address - start;
                String expected;
                if (BEFORE_PLT.matcher(header).matches() || header.equals(".plt")) {
                    expected = ".plt" + (offset == 0 ? "" : "+" + offset);
                } else if (sizes.getOrDefault(header, 0L) > 0 && offset >= sizes.get(header)) {
                    expected = ""; // padding after the function's end
                } else {
                    expected = header + (offset == 0 ? "" : "+" + offset);
                }
                String actual = symbols.lookup(address).map(SymbolicAddress::toString).orElse("");
                if (!expected.equals(actual)) wrong.add(Long.toHexString(address) + " objdump " + expected + " ours " + actual);
                checked++;
            }
        }
        assertTrue(checked > 50, "objdump listed " + checked + " instructions");
        assertEquals(List.of(), wrong, flags);
    }

    /** nm -S: the sizes of the symbols that have one. */
    private static Map<String, Long> sizes(Path exe) {
        Map<String, Long> out = new HashMap<>();
        for (String line : Commands.output(List.of("nm", "-S", "--defined-only", exe.toString())).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 4) out.put(f[3], Long.parseUnsignedLong(f[1], 16));
        }
        return out;
    }
}
