package dev.hindsight.tracer.dwarf.line;

import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DwAt;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/** The decoded line table of one unit: files and row sequences, with address and source-line lookups. */
public final class LineTable {
    private final int version;
    private final List<FileEntry> files;
    private final List<List<LineRow>> sequences;

    LineTable(int version, List<FileEntry> files, List<List<LineRow>> sequences) {
        this.version = version;
        this.files = List.copyOf(files);
        List<List<LineRow>> sorted = new ArrayList<>(sequences);
        sorted.removeIf(List::isEmpty);
        sorted.sort(Comparator.comparingLong(s -> s.get(0).address()));
        this.sequences = List.copyOf(sorted);
        this.kept = new java.util.concurrent.atomic.AtomicReferenceArray<>(this.sequences.size());
    }

    /** The line table of a unit, read from its DW_AT_stmt_list; empty when the unit has none. */
    public static Optional<LineTable> of(CompilationUnit unit) {
        return read(unit, true);
    }

    /**
     * The files a unit's line table names (its header alone, what listing a library's sources
     * needs: running the line programs of all of libc's units takes seconds); empty when the unit
     * has no line table. Indexed as {@link #files()}.
     */
    public static Optional<List<FileEntry>> files(CompilationUnit unit) {
        return read(unit, false).map(LineTable::files);
    }

    private static Optional<LineTable> read(CompilationUnit unit, boolean rows) {
        Die root = unit.top(); // its attributes only: the unit's DIE tree is not needed here
        OptionalLong stmt = root.unsigned(DwAt.STMT_LIST);
        if (stmt.isEmpty()) return Optional.empty();
        String compDir = root.string(DwAt.COMP_DIR).orElse(null);
        return Optional.of(new LineProgramParser(unit.sections(), compDir).parse(stmt.getAsLong(), root.name(), rows));
    }

    public int version() { return version; }

    public List<FileEntry> files() { return files; }

    public List<List<LineRow>> sequences() { return sequences; }

    /** File by its DWARF index (0-based in v5, 1-based in earlier versions); null when out of range. */
    public FileEntry file(int index) {
        return index >= 0 && index < files.size() ? files.get(index) : null;
    }

    public String path(int fileIndex) {
        FileEntry f = file(fileIndex);
        return f == null ? null : f.path();
    }

    /**
     * The row covering {@code pc}: the last row at or below it in a sequence whose end lies above it,
     * as gdb picks it ({@link RowChoice}: gcc puts a view's statement rows and then a non-statement
     * row at one address: libc's {@code puts} starts with rows for lines 33, 34, 35 and again 33, and
     * its line is 35).
     */
    public Optional<SourcePosition> lookup(long pc) {
        for (int s = 0; s < sequences.size(); s++) {
            List<LineRow> seq = sequences.get(s);
            if (Long.compareUnsigned(pc, seq.get(0).address()) < 0) break;
            LineRow last = seq.get(seq.size() - 1);
            if (Long.compareUnsigned(pc, last.address()) >= 0) continue;
            int lo = 0, hi = seq.size() - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (Long.compareUnsigned(seq.get(mid).address(), pc) <= 0) lo = mid;
                else hi = mid - 1;
            }
            LineRow r = seq.get(RowChoice.at(seq, kept(s), lo));
            return Optional.of(new SourcePosition(path(r.file()), r.line(), r.column(), r));
        }
        return Optional.empty();
    }

    /** Per sequence, the rows gdb keeps ({@link RowChoice#kept}), made on first lookup in it. */
    private final java.util.concurrent.atomic.AtomicReferenceArray<boolean[]> kept;

    private boolean[] kept(int sequence) {
        boolean[] k = kept.get(sequence);
        if (k == null) kept.set(sequence, k = RowChoice.kept(sequences.get(sequence)));
        return k;
    }

    /**
     * Statement addresses for {@code path:line}. Each address is where a run of rows for that line begins; if the
     * line has no code, the nearest following line that has code is used and reported in the match.
     */
    public Optional<LineMatch> addressesFor(String path, long line) {
        // Which of the table's files are the one asked for, decided once per file rather than once
        // per row (a path comparison per row of every unit of libc made resolving a line take ms).
        // Both ways of being the same file need the same last name, compared first: libc's units
        // name some 200,000 files, and normalizing each path on every request cost tens of ms.
        boolean[] same = new boolean[files.size()];
        String wanted = path == null ? null : fileName(path);
        String[] names = fileNames();
        boolean any = false;
        for (int i = 0; i < same.length; i++) {
            any |= same[i] = (wanted == null || wanted.equals(names[i])) && sameFile(files.get(i).path(), path);
        }
        if (!any) return Optional.empty();
        Long best = null;
        for (List<LineRow> seq : sequences) {
            for (LineRow r : seq) {
                if (r.endSequence() || !r.isStmt() || r.line() < line || !isFile(same, r.file())) continue;
                if (best == null || r.line() < best) best = r.line();
            }
        }
        if (best == null) return Optional.empty();
        TreeSet<Long> addresses = new TreeSet<>(Long::compareUnsigned);
        for (List<LineRow> seq : sequences) {
            LineRow prev = null;
            for (LineRow r : seq) {
                boolean starts = prev == null || prev.line() != r.line() || prev.file() != r.file();
                if (starts && !r.endSequence() && r.isStmt() && r.line() == best && isFile(same, r.file())) {
                    addresses.add(r.address());
                }
                prev = r;
            }
        }
        return Optional.of(new LineMatch(path, line, best, List.copyOf(addresses)));
    }

    /** Each file's last name once normalized (null for none), made on first use. */
    private volatile String[] fileNames;

    private String[] fileNames() {
        String[] names = fileNames;
        if (names == null) {
            names = new String[files.size()];
            for (int i = 0; i < names.length; i++) names[i] = files.get(i).path() == null ? null : fileName(files.get(i).path());
            fileNames = names;
        }
        return names;
    }

    /** The last name of the normalized path; null when it has none (the root, an empty path). */
    private static String fileName(String path) {
        java.nio.file.Path name = Paths.get(path).normalize().getFileName();
        return name == null || name.toString().isEmpty() ? null : name.toString();
    }

    private static boolean isFile(boolean[] same, int fileIndex) {
        return fileIndex >= 0 && fileIndex < same.length && same[fileIndex];
    }

    /** Absolute paths must agree exactly; a relative request matches by trailing path components. */
    static boolean sameFile(String tablePath, String requested) {
        if (tablePath == null || requested == null) return false;
        String a = Paths.get(tablePath).normalize().toString();
        String b = Paths.get(requested).normalize().toString();
        if (a.equals(b)) return true;
        return !b.startsWith("/") && Paths.get(a).endsWith(Paths.get(b));
    }
}
