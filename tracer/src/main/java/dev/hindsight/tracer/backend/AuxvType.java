package dev.hindsight.tracer.backend;

/** Keys of the ELF auxiliary vector ({@code <elf.h>}'s AT_* values) that {@link Backend#auxv()} returns. */
public final class AuxvType {
    public static final long AT_PHDR = 3, AT_ENTRY = 9, AT_BASE = 7, AT_RANDOM = 25, AT_EXECFN = 31,
            AT_SYSINFO_EHDR = 33;

    private AuxvType() {}
}
