package dev.hindsight.tracer.dwarf.info;

import java.util.List;

/** One {@code .debug_abbrev} entry: the shape shared by every DIE that names this code. */
public record Abbreviation(long code, int tag, boolean hasChildren, List<AttributeSpec> attributes) {
    /** Attribute name and form; {@code implicitConst} is the value carried by DW_FORM_implicit_const. */
    public record AttributeSpec(int name, int form, long implicitConst) {}
}
