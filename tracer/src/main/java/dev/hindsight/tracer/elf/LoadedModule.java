package dev.hindsight.tracer.elf;

/** An ELF object mapped into a process: its file, load bias and address range. */
public record LoadedModule(String path, ElfFile elf, long bias, long start, long end, boolean mainExecutable) {
    public boolean contains(long address) {
        return address >= start && address < end;
    }

    /** The file name, as a backtrace shows it ({@code libc.so.6}). */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
