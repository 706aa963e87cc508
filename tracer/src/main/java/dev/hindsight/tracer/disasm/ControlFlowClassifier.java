package dev.hindsight.tracer.disasm;

import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Classifies the decoder's text output (LLVM's, or Capstone's when LLVM is missing). Capstone's detail mode would give instruction groups, but the Java
 * binding copies the whole operand union through JNA reflection and never frees the native detail
 * buffers, so for the per-step hot path the mnemonic (which is unambiguous on x86) is both cheaper
 * and leak-free. Works for both syntaxes; AT&T size suffixes are accepted.
 */
final class ControlFlowClassifier {
    // x86-64's mnemonics, then AArch64's (Capstone's spelling; no x86 mnemonic is one of them).
    private static final Set<String> CALLS = Set.of("call", "callq", "calll", "callw", "lcall", "lcallq", "lcalll",
            "bl", "blr", "blraa", "blrab", "blraaz", "blrabz");
    private static final Set<String> RETURNS = Set.of("ret", "retq", "retl", "retw", "retf", "retfq", "lret",
            "lretq", "lretl", "lretw", "iret", "iretq", "iretd", "iretw", "retaa", "retab", "eret");
    private static final Set<String> JUMPS = Set.of("jmp", "jmpq", "jmpl", "jmpw", "ljmp", "ljmpq", "ljmpl",
            "b", "br", "braa", "brab", "braaz", "brabz");
    private static final Set<String> SYSCALLS = Set.of("syscall", "sysenter", "svc");
    private static final Set<String> INTERRUPTS = Set.of("int3", "int", "int1", "icebp", "into", "brk");
    private static final Set<String> OTHER_CONDITIONALS = Set.of("loop", "loope", "loopne", "loopz", "loopnz",
            "cbz", "cbnz", "tbz", "tbnz");

    private static final Pattern IMMEDIATE = Pattern.compile("(?:0x([0-9a-f]+)|([0-9]+))");
    private static final Pattern ATT_RIP = Pattern.compile("(-?)(?:0x([0-9a-f]+)|([0-9]+))?\\(%rip\\)");
    private static final Pattern INTEL_RIP = Pattern.compile("\\[rip(?:\\s*([+-])\\s*(?:0x([0-9a-f]+)|([0-9]+)))?\\]");

    private ControlFlowClassifier() {}

    static ControlFlow classify(String mnemonic) {
        // Prefixes (bnd, notrack, rep, lock) come first in the mnemonic; the opcode is last.
        String op = mnemonic.substring(mnemonic.lastIndexOf(' ') + 1);
        if (CALLS.contains(op)) return ControlFlow.CALL;
        if (RETURNS.contains(op)) return ControlFlow.RETURN;
        if (JUMPS.contains(op)) return ControlFlow.JUMP;
        if (SYSCALLS.contains(op)) return ControlFlow.SYSCALL;
        if (INTERRUPTS.contains(op)) return ControlFlow.INTERRUPT;
        if ((op.startsWith("j") && !op.startsWith("jmp")) || op.startsWith("b.") || OTHER_CONDITIONALS.contains(op)) {
            return ControlFlow.CONDITIONAL_JUMP;
        }
        return ControlFlow.SEQUENTIAL;
    }

    /** Direct branches print their (already relocated) target as a bare immediate; indirect ones do not. */
    static OptionalLong branchTarget(ControlFlow flow, String operands) {
        boolean branch = flow == ControlFlow.CALL || flow == ControlFlow.JUMP || flow == ControlFlow.CONDITIONAL_JUMP;
        if (!branch) return OptionalLong.empty();
        String target = operands.trim();
        if (target.startsWith("#")) target = target.substring(1); // AArch64's immediate mark
        Matcher m = IMMEDIATE.matcher(target);
        if (!m.matches()) return OptionalLong.empty();
        return OptionalLong.of(m.group(1) != null ? Long.parseUnsignedLong(m.group(1), 16) : Long.parseLong(m.group(2)));
    }

    /** rip-relative displacements are relative to the end of the instruction. */
    static OptionalLong ripRelativeTarget(String operands, long nextAddress) {
        Matcher att = ATT_RIP.matcher(operands);
        if (att.find()) return OptionalLong.of(nextAddress + signed(att.group(1).equals("-"), att.group(2), att.group(3)));
        Matcher intel = INTEL_RIP.matcher(operands);
        if (intel.find()) {
            return OptionalLong.of(nextAddress + signed("-".equals(intel.group(1)), intel.group(2), intel.group(3)));
        }
        return OptionalLong.empty();
    }

    private static long signed(boolean negative, String hex, String decimal) {
        long magnitude = hex != null ? Long.parseUnsignedLong(hex, 16) : decimal != null ? Long.parseLong(decimal) : 0;
        return negative ? -magnitude : magnitude;
    }
}
