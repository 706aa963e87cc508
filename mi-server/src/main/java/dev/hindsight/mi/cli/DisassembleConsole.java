package dev.hindsight.mi.cli;

import dev.hindsight.mi.commands.MiResult;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.session.FrameFormat;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.tracer.Target;
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
 * {@code -data-disassemble} writes it. {@code /s} with the source lines above their code, as gdb's. ({@code /m}, deprecated, is not done.)
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
        if (!modifiers.matches("[rs]*")) throw new MiException("Hindsight's disassemble takes /r and /s only (not /" + modifiers + ")");
        boolean raw = modifiers.contains("r");
        boolean source = modifiers.contains("s");
        Target t = s.stoppedTarget();
        long start, end;
        boolean function = !rest.contains(",");
        if (function) {
            long at = rest.isEmpty() ? s.frame().pc() : ConsoleOutput.addressOf(s, t, rest);
            List<AddressRange> r = t.symbols().source().functionRanges(at);
            if (r.isEmpty()) throw new MiException("No function contains specified address.");
            start = r.get(0).low();
            end = r.get(0).high();
            String name = t.symbols().modulesNow().symbolize(start).map(SymbolicAddress::symbol).orElse("??");
            s.out().console("Dump of assembler code for function " + name + ":\n");
        } else {
            String[] se = rest.split(",", 2);
            start = ConsoleOutput.addressOf(s, t, se[0].strip());
            String e = se[1].strip();
            end = e.startsWith("+") ? start + ConsoleOutput.addressOf(s, t, e.substring(1).strip()) : ConsoleOutput.addressOf(s, t, e);
            s.out().console("Dump of assembler code from 0x" + Long.toHexString(start) + " to 0x" + Long.toHexString(end) + ":\n");
        }
        InstructionFormatter fmt = new InstructionFormatter(t.symbols()::symbolize, t.disassembly().syntax());
        long pc = s.frame().pc();
        StringBuilder b = new StringBuilder();
        String file = null;
        int lastLine = 0, maxLine = 0;
        for (long at = start; at < end; ) {
            Optional<Instruction> i = t.disassembly().instructionAt(at);
            Optional<SourcePoint> p = source ? t.symbols().source().lineAt(at).filter(x -> x.line().line() > 0) : Optional.empty();
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
                lastLine = line;
                maxLine = Math.max(maxLine, line);
            }
            if (i.isEmpty()) throw new MiException("Cannot access memory at address 0x" + Long.toHexString(at));
            b.append(at == pc ? "=> " : "   ").append(String.format("0x%016x", at)).append(" <");
            Optional<SymbolicAddress> sym = t.symbols().modulesNow().symbolize(at);
            if (!function) b.append(sym.map(SymbolicAddress::symbol).orElse("??"));
            b.append('+').append(sym.map(SymbolicAddress::offset).orElse(at - start)).append(">:\t");
            if (raw) {
                StringBuilder bytes = new StringBuilder();
                for (byte x : i.get().bytes()) bytes.append(bytes.length() == 0 ? "" : " ").append(String.format("%02x", x & 0xff));
                b.append(String.format("%-" + BYTES_WIDTH + "s", bytes)).append('\t');
            }
            b.append(fmt.format(i.get())).append('\n');
            at = i.get().nextAddress();
        }
        s.out().console(b.append("End of assembler dump.\n").toString());
        return MiResult.done();
    }
}
