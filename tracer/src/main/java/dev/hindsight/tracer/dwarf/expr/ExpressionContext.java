package dev.hindsight.tracer.dwarf.expr;

import java.util.OptionalLong;

/**
 * What an expression may ask of the stopped program. Every method may answer empty when that piece of state is not
 * known (e.g. a register not restored while unwinding); evaluation then yields {@link Location.Unavailable}
 * instead of guessing. Registers use the host's DWARF numbering: on x86-64 0 rax, 1 rdx, 2 rcx, 3 rbx, 4 rsi, 5 rdi,
 * 6 rbp, 7 rsp, 8-15 r8-r15, 16 return address (rip), 17-32 xmm0-15; on AArch64 0-30 x0-x30, 31 sp, 64-95 v0-v31.
 */
public interface ExpressionContext {
    OptionalLong register(int dwarfRegister);

    /** Little-endian unsigned value of {@code size} (1-8) bytes at {@code address}. */
    OptionalLong readMemory(long address, int size);

    default OptionalLong frameBase() { return OptionalLong.empty(); }

    default OptionalLong cfa() { return OptionalLong.empty(); }

    default OptionalLong pc() { return OptionalLong.empty(); }

    /** The thread pointer ({@code fs_base} on x86-64). */
    default OptionalLong fsBase() { return OptionalLong.empty(); }

    /**
     * Address of a thread-local variable at {@code offset} inside this object's TLS block. The default handles the
     * main executable under x86-64 TLS variant II (block ends at the thread pointer) when the block size is known.
     */
    default OptionalLong threadLocalAddress(long offset) {
        OptionalLong fs = fsBase();
        OptionalLong size = tlsBlockSize();
        if (fs.isEmpty() || size.isEmpty()) return OptionalLong.empty();
        return OptionalLong.of(fs.getAsLong() - size.getAsLong() + offset);
    }

    /** PT_TLS memory size rounded up to its alignment, for the executable's TLS block. */
    default OptionalLong tlsBlockSize() { return OptionalLong.empty(); }

    /** The runtime address of a link-time address (DW_OP_addr, DW_OP_addrx): adds a PIE's load bias. */
    default long relocate(long linkAddress) { return linkAddress; }

    /** Entry {@code index} of the unit's {@code .debug_addr} slice, for DW_OP_addrx/constx. */
    default OptionalLong indexedAddress(long index) { return OptionalLong.empty(); }
}
