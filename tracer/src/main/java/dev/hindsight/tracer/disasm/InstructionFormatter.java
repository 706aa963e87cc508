package dev.hindsight.tracer.disasm;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders instructions the way gdb's {@code x/i} and {@code disassemble} do: direct branch targets as
 * {@code 0x401030 <printf@plt>}, and rip-relative memory operands followed by a comment naming the
 * effective address, {@code # 0x404028 <counter>}.
 */
public final class InstructionFormatter {
    /** gdb pads AT&T mnemonics to this width (then one space), so operands line up. */
    private static final int ATT_MNEMONIC_WIDTH = 6;
    private static final String COMMENT_GAP = "        ";

    private static final Pattern INTEL_WIDTH = Pattern.compile("\\b([a-z]*(?:word|byte)) ptr\\b");
    private static final Pattern INTEL_NEGATIVE_RIP = Pattern.compile("\\[rip-0x([0-9a-f]+)]");

    private final AddressSymbolizer symbolizer;
    private final Syntax syntax;
    private final boolean gdbIntel;

    public InstructionFormatter(AddressSymbolizer symbolizer, Syntax syntax) {
        this(symbolizer, syntax, false);
    }

    private InstructionFormatter(AddressSymbolizer symbolizer, Syntax syntax, boolean gdbIntel) {
        this.symbolizer = symbolizer;
        this.syntax = syntax;
        this.gdbIntel = gdbIntel && syntax == Syntax.INTEL;
    }

    /**
     * gdb's layout in both flavors: Intel too with its mnemonic padded as AT&amp;T's, operands
     * separated by a bare comma, {@code DWORD PTR}, and a negative rip displacement as its 64-bit
     * two's complement ({@code [rip+0xfffffffffffffe92]}), as gdb 13's {@code disassemble} prints them.
     * (The DAP adapter and the web UI keep LLVM's roomier Intel layout.)
     */
    public static InstructionFormatter likeGdb(AddressSymbolizer symbolizer, Syntax syntax) {
        return new InstructionFormatter(symbolizer, syntax, true);
    }

    /** Mnemonic and operands, e.g. {@code call   0x401030 <printf@plt>}. */
    public String format(Instruction insn) {
        String operands = insn.operands();
        if (insn.branchTarget().isPresent()) {
            operands = addressWithSymbol(insn.branchTarget().getAsLong());
        }
        if (gdbIntel) operands = gdbIntelOperands(operands);
        StringBuilder text = new StringBuilder(insn.mnemonic());
        if (!operands.isEmpty()) {
            if (syntax == Syntax.ATT || gdbIntel) {
                while (text.length() < ATT_MNEMONIC_WIDTH) text.append(' ');
            }
            text.append(' ').append(operands);
        }
        if (insn.ripRelativeTarget().isPresent()) {
            text.append(COMMENT_GAP).append("# ").append(addressWithSymbol(insn.ripRelativeTarget().getAsLong()));
        }
        return text.toString();
    }

    private static String gdbIntelOperands(String operands) {
        operands = operands.replace(", ", ",");
        Matcher width = INTEL_WIDTH.matcher(operands);
        StringBuilder out = new StringBuilder();
        while (width.find()) width.appendReplacement(out, width.group(1).toUpperCase(java.util.Locale.ROOT) + " PTR");
        width.appendTail(out);
        Matcher rip = INTEL_NEGATIVE_RIP.matcher(out);
        if (!rip.find()) return out.toString();
        String wrapped = Long.toHexString(-Long.parseUnsignedLong(rip.group(1), 16));
        return out.substring(0, rip.start()) + "[rip+0x" + wrapped + "]" + out.substring(rip.end());
    }

    /** A listing line: {@code 0x401136 <main+4>:\tmov    %rsp,%rbp}. */
    public String formatLine(Instruction insn) {
        return addressWithSymbol(insn.address()) + ":\t" + format(insn);
    }

    private String addressWithSymbol(long address) {
        Optional<String> symbol = symbolizer.symbolize(address);
        String hex = "0x" + Long.toHexString(address);
        return symbol.map(s -> hex + " <" + s + ">").orElse(hex);
    }
}
