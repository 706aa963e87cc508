package dev.hindsight.tracer.elf;

/** One program header. */
public record ElfSegment(int type, int flags, long offset, long vaddr, long fileSize, long memSize, long align) {
    public static final int PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4, PT_TLS = 7;
}
