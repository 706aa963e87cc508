package dev.hindsight.tracer.disasm;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites LLVM's spelling of an instruction into the one gdb and objdump (both GNU libopcodes) print,
 * so listings read as the user's other tools do. Only the spelling changes, never the instruction:
 * <ul>
 *   <li>prefixes LLVM drops or names differently: {@code notrack} (3e) and {@code bnd} (f2) on branches,
 *       {@code repz}/{@code repnz} on compare-strings and {@code repz ret};</li>
 *   <li>mnemonic aliases: {@code fucompi} is {@code fucomip}, {@code wait} is {@code fwait};</li>
 *   <li>a negative immediate is shown as the unsigned value of the operand's width
 *       ({@code $-0x1} on a 32-bit operand is {@code $0xffffffff}), as the encoding sign-extends it;</li>
 *   <li>the implicit {@code ds} source segment of movs/cmps/lods/outs is spelled out;</li>
 *   <li>AVX-512 mask and zeroing decorations follow their operand with no space;</li>
 *   <li>{@code xchg} of two registers lists them in libopcodes' order;</li>
 *   <li>port I/O has no size suffix and its port in dx is {@code (%dx)}: {@code in (%dx),%al};</li>
 *   <li>what only the encoding tells ({@code 0x0(%rax)}, {@code ,1}, {@code cs nopw}): {@link EncodedSpelling}.</li>
 * </ul>
 */
final class ObjdumpSpelling {
    private static final Map<String, String> ALIASES = Map.of("fucompi", "fucomip", "fcompi", "fcomip", "wait", "fwait");
    private static final Set<ControlFlow> BRANCHES =
            EnumSet.of(ControlFlow.CALL, ControlFlow.JUMP, ControlFlow.CONDITIONAL_JUMP, ControlFlow.RETURN);
    private static final Pattern COMPARE_STRINGS = Pattern.compile("(cmps|scas)[bwlq]?");
    private static final Pattern SOURCE_STRING = Pattern.compile("(movs|cmps|lods|outs)[bwlq]?");
    private static final Pattern PORT_IO = Pattern.compile("(in|out)[bwl]");
    private static final Pattern ATT_IMMEDIATE = Pattern.compile("\\$-0x([0-9a-f]+)");
    private static final Pattern INTEL_IMMEDIATE = Pattern.compile("(?<=^|, )-0x([0-9a-f]+)(?=$|,)");
    private static final Pattern INTEL_WIDTH = Pattern.compile("\\b(byte|word|dword|qword) ptr");
    private static final Pattern GENERAL_REGISTER = Pattern.compile(
            "(?<![\\w(])%?(r(?:[a-ds]x|[sd]i|[sb]p|\\d+[dwb]?)|e(?:[a-ds]x|[sd]i|[sb]p)|[a-d][xlh]|[sd]il|[sb]pl|[sd]i|[sb]p)\\b");

    private ObjdumpSpelling() {}

    static Decoded apply(Decoded raw, Syntax syntax) {
        String mnemonic = raw.mnemonic();
        int lastSpace = mnemonic.lastIndexOf(' ');
        String prefixes = mnemonic.substring(0, lastSpace + 1);
        String opcode = mnemonic.substring(lastSpace + 1);
        opcode = ALIASES.getOrDefault(opcode, opcode);
        prefixes = prefixes(prefixes, opcode, raw.bytes());
        String operands = syntax == Syntax.ATT ? unsignedAtt(opcode, raw.operands()) : unsignedIntel(opcode, raw.operands());
        if (syntax == Syntax.ATT && PORT_IO.matcher(opcode).matches()) {
            // libopcodes: the accumulator tells the size (in (%dx),%al, out %al,$0x80); a port in dx is (%dx)
            opcode = opcode.substring(0, opcode.length() - 1);
            operands = operands.replaceFirst("(?<=^|, )%dx(?=$|, )", "(%dx)");
        }
        operands = operands.replace(" {", "{"); // AVX-512 masking: %k4{%k1}{z}, not %k4 {%k1} {z}
        if (opcode.startsWith("xchg") && operands.matches("%?\\w+, %?\\w+")) {
            // Two registers: LLVM names the r/m operand first, libopcodes the reg operand (xchg is symmetric).
            String[] pair = operands.split(", ");
            operands = pair[1] + ", " + pair[0];
        }
        boolean string = isStringInstruction(raw.bytes());
        if (string && SOURCE_STRING.matcher(opcode).matches()) {
            operands = syntax == Syntax.ATT ? operands.replaceFirst("(?<!:)\\(%rsi\\)", "%ds:(%rsi)")
                    : operands.replaceFirst("(?<!:)\\[rsi\\]", "ds:[rsi]");
        }
        if (syntax == Syntax.INTEL) {
            String intelOperands = IntelSpelling.operands(opcode, operands);
            if (string) opcode = IntelSpelling.stringMnemonic(opcode);
            operands = intelOperands;
        }
        if (!string) {
            operands = EncodedSpelling.displacement(operands, raw.bytes(), syntax);
            String[] spelled = EncodedSpelling.prefixes(prefixes, opcode, operands, raw.bytes(), syntax);
            prefixes = spelled[0];
            opcode = spelled[1];
            operands = spelled[2];
        }
        return new Decoded(raw.address(), raw.bytes(), prefixes + opcode, operands);
    }

