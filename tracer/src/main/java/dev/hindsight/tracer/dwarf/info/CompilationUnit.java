package dev.hindsight.tracer.dwarf.info;

import dev.hindsight.tracer.dwarf.DwarfCursor;
import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.DwarfSections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One unit of {@code .debug_info} (compile, partial, type or skeleton). The header is read eagerly; the DIE tree
 * is built on first use, and any malformation inside it is reported as a {@link DwarfFormatException} naming this
 * unit.
 */
public final class CompilationUnit {
    private final DebugInfo info;
    private final long offset;
    private final long end;
    private final boolean dwarf64;
    private final int version;
    private final UnitType type;
    private final int addressSize;
    private final long abbrevOffset;
    private final long typeSignature;
    private final long typeOffset;
    private final long firstDieOffset;
    private Die root;
    /** The top DIE read alone, before (or instead of) the whole tree: see {@link #top()}. */
    private Die top;
    private Map<Long, Die> byOffset;
    private long strOffsetsBase;
    private long addrBase;
    private long rnglistsBase;
    private long loclistsBase;

    CompilationUnit(DebugInfo info, DwarfCursor section) {
        this.info = info;
        this.offset = section.position();
        boolean[] is64 = new boolean[1];
        long length = section.initialLength(is64);
        this.dwarf64 = is64[0];
        this.end = section.position() + length;
        DwarfCursor c = section.slice(section.position(), length);
        section.seek(end);
        this.version = c.u16();
        if (version < 2 || version > 5) throw c.error("unsupported DWARF version " + version);
        long sig = 0, typeOff = 0;
        if (version >= 5) {
            type = UnitType.of(c.u8());
            addressSize = c.u8();
            abbrevOffset = c.offset(dwarf64);
            if (type == UnitType.SKELETON || type == UnitType.SPLIT_COMPILE) {
                sig = c.u64();
            } else if (type == UnitType.TYPE || type == UnitType.SPLIT_TYPE) {
                sig = c.u64();
                typeOff = c.offset(dwarf64);
            }
        } else {
            type = UnitType.COMPILE;
            abbrevOffset = c.offset(dwarf64);
            addressSize = c.u8();
        }
        if (addressSize != 2 && addressSize != 4 && addressSize != 8) throw c.error("address size " + addressSize);
        this.typeSignature = sig;
        this.typeOffset = typeOff;
        this.firstDieOffset = c.position();
        // DWARF 5 defaults: the bases point just past the 8-byte (32-bit DWARF) section headers.
        int headerSize = dwarf64 ? 16 : 8;
        strOffsetsBase = headerSize;
        addrBase = headerSize;
        rnglistsBase = headerSize + 4;
        loclistsBase = headerSize + 4;
    }

    public DebugInfo info() { return info; }

    public DwarfSections sections() { return info.sections(); }

    public long offset() { return offset; }

    public long endOffset() { return end; }

    public boolean dwarf64() { return dwarf64; }

    public int offsetSize() { return dwarf64 ? 8 : 4; }

    public int version() { return version; }

    public UnitType type() { return type; }

    public int addressSize() { return addressSize; }

    public long typeSignature() { return typeSignature; }

    // The bases are attributes of the top DIE: reading it alone sets them.
    public long strOffsetsBase() { top(); return strOffsetsBase; }

    public long addrBase() { top(); return addrBase; }

    public long rnglistsBase() { top(); return rnglistsBase; }

    public long loclistsBase() { top(); return loclistsBase; }

    /**
     * The unit's top DIE with its attributes (name, directory, line table offset, ranges) but,
     * unless the tree was parsed already, without children: {@link #root()} parses every DIE of
     * the unit, which over all of a large library's units (libc's separate debug file has 2,000)
     * costs seconds, while its source files and ranges need only this one.
     */
    public synchronized Die top() {
        if (root != null) return root;
        if (top == null) {
            try {
                DwarfCursor c = info.sections().cursor(DwarfSections.INFO).slice(firstDieOffset, end - firstDieOffset);
                long dieOffset = c.position();
                long code = c.hasRemaining() ? c.uleb() : 0;
                if (code == 0) throw c.error("unit has no DIEs");
                Die die = readDie(c, info.abbreviations(abbrevOffset).get(code), dieOffset, null);
                readBases(die);
                top = die;
            } catch (DwarfFormatException e) {
                throw new DwarfFormatException("unit at 0x" + Long.toHexString(offset) + ": " + e.getMessage(), e);
            }
        }
        return top;
    }

    /** The unit's top DIE (DW_TAG_compile_unit and friends); parses the whole tree on first call. */
    public synchronized Die root() {
        if (root == null) {
            try {
                parseTree();
            } catch (DwarfFormatException e) {
                throw new DwarfFormatException("unit at 0x" + Long.toHexString(offset) + ": " + e.getMessage(), e);
            }
        }
        return root;
    }

    /** The DIE declared for a type unit (DW_UT_type), or the root for other units. */
    public Die typeDie() {
        Die r = root();
        return typeOffset != 0 ? dieAt(offset + typeOffset) : r;
    }

    /** DIE at an absolute {@code .debug_info} offset inside this unit, or null. */
    public Die dieAt(long sectionOffset) {
        root();
        return byOffset.get(sectionOffset);
    }

    public List<Die> allDies() {
        root();
        return List.copyOf(byOffset.values());
    }

    private void parseTree() {
        AbbreviationTable abbrevs = info.abbreviations(abbrevOffset);
        DwarfCursor c = info.sections().cursor(DwarfSections.INFO).slice(firstDieOffset, end - firstDieOffset);
        Map<Long, Die> map = new HashMap<>();
        List<Die> stack = new ArrayList<>();
        Die top = null;
        while (c.hasRemaining()) {
            long dieOffset = c.position();
            long code = c.uleb();
            if (code == 0) {
                if (!stack.isEmpty()) stack.remove(stack.size() - 1);
                continue;
            }
            Abbreviation a = abbrevs.get(code);
            Die parent = stack.isEmpty() ? null : stack.get(stack.size() - 1);
            Die die = readDie(c, a, dieOffset, parent);
            if (parent != null) parent.addChild(die);
            else if (top == null) top = die;
            else break; // a second top-level DIE is not part of this unit's tree
            map.put(dieOffset, die);
            if (a.hasChildren()) stack.add(die);
        }
        if (top == null) throw c.error("unit has no DIEs");
        byOffset = map;
        readBases(top);
        root = top;
        this.top = null;
    }

    private Die readDie(DwarfCursor c, Abbreviation a, long dieOffset, Die parent) {
        List<Attribute> attrs = new ArrayList<>(a.attributes().size());
        for (Abbreviation.AttributeSpec spec : a.attributes()) {
            attrs.add(FormReader.read(c, spec.name(), spec.form(), spec.implicitConst(), this));
        }
        return new Die(this, dieOffset, a.tag(), attrs, parent);
    }

    private void readBases(Die top) {
        for (Attribute at : top.attributes()) {
            switch (at.name()) {
                case DwAt.STR_OFFSETS_BASE -> strOffsetsBase = at.value();
                case DwAt.ADDR_BASE, DwAt.GNU_ADDR_BASE -> addrBase = at.value();
                case DwAt.RNGLISTS_BASE -> rnglistsBase = at.value();
                case DwAt.LOCLISTS_BASE -> loclistsBase = at.value();
                default -> { }
            }
        }
    }

    @Override
    public String toString() {
        return "unit@0x" + Long.toHexString(offset) + " v" + version + " " + type;
    }
}
