package dev.hindsight.mi.cli;

import dev.hindsight.mi.session.FrameFormat;
import dev.hindsight.tracer.dwarf.info.PcScope;
import dev.hindsight.tracer.dwarf.line.LineRow;
import dev.hindsight.tracer.dwarf.line.LineTable;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.source.ModuleSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code disassemble /m} (gdb's deprecated source-centric order, disas.c's
 * do_mixed_source_and_assembly_deprecated): the line-table rows of the source file whose pc falls
 * in [low, high), each covering up to the next row, sorted by line; each line's text once (with
 * the lines without code since the previous one), its code under it, a blank line after a line's
 * last piece.
 */
final class DisassembleSourceCentric {
    /** One row's code: a line and the instructions from start up to the next row. */
    private record Piece(long line, long start, long end) {}

    /** Writes the instructions of [from, to) as the listing's lines. */
    interface Instructions {
        void append(StringBuilder b, long from, long to);
    }

    private DisassembleSourceCentric() {}

    /**
     * Appends the listing; answers the source shown last (gdb's list goes on after it), or null
     * when no line was shown.
     */
    static dev.hindsight.mi.session.MiSession.Listing append(StringBuilder b, ModuleMap modules, long low, long high, Instructions code) {
        Optional<LoadedModule> m = modules.moduleAt(low);
        if (m.isEmpty()) return null;
        long bias = m.get().bias();
        ModuleSource source = ModuleSource.of(m.get().elf());
        Optional<PcScope> scope = source.scopeAt(low - bias);
        Optional<LineTable> table = scope.flatMap(sc -> source.lineTable(sc.unit()));
        if (table.isEmpty()) return null;
        Optional<Integer> fileIndex = source.positionAt(low - bias).map(p -> p.row().file());
        if (fileIndex.isEmpty()) return null;
        String file = table.get().path(fileIndex.get());
        List<LineRow> rows = symtabRows(table.get(), file);
        List<Piece> pieces = new ArrayList<>();
        int i = 0;
        while (i < rows.size() - 1 && rows.get(i).address() + bias < low) i++;
        for (; i < rows.size() - 1 && rows.get(i).address() + bias < high; i++) {
            LineRow r = rows.get(i), next = rows.get(i + 1);
            if (r.line() == next.line() && r.address() == next.address()) continue; // a duplicate
            if (r.line() == 0) continue; // the end of a sequence
            pieces.add(new Piece(r.line(), r.address() + bias, next.address() + bias));
        }
        pieces.sort(Comparator.comparingLong(Piece::line).thenComparingLong(Piece::start));
        long nextLine = 0;
        dev.hindsight.mi.session.MiSession.Listing listed = null;
        for (int k = 0; k < pieces.size(); k++) {
            Piece p = pieces.get(k);
            if (p.line() >= nextLine) {
                // gdb shows the lines without code since the last one shown, then this one
                for (long n = nextLine == 0 ? p.line() : nextLine; n <= p.line(); n++) {
                    String text = FrameFormat.sourceLine(file, (int) n);
                    b.append(n).append('\t').append(text == null ? "" : text).append('\n');
                }
                // gdb shows each of these lines by itself: the last one is where its list goes on
                listed = new dev.hindsight.mi.session.MiSession.Listing(file, (int) p.line(), (int) p.line());
                nextLine = p.line() + 1;
            }
            code.append(b, p.start(), p.end());
            if (k == pieces.size() - 1 || pieces.get(k + 1).line() > p.line()) b.append('\n');
        }
        return listed;
    }

    /**
     * gdb's line table of one source file (its symtab): the rows of that file in address order, a
     * sequence's end as line 0 (sorted before a row at the same address), line-0 rows left out and
     * rows at the address where a sequence ends dropped, as gdb's DWARF reader and buildsym keep them.
     */
    private static List<LineRow> symtabRows(LineTable table, String file) {
        List<LineRow> out = new ArrayList<>();
        for (List<LineRow> sequence : table.sequences()) {
            List<LineRow> kept = new ArrayList<>();
            boolean inFile = false;
            for (LineRow r : sequence) {
                boolean ours = !r.endSequence() && r.line() != 0 && file.equals(table.path(r.file()));
                // gdb ends the file's run where the sequence ends or another file's rows begin
                if (r.endSequence() || (inFile && !ours && r.line() != 0)) {
                    if (inFile) endAt(kept, r);
                    inFile = false;
                }
                if (ours) {
                    kept.add(r);
                    inFile = true;
                }
            }
            out.addAll(kept);
        }
        // stable: at one address an end comes first, the rest keep their order
        out.sort(Comparator.comparingLong(LineRow::address).thenComparingInt(r -> r.line() == 0 ? 0 : 1));
        return out;
    }

    private static void endAt(List<LineRow> kept, LineRow at) {
        while (!kept.isEmpty() && kept.get(kept.size() - 1).address() == at.address()) kept.remove(kept.size() - 1);
        if (!kept.isEmpty() && kept.get(kept.size() - 1).line() != 0) {
            kept.add(new LineRow(at.address(), at.file(), 0, 0, false, false, true, false, false, 0));
        }
    }
}
