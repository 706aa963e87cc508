package dev.hindsight.tracer.effects;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.sys.NativeBuffer;
import dev.hindsight.tracer.sys.Ptrace;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The xsave sizes come from this process's CPUID/XGETBV stub; the kernel sizes the same area
 * from its own reading of the CPU. Its NT_X86_XSTATE register set is the standard-format area of
 * every user state component it enabled (XCR0), so the two must agree byte for byte.
 */
class XsaveLayoutTest {
    @Test
    void standardSizeOfAllEnabledComponentsIsTheKernelsXstateSize() throws Exception {
        XsaveLayout layout = XsaveLayout.host();
        long[] kernelSize = {-1};
        try (Target t = Target.launch(LaunchSpec.of(Fixtures.compile("effects_recurse.c")))) {
            NativeBuffer area = NativeBuffer.allocate(65536), iov = NativeBuffer.allocate(16);
            t.execution().trace(1, (i, r) -> { // on the engine thread, which is the ptracer
                iov.setLong(0, area.address());
                iov.setLong(8, area.size());
                if (Ptrace.tryCall(Ptrace.GETREGSET, t.pid(), Ptrace.NT_X86_XSTATE, iov.address()) == 0) kernelSize[0] = iov.getLong(8);
                return false;
            }).get(60, TimeUnit.SECONDS);
        }
        assertTrue(kernelSize[0] > 576, "the kernel offers xsave state: " + kernelSize[0]);
        assertEquals(kernelSize[0], layout.standardSize(-1L), String.format("XCR0 0x%x", layout.xcr0()));
        assertTrue(layout.compactedSize(-1L) <= layout.standardSize(-1L), "compacted is never larger");
        assertEquals(576, layout.compactedSize(3), "x87 and SSE live in the legacy region");
    }
}
