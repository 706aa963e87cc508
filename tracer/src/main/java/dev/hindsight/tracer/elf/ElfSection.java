package dev.hindsight.tracer.elf;

/** One section header. */
public record ElfSection(int index, String name, int type, long flags, long address, long offset, long size,
                         int link, int info, long entrySize) {
    public static final int SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_RELA = 4, SHT_NOBITS = 8,
            SHT_DYNSYM = 11;
    public static final long SHF_ALLOC = 0x2, SHF_EXECINSTR = 0x4, SHF_COMPRESSED = 0x800;

    public boolean isCompressed() {
        return (flags & SHF_COMPRESSED) != 0;
    }

    public boolean containsAddress(long a) {
        return (flags & SHF_ALLOC) != 0 && a >= address && a < address + size;
    }
}
