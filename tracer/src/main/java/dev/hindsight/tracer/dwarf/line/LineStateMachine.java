package dev.hindsight.tracer.dwarf.line;

import dev.hindsight.tracer.dwarf.DwarfCursor;
import java.util.ArrayList;
import java.util.List;

/** The DWARF line-number state machine; every opcode consumes input, so a bounded program always terminates. */
final class LineStateMachine {
    static final class Params {
        int minInstLength, maxOpsPerInst, lineBase, lineRange, opcodeBase, addressSize;
        boolean defaultIsStmt;
        int[] standardLengths;
    }

    private final Params p;
    private final List<FileEntry> files;
    private final List<String> dirs;
    private final LineProgramParser parser;
    private final List<List<LineRow>> sequences = new ArrayList<>();
    private List<LineRow> current = new ArrayList<>();
    private long address, line, discriminator;
    private int file, column;
    private boolean isStmt, basicBlock, prologueEnd, epilogueBegin;

    LineStateMachine(Params p, List<FileEntry> files, List<String> dirs, LineProgramParser parser) {
        this.p = p;
        this.files = files;
        this.dirs = dirs;
        this.parser = parser;
        reset();
    }

    List<List<LineRow>> sequences() {
        return sequences;
    }

    private void reset() {
        address = 0;
        file = 1;
        line = 1;
        column = 0;
        isStmt = p.defaultIsStmt;
        basicBlock = prologueEnd = epilogueBegin = false;
        discriminator = 0;
    }

    private void emit(boolean end) {
        current.add(new LineRow(address, file, line, column, isStmt, basicBlock, end, prologueEnd, epilogueBegin,
                discriminator));
        basicBlock = prologueEnd = epilogueBegin = false;
        discriminator = 0;
        if (end) {
            sequences.add(current);
            current = new ArrayList<>();
            reset();
        }
    }

    void run(DwarfCursor c) {
        while (c.hasRemaining()) {
            int op = c.u8();
            if (op >= p.opcodeBase) {
                int adjusted = op - p.opcodeBase;
                address += (long) (adjusted / p.lineRange) * p.minInstLength;
                line += p.lineBase + adjusted % p.lineRange;
                emit(false);
                continue;
            }
            switch (op) {
                case 0 -> extended(c);
                case 1 -> emit(false);
                case 2 -> address += c.uleb() * p.minInstLength;
                case 3 -> line += c.sleb();
                case 4 -> file = clampInt(c.uleb());
                case 5 -> column = clampInt(c.uleb());
                case 6 -> isStmt = !isStmt;
                case 7 -> basicBlock = true;
                case 8 -> address += (long) ((255 - p.opcodeBase) / p.lineRange) * p.minInstLength;
                case 9 -> address += c.u16();
                case 10 -> prologueEnd = true;
                case 11 -> epilogueBegin = true;
                case 12 -> c.uleb(); // set_isa
                default -> {
                    for (int i = 0; i < p.standardLengths[op]; i++) c.uleb();
                }
            }
        }
        // A sequence without end_sequence (truncated program) is still useful up to its last row.
        if (!current.isEmpty()) sequences.add(current);
    }

    private void extended(DwarfCursor c) {
        long len = c.uleb();
        if (len == 0) return;
        DwarfCursor body = c.slice(c.position(), len);
        c.skip(len);
        int sub = body.u8();
        switch (sub) {
            case 1 -> emit(true);
            case 2 -> address = body.address(Math.min(body.remaining(), 8) == 4 ? 4 : 8);
            case 3 -> {
                String name = body.cstring();
                long dir = body.uleb();
                files.add(parser.file(name, dir, null, dirs, 0));
            }
            case 4 -> discriminator = body.uleb();
            default -> { } // vendor extension: skipped by its length
        }
    }

    private static int clampInt(long v) {
        return v < 0 || v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }
}