    private static String prefixes(String prefixes, String opcode, byte[] bytes) {
        boolean branch = BRANCHES.contains(ControlFlowClassifier.classify(opcode));
        if (branch) {
            // LLVM prints bnd as repne (or drops it on jcc) and drops notrack; read them from the encoding.
            prefixes = prefixes.replace("repne ", "").replace("rep ", opcode.startsWith("ret") ? "repz " : "rep ");
            if (hasLegacyPrefix(bytes, 0x3e) && !prefixes.contains("notrack") && isIndirect(bytes)) {
                prefixes = "notrack " + prefixes;
            }
            if (hasLegacyPrefix(bytes, 0xf2) && !prefixes.contains("bnd")) prefixes = "bnd " + prefixes;
        } else if (COMPARE_STRINGS.matcher(opcode).matches() && isStringInstruction(bytes)) {
            prefixes = prefixes.replace("repne ", "repnz ").replace("repe ", "repz ").replace("rep ", "repz ");
        }
        return prefixes;
    }

    private static boolean hasLegacyPrefix(byte[] bytes, int prefix) {
        for (byte b : bytes) {
            int v = b & 0xff;
            if (v == prefix) return true;
            if (!isPrefix(v)) return false;
        }
        return false;
    }

    /** movs, cmps, stos, lods, scas, ins, outs: one-byte opcodes after the prefixes (not SSE's movsd). */
    private static boolean isStringInstruction(byte[] bytes) {
        for (byte b : bytes) {
            int v = b & 0xff;
            if (isPrefix(v)) continue;
            return (v >= 0x6c && v <= 0x6f) || (v >= 0xa4 && v <= 0xa7) || (v >= 0xaa && v <= 0xaf);
        }
        return false;
    }

    /** Legacy prefixes and REX. */
    private static boolean isPrefix(int v) {
        return v == 0xf0 || v == 0xf2 || v == 0xf3 || v == 0x2e || v == 0x36 || v == 0x3e || v == 0x26
                || v == 0x64 || v == 0x65 || v == 0x66 || v == 0x67 || (v & 0xf0) == 0x40;
    }

    /** ff /2 (call) or ff /4 (jmp) through a register or memory. */
    private static boolean isIndirect(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if ((bytes[i] & 0xff) == 0xff) {
                int reg = (bytes[i + 1] >> 3) & 7;
                return reg == 2 || reg == 4;
            }
        }
        return false;
    }

    private static String unsignedAtt(String opcode, String operands) {
        Matcher m = ATT_IMMEDIATE.matcher(operands);
        if (!m.find()) return operands;
        int bits = registerBits(operands.substring(m.end()));
        if (bits == 0) bits = suffixBits(opcode);
        if (bits == 0) return operands;
        return operands.substring(0, m.start()) + "$0x" + unsigned(m.group(1), bits) + operands.substring(m.end());
    }

    private static String unsignedIntel(String opcode, String operands) {
        Matcher m = INTEL_IMMEDIATE.matcher(operands);
        if (!m.find()) return operands;
        String others = operands.substring(0, m.start());
        Matcher width = INTEL_WIDTH.matcher(others);
        int bits = width.find() ? switch (width.group(1)) {
            case "byte" -> 8;
            case "word" -> 16;
            case "dword" -> 32;
            default -> 64;
        } : registerBits(others.replaceAll("\\[[^]]*]", ""));
        if (bits == 0) bits = opcode.equals("push") ? 64 : opcode.equals("xabort") ? 8 : 0;
        if (bits == 0) return operands;
        return others + "0x" + unsigned(m.group(1), bits) + operands.substring(m.end());
    }

    private static String unsigned(String magnitudeHex, int bits) {
        long value = -Long.parseUnsignedLong(magnitudeHex, 16);
        if (bits < 64) value &= (1L << bits) - 1;
        return Long.toHexString(value);
    }

    /** The width of the first general register outside a memory operand, 0 if there is none. */
    static int registerBits(String operands) {
        Matcher m = GENERAL_REGISTER.matcher(operands.replaceAll("\\([^)]*\\)", ""));
        if (!m.find()) return 0;
        String r = m.group(1);
        if (r.matches("r\\d+d|e..")) return 32;
        if (r.matches("r\\d+w|[a-d]x|[sd]i|[sb]p")) return 16;
        if (r.matches("r\\d+b|[a-d][lh]|[sd]il|[sb]pl")) return 8;
        return 64;
    }

    private static int suffixBits(String opcode) {
        if (opcode.equals("xabort")) return 8;
        return switch (opcode.charAt(opcode.length() - 1)) {
            case 'b' -> 8;
            case 'w' -> 16;
            case 'l' -> 32;
            case 'q' -> 64;
            default -> 0;
        };
    }
}
