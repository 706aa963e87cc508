package dev.hindsight.tracer.disasm;

import java.util.Optional;

/**
 * Renders instructions the way gdb's {@code x/i} and {@code disassemble} do: direct branch targets as
 * {@code 0x401030 <printf@plt>}, and rip-relative memory operands followed by a comment naming the
 * effective address, {@code # 0x404028 <counter>}.
 */
public final class InstructionFormatter {
    /** gdb pads AT&T mnemonics to this width (then one space), so operands line up. */
    private static final int ATT_MNEMONIC_WIDTH = 6;
    private static final String COMMENT_GAP = "        ";

    private final AddressSymbolizer symbolizer;
    private final Syntax syntax;

    public InstructionFormatter(AddressSymbolizer symbolizer, Syntax syntax) {
        this.symbolizer = symbolizer;
        this.syntax = syntax;
    }

    /** Mnemonic and operands, e.g. {@code call   0x401030 <printf@plt>}. */
    public String format(Instruction insn) {
        String operands = insn.operands();
        if (insn.branchTarget().isPresent()) {
            operands = addressWithSymbol(insn.branchTarget().getAsLong());
        }
        StringBuilder text = new StringBuilder(insn.mnemonic());
        if (!operands.isEmpty()) {
            if (syntax == Syntax.ATT) {
                while (text.length() < ATT_MNEMONIC_WIDTH) text.append(' ');
            }
            text.append(' ').append(operands);
        }
        if (insn.ripRelativeTarget().isPresent()) {
            text.append(COMMENT_GAP).append("# ").append(addressWithSymbol(insn.ripRelativeTarget().getAsLong()));
        }
        return text.toString();
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
