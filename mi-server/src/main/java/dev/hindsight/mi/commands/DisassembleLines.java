package dev.hindsight.mi.commands;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.dwarf.info.AddressRange;
import dev.hindsight.tracer.source.SourceView;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * {@code -data-disassemble -f FILE -l LINE}: as gdb's, the whole function that holds the line's
 * code (the line itself, or the next line after it that has code), which {@code -n} may cut short.
 */
final class DisassembleLines {
    static final String USAGE = "-data-disassemble: Usage: ( -f filename -l linenum [-n howmany] | -s startaddr -e endaddr | -a addr )"
            + " [ --opcodes mode ] [ --source ] [ [--] mode ].";

    private DisassembleLines() {}

    /** {@code [start, end)} of the function with the line's code. */
    static long[] range(Target t, String file, String line) {
        int n;
        try {
            n = Integer.parseInt(line.strip());
        } catch (NumberFormatException e) {
            throw new MiException("-data-disassemble: Invalid line number");
        }
        SourceView source = t.symbols().source();
        Optional<SourceView.ResolvedLine> resolved = n > 0 ? source.resolve(file, n) : Optional.empty();
        if (resolved.isEmpty()) {
            // a file with code somewhere is a known one: only the line is wrong
            boolean known = source.resolve(file, 1).isPresent();
            throw new MiException(known ? "-data-disassemble: Invalid line number" : "-data-disassemble: Invalid filename.");
        }
        long at = Collections.min(resolved.get().addresses());
        List<AddressRange> r = source.functionRanges(at);
        if (r.isEmpty()) throw new MiException("-data-disassemble: No function contains specified address.");
        return new long[] {r.get(0).low(), r.get(0).high()};
    }
}
