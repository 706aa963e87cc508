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
 *   <li>mnemonics, prefixes included, must match exactly (see {@link GdbMnemonics} for the AT&amp;T suffixes);</li>
 *   <li>Capstone spells out the implicit shift count ({@code sar $1,%rsi} for {@code sar %rsi});
 *       objdump's side is rewritten the same way. (An encoded zero displacement, {@code 0x0(%rax)},
 *       and an index's scale of 1 are compared as they are: {@link EncodedSpelling} prints them.)</li>
 *   <li>objdump -M intel prints a negative rip displacement as its 64-bit two's complement
 *       ({@code [rip+0xfffffffffffffe92]}); we print {@code [rip-0x16e]}, the same address;</li>
 *   <li>{@code xbegin}'s abort target is bare hex in objdump, {@code 0x}-prefixed in ours;</li>
 * </ol>
 */
final class ObjdumpNormalization {
    private static final Pattern HEX = Pattern.compile("0x([0-9a-f]+)");

    private ObjdumpNormalization() {}

    static boolean sameInstruction(String objdumpText, Instruction ours) {
        String expected = objdumpText.replaceAll("#.*$", "").replaceAll("<[^>]*>", "").trim();
        Matcher prefixed = PREFIXED_MNEMONIC.matcher(expected);
        int space = prefixed.lookingAt() && prefixed.end() < expected.length() ? prefixed.end() : -1;
        String mnemonic = space < 0 ? expected : expected.substring(0, space);
        String operands = space < 0 ? "" : expected.substring(space).trim();
        if (!mnemonic.replaceAll(" +", " ").equals(ours.mnemonic())) return false;
        if (ours.branchTarget().isPresent()) {
            return Long.parseUnsignedLong(operands, 16) == ours.branchTarget().getAsLong();
        }
        if (mnemonic.equals("xbegin")) { // its abort target, bare hex like a branch's
            return ("0x" + operands).equals(ours.operands());
        }
        String ourOperands = canonical(ours.operands());
        String theirs = canonical(negativeRipDisplacement(operands));
        if (SHIFTS.matcher(mnemonic).matches() && !theirs.startsWith("$") && theirs.split(",").length == 1
                && ourOperands.startsWith("$1,")) {
            theirs = "$1," + theirs;
        }
        return theirs.equals(ourOperands);
    }

    private static final Pattern PREFIXED_MNEMONIC =
            Pattern.compile("((rep[a-z]*|lock|bnd|notrack|data16|[c-gs]s) +)*[a-z0-9]+(,p[nt])?");
    private static final Pattern SHIFTS = Pattern.compile("(sh[lr]|sa[lr]|ro[lr]|rc[lr])[bwlq]?");

    /** objdump -M intel writes {@code [rip-0x16e]} as {@code [rip+0xfffffffffffffe92]}: the same address. */
    private static String negativeRipDisplacement(String operands) {
        Matcher m = INTEL_RIP.matcher(operands);
        if (!m.find() || Long.parseUnsignedLong(m.group(1), 16) >= 0) return operands;
        return operands.substring(0, m.start()) + "[rip-0x" + Long.toHexString(-Long.parseUnsignedLong(m.group(1), 16))
                + "]" + operands.substring(m.end());
    }

    private static final Pattern INTEL_RIP = Pattern.compile("\\[rip\\+0x([0-9a-f]{16})]");

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
