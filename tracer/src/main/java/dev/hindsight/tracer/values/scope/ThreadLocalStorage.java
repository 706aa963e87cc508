package dev.hindsight.tracer.values.scope;

import dev.hindsight.tracer.elf.ElfSegment;
import dev.hindsight.tracer.elf.LoadedModule;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a thread's copy of a thread-local variable lives, found as gdb does without
 * libthread_db. The main executable's block is the first of the static TLS area, which under
 * x86-64's TLS variant II ends at the thread pointer ({@code fs_base}), so its place follows from
 * the PT_TLS header alone, exactly as glibc's loader lays it out.
 */
final class ThreadLocalStorage {
    private ThreadLocalStorage() {}

    /** The address of {@code offset} in {@code module}'s block for the thread with this thread pointer. */
    static OptionalLong address(LoadedModule module, long threadPointer, long offset) {
        if (module == null || !module.mainExecutable() || threadPointer == 0) return OptionalLong.empty();
        Optional<ElfSegment> tls = module.elf().tlsSegment();
        if (tls.isEmpty()) return OptionalLong.empty();
        return OptionalLong.of(threadPointer - blockOffset(tls.get()) + offset);
    }

    /**
     * How far below the thread pointer the executable's block starts: its size rounded up to its
     * alignment, keeping the template's misalignment (glibc's {@code l_tls_firstbyte_offset}).
     */
    static long blockOffset(ElfSegment tls) {
        long align = Math.max(1, tls.align());
        long firstByte = -(tls.vaddr() & (align - 1)) & (align - 1);
        return roundUp(tls.memSize() - firstByte, align) + firstByte;
    }

    private static long roundUp(long n, long align) {
        return (n + align - 1) / align * align;
    }
}
