package dev.hindsight.tracer.sys;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * CPUID and XGETBV as the CPU answers them to this process (the same hardware the tracee runs
 * on). Java cannot execute either, so two tiny functions are placed in an executable page and
 * called through JNA. Used to size xsave areas and to find where each state component lies in
 * the ptrace NT_X86_XSTATE image (CPUID leaf 0xD: the offsets differ between Intel and AMD).
 */
public final class Cpuid {
    private static final int PROT_RWX = 7, MAP_PRIVATE_ANONYMOUS = 0x22;
    /** push rbx; mov r8,rdx; mov eax,edi; mov ecx,esi; cpuid; mov [r8..r8+12],eax/ebx/ecx/edx; pop rbx; ret */
    private static final byte[] CPUID = {0x53, 0x49, (byte) 0x89, (byte) 0xd0, (byte) 0x89, (byte) 0xf8, (byte) 0x89,
            (byte) 0xf1, 0x0f, (byte) 0xa2, 0x41, (byte) 0x89, 0x00, 0x41, (byte) 0x89, 0x58, 0x04, 0x41, (byte) 0x89,
            0x48, 0x08, 0x41, (byte) 0x89, 0x50, 0x0c, 0x5b, (byte) 0xc3};
    /** mov ecx,edi; xgetbv; shl rdx,32; or rax,rdx; ret */
    private static final byte[] XGETBV = {(byte) 0x89, (byte) 0xf9, 0x0f, 0x01, (byte) 0xd0, 0x48, (byte) 0xc1,
            (byte) 0xe2, 0x20, 0x48, 0x09, (byte) 0xd0, (byte) 0xc3};

    static {
        Native.register(Cpuid.class, "c");
    }

    private static native long mmap(long address, long length, int prot, int flags, int fd, long offset);

    private final Function cpuid, xgetbv;
    private final NativeBuffer out = NativeBuffer.allocate(16);

    public Cpuid() {
        long page = mmap(0, 4096, PROT_RWX, MAP_PRIVATE_ANONYMOUS, -1, 0);
        if (page == -1) throw new IllegalStateException("cannot map an executable page for CPUID (errno " + Native.getLastError() + ")");
        Pointer p = new Pointer(page);
        p.write(0, CPUID, 0, CPUID.length);
        p.write(64, XGETBV, 0, XGETBV.length);
        cpuid = Function.getFunction(p);
        xgetbv = Function.getFunction(p.share(64));
    }

    /** eax, ebx, ecx, edx of CPUID(leaf, subleaf). */
    public int[] query(int leaf, int subleaf) {
        cpuid.invokeVoid(new Object[] {leaf, subleaf, new Pointer(out.address())});
        return new int[] {out.getInt(0), out.getInt(4), out.getInt(8), out.getInt(12)};
    }

    /** XCR{@code register}; XCR0 is the set of state components the OS enabled. */
    public long xgetbv(int register) {
        return xgetbv.invokeLong(new Object[] {register});
    }
}
