package dev.hindsight.tracer.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.testing.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both architectures' facts against independent sources on the x86 host: DWARF register names
 * from binutils' readelf reading the CFI clang emits for each target, breakpoint bytes from
 * clang's assembler, system call numbers from the kernel headers (the host's and the arm64 cross
 * ones). The pc rules are exercised for real by the breakpoint tests (x86 here, AArch64 in the
 * guest: {@code dev.hindsight.tracer.aarch64}).
 */
class ArchitectureTest {
    /** Keeps values live across calls: the CFI then saves callee-saved general and vector registers. */
    private static final String CALLEE_SAVED = """
            extern long g(long, long, long, long, long, long, long, long, long, long, long, long);
            extern double h(double);
            long f(long a, long b, long c, long d, long e, long k, long i, long j, long m, long l) {
                long x = g(a, b, c, d, e, k, i, j, m, l, 1, 2);
                long y = g(x, a, b, c, d, e, k, i, j, m, l, 3);
                return x + y + a + b + c + d + e + k + i + j + m + l + g(y, x, l, m, j, i, k, e, d, c, b, a);
            }
            double fp(double a, double b, double c, double d, double e, double f, double g, double k) {
                double x = h(a), y = h(x + b);
                return a * b + c * d + e * f + g * k + x * y + h(y) * a * b * c * d * e * f * g * k;
            }
            """;
    private static final Pattern READELF_REGISTER = Pattern.compile("\\br(\\d+) \\(([a-z0-9]+)\\)");

    @TempDir
    Path dir;

    @Test
    void dwarfRegisterNamesAreReadelfsForTheCfiClangEmits() throws IOException {
        for (Architecture arch : List.of(X86_64.INSTANCE, Aarch64.INSTANCE)) {
            Map<Integer, String> named = cfiRegisters(arch);
            assertTrue(named.size() >= (arch == X86_64.INSTANCE ? 8 : 20), arch.name() + ": too few registers in the CFI: " + named);
            named.forEach((number, name) -> assertEquals(name, arch.dwarfRegisterName(number), arch.name() + " DWARF r" + number));
        }
        assertEquals("rip", X86_64.INSTANCE.dwarfRegisterName(16), "the return-address column (psABI)");
        assertEquals("x30", Aarch64.INSTANCE.dwarfRegisterName(30), "the return-address column (AADWARF64)");
    }

    @Test
    void theRegistersOfAProgramRecordAreKernelRegistersWithPcAndFlags() {
        for (Architecture arch : List.of(X86_64.INSTANCE, Aarch64.INSTANCE)) {
            List<String> program = arch.programRegisters();
            assertTrue(arch.kernelRegisterOrder().containsAll(program), arch.name() + ": " + program);
            assertTrue(program.contains(arch.pcRegister()) && program.contains(arch.spRegister())
                    && program.contains(arch.flagsRegister()), arch.name() + ": " + program);
        }
        // gdb's x86-64 general group without the segment and base registers (trace --json's fields)
        assertEquals(List.of("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12",
                "r13", "r14", "r15", "rip", "eflags"), X86_64.INSTANCE.programRegisters());
        assertEquals(34, Aarch64.INSTANCE.programRegisters().size(), "x0-x30, sp, pc, cpsr: " + Aarch64.INSTANCE.programRegisters());
    }

    @Test
    void breakpointInstructionIsWhatTheAssemblerEncodes() throws IOException {
        assertArrayEquals(assemble(X86_64.INSTANCE, "int3"), X86_64.INSTANCE.breakpointInstruction());
        assertArrayEquals(assemble(Aarch64.INSTANCE, "brk #0"), Aarch64.INSTANCE.breakpointInstruction());
        assertEquals(0x1000, X86_64.INSTANCE.breakpointAddress(0x1001), "int3 traps with pc past it");
        assertEquals(0x1000, Aarch64.INSTANCE.breakpointAddress(0x1000), "BRK traps with pc at it");
    }

    /**
     * For each argument position, a function returning that argument: the compiler's code moves
     * the argument register into the return register ({@code mov %rsi,%rax}; {@code mov x0, x1}),
     * leaves it there (AArch64's x0) or, one past the register arguments, loads it from the stack.
     */
    @Test
    void callingConventionIsTheCompilers() throws IOException {
        for (Architecture arch : List.of(X86_64.INSTANCE, Aarch64.INSTANCE)) {
            List<String> args = arch.integerArgumentRegisters();
            StringBuilder c = new StringBuilder();
            for (int i = 0; i <= args.size(); i++) {
                c.append("long arg").append(i).append("(long a0, long a1, long a2, long a3, long a4, long a5, long a6, long a7, long a8)")
                        .append(" { return a").append(i).append("; }\n");
            }
            Path src = dir.resolve("args.c");
            Files.writeString(src, c);
            Path obj = dir.resolve("args-" + arch.name() + ".o");
            compile(arch, src, obj, "-O2");
            String objdump = arch == X86_64.INSTANCE ? "objdump" : "aarch64-linux-gnu-objdump";
            Map<String, String> firstInsn = firstInstructions(Commands.output(List.of(objdump, "-d", "--no-show-raw-insn", obj.toString())));
            String ret = arch.integerReturnRegister();
            for (int i = 0; i <= args.size(); i++) {
                String insn = firstInsn.get("arg" + i);
                String expected;
                if (i == args.size()) {
                    assertTrue(insn.contains(arch == X86_64.INSTANCE ? "(%rsp)" : "[sp"), arch.name() + ": argument " + i + " from the stack: " + insn);
                    continue;
                } else if (args.get(i).equals(ret)) {
                    expected = "ret";
                } else {
                    expected = arch == X86_64.INSTANCE ? "mov %" + args.get(i) + ",%" + ret : "mov " + ret + ", " + args.get(i);
                }
                assertEquals(expected, insn, arch.name() + ": argument " + i);
            }
        }
    }

