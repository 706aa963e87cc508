package dev.hindsight.tracer.dwarf.line;

import dev.hindsight.tracer.dwarf.DwarfCursor;
import dev.hindsight.tracer.dwarf.DwarfSections;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Parses one line-number program (header and opcodes) at a {@code .debug_line} offset. */
final class LineProgramParser {
    private static final int LNCT_PATH = 1, LNCT_DIRECTORY_INDEX = 2, LNCT_MD5 = 5;
    private static final int FORM_BLOCK2 = 0x03, FORM_BLOCK4 = 0x04, FORM_DATA2 = 0x05, FORM_DATA4 = 0x06,
            FORM_DATA8 = 0x07, FORM_STRING = 0x08, FORM_BLOCK = 0x09, FORM_BLOCK1 = 0x0a, FORM_DATA1 = 0x0b,
            FORM_SDATA = 0x0d, FORM_STRP = 0x0e, FORM_UDATA = 0x0f, FORM_DATA16 = 0x1e, FORM_LINE_STRP = 0x1f,
            FORM_STRX = 0x1a, FORM_STRX1 = 0x25, FORM_STRX2 = 0x26, FORM_STRX3 = 0x27, FORM_STRX4 = 0x28;

    private final DwarfSections sections;
    private final String compDir;
    private boolean dwarf64;
    private int version;
    /** A table's directories made absolute against the compilation directory, and those normalized. */
    private final java.util.Map<String, String> resolvedDirs = new java.util.HashMap<>(),
            normalizedDirs = new java.util.HashMap<>();

    LineProgramParser(DwarfSections sections, String compDir) {
        this.sections = sections;
        this.compDir = compDir == null ? "" : compDir;
    }

    LineTable parse(long offset, String unitName) {
        return parse(offset, unitName, true);
    }

    /** With {@code rows} false, only the header is read: the table has its files and no rows. */
    LineTable parse(long offset, String unitName, boolean rows) {
        DwarfCursor section = sections.cursor(DwarfSections.LINE).at(offset);
        boolean[] is64 = new boolean[1];
        long length = section.initialLength(is64);
        dwarf64 = is64[0];
        DwarfCursor c = section.slice(section.position(), length);
        version = c.u16();
        if (version < 2 || version > 5) throw c.error("unsupported line table version " + version);
        int addressSize = 8;
        if (version >= 5) {
            addressSize = c.u8();
            c.u8(); // segment selector size
        }
        long headerLength = c.offset(dwarf64);
        int programStart = c.position() + (int) Math.min(headerLength, c.remaining());
        if (headerLength > c.remaining()) throw c.error("header length exceeds unit");
        LineStateMachine.Params p = new LineStateMachine.Params();
        p.minInstLength = c.u8();
        p.maxOpsPerInst = version >= 4 ? c.u8() : 1;
        p.defaultIsStmt = c.u8() != 0;
        p.lineBase = c.s8();
        p.lineRange = c.u8();
        p.opcodeBase = c.u8();
        if (p.lineRange == 0) throw c.error("line_range 0");
        p.standardLengths = new int[Math.max(p.opcodeBase, 1)];
        for (int i = 1; i < p.opcodeBase; i++) p.standardLengths[i] = c.u8();
        p.addressSize = addressSize;
        List<String> dirs = new ArrayList<>();
        List<FileEntry> files = new ArrayList<>();
        if (version >= 5) {
            for (Object[] e : entries(c)) dirs.add(e[0] == null ? "" : (String) e[0]);
            if (!dirs.isEmpty() && dirs.get(0).isEmpty()) dirs.set(0, compDir);
            for (Object[] e : entries(c)) files.add(file((String) e[0], (Long) e[1], (byte[]) e[2], dirs, 0));
        } else {
            dirs.add(compDir);
            for (String d = c.cstring(); !d.isEmpty(); d = c.cstring()) dirs.add(d);
            files.add(new FileEntry(unitName == null ? null : absolute(compDir, unitName), 0, null));
            for (String f = c.cstring(); !f.isEmpty(); f = c.cstring()) {
                long dir = c.uleb();
                c.uleb();
                c.uleb();
                files.add(file(f, dir, null, dirs, 0));
            }
        }
        if (!rows) return new LineTable(version, files, List.of());
        c.seek(programStart);
        LineStateMachine machine = new LineStateMachine(p, files, dirs, this);
        machine.run(c);
        return new LineTable(version, files, machine.sequences());
    }

