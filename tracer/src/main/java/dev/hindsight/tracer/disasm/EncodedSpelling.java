package dev.hindsight.tracer.disasm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of libopcodes' spelling that follow the encoding rather than the instruction's meaning,
 * which LLVM's text loses (checked against gdb 13 and objdump 2.40):
 * <ul>
 *   <li>a displacement field that holds zero is printed, {@code 0x0(%rax)} / {@code [rax+0x0]}, so
 *       {@code 0f 1f 40 00} reads {@code nopl 0x0(%rax)} and {@code 0f 1f 00} {@code nopl (%rax)};</li>
 *   <li>an AT&amp;T index always carries its scale, {@code (%rax,%rbx,1)};</li>
 *   <li>a cs/ss/ds/es override, which 64-bit mode ignores, is a prefix word ({@code cs nopw
 *       0x0(%rax,%rax,1)}), or on a conditional jump the AT&amp;T hint {@code je,pn} / {@code je,pt};</li>
 *   <li>operand-size prefixes beyond the one the instruction uses are {@code data16} words, and
 *       {@code 66 90} is {@code xchg %ax,%ax} (LLVM says {@code nop}).</li>
 * </ul>
 * Only called for instructions that are not string instructions (their memory operands are implicit).
 */
final class EncodedSpelling {
    private static final Pattern ATT_BARE_MEMORY = Pattern.compile("(?:^|(?<=[,:*\\s]))\\(");
    private static final Pattern ATT_UNSCALED_INDEX = Pattern.compile("\\((%\\w+)?,(%\\w+)\\)");
    private static final Pattern INTEL_MEMORY = Pattern.compile("\\[([^\\]]*)]");
    private static final Pattern NUMBER = Pattern.compile("0x[0-9a-f]+|\\d+");

    private EncodedSpelling() {}

    /** The explicit zero displacement and the AT&amp;T scale of 1. */
    static String displacement(String operands, byte[] bytes, Syntax syntax) {
        if (syntax == Syntax.ATT) {
            operands = ATT_UNSCALED_INDEX.matcher(operands).replaceFirst("($1,$2,1)");
            if (!X86Encoding.hasDisplacement(bytes)) return operands;
            Matcher m = ATT_BARE_MEMORY.matcher(operands);
            return m.find() ? operands.substring(0, m.start()) + "0x0" + operands.substring(m.start()) : operands;
        }
        if (!X86Encoding.hasDisplacement(bytes)) return operands;
        Matcher m = INTEL_MEMORY.matcher(operands);
        if (!m.find()) return operands;
        for (String term : m.group(1).split("[+-]")) {
            if (NUMBER.matcher(term).matches()) return operands;
        }
        return operands.substring(0, m.end() - 1) + "+0x0" + operands.substring(m.end() - 1);
    }

    /** {@code {prefixes, opcode, operands}} with the segment and operand-size prefixes spelled as libopcodes does. */
    static String[] prefixes(String prefixes, String opcode, String operands, byte[] bytes, Syntax syntax) {
        int i = 0, operandSize = 0;
        boolean repz = false;
        while (i < bytes.length && X86Encoding.isLegacyPrefix(bytes[i] & 0xff)) {
            if ((bytes[i] & 0xff) == 0x66) operandSize++;
            if ((bytes[i] & 0xff) == 0xf3) repz = true;
            i++;
        }
        boolean rex = i < bytes.length && (bytes[i] & 0xf0) == 0x40;
        int data16 = operandSize - 1;
        if (!rex && !repz && operandSize > 0 && i < bytes.length && (bytes[i] & 0xff) == 0x90 && opcode.equals("nop")) {
            opcode = "xchg";
            operands = syntax == Syntax.ATT ? "%ax, %ax" : "ax, ax";
        }
        String segment = X86Encoding.nullSegmentPrefix(bytes);
        if (segment != null && !prefixes.contains(segment + " ")) {
            ControlFlow flow = ControlFlowClassifier.classify(opcode);
            if (flow == ControlFlow.CONDITIONAL_JUMP) {
                if (syntax == Syntax.ATT && (segment.equals("cs") || segment.equals("ds"))) {
                    opcode += segment.equals("cs") ? ",pn" : ",pt"; // branch-not-taken / taken hints
                } else {
                    prefixes = segment + " " + prefixes;
                }
            } else if (flow != ControlFlow.CALL && flow != ControlFlow.JUMP && flow != ControlFlow.RETURN) {
                // 3e on an indirect branch is notrack, which ObjdumpSpelling spells already
                operands = syntax == Syntax.ATT ? operands.replaceFirst("%" + segment + ":", "")
                        : operands.replaceFirst("\\b" + segment + ":\\[", "[");
                prefixes = segment + " " + prefixes;
            }
        }
        if (data16 > 0 && !prefixes.contains("data16")) prefixes = "data16 ".repeat(data16) + prefixes;
        return new String[] {prefixes, opcode, operands};
    }
}
