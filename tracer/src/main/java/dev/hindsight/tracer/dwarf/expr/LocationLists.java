package dev.hindsight.tracer.dwarf.expr;

import dev.hindsight.tracer.dwarf.DwarfCursor;
import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.DwarfSections;
import dev.hindsight.tracer.dwarf.info.AddressRange;
import dev.hindsight.tracer.dwarf.info.Attribute;
import dev.hindsight.tracer.dwarf.info.CompilationUnit;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DwAt;
import dev.hindsight.tracer.dwarf.info.DwForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Location lists: {@code .debug_loc} (DWARF 2-4) and {@code .debug_loclists} (DWARF 5, including loclistx), and the
 * choice of the expression that applies to an attribute at a given pc.
 */
public final class LocationLists {
    private static final int LLE_END = 0, LLE_BASE_ADDRESSX = 1, LLE_STARTX_ENDX = 2, LLE_STARTX_LENGTH = 3,
            LLE_OFFSET_PAIR = 4, LLE_DEFAULT = 5, LLE_BASE_ADDRESS = 6, LLE_START_END = 7, LLE_START_LENGTH = 8,
            GNU_LLE_VIEW_PAIR = 9;

    private LocationLists() {}

    /**
     * The expression a location-valued attribute (DW_AT_location, DW_AT_frame_base...) gives at {@code pc}: the
     * attribute's own block, or the matching location-list entry. Empty means "no location here" (optimized out).
     */
    public static Optional<byte[]> expressionAt(Die die, int attribute, long pc) {
        Optional<Attribute> a = die.attribute(attribute);
        if (a.isEmpty()) return Optional.empty();
        if (a.get().block() != null) return Optional.of(a.get().block());
        byte[] fallback = null;
        for (LocationListEntry e : entries(die, a.get())) {
            if (e.range() == null) fallback = e.expression();
            else if (e.range().contains(pc)) return Optional.of(e.expression());
        }
        return Optional.ofNullable(fallback);
    }

    /** All entries of the list an attribute refers to (loclistx, sec_offset, or data4/data8 in DWARF 2-3). */
    public static List<LocationListEntry> entries(Die die, Attribute a) {
        CompilationUnit u = die.unit();
        DwarfSections s = u.sections();
        long base = u.root().address(DwAt.LOW_PC).orElse(0);
        if (a.form() == DwForm.LOCLISTX) {
            DwarfCursor c = s.cursor(DwarfSections.LOCLISTS);
            long index = a.value();
            if (index < 0 || index > Integer.MAX_VALUE / 8) throw new DwarfFormatException("loclistx " + index);
            long rel = c.seek(u.loclistsBase() + index * u.offsetSize()).offset(u.dwarf64());
            return loclists(die, c.at(u.loclistsBase() + rel), base);
        }
        if (a.block() != null || a.string() != null) return List.of();
        if (u.version() >= 5) return loclists(die, s.cursor(DwarfSections.LOCLISTS).at(a.value()), base);
        return debugLoc(s.cursor(DwarfSections.LOC).at(a.value()), u.addressSize(), base);
    }

    private static List<LocationListEntry> debugLoc(DwarfCursor c, int addressSize, long base) {
        long allOnes = addressSize == 8 ? -1L : (1L << (addressSize * 8)) - 1;
        List<LocationListEntry> out = new ArrayList<>();
        while (true) {
            long begin = c.address(addressSize);
            long end = c.address(addressSize);
            if (begin == 0 && end == 0) return out;
            if (begin == allOnes) {
                base = end;
                continue;
            }
            byte[] expr = c.bytes(c.u16());
            out.add(new LocationListEntry(new AddressRange(base + begin, base + end), expr));
        }
    }

    private static List<LocationListEntry> loclists(Die die, DwarfCursor c, long base) {
        int size = die.unit().addressSize();
        List<LocationListEntry> out = new ArrayList<>();
        while (true) {
            int kind = c.u8();
            AddressRange range;
            switch (kind) {
                case LLE_END -> { return out; }
                case LLE_BASE_ADDRESSX -> { base = die.indexedAddress(c.uleb()); continue; }
                case LLE_BASE_ADDRESS -> { base = c.address(size); continue; }
                case GNU_LLE_VIEW_PAIR -> { c.uleb(); c.uleb(); continue; }
                case LLE_STARTX_ENDX -> range = new AddressRange(die.indexedAddress(c.uleb()), die.indexedAddress(c.uleb()));
                case LLE_STARTX_LENGTH -> {
                    long start = die.indexedAddress(c.uleb());
                    range = new AddressRange(start, start + c.uleb());
                }
                case LLE_OFFSET_PAIR -> {
                    long a = c.uleb();
                    range = new AddressRange(base + a, base + c.uleb());
                }
                case LLE_DEFAULT -> range = null;
                case LLE_START_END -> {
                    long a = c.address(size);
                    range = new AddressRange(a, c.address(size));
                }
                case LLE_START_LENGTH -> {
                    long a = c.address(size);
                    range = new AddressRange(a, a + c.uleb());
                }
                default -> throw c.error("unknown location list entry kind " + kind);
            }
            out.add(new LocationListEntry(range, c.bytes(c.uleb())));
        }
    }
}
