package dev.hindsight.tracer.disasm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LLVM's Intel syntax in the spelling of gdb's and objdump's ({@code -M intel}); only the spelling changes:
 * <ul>
 *   <li>memory operands {@code [rax + 0x8*rbx - 0x10]} become {@code [rax+rbx*8-0x10]}, an index always
 *       with its scale ({@code [rax+rbx*1]});</li>
 *   <li>an absolute address is {@code fs:0x28} / {@code ds:0x0} rather than {@code fs:[0x28]} / {@code [0x0]};</li>
 *   <li>string instructions drop the size letter their {@code PTR} operand already gives
 *       ({@code rep stos DWORD PTR es:[rdi],eax});</li>
 *   <li>a shift by one names its count ({@code sar rdx,1}), as the D0-D3 encodings carry no immediate.</li>
 * </ul>
 */
final class IntelSpelling {
    private static final Pattern MEMORY = Pattern.compile("(?:([a-z]s):)?\\[([^\\]]*)]");
    private static final Pattern SCALED = Pattern.compile("(?:0x)?([1248])\\*(\\w+)");
    private static final Pattern STRING_OP = Pattern.compile("(movs|stos|lods|scas|cmps|ins|outs)[bwdq]");
    private static final Pattern SHIFT = Pattern.compile("sh[lr]|sa[lr]|ro[lr]|rc[lr]");

    private IntelSpelling() {}

    /** {@code stosd} to {@code stos}; the caller knows from the encoding that it is a string instruction. */
    static String stringMnemonic(String opcode) {
        return STRING_OP.matcher(opcode).matches() ? opcode.substring(0, opcode.length() - 1) : opcode;
    }

    static String operands(String opcode, String operands) {
        if (SHIFT.matcher(opcode).matches() && !operands.isEmpty() && !operands.contains(",")) {
            operands = operands + ", 1";
        }
        if (operands.indexOf('[') < 0) return operands;
        Matcher m = MEMORY.matcher(operands);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(memory(m.group(1), m.group(2))));
        m.appendTail(out);
        return out.toString();
    }

    /** {@code "rax + 0x8*rbx - 0x10"} to {@code "[rax+rbx*8-0x10]"}; {@code "0x28"} with fs to {@code "fs:0x28"}. */
    private static String memory(String segment, String inside) {
        String[] terms = inside.split(" ");
        if (terms.length == 1 && terms[0].startsWith("0x")) return (segment == null ? "ds" : segment) + ":" + terms[0];
        StringBuilder out = new StringBuilder(segment == null ? "[" : segment + ":[");
        boolean first = true;
        int registers = 0;
        for (int i = 0; i < terms.length; i++) {
            String term = terms[i];
            if (term.equals("+") || term.equals("-")) {
                out.append(term);
                continue;
            }
            Matcher scaled = SCALED.matcher(term);
            if (scaled.matches()) {
                out.append(scaled.group(2)).append('*').append(scaled.group(1));
                registers = 2;
            } else if (!term.startsWith("0x") && !term.matches("-?\\d+")) { // a register
                // the second register of [base + index] is the index, scale 1
                out.append(term).append(++registers == 2 && !first ? "*1" : "");
            } else {
                out.append(term);
            }
            first = false;
        }
        return out.append(']').toString();
    }
}
