package dev.hindsight.tracer.regs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hindsight.tracer.arch.Aarch64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The register model over AArch64's {@code NT_PRSTATUS} block on any host: {@code struct
 * user_pt_regs} is {@code regs[31]} (x0-x30), then sp, pc, pstate (arch/arm64/include/uapi/asm/
 * ptrace.h), and DWARF numbers them 0-30 x0-x30, 31 sp (AADWARF64).
 */
class Aarch64RegistersTest {
    private static Registers sample() {
        long[] block = new long[34];
        for (int i = 0; i < block.length; i++) block[i] = 0x1000 + i;
        return new Registers(Aarch64.INSTANCE, block);
    }

    @Test
    void pcSpFramePointerReturnAndFlagsComeFromTheirSlots() {
        Registers r = sample();
        assertEquals(0x1000 + 32, r.pc());
        assertEquals(0x1000 + 31, r.sp());
        assertEquals(0x1000 + 29, r.fp(), "x29");
        assertEquals(0x1000, r.rax(), "the integer return register is x0");
        assertEquals(0x1000 + 33, r.eflags(), "the flags register is pstate");
        assertEquals(0x1000 + 30, r.get("x30"));
        assertEquals(0x99, r.with("pc", 0x99).pc());
        assertThrows(IllegalArgumentException.class, () -> r.get("rip"));
        assertThrows(IllegalArgumentException.class, () -> new Registers(Aarch64.INSTANCE, new long[27]));
    }

    @Test
    void dwarfNumbersNameXRegistersSpAndPc() {
        Map<Integer, Long> dwarf = DwarfRegisters.of(sample());
        for (int i = 0; i <= 30; i++) assertEquals(0x1000 + i, dwarf.get(i), "x" + i);
        assertEquals(0x1000 + 31, dwarf.get(31), "31 is sp");
        assertEquals(0x1000 + 32, dwarf.get(32), "the unwinder's pc slot");
        assertEquals(33, dwarf.size());
    }
}
