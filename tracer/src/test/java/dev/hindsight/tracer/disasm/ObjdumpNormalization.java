package dev.hindsight.tracer.disasm;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares objdump's text with ours modulo presentation differences that carry no meaning.
 * The normalizations:
 * <ol>
 *   <li>objdump's trailing {@code # address <symbol>} comment and {@code <symbol>} annotations are
 *       dropped (we annotate in {@link InstructionFormatter}, not in the operand text);</li>
 *   <li>a direct branch is compared by mnemonic plus numeric target, since objdump prints the target
 *       as bare hex ({@code jge 11aa}) and Capstone as {@code 0x11aa};</li>
 *   <li>case and all whitespace are ignored ({@code DWORD PTR [rbp-0x4]} = {@code dword ptr [rbp - 4]});</li>
 *   <li>numbers are compared by value: Capstone prints values below 10 in decimal, objdump always in hex;</li>
 *   <li>string instructions: objdump writes {@code rep stos %al,%es:(%rdi)}, Capstone {@code rep stosb};
 *       every other mnemonic must match exactly (see {@link GdbMnemonics} for the AT&amp;T suffixes);</li>
 *   <li>Capstone omits a zero displacement and an index scale of 1 ({@code nopw (%rax,%rax)} for
 *       {@code nopw 0x0(%rax,%rax,1)}), and spells out the implicit shift count ({@code sar $1,%rsi} for
 *       {@code sar %rsi}); objdump's side is rewritten the same way;</li>
 *   <li>objdump spells the implicit {@code %es:} of string instructions' destination, Capstone does not,
 *       and objdump writes {@code [rip+0x0]} where Capstone writes {@code [rip]};</li>
 *   <li>padding NOPs ({@code nopw}, {@code cs nopw}, {@code xchg %ax,%ax}, {@code data16 ...}) are compared
 *       only by being NOPs of the same length, since both tools spell prefixed NOPs differently.</li>
 * </ol>
 */
final class ObjdumpNormalization {
    private static final Pattern HEX = Pattern.compile("0x([0-9a-f]+)");

    private ObjdumpNormalization() {}

    static boolean sameInstruction(String objdumpText, Instruction ours) {
        String expected = objdumpText.replaceAll("#.*$", "").replaceAll("<[^>]*>", "").trim();
        if (isPaddingNop(expected) && isPaddingNop(ours.mnemonic())) return true;
        Matcher prefixed = PREFIXED_MNEMONIC.matcher(expected);
        int space = prefixed.lookingAt() && prefixed.end() < expected.length() ? prefixed.end() : -1;
        String mnemonic = space < 0 ? expected : expected.substring(0, space);
        String operands = space < 0 ? "" : expected.substring(space).trim();
        if (!sameMnemonic(mnemonic.replaceAll(" +", " "), ours.mnemonic())) return false;
        if (ours.branchTarget().isPresent()) {
            return Long.parseUnsignedLong(operands, 16) == ours.branchTarget().getAsLong();
        }
        String ourOperands = canonical(ours.operands());
        String theirs = canonical(operands).replaceAll("(?<![0-9a-z])0\\(", "(").replace(",1)", ")")
                .replace("+0]", "]").replace("%es:(%rdi)", "(%rdi)").replace("es:[rdi]", "[rdi]");
        if (SHIFTS.matcher(mnemonic).matches() && !theirs.startsWith("$") && theirs.split(",").length == 1
                && ourOperands.startsWith("$1,")) {
            theirs = "$1," + theirs;
        }
        return theirs.equals(ourOperands);
    }

    private static final Pattern PREFIXED_MNEMONIC =
            Pattern.compile("((rep[a-z]*|lock|bnd|notrack) +)*[a-z0-9]+");
    private static final Pattern SHIFTS = Pattern.compile("(sh[lr]|sa[lr]|ro[lr]|rc[lr])[bwlq]?");

    private static boolean isPaddingNop(String text) {
        return text.matches("(cs |data16 )*(nop[wl]?|xchg +%?ax,%?ax)\\b.*");
    }

    private static boolean sameMnemonic(String objdump, String ours) {
        // objdump: "rep stos" with the size in the operands; Capstone: "rep stosb".
        return ours.equals(objdump) || (STRING_OPS.matcher(objdump).find() && ours.length() == objdump.length() + 1
                && ours.startsWith(objdump) && "bwlq".indexOf(ours.charAt(ours.length() - 1)) >= 0);
    }

    private static final Pattern STRING_OPS = Pattern.compile("(stos|lods|movs|cmps|scas|ins|outs)$");

    static String canonical(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
        Matcher m = HEX.matcher(lower);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Long.toUnsignedString(Long.parseUnsignedLong(m.group(1), 16)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
