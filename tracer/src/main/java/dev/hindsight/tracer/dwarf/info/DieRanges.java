package dev.hindsight.tracer.dwarf.info;

import dev.hindsight.tracer.dwarf.DwarfCursor;
import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.DwarfSections;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Address ranges of a DIE: DW_AT_low_pc/high_pc (high as address or as length), or DW_AT_ranges through
 * {@code .debug_ranges} (DWARF 2-4) or {@code .debug_rnglists} (DWARF 5, including rnglistx indices).
 */
public final class DieRanges {
    private static final int RLE_END = 0, RLE_BASE_ADDRESSX = 1, RLE_STARTX_ENDX = 2, RLE_STARTX_LENGTH = 3,
            RLE_OFFSET_PAIR = 4, RLE_BASE_ADDRESS = 5, RLE_START_END = 6, RLE_START_LENGTH = 7;

    private DieRanges() {}

    /** The ranges of a DIE; empty when it has no address attributes. Empty ranges are dropped. */
    public static List<AddressRange> of(Die die) {
        List<AddressRange> out = new ArrayList<>();
        OptionalLong low = die.address(DwAt.LOW_PC);
        Optional<Attribute> high = die.attribute(DwAt.HIGH_PC);
        if (low.isPresent() && high.isPresent()) {
            OptionalLong highAddress = die.address(DwAt.HIGH_PC);
            long h = highAddress.isPresent() ? highAddress.getAsLong() : low.getAsLong() + high.get().value();
            out.add(new AddressRange(low.getAsLong(), h));
        } else if (die.has(DwAt.RANGES)) {
            out.addAll(rangeList(die, die.attribute(DwAt.RANGES).get()));
        } else if (low.isPresent() && die.tag() != DwTag.COMPILE_UNIT) {
            out.add(new AddressRange(low.getAsLong(), low.getAsLong() + 1));
        }
        out.removeIf(AddressRange::isEmpty);
        return out;
    }

    public static boolean contains(Die die, long pc) {
        for (AddressRange r : of(die)) if (r.contains(pc)) return true;
        return false;
    }

    private static List<AddressRange> rangeList(Die die, Attribute ranges) {
        CompilationUnit u = die.unit();
        long base = u.top().address(DwAt.LOW_PC).orElse(0);
        DwarfSections s = u.sections();
        if (ranges.form() == DwForm.RNGLISTX) {
            DwarfCursor c = s.cursor(DwarfSections.RNGLISTS);
            long index = ranges.value();
            if (index < 0 || index > Integer.MAX_VALUE / 8) throw new DwarfFormatException("rnglistx " + index);
            long rel = c.seek(u.rnglistsBase() + index * u.offsetSize()).offset(u.dwarf64());
            return rnglists(die, c.at(u.rnglistsBase() + rel), base);
        }
        if (u.version() >= 5) return rnglists(die, s.cursor(DwarfSections.RNGLISTS).at(ranges.value()), base);
        // GNU split DWARF 4 adds DW_AT_GNU_ranges_base to offsets in skeleton units.
        long extra = u.root().unsigned(DwAt.GNU_RANGES_BASE).orElse(0);
        return debugRanges(s.cursor(DwarfSections.RANGES).at(ranges.value() + extra), u.addressSize(), base);
    }

    private static List<AddressRange> debugRanges(DwarfCursor c, int addressSize, long base) {
        long allOnes = addressSize == 8 ? -1L : (1L << (addressSize * 8)) - 1;
        List<AddressRange> out = new ArrayList<>();
        while (true) {
            long begin = c.address(addressSize);
            long end = c.address(addressSize);
            if (begin == 0 && end == 0) return out;
            if (begin == allOnes) base = end;
            else out.add(new AddressRange(base + begin, base + end));
        }
    }

    private static List<AddressRange> rnglists(Die die, DwarfCursor c, long base) {
        int size = die.unit().addressSize();
        List<AddressRange> out = new ArrayList<>();
        while (true) {
            int kind = c.u8();
            switch (kind) {
                case RLE_END -> { return out; }
                case RLE_BASE_ADDRESSX -> base = die.indexedAddress(c.uleb());
                case RLE_STARTX_ENDX -> out.add(new AddressRange(die.indexedAddress(c.uleb()), die.indexedAddress(c.uleb())));
                case RLE_STARTX_LENGTH -> {
                    long start = die.indexedAddress(c.uleb());
                    out.add(new AddressRange(start, start + c.uleb()));
                }
                case RLE_OFFSET_PAIR -> {
                    long a = c.uleb();
                    out.add(new AddressRange(base + a, base + c.uleb()));
                }
                case RLE_BASE_ADDRESS -> base = c.address(size);
                case RLE_START_END -> {
                    long a = c.address(size);
                    out.add(new AddressRange(a, c.address(size)));
                }
                case RLE_START_LENGTH -> {
                    long a = c.address(size);
                    out.add(new AddressRange(a, a + c.uleb()));
                }
                default -> throw c.error("unknown range list entry kind " + kind);
            }
        }
    }
}
