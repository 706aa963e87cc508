package dev.hindsight.tracer.elf;

/** A symbol at a link-time address; {@code size} 0 when unknown. */
public record ElfSymbol(String name, long value, long size, int type, int binding, int sectionIndex) {
    public static final int STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3, STT_FILE = 4,
            STT_TLS = 6, STT_GNU_IFUNC = 10;
    public static final int STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2;

    public boolean isFunction() {
        return type == STT_FUNC || type == STT_GNU_IFUNC;
    }

    /** Symbols an address can meaningfully be named after. */
    boolean isAddressable() {
        return !name.isEmpty() && sectionIndex != 0 && (isFunction() || type == STT_OBJECT || type == STT_NOTYPE)
                && !name.startsWith("$");
    }
}