    FileEntry file(String name, Long dirIndex, byte[] md5, List<String> dirs, int unused) {
        long d = dirIndex == null ? 0 : dirIndex;
        String dir = d >= 0 && d < dirs.size() ? dirs.get((int) d) : "";
        return new FileEntry(name == null ? null : join(d, dir, name), d, md5);
    }

    /**
     * A file's path: directory 0 is the compilation directory itself (v5 names it, earlier versions
     * imply it), any other relative directory is relative to it. When that gives an absolute path
     * it is normalized; when it cannot (a relative DW_AT_comp_dir, as every unit of Debian's libc
     * has: {@code ./libio}), the path is spelled as gdb spells it, the table's directory joined
     * with the name ({@code ./libio/ioputs.c}, {@code ../include/stdio.h}), so the two agree.
     * Directories are resolved once per table: a table names many files in few directories, and
     * resolving paths was most of the cost of reading a header (libc's 2,000 units name 28,000 files).
     */
    private String join(long dirIndex, String dir, String name) {
        if (name.startsWith("/")) return name;
        String base = dirIndex == 0 ? dir : resolvedDirs.computeIfAbsent(dir, d -> absolute(compDir, d));
        if (!base.startsWith("/")) {
            // gdb joins nothing to a pre-v5 file of directory 0: it names that directory nowhere.
            String spelled = dirIndex == 0 && version < 5 ? "" : dir;
            if (spelled.isEmpty()) return name;
            return spelled.endsWith("/") ? spelled + name : spelled + "/" + name;
        }
        boolean simple = name.indexOf('/') < 0 && !name.equals(".") && !name.equals("..") && !name.isEmpty();
        if (!simple) return Paths.get(base).resolve(name).normalize().toString();
        String normalized = normalizedDirs.computeIfAbsent(base, b -> Paths.get(b).normalize().toString());
        // What Paths.get(base).resolve(name).normalize() gives for a name without separators or dots.
        return normalized.endsWith("/") ? normalized + name : normalized + "/" + name;
    }

    private static String absolute(String dir, String name) {
        if (name.startsWith("/") || dir.isEmpty()) return name;
        Path p = Paths.get(dir).resolve(name).normalize();
        return p.toString();
    }

    /** Reads a v5 directory or file entry list: for each entry {path, directory index, md5}. */
    private List<Object[]> entries(DwarfCursor c) {
        int formatCount = c.u8();
        long[][] format = new long[formatCount][2];
        for (int i = 0; i < formatCount; i++) {
            format[i][0] = c.uleb();
            format[i][1] = c.uleb();
        }
        long count = c.uleb();
        if (count < 0 || count > c.remaining()) throw c.error("entry count " + count);
        List<Object[]> out = new ArrayList<>();
        for (long n = 0; n < count; n++) {
            Object[] e = new Object[3];
            for (long[] f : format) {
                Object v = value(c, (int) f[1]);
                if (f[0] == LNCT_PATH && v instanceof String s) e[0] = s;
                else if (f[0] == LNCT_DIRECTORY_INDEX && v instanceof Long l) e[1] = l;
                else if (f[0] == LNCT_MD5 && v instanceof byte[] b) e[2] = b;
            }
            out.add(e);
        }
        return out;
    }

    private Object value(DwarfCursor c, int form) {
        switch (form) {
            case FORM_STRING: return c.cstring();
            case FORM_LINE_STRP: return sections.cursor(DwarfSections.LINE_STR).cstringAt(c.offset(dwarf64));
            case FORM_STRP: return sections.cursor(DwarfSections.STR).cstringAt(c.offset(dwarf64));
            case FORM_UDATA: return c.uleb();
            case FORM_SDATA: return c.sleb();
            case FORM_DATA1: return (long) c.u8();
            case FORM_DATA2: return (long) c.u16();
            case FORM_DATA4: return c.u32();
            case FORM_DATA8: return c.u64();
            case FORM_DATA16: return c.bytes(16);
            case FORM_BLOCK: return c.bytes(c.uleb());
            case FORM_BLOCK1: return c.bytes(c.u8());
            case FORM_BLOCK2: return c.bytes(c.u16());
            case FORM_BLOCK4: return c.bytes(c.u32());
            // String indices need the unit's str_offsets_base, which a line table does not know.
            case FORM_STRX: c.uleb(); return null;
            case FORM_STRX1: c.u8(); return null;
            case FORM_STRX2: c.u16(); return null;
            case FORM_STRX3: c.unsigned(3); return null;
            case FORM_STRX4: c.u32(); return null;
            default: throw c.error("unsupported line table entry form 0x" + Integer.toHexString(form));
        }
    }
}
