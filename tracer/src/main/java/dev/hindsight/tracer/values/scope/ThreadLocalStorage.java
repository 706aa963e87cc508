package dev.hindsight.tracer.values.scope;

import dev.hindsight.tracer.elf.ElfSegment;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.values.ProgramAccess;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a thread's copy of a thread-local variable lives, found without libthread_db. The main
 * executable's block is the first of the static TLS area, which under x86-64's TLS variant II
 * ends at the thread pointer ({@code fs_base}) and under AArch64's variant I starts after the
 * 16-byte TCB the thread pointer ({@code tpidr_el0}) addresses, so its place follows from the
 * PT_TLS header alone. A shared library's block is found through the thread's dynamic thread vector (DTV) at
 * the library's module id, which only the loader's {@code struct link_map} records.
 */
final class ThreadLocalStorage {
    /** glibc's layouts: tcbhead_t.dtv (x86-64's at 8, AArch64's at 0), and dtv_t entries of {val, to_free}; AArch64's TCB size. */
    private static final int TCB_DTV_VARIANT_II = 8, DTV_ENTRY = 16, TCB_SIZE_VARIANT_I = 16;
    /** The dynamic section's DT_NULL and DT_DEBUG tags; r_debug.r_map; link_map.l_addr and l_next. */
    private static final long DT_NULL = 0, DT_DEBUG = 21, R_MAP = 8, L_ADDR = 0, L_NEXT = 24;
    /**
     * The private TLS fields of glibc 2.36's {@code struct link_map} (from libc6-dbg's DWARF):
     * l_tls_blocksize, l_tls_align and l_tls_modid. The first two are checked against the
     * library's PT_TLS before the module id is believed, so another glibc gives "unavailable".
     */
    private static final long L_TLS_BLOCKSIZE = 1120, L_TLS_ALIGN = 1128, L_TLS_MODID = 1152;
    private static final int MAX_MODULES = 4096;

    private ThreadLocalStorage() {}

    /** The address of {@code offset} in {@code module}'s block for the thread {@code program} sees. */
    static OptionalLong address(ProgramAccess program, LoadedModule module, long offset) {
        long tp = program.threadPointer();
        if (module == null || tp == 0) return OptionalLong.empty();
        Optional<ElfSegment> tls = module.elf().tlsSegment();
        if (tls.isEmpty()) return OptionalLong.empty();
        boolean variantOne = program.architecture().tlsAfterThreadPointer();
        if (module.mainExecutable()) {
            return OptionalLong.of(variantOne ? tp + blockOffsetAfterTcb(tls.get()) + offset : tp - blockOffset(tls.get()) + offset);
        }
        OptionalLong modid = moduleId(program, module, tls.get());
        if (modid.isEmpty()) return OptionalLong.empty();
        OptionalLong dtv = word(program, tp + (variantOne ? 0 : TCB_DTV_VARIANT_II));
        if (dtv.isEmpty()) return OptionalLong.empty();
        OptionalLong length = word(program, dtv.getAsLong() - DTV_ENTRY);
        if (length.isEmpty() || Long.compareUnsigned(modid.getAsLong(), length.getAsLong()) > 0) return OptionalLong.empty();
        OptionalLong block = word(program, dtv.getAsLong() + DTV_ENTRY * modid.getAsLong());
        // -1: the thread has not touched the library's variables yet, so the block does not exist.
        if (block.isEmpty() || block.getAsLong() == -1 || block.getAsLong() == 0) return OptionalLong.empty();
        return OptionalLong.of(block.getAsLong() + offset);
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

    /**
     * Variant I: how far above the thread pointer the executable's block starts, glibc's first
     * {@code l_tls_offset} ({@code roundup(TLS_TCB_SIZE + firstbyte, align) - firstbyte}).
     */
    static long blockOffsetAfterTcb(ElfSegment tls) {
        long align = Math.max(1, tls.align());
        long firstByte = -(tls.vaddr() & (align - 1)) & (align - 1);
        return roundUp(TCB_SIZE_VARIANT_I + firstByte, align) - firstByte;
    }

    private static long roundUp(long n, long align) {
        return (n + align - 1) / align * align;
    }

    /** The library's module id, from the loader's list of link maps (found through the executable's DT_DEBUG). */
    private static OptionalLong moduleId(ProgramAccess program, LoadedModule module, ElfSegment tls) {
        OptionalLong map = firstLinkMap(program);
        for (int i = 0; map.isPresent() && map.getAsLong() != 0 && i < MAX_MODULES; i++) {
            long lm = map.getAsLong();
            if (word(program, lm + L_ADDR).orElse(-1) == module.bias()
                    && word(program, lm + L_TLS_BLOCKSIZE).orElse(-1) == tls.memSize()
                    && word(program, lm + L_TLS_ALIGN).orElse(-1) == Math.max(1, tls.align())) {
                OptionalLong id = word(program, lm + L_TLS_MODID);
                return id.isPresent() && id.getAsLong() > 0 ? id : OptionalLong.empty();
            }
            map = word(program, lm + L_NEXT);
        }
        return OptionalLong.empty();
    }

    static OptionalLong firstLinkMap(ProgramAccess program) {
        for (LoadedModule m : program.modules().modules()) {
            if (!m.mainExecutable()) continue;
            Optional<ElfSegment> dynamic = m.elf().segments().stream().filter(s -> s.type() == ElfSegment.PT_DYNAMIC).findFirst();
            if (dynamic.isEmpty()) return OptionalLong.empty();
            long at = dynamic.get().vaddr() + m.bias();
            for (long end = at + dynamic.get().memSize(); at + 16 <= end; at += 16) {
                OptionalLong tag = word(program, at);
                if (tag.isEmpty() || tag.getAsLong() == DT_NULL) break;
                if (tag.getAsLong() == DT_DEBUG) {
                    OptionalLong rDebug = word(program, at + 8);
                    return rDebug.isPresent() && rDebug.getAsLong() != 0 ? word(program, rDebug.getAsLong() + R_MAP) : OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong word(ProgramAccess program, long address) {
        byte[] b = program.read(address, 8);
        if (b.length < 8) return OptionalLong.empty();
        return OptionalLong.of(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }
}
