package dev.hindsight.tracer.dwarf.info;

import dev.hindsight.tracer.dwarf.DwarfCursor;
import dev.hindsight.tracer.dwarf.DwarfFormatException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The abbreviations starting at one {@code .debug_abbrev} offset, shared by the units that point there. */
public final class AbbreviationTable {
    private final Map<Long, Abbreviation> byCode;

    private AbbreviationTable(Map<Long, Abbreviation> byCode) {
        this.byCode = byCode;
    }

    public static AbbreviationTable parse(DwarfCursor abbrevSection, long offset) {
        DwarfCursor c = abbrevSection.at(offset);
        Map<Long, Abbreviation> map = new HashMap<>();
        while (true) {
            long code = c.uleb();
            if (code == 0) break;
            int tag = c.ulebInt("tag");
            boolean children = c.u8() != 0;
            List<Abbreviation.AttributeSpec> specs = new ArrayList<>();
            while (true) {
                int name = c.ulebInt("attribute");
                int form = c.ulebInt("form");
                if (name == 0 && form == 0) break;
                long implicit = form == DwForm.IMPLICIT_CONST ? c.sleb() : 0;
                specs.add(new Abbreviation.AttributeSpec(name, form, implicit));
            }
            map.put(code, new Abbreviation(code, tag, children, List.copyOf(specs)));
        }
        return new AbbreviationTable(map);
    }

    public Abbreviation get(long code) {
        Abbreviation a = byCode.get(code);
        if (a == null) throw new DwarfFormatException("unknown abbreviation code " + code);
        return a;
    }

    public int size() {
        return byCode.size();
    }
}
