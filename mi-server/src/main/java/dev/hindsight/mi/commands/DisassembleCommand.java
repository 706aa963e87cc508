package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiArgs;
import dev.hindsight.mi.protocol.MiCommand;
import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiList;
import dev.hindsight.mi.protocol.MiTuple;
import dev.hindsight.mi.session.MiSession;
import dev.hindsight.mi.session.Numbers;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.disasm.InstructionFormatter;
import dev.hindsight.tracer.dwarf.info.AddressRange;
import dev.hindsight.tracer.source.SourceLine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * -data-disassemble over {@code -s START -e END}, {@code -a ADDR} (its function) or {@code -f FILE
 * -l LINE} (the function with the line's code, {@link DisassembleLines}), {@code -n} instructions at most, in gdb's
 * modes: 0 instructions, 1 grouped by source line (deprecated {@code /m}), 4 in address order
 * under their source lines ({@code /s}, what cdt-gdb-adapter asks for as mode 5); 2, 3 and 5 are
 * 0, 1 and 4 with each instruction's {@code opcodes}.
 */
final class DisassembleCommand {
    private DisassembleCommand() {}

    static MiResult disassemble(MiSession s, MiCommand c) {
        MiArgs a = MiArgs.parse("-data-disassemble", c.args(), Set.of("--source", "--opcodes"),
                Set.of("-s", "-e", "-a", "-f", "-l", "-n"));
        if (a.positional().size() != 1) throw new MiException("-data-disassemble: Usage: ( [-f filename -l linenum [-n howmany]] | [-s startaddr -e endaddr] | [-a addr] ) [--opcodes mode] [--source] [--] mode.");
        int mode;
        try {
            mode = Integer.parseInt(a.positional().get(0));
        } catch (NumberFormatException e) {
            throw new MiException("-data-disassemble: Mode argument must be in the range 0-5.");
        }
        if (mode < 0 || mode > 5) throw new MiException("-data-disassemble: Mode argument must be in the range 0-5.");
        boolean opcodes = mode == 2 || mode == 3 || mode == 5;
        // gdb disassembles a running program too, reading its memory without stopping it
        Target t = s.memoryTarget();
        // the flavor set now, by -gdb-set or the console's set, or before the program started
        t.disassembly().setSyntax(s.settings().disassemblySyntax());
        long start, end;
        // gdb takes -n only with -f/-l
        if (a.has("-n") && !(a.has("-f") && a.has("-l"))) throw new MiException(DisassembleLines.USAGE);
        if (a.has("-a")) {
            long at = DataCommands.address(s, a.value("-a"));
            List<AddressRange> r = t.symbols().source().functionRanges(at);
            if (r.isEmpty()) throw new MiException("No function contains specified address.");
            start = r.get(0).low();
            end = r.get(0).high();
        } else if (a.has("-s") && a.has("-e")) {
            start = DataCommands.address(s, a.value("-s"));
            end = DataCommands.address(s, a.value("-e"));
        } else if (a.has("-f") && a.has("-l")) {
            long[] r = DisassembleLines.range(t, a.value("-f"), a.value("-l"));
            start = r[0];
            end = r[1];
        } else if (a.has("-f") || a.has("-l")) {
            throw new MiException(DisassembleLines.USAGE);
        } else {
            throw new MiException("-data-disassemble: Hindsight takes -s/-e, -a or -f/-l");
        }
        // -n: at most that many instructions (-1, the default: all of them)
        int howMany = a.intValue("-n", -1, "-data-disassemble");
        List<Instruction> insns = new ArrayList<>();
        long pc = start;
        while (pc < end && insns.size() < 100_000 && (howMany < 0 || insns.size() < howMany)) {
            Optional<Instruction> i = t.disassembly().instructionAtAnyTime(pc);
            if (i.isEmpty()) break;
            insns.add(i.get());
            pc = i.get().nextAddress();
        }
        InstructionFormatter fmt = InstructionFormatter.likeGdb(t.symbols()::symbolize, t.disassembly().syntax());
        MiList out = MiList.of();
        if (mode == 0 || mode == 2) {
            for (Instruction i : insns) out.value(insn(t, fmt, i, opcodes));
            return MiResult.done("asm_insns", out);
        }
        return MiResult.done("asm_insns", mode == 1 || mode == 3 ? byLine(t, fmt, insns, opcodes) : inAddressOrder(t, fmt, insns, opcodes));
    }

    /** Modes 1 and 3: runs of instructions grouped under the source line they belong to. */
    private static MiList byLine(Target t, InstructionFormatter fmt, List<Instruction> insns, boolean opcodes) {
        MiList out = MiList.of();
        MiList group = null;
        SourceLine current = null;
        for (Instruction i : insns) {
            SourceLine line = lineOf(t, i);
            if (group == null || !same(line, current)) {
                current = line;
                group = newGroup(out, line);
            }
            group.value(insn(t, fmt, i, opcodes));
        }
        return out;
    }

    /**
     * Modes 4 and 5, as gdb's {@code /s}: in address order, a new group whenever the line changes
     * (instructions without a line stay in the group before them), and an empty group for each
     * skipped source line without code in the range when the listing moves forward past it.
     */
    private static MiList inAddressOrder(Target t, InstructionFormatter fmt, List<Instruction> insns, boolean opcodes) {
        Set<Integer> withCode = new HashSet<>();
        for (Instruction i : insns) {
            SourceLine l = lineOf(t, i);
            if (l != null) withCode.add(l.line());
        }
        MiList out = MiList.of();
        MiList group = null;
        SourceLine current = null;
        int highest = -1;
        for (Instruction i : insns) {
            SourceLine line = lineOf(t, i);
            if (group == null || (line != null && !same(line, current))) {
                if (line != null && current != null && line.file().equals(current.file())) {
                    for (int skipped = highest + 1; skipped < line.line(); skipped++) {
                        if (!withCode.contains(skipped)) newGroup(out, new SourceLine(line.file(), skipped, 0));
                    }
                }
                group = newGroup(out, line);
                if (line != null) {
                    current = line;
                    highest = Math.max(highest, line.line());
                }
            }
            group.value(insn(t, fmt, i, opcodes));
        }
        return out;
    }

    private static SourceLine lineOf(Target t, Instruction i) {
        return t.symbols().source().lineAt(i.address()).map(p -> p.line()).orElse(null);
    }

    private static MiList newGroup(MiList out, SourceLine line) {
        MiList group = MiList.of();
        MiTuple g = MiTuple.of();
        if (line != null) g.add("line", line.line()).add("file", line.file()).add("fullname", line.file());
        out.result("src_and_asm_line", g.add("line_asm_insn", group));
        return group;
    }

    private static boolean same(SourceLine a, SourceLine b) {
        if (a == null || b == null) return a == b;
        return a.line() == b.line() && a.file().equals(b.file());
    }

    private static MiTuple insn(Target t, InstructionFormatter fmt, Instruction i, boolean opcodes) {
        MiTuple m = MiTuple.of().add("address", Numbers.hex16(i.address()));
        t.symbols().symbolize(i.address()).ifPresent(sym -> {
            int plus = sym.lastIndexOf('+');
            m.add("func-name", plus > 0 ? sym.substring(0, plus) : sym).add("offset", plus > 0 ? sym.substring(plus + 1) : "0");
        });
        if (opcodes) m.add("opcodes", i.hexBytes());
        return m.add("inst", fmt.format(i));
    }
}
