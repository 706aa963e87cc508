package dev.hindsight.tracer.dwarf.line;

import java.util.List;

/**
 * Which row of a sequence gives an address its line, chosen as gdb chooses, so that both debuggers
 * name the same line anywhere in gcc's optimized code (Debian's libc): gdb keeps only some rows in
 * its line tables (one table per file) and, landing on a non-statement row, looks back for a
 * statement row at the same address.
 */
final class RowChoice {
    private RowChoice() {}

    /**
     * The rows gdb keeps when it reads the line program: not a non-statement row that switches file
     * at the address of the row before it, and not a row repeating the line of the last kept one in
     * the same file once that line has had a non-zero discriminator (gdb's fix of its bug 17276).
     * A sequence's first row is always kept.
     */
    static boolean[] kept(List<LineRow> seq) {
        boolean[] kept = new boolean[seq.size()];
        int lastFile = -1;
        long lastLine = 0, line = -1;
        boolean nonZeroDiscriminator = false;
        for (int i = 0; i < seq.size(); i++) {
            LineRow r = seq.get(i);
            // The state machine's line changed since the row before: the flag restarts from this row's discriminator.
            nonZeroDiscriminator = r.line() != line ? r.discriminator() != 0 : nonZeroDiscriminator | r.discriminator() != 0;
            line = r.line();
            if (r.endSequence()) {
                kept[i] = true;
                continue;
            }
            boolean fileChanged = r.file() != lastFile;
            if (i > 0 && fileChanged && !r.isStmt() && seq.get(i - 1).address() == r.address()) continue;
            kept[i] = fileChanged || r.line() != lastLine || !nonZeroDiscriminator;
            lastFile = r.file();
            lastLine = r.line();
        }
        kept[0] = true;
        return kept;
    }

    /**
     * The row for {@code pc}, given the last row at or below it: the last kept row at or below it,
     * or when that is not a statement, the statement row of the same file gdb finds by looking back
     * through kept rows at that address.
     */
    static int at(List<LineRow> seq, boolean[] kept, int last) {
        int row = last;
        while (row > 0 && !kept[row]) row--;
        LineRow r = seq.get(row);
        if (r.isStmt()) return row;
        for (int i = row - 1; i >= 0 && seq.get(i).address() == r.address(); i--) {
            LineRow earlier = seq.get(i);
            if (!kept[i] || earlier.file() != r.file()) continue;
            if (earlier.line() == 0) break;
            if (earlier.isStmt()) return i;
        }
        return row;
    }
}
