package dev.hindsight.tracer.dwarf.info;

import dev.hindsight.tracer.dwarf.DwarfCursor;
import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.DwarfSections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code .debug_aranges}: address ranges per unit, by the unit's {@code .debug_info} offset. gcc
 * writes it for every unit, so a large library (libc) can be indexed without parsing its DIE
 * trees; units missing from it are indexed from their DIEs.
 */
final class Aranges {
    private Aranges() {}

    /** Ranges by unit offset; throws DwarfFormatException when the section is damaged. */
    static Map<Long, List<AddressRange>> read(DwarfSections sections) {
        Map<Long, List<AddressRange>> out = new HashMap<>();
        DwarfCursor c = sections.cursor(DwarfSections.ARANGES);
        while (c.remaining() >= 4) {
            long setStart = c.position();
            boolean[] is64 = new boolean[1];
            long length = c.initialLength(is64);
            long end = c.position() + length;
            DwarfCursor set = c.slice(c.position(), length);
            int version = set.u16();
            if (version != 2) throw set.error("aranges version " + version);
            long unit = set.offset(is64[0]);
            int addressSize = set.u8(), segmentSize = set.u8();
            if (addressSize != 4 && addressSize != 8 || segmentSize != 0) throw set.error("aranges address size " + addressSize);
            int tuple = 2 * addressSize;
            long header = set.position() - setStart; // tuples are aligned to their size from the set's start
            set.skip((tuple - header % tuple) % tuple);
            List<AddressRange> ranges = out.computeIfAbsent(unit, u -> new ArrayList<>());
            while (set.remaining() >= tuple) {
                long low = set.address(addressSize), size = set.address(addressSize);
                if (low == 0 && size == 0) break;
                if (size != 0) ranges.add(new AddressRange(low, low + size));
            }
            c.seek(end);
        }
        return out;
    }
}
