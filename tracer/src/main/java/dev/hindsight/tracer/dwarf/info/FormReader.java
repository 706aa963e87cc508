package dev.hindsight.tracer.dwarf.info;

import dev.hindsight.tracer.dwarf.DwarfCursor;

/** Reads one attribute value of any form; decoding of indices against bases is left to {@link Die}. */
final class FormReader {
    private static final int MAX_INDIRECTION = 4;

    private FormReader() {}

    static Attribute read(DwarfCursor c, int name, int form, long implicitConst, CompilationUnit unit) {
        int f = form;
        for (int hops = 0; f == DwForm.INDIRECT; hops++) {
            if (hops > MAX_INDIRECTION) throw c.error("indirect form loop");
            f = c.ulebInt("indirect form");
            if (f == DwForm.IMPLICIT_CONST) throw c.error("implicit_const via indirect");
        }
        boolean is64 = unit.dwarf64();
        int addrSize = unit.addressSize();
        switch (f) {
            case DwForm.ADDR: return num(name, f, c.address(addrSize));
            case DwForm.DATA1: case DwForm.REF1: case DwForm.FLAG: case DwForm.STRX1: case DwForm.ADDRX1:
                return num(name, f, c.u8());
            case DwForm.DATA2: case DwForm.REF2: case DwForm.STRX2: case DwForm.ADDRX2:
                return num(name, f, c.u16());
            case DwForm.STRX3: case DwForm.ADDRX3: return num(name, f, c.unsigned(3));
            case DwForm.DATA4: case DwForm.REF4: case DwForm.STRX4: case DwForm.ADDRX4: case DwForm.REF_SUP4:
                return num(name, f, c.u32());
            case DwForm.DATA8: case DwForm.REF8: case DwForm.REF_SIG8: case DwForm.REF_SUP8:
                return num(name, f, c.u64());
            case DwForm.DATA16: return new Attribute(name, f, 0, c.bytes(16), null);
            case DwForm.SDATA: return num(name, f, c.sleb());
            case DwForm.UDATA: case DwForm.REF_UDATA: case DwForm.STRX: case DwForm.ADDRX: case DwForm.LOCLISTX:
            case DwForm.RNGLISTX: case DwForm.GNU_ADDR_INDEX: case DwForm.GNU_STR_INDEX:
                return num(name, f, c.uleb());
            case DwForm.STRING: return new Attribute(name, f, 0, null, c.cstring());
            case DwForm.STRP: case DwForm.LINE_STRP: case DwForm.SEC_OFFSET: case DwForm.STRP_SUP:
            case DwForm.GNU_REF_ALT: case DwForm.GNU_STRP_ALT:
                return num(name, f, c.offset(is64));
            // DWARF 2 wrote ref_addr address-sized; later versions use the offset size.
            case DwForm.REF_ADDR: return num(name, f, unit.version() <= 2 ? c.address(addrSize) : c.offset(is64));
            case DwForm.FLAG_PRESENT: return num(name, f, 1);
            case DwForm.IMPLICIT_CONST: return num(name, f, implicitConst);
            case DwForm.BLOCK1: return new Attribute(name, f, 0, c.bytes(c.u8()), null);
            case DwForm.BLOCK2: return new Attribute(name, f, 0, c.bytes(c.u16()), null);
            case DwForm.BLOCK4: return new Attribute(name, f, 0, c.bytes(c.u32()), null);
            case DwForm.BLOCK: case DwForm.EXPRLOC: return new Attribute(name, f, 0, c.bytes(c.uleb()), null);
            default: throw c.error("unknown form 0x" + Integer.toHexString(f));
        }
    }

    private static Attribute num(int name, int form, long value) {
        return new Attribute(name, form, value, null, null);
    }
}
