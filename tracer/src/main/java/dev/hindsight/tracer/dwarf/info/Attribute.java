package dev.hindsight.tracer.dwarf.info;

/**
 * One attribute as stored in the DIE: {@code value} holds integers, offsets and indices (zero-extended), {@code
 * block} holds block/exprloc/data16 bytes and {@code string} an inline DW_FORM_string. Indirect forms (strx, addrx,
 * rnglistx...) are resolved through the owning {@link Die}, because the unit's bases may only be known later.
 */
public record Attribute(int name, int form, long value, byte[] block, String string) {
    /** The value read as a signed constant: sdata/implicit_const as is, fixed-size data sign-extended by size. */
    public long signedValue() {
        switch (form) {
            case DwForm.DATA1: return (byte) value;
            case DwForm.DATA2: return (short) value;
            case DwForm.DATA4: return (int) value;
            default: return value;
        }
    }

    @Override
    public String toString() {
        return "0x" + Integer.toHexString(name) + "/0x" + Integer.toHexString(form) + "="
                + (string != null ? string : block != null ? block.length + " bytes" : "0x" + Long.toHexString(value));
    }
}
