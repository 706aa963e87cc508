package dev.hindsight.tracer.dwarf.cfi;

import dev.hindsight.tracer.dwarf.DwarfCursor;

/**
 * DW_EH_PE_* pointer decoding. pc-relative values are relative to the address of the encoded field itself, which
 * is why the cursor's section must come with its load address. Indirect pointers point at the real value in
 * target memory; the parse layer cannot read memory, so it returns the address of the slot.
 */
final class PointerEncoding {
    static final int OMIT = 0xff, ABSPTR = 0x00, ULEB128 = 0x01, UDATA2 = 0x02, UDATA4 = 0x03, UDATA8 = 0x04,
            SLEB128 = 0x09, SDATA2 = 0x0a, SDATA4 = 0x0b, SDATA8 = 0x0c, PCREL = 0x10, TEXTREL = 0x20,
            DATAREL = 0x30, FUNCREL = 0x40, ALIGNED = 0x50, INDIRECT = 0x80;

    private PointerEncoding() {}

    /** Reads an encoded pointer; {@code sectionAddress} is the load address of the cursor's section start. */
    static long read(DwarfCursor c, int encoding, long sectionAddress, int addressSize, long dataBase) {
        if (encoding == OMIT) return 0;
        long fieldAddress = sectionAddress + c.position();
        if ((encoding & 0x70) == ALIGNED) {
            int pad = (int) ((addressSize - (c.position() % addressSize)) % addressSize);
            c.skip(pad);
            return c.address(addressSize);
        }
        long value = readValue(c, encoding & 0x0f, addressSize);
        switch (encoding & 0x70) {
            case ABSPTR, TEXTREL, FUNCREL -> { }
            case PCREL -> value += fieldAddress;
            case DATAREL -> value += dataBase;
            default -> throw c.error("pointer application 0x" + Integer.toHexString(encoding & 0x70));
        }
        return value;
    }

    /** The value format alone, as used for FDE address ranges (never relative). */
    static long readValue(DwarfCursor c, int format, int addressSize) {
        return switch (format) {
            case ABSPTR -> c.address(addressSize);
            case ULEB128 -> c.uleb();
            case UDATA2 -> c.u16();
            case UDATA4 -> c.u32();
            case UDATA8, SDATA8 -> c.u64();
            case SLEB128 -> c.sleb();
            case SDATA2 -> (short) c.u16();
            case SDATA4 -> c.s32();
            default -> throw c.error("pointer format 0x" + Integer.toHexString(format));
        };
    }
}