    /** Function name to its first instruction, spaces normalised, from objdump -d. */
    private static Map<String, String> firstInstructions(String disassembly) {
        Map<String, String> first = new TreeMap<>();
        String function = null;
        for (String line : disassembly.split("\n")) {
            Matcher label = Pattern.compile("^[0-9a-f]+ <([^>]+)>:$").matcher(line.trim());
            if (label.matches()) {
                function = label.group(1);
            } else if (function != null && line.contains(":\t")) {
                first.put(function, line.substring(line.indexOf(":\t") + 2).trim().replaceAll("\\s+", " ").replaceAll("\\s*//.*", ""));
                function = null;
            }
        }
        return first;
    }

    @Test
    void syscallNumbersAreTheKernelHeaders() throws IOException {
        assertSyscalls(X86_64.INSTANCE, Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"));
        // linux-libc-dev-arm64-cross (misc/test-all.sh installs it): the generic table arm64 uses.
        assertSyscalls(Aarch64.INSTANCE, Path.of("/usr/aarch64-linux-gnu/include/asm-generic/unistd.h"));
    }

    /** The kernel's own definitions (linux/audit.h), compiled and printed on the host. */
    @Test
    void auditArchIsTheKernelHeaders() throws IOException {
        Path src = dir.resolve("audit.c");
        Files.writeString(src, """
                #include <linux/audit.h>
                #include <stdio.h>
                int main(void) { printf("%u %u\\n", AUDIT_ARCH_X86_64, AUDIT_ARCH_AARCH64); return 0; }
                """);
        Path exe = dir.resolve("audit");
        String out = Commands.output(List.of("clang", "-o", exe.toString(), src.toString()));
        assertTrue(Files.isExecutable(exe), out);
        String[] values = Commands.output(List.of(exe.toString())).trim().split(" ");
        assertEquals(Long.parseLong(values[0]), Integer.toUnsignedLong(X86_64.INSTANCE.auditArch()), "AUDIT_ARCH_X86_64");
        assertEquals(Long.parseLong(values[1]), Integer.toUnsignedLong(Aarch64.INSTANCE.auditArch()), "AUDIT_ARCH_AARCH64");
    }

    @Test
    void hostAndElfMachines() {
        assertSame(X86_64.INSTANCE, Hosts.of("amd64"));
        assertSame(Aarch64.INSTANCE, Hosts.of("aarch64"));
        assertSame(X86_64.INSTANCE, Architecture.forElfMachine(62));
        assertSame(Aarch64.INSTANCE, Architecture.forElfMachine(183));
        assertEquals(34, Aarch64.INSTANCE.kernelRegisterOrder().size(), "user_pt_regs: x0-x30, sp, pc, pstate");
        assertEquals("[ Z C ]", Aarch64.INSTANCE.describeFlags(0x6000_0000L));
        assertEquals("[ N V ]", Aarch64.INSTANCE.describeFlags(0x9000_03c5L));
    }

    private Map<Integer, String> cfiRegisters(Architecture arch) throws IOException {
        Path src = dir.resolve("cfi.c");
        Files.writeString(src, CALLEE_SAVED);
        Path obj = dir.resolve("cfi-" + arch.name() + ".o");
        compile(arch, src, obj, "-O2", "-fno-omit-frame-pointer");
        Map<Integer, String> named = new TreeMap<>();
        Matcher m = READELF_REGISTER.matcher(Commands.output(List.of("readelf", "--debug-dump=frames", obj.toString())));
        while (m.find()) named.put(Integer.parseInt(m.group(1)), m.group(2));
        return named;
    }

    private byte[] assemble(Architecture arch, String instruction) throws IOException {
        Path src = dir.resolve("insn.s");
        Files.writeString(src, instruction + "\n");
        Path obj = dir.resolve("insn-" + arch.name() + ".o");
        compile(arch, src, obj);
        // readelf -x: "  0x00000000 000020d4   .. ." — the hex words after the offset.
        for (String line : Commands.output(List.of("readelf", "-x", ".text", obj.toString())).split("\n")) {
            String t = line.trim();
            if (t.startsWith("0x")) return HexFormat.of().parseHex(t.substring(11, Math.min(t.length(), 46)).split("  ")[0].replace(" ", ""));
        }
        throw new AssertionError("no .text dump for " + instruction);
    }

    private static void compile(Architecture arch, Path src, Path obj, String... flags) {
        List<String> cmd = new java.util.ArrayList<>(List.of("clang", "-c"));
        if (arch == Aarch64.INSTANCE) cmd.add("--target=aarch64-linux-gnu");
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-o", obj.toString(), src.toString()));
        String out = Commands.output(cmd);
        assertTrue(Files.exists(obj), cmd + ": " + out);
    }

    private static void assertSyscalls(Architecture arch, Path header) throws IOException {
        String h = Files.readString(header);
        SyscallNumbers n = arch.syscalls();
        assertEquals(define(h, "__NR_ptrace"), n.ptrace(), arch.name() + " ptrace");
        assertEquals(define(h, "__NR_gettid"), n.gettid(), arch.name() + " gettid");
        assertEquals(define(h, "__NR_tgkill"), n.tgkill(), arch.name() + " tgkill");
    }

    private static long define(String header, String name) {
        Matcher m = Pattern.compile("#define " + name + "\\s+(\\d+)").matcher(header);
        if (!m.find()) throw new AssertionError("no " + name);
        return Long.parseLong(m.group(1));
    }
}
