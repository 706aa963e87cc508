package dev.hindsight.tracer.disasm;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * LLVM (and Capstone 4, its 2019 copy) prints an AT&amp;T size suffix on every sized instruction ({@code movl %edi, -8(%rbp)},
 * {@code callq}); gdb 13 and objdump 2.40 print it only when nothing else tells the size: always
 * omitted for the 64-bit default of stack and control transfers, and omitted when a general register
 * operand implies it ({@code mov %edi,-0x8(%rbp)}, but {@code movl $0x0,-0x4(%rbp)}). Users read gdb,
 * so we print what gdb prints. The objdump comparison test checks this instruction by instruction.
 */
final class GdbMnemonics {
    private static final Map<String, String> ATT_DEFAULT_SIZE = Map.ofEntries(
            Map.entry("callq", "call"), Map.entry("retq", "ret"), Map.entry("jmpq", "jmp"),
            Map.entry("pushq", "push"), Map.entry("popq", "pop"), Map.entry("leaveq", "leave"),
            Map.entry("pushfq", "pushf"), Map.entry("popfq", "popf"));
    /** Instructions whose suffix is only a size, implied by a register operand. */
    private static final Set<String> SIZED_BY_REGISTER = Set.of("mov", "add", "sub", "and", "or", "xor", "cmp",
            "test", "adc", "sbb", "lea", "inc", "dec", "neg", "not", "imul", "mul", "idiv", "div", "shl", "shr",
            "sar", "sal", "rol", "ror", "rcl", "rcr", "shld", "shrd", "xchg", "bt", "bts", "btr", "btc", "bsf",
            "bsr", "xadd", "cmpxchg", "push", "pop", "movabs", "tzcnt", "lzcnt", "popcnt", "bswap",
            // BMI/BMI2 and movbe (LLVM prints their suffix, objdump only with no register to tell)
            "sarx", "shlx", "shrx", "bzhi", "blsmsk", "blsr", "blsi", "andn", "bextr", "pdep", "pext", "rorx", "mulx",
            "movbe", "adcx", "adox", "crc32", "movnti",
            // string instructions: objdump writes "rep stos %eax,%es:(%rdi)" but "movsb"
            "stos", "lods", "scas", "ins", "outs");
    /** Integer-to-float conversions: sized by their general register source, even beside an xmm. */
    private static final Set<String> SIZED_BY_SOURCE = Set.of("cvtsi2sd", "cvtsi2ss", "vcvtsi2sd", "vcvtsi2ss",
            "vcvtusi2sd", "vcvtusi2ss");
    private static final Set<String> SHIFTS = Set.of("shl", "shr", "sar", "sal", "rol", "ror", "rcl", "rcr", "shld", "shrd");
    private static final Pattern MEMORY_OPERAND = Pattern.compile("\\([^)]*\\)");
    private static final Pattern GENERAL_REGISTER = Pattern.compile(
            "%(r[a-z0-9]+|e[a-z]{2}|[a-d][lhx]|[sd]il|[sb]pl|[sd]i|[sb]p)\\b");
    private static final Pattern VECTOR_REGISTER = Pattern.compile("%([xyz]?mm|st|k)[0-9(]");

    private GdbMnemonics() {}

    static String normalize(String capstoneMnemonic, String operands, Syntax syntax) {
        if (syntax != Syntax.ATT) return capstoneMnemonic;
        int lastSpace = capstoneMnemonic.lastIndexOf(' ');
        String prefixes = capstoneMnemonic.substring(0, lastSpace + 1);
        String opcode = capstoneMnemonic.substring(lastSpace + 1);
        String defaultSize = ATT_DEFAULT_SIZE.get(opcode);
        if (defaultSize != null) return prefixes + defaultSize;
        if (opcode.length() < 2 || "bwlq".indexOf(opcode.charAt(opcode.length() - 1)) < 0) return capstoneMnemonic;
        String base = opcode.substring(0, opcode.length() - 1);
        if (SIZED_BY_SOURCE.contains(base)) {
            boolean register = GENERAL_REGISTER.matcher(MEMORY_OPERAND.matcher(operands).replaceAll("")).find();
            return register ? prefixes + base : capstoneMnemonic;
        }
        boolean sizedByRegister = SIZED_BY_REGISTER.contains(base) || base.startsWith("cmov");
        return sizedByRegister && registerImpliesSize(base, operands) ? prefixes + base : capstoneMnemonic;
    }

    private static boolean registerImpliesSize(String base, String operands) {
        if (VECTOR_REGISTER.matcher(operands).find()) return false; // movq %xmm0, %rax is its own instruction
        String registers = MEMORY_OPERAND.matcher(operands).replaceAll("");
        // A shift's count in %cl says nothing of the size; %cl as the shifted operand does.
        if (SHIFTS.contains(base)) registers = registers.replaceFirst("^%cl,", "");
        return GENERAL_REGISTER.matcher(registers).find();
    }
}
