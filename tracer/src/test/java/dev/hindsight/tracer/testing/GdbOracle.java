package dev.hindsight.tracer.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real gdb on a binary and records the general registers at a start address and after
 * each of up to N {@code stepi}s. The run is made reproducible the same way Hindsight's side is:
 * exact environment (gdb's own LINES/COLUMNS removed, no shell), ASLR off, and the 16 AT_RANDOM
 * bytes zeroed at the first instruction so stack canaries and pointer guards agree.
 */
public final class GdbOracle {
    public static final List<String> REGISTERS = List.of("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "eflags", "cs", "ss", "ds", "es", "fs",
            "gs", "fs_base", "gs_base");

    private GdbOracle() {}

    /** What gdb saw, and the addresses of per-run secrets it zeroed at the start (to zero likewise). */
    public record Run(List<Map<String, Long>> stops, List<Long> zeroedWords) {}

    /** One map of register name to value per stop: at {@code startAddress}, then after each step. */
    public static Run stepi(Path binary, long startAddress, int steps, List<String> environment)
            throws IOException, InterruptedException {
        return GdbScript.run(binary, environment, 600, out -> script(out, startAddress, steps), out -> {
            ObjectMapper json = new ObjectMapper();
            List<Map<String, Long>> result = new ArrayList<>();
            for (String line : Files.readAllLines(out)) {
                Map<?, ?> m = json.readValue(line, Map.class);
                Map<String, Long> regs = new LinkedHashMap<>();
                for (String r : REGISTERS) regs.put(r, Long.parseUnsignedLong((String) m.get(r), 16));
                result.add(regs);
            }
            Path zeroed = Path.of(out + ".zeroed");
            List<Long> words = Files.exists(zeroed) ? List.of(Long.parseUnsignedLong(Files.readString(zeroed).trim(), 16)) : List.of();
            return new Run(result, words);
        });
    }

    private static String script(Path out, long start, int steps) {
        return String.join("\n",
                "import gdb, json",
                "for c in ['set pagination off', 'set confirm off', 'set startup-with-shell off',",
                "          'unset environment LINES', 'unset environment COLUMNS', 'starti']:",
                "    gdb.execute(c, to_string=True)",
                "aux = gdb.execute('info auxv', to_string=True)",
                "for line in aux.splitlines():",
                "    if 'AT_RANDOM' in line:",
                "        addr = int(line.split()[-1], 16)",
                "        gdb.selected_inferior().write_memory(addr, bytes(16))",
                "if int(gdb.selected_frame().pc()) != " + start + ":",
                "    gdb.execute('break *" + start + "', to_string=True)",
                "    gdb.execute('continue', to_string=True)",
                "# glibc seeds malloc's tcache_key from getrandom(): a per-run secret, zeroed like AT_RANDOM.",
                "try:",
                "    key = int(gdb.parse_and_eval('(long)&tcache_key'))",
                "    gdb.selected_inferior().write_memory(key, bytes(8))",
                "    open('" + out + ".zeroed', 'w').write('%x' % key)",
                "except gdb.error:",
                "    pass",
                "names = " + REGISTERS.stream().map(r -> "'" + r + "'").toList(),
                "with open('" + out + "', 'w') as f:",
                "    for i in range(" + (steps + 1) + "):",
                "        try:",
                "            fr = gdb.selected_frame()",
                "        except gdb.error:",
                "            break",
                "        f.write(json.dumps({n: '%x' % (int(fr.read_register(n)) & 0xffffffffffffffff) for n in names}) + '\\n')",
                "        if i == " + steps + ":",
                "            break",
                "        try:",
                "            gdb.execute('stepi', to_string=True)",
                "        except gdb.error:",
                "            break",
                "gdb.execute('kill', to_string=True)",
                "");
    }
}
