package dev.hindsight.mi.cli;

import dev.hindsight.mi.commands.MiResult;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.session.FrameFormat;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.disasm.InstructionFormatter;
import dev.hindsight.tracer.dwarf.info.AddressRange;
import dev.hindsight.tracer.elf.SymbolicAddress;
import dev.hindsight.tracer.source.SourcePoint;
import java.util.List;
import java.util.Optional;

/**
 * {@code disassemble[/r] [FUNCTION | START,END]}: gdb's {@code Dump of assembler code for function
 * add:} and its lines, {@code => } at the selected frame's pc, {@code <+10>} offsets in a function
 * ({@code <add+10>} in a range), {@code /r} with the raw bytes; the instruction text as
 * {@code -data-disassemble} writes it. {@code /s} with the source lines above their code, as gdb's; {@code /m} in gdb's deprecated
 * source-centric order ({@link DisassembleSourceCentric}).
 */
final class DisassembleConsole {
    /** gdb 13 pads /r's bytes to this width, so short instructions line up. */
    private static final int BYTES_WIDTH = 19;

    private DisassembleConsole() {}

    static MiResult show(MiSession s, String text) {
        String modifiers = "";
        String rest = text.strip();
        if (rest.startsWith("/")) {
            String[] w = rest.split("\\s+", 2);
            modifiers = w[0].substring(1);
            rest = w.length > 1 ? w[1].strip() : "";
        }
        if (!modifiers.matches("[rsm]*")) throw new MiException("Hindsight's disassemble takes /r, /s and /m only (not /" + modifiers + ")");
        boolean raw = modifiers.contains("r");
        boolean source = modifiers.contains("s");
        // gdb's own refusal, before it looks at the location
        if (source && modifiers.contains("m")) throw new MiException("Cannot specify both /m and /s.");
        CodeView t = CodeView.of(s);
        long start, end;
        boolean function = !rest.contains(",");
        if (function) {
            if (rest.isEmpty() && t.target() == null) throw new MiException("No frame selected.");
            long at = rest.isEmpty() ? s.frame().pc() : t.addressOf(s, rest);
            List<AddressRange> r = t.source().functionRanges(at);
            if (r.isEmpty()) throw new MiException("No function contains specified address.");
            start = r.get(0).low();
            end = r.get(0).high();
            String name = t.symbol(start).map(SymbolicAddress::symbol).orElse("??");
            s.out().console("Dump of assembler code for function " + name + ":\n");
        } else {
            String[] se = rest.split(",", 2);
            start = t.addressOf(s, se[0].strip());
            String e = se[1].strip();
            end = e.startsWith("+") ? start + t.addressOf(s, e.substring(1).strip()) : t.addressOf(s, e);
            s.out().console("Dump of assembler code from 0x" + Long.toHexString(start) + " to 0x" + Long.toHexString(end) + ":\n");
        }
        InstructionFormatter fmt = InstructionFormatter.likeGdb(t::symbolize, t.syntax());
        long pc = t.pc(s);
        StringBuilder b = new StringBuilder();
        long low = start;
        if (modifiers.contains("m")) {
            MiSession.Listing listed = DisassembleSourceCentric.append(b, t.modules(), start, end,
                    (out, from, to) -> instructions(out, t, fmt, from, to, pc, function, low, raw));
            s.out().console(b.append("End of assembler dump.\n").toString());
            if (listed != null) s.setListing(listed);
            return MiResult.done();
        }
        String file = null;
        MiSession.Listing listed = null;
        int lastLine = 0, maxLine = 0;
        for (long at = start; at < end; ) {
            Optional<SourcePoint> p = source ? t.source().lineAt(at).filter(x -> x.line().line() > 0) : Optional.empty();
            if (p.isPresent() && p.get().line().line() != lastLine) {
                // /s: each run of a line's code under its line, the lines skipped over going forward too
                int line = p.get().line().line();
                if (file == null) {
                    file = p.get().line().file();
                    b.append(file).append(":\n");
                } else {
                    b.append('\n');
                }
                int from = maxLine == 0 || line <= maxLine ? line : maxLine + 1;
                for (int n = from; n <= line; n++) {
                    String shown = FrameFormat.sourceLine(file, n);
                    b.append(n).append('\t').append(shown == null ? "" : shown).append('\n');
                }
                listed = new MiSession.Listing(file, from, line); // where gdb's list goes on after it
                lastLine = line;
                maxLine = Math.max(maxLine, line);
            }
            at = instructions(b, t, fmt, at, at + 1, pc, function, start, raw);
        }
        s.out().console(b.append("End of assembler dump.\n").toString());
        if (listed != null) s.setListing(listed);
        return MiResult.done();
    }

    /**
     * The instructions that start in [from, to), one line each: {@code => } at the pc, the
     * address, {@code <+N>} in a function ({@code <add+N>} in a range, nothing where no symbol
     * covers it, as after a function's end), {@code /r}'s bytes, the instruction; answers the
     * address after the last.
     */
    private static long instructions(StringBuilder b, CodeView t, InstructionFormatter fmt, long from, long to, long pc,
                                     boolean function, long start, boolean raw) {
        long at = from;
        while (at < to) {
            Optional<Instruction> i = t.instructionAt(at);
            if (i.isEmpty()) throw new MiException("Cannot access memory at address 0x" + Long.toHexString(at));
            b.append(at == pc ? "=> " : "   ").append(String.format("0x%016x", at));
            Optional<SymbolicAddress> sym = t.symbol(at);
            if (sym.isPresent()) {
                b.append(" <").append(function ? "" : sym.get().symbol()).append('+').append(sym.get().offset()).append('>');
            }
            b.append(":\t");
            if (raw) {
                StringBuilder bytes = new StringBuilder();
                for (byte x : i.get().bytes()) bytes.append(bytes.length() == 0 ? "" : " ").append(String.format("%02x", x & 0xff));
                b.append(String.format("%-" + BYTES_WIDTH + "s", bytes)).append('\t');
            }
            b.append(fmt.format(i.get())).append('\n');
            at = i.get().nextAddress();
        }
        return at;
    }
}
