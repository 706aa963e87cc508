package dev.hindsight.tracer.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hindsight.tracer.arch.X86_64;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import dev.hindsight.tracer.testing.SeizedProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * On x86-64 the {@code NT_PRSTATUS} regset is the very block GETREGS transfers: the
 * architecture-neutral reader AArch64 needs must agree with the engine's x86 path register for
 * register, both ways, and put rip at the ELF entry of a static program (readelf as oracle).
 * (On AArch64, {@code dev.hindsight.tracer.aarch64.PtraceSmokeTest} drives it in the guest.)
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64", disabledReason = "compares with x86's GETREGS")
class GeneralRegisterSetTest {
    @Test
    void sameBlockAsGetregsBothWays() {
        var exe = Fixtures.compile("compile_start.s");
        try (SeizedProgram p = SeizedProgram.atExec(exe)) {
            GeneralRegisterSet set = new GeneralRegisterSet(X86_64.INSTANCE);
            Regs getregs = new Regs();
            long[] viaSet = set.get(p.pid);
            assertArrayEquals(getregs.get(p.pid), viaSet);
            assertEquals(Nm.entry(exe), viaSet[Registers.KERNEL_ORDER.indexOf("rip")], "rip at the entry");

            int r15 = Registers.KERNEL_ORDER.indexOf("r15");
            viaSet[r15] = 0x1122334455667788L;
            set.set(p.pid, viaSet);
            assertEquals(0x1122334455667788L, getregs.get(p.pid)[r15], "written through the regset, read through GETREGS");
        }
    }
}
