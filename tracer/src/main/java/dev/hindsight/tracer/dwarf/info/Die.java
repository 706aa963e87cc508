package dev.hindsight.tracer.dwarf.info;

import dev.hindsight.tracer.dwarf.DwarfCursor;
import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.DwarfSections;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A debugging information entry: tag, attributes, parent and children. Accessors decode forms that need the unit's
 * context (string tables, {@code .debug_addr}, references) and return empty when the attribute is absent or has a
 * form that does not fit the question.
 */
public final class Die {
    private final CompilationUnit unit;
    private final long offset;
    private final int tag;
    private final List<Attribute> attributes;
    private final Die parent;
    private List<Die> children = List.of();

    Die(CompilationUnit unit, long offset, int tag, List<Attribute> attributes, Die parent) {
        this.unit = unit;
        this.offset = offset;
        this.tag = tag;
        this.attributes = attributes;
        this.parent = parent;
    }

    void addChild(Die child) {
        if (children.isEmpty()) children = new ArrayList<>();
        children.add(child);
    }

    public CompilationUnit unit() { return unit; }

    public long offset() { return offset; }

    public int tag() { return tag; }

    public List<Attribute> attributes() { return attributes; }

    public List<Die> children() { return children; }

    public Die parent() { return parent; }

    public Optional<Attribute> attribute(int name) {
        for (Attribute a : attributes) if (a.name() == name) return Optional.of(a);
        return Optional.empty();
    }

    public boolean has(int name) {
        return attribute(name).isPresent();
    }

    /** DW_AT_name, or null. */
    public String name() {
        return string(DwAt.NAME).orElse(null);
    }

    public Optional<String> string(int name) {
        return attribute(name).filter(a -> DwForm.isString(a.form())).map(this::decodeString);
    }

    /** Unsigned constant (data, udata, flag, implicit_const...). */
    public OptionalLong unsigned(int name) {
        Optional<Attribute> a = attribute(name);
        if (a.isEmpty() || a.get().block() != null || a.get().string() != null) return OptionalLong.empty();
        return OptionalLong.of(a.get().value());
    }

    public OptionalLong signed(int name) {
        Optional<Attribute> a = attribute(name);
        if (a.isEmpty() || !DwForm.isConstant(a.get().form())) return OptionalLong.empty();
        return OptionalLong.of(a.get().signedValue());
    }

    public boolean flag(int name) {
        return attribute(name).map(a -> a.value() != 0).orElse(false);
    }

    /** An address attribute (DW_FORM_addr or any addrx form), resolved through {@code .debug_addr}. */
    public OptionalLong address(int name) {
        Optional<Attribute> a = attribute(name);
        if (a.isEmpty()) return OptionalLong.empty();
        return switch (a.get().form()) {
            case DwForm.ADDR -> OptionalLong.of(a.get().value());
            case DwForm.ADDRX, DwForm.ADDRX1, DwForm.ADDRX2, DwForm.ADDRX3, DwForm.ADDRX4, DwForm.GNU_ADDR_INDEX ->
                    OptionalLong.of(indexedAddress(a.get().value()));
            default -> OptionalLong.empty();
        };
    }

    /** Entry {@code index} of this unit's slice of {@code .debug_addr}. */
    public long indexedAddress(long index) {
        int size = unit.addressSize();
        if (index < 0 || index > Integer.MAX_VALUE / size) throw new DwarfFormatException("address index " + index);
        DwarfCursor c = unit.sections().cursor(DwarfSections.ADDR);
        return c.seek(unit.addrBase() + index * size).address(size);
    }

    /** The DIE an attribute of reference form points at (same unit, other unit, or type unit by signature). */
    public Optional<Die> reference(int name) {
        Optional<Attribute> a = attribute(name);
        if (a.isEmpty()) return Optional.empty();
        Attribute at = a.get();
        return switch (at.form()) {
            case DwForm.REF1, DwForm.REF2, DwForm.REF4, DwForm.REF8, DwForm.REF_UDATA ->
                    Optional.ofNullable(unit.dieAt(unit.offset() + at.value()));
            case DwForm.REF_ADDR -> Optional.ofNullable(unit.info().dieAt(at.value()));
            case DwForm.REF_SIG8 -> unit.info().typeUnit(at.value()).map(CompilationUnit::typeDie);
            default -> Optional.empty();
        };
    }

    /** Block or exprloc bytes (e.g. a single location expression). */
    public Optional<byte[]> block(int name) {
        return attribute(name).map(Attribute::block);
    }

    /** Decoded value of any attribute: String, Long, byte[] or (for references) Die. */
    public Object decoded(Attribute a) {
        if (DwForm.isString(a.form())) return decodeString(a);
        if (a.block() != null) return a.block();
        if (DwForm.isReference(a.form()) || a.form() == DwForm.REF_SIG8) return reference(a.name()).orElse(null);
        OptionalLong addr = address(a.name());
        if (addr.isPresent()) return addr.getAsLong();
        return a.value();
    }

    private String decodeString(Attribute a) {
        DwarfSections s = unit.sections();
        return switch (a.form()) {
            case DwForm.STRING -> a.string();
            case DwForm.STRP -> s.cursor(DwarfSections.STR).cstringAt(a.value());
            case DwForm.LINE_STRP -> s.cursor(DwarfSections.LINE_STR).cstringAt(a.value());
            case DwForm.STRX, DwForm.STRX1, DwForm.STRX2, DwForm.STRX3, DwForm.STRX4, DwForm.GNU_STR_INDEX -> {
                long index = a.value();
                int size = unit.offsetSize();
                if (index < 0 || index > Integer.MAX_VALUE / size) throw new DwarfFormatException("string index " + index);
                DwarfCursor offsets = s.cursor(DwarfSections.STR_OFFSETS).seek(unit.strOffsetsBase() + index * size);
                yield s.cursor(DwarfSections.STR).cstringAt(offsets.offset(unit.dwarf64()));
            }
            default -> null; // supplementary-file strings are not available
        };
    }

    @Override
    public String toString() {
        return "DIE@0x" + Long.toHexString(offset) + " tag 0x" + Integer.toHexString(tag) + (name() != null ? " " + name() : "");
    }
}
