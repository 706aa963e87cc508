package dev.hindsight.mi.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hindsight.tracer.arch.Aarch64;
import dev.hindsight.tracer.regs.FpsimdRegisters;
import dev.hindsight.tracer.regs.Registers;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * gdb's aarch64 register numbers and texts, checked on any host against what the arm64 guest's gdb
 * 13 printed (literal values from its {@code maint print registers}, {@code -data-list-register-values}
 * and {@code info registers} at register_expr.c's marker under qemu {@code -cpu max}: SVE, pointer
 * authentication, a 6.1 kernel's two TLS registers); MiAarch64RegistersTest compares the same in
 * the guest in lockstep. The features come from an auxiliary vector's bytes, the boundary the host
 * reads them at.
 */
class Aarch64RegisterTableTest {
    private static final Aarch64Features GUEST = new Aarch64Features(true, 2, true, false);

    @Test
    void gdbNumbersOfTheGuestsDescription() {
        List<String> n = Aarch64RegisterTable.gdbNames(GUEST);
        assertEquals(314, n.size(), "x0 to w30");
        assertEquals(List.of(31, 32, 33, 34, 66, 67, 68, 84, 85, 86, 87, 88, 89, 90, 122, 154, 186, 218, 250, 283, 313),
                List.of("sp", "pc", "cpsr", "z0", "fpsr", "fpcr", "p0", "ffr", "vg", "tpidr", "tpidr2", "pauth_dmask", "pauth_cmask",
                        "q0", "d0", "s0", "h0", "b0", "v0", "w0", "w30").stream().map(n::indexOf).toList());
        assertEquals("", n.get(282), "the unnamed return-address state of pointer authentication");
        List<String> hindsight = Aarch64RegisterTable.names(GUEST);
        assertEquals("", hindsight.get(34), "z0: not read, numbered");
        assertEquals("", hindsight.get(87), "tpidr2");
        assertEquals("tpidr", hindsight.get(86));
        assertEquals("v11", hindsight.get(261));
    }

    /** Before the run: gdb's description of an aarch64 executable (the host's gdb-multiarch 13.1's maint print registers). */
    @Test
    void withoutAProcessTheVRegistersAreRawAndTheViewsFollowFpcr() {
        List<String> n = Aarch64RegisterTable.gdbNames(Aarch64Features.NO_PROCESS);
        assertEquals(List.of(34, 65, 66, 67, 68, 227, 228, 258), List.of("v0", "v31", "fpsr", "fpcr", "q0", "b31", "w0", "w30")
                .stream().map(n::indexOf).toList());
        assertEquals(259, n.size());
    }

    @Test
    void featuresFromTheAuxiliaryVector() {
        ByteBuffer auxv = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        auxv.putLong(16).putLong((1L << 22) | (1L << 30)).putLong(26).putLong(1L << 18).putLong(0).putLong(0);
        assertEquals(new Aarch64Features(true, 2, true, true), Aarch64Features.of(auxv.array(), "6.1.0-57-cloud-arm64"));
        assertEquals(new Aarch64Features(false, 1, false, false), Aarch64Features.of(new byte[0], "5.10.0-28-arm64"));
    }

    @Test
    void textsAsTheGuestsGdbPrintedThem() {
        long[] x = new long[34];
        x[9] = 0x1122334455667788L;
        x[33] = 0x60001000L; // cpsr after cmp x9, x9
        Registers r = new Registers(Aarch64.INSTANCE, x);
        byte[] image = new byte[FpsimdRegisters.SIZE];
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        b.putDouble(16 * 9, 2.5).putFloat(16 * 10, 1.5f);
        Arrays.fill(image, 16 * 11, 16 * 12, (byte) 0xab);
        b.putInt(512, 0x10).putInt(516, 0x400000);
        Aarch64RegisterTable.State s = new Aarch64RegisterTable.State(r, new FpsimdRegisters(image), null);

        assertEquals("[ EL=0 BTYPE=0 SSBS C Z ]", Aarch64RegisterText.text("cpsr", s, 'N'));
        assertEquals("[ IXC ]", Aarch64RegisterText.text("fpsr", s, 'N'));
        assertEquals("0x00000010", Aarch64RegisterText.text("fpsr", s, 'r'));
        assertEquals("[ Len=0 Stride=0 RMode=1 ]", Aarch64RegisterText.text("fpcr", s, 'N'));
        assertEquals("1234605616436508552", Aarch64RegisterText.text("x9", s, 'N'));
        assertEquals("1432778632", Aarch64RegisterText.text("w9", s, 'N'));
        assertEquals("0104421464212531473610", Aarch64RegisterText.text("x9", s, 'o'));
        assertEquals("{f = 2.5, u = 4612811918334230528, s = 4612811918334230528}", Aarch64RegisterText.text("d9", s, 'N'));
        assertEquals("{f = 0x3fc00000, u = 0x3fc00000, s = 0x3fc00000}", Aarch64RegisterText.text("s10", s, 'r'));
        assertEquals("{f = 1.5, u = 1069547520, s = 1069547520}", Aarch64RegisterText.text("s10", s, 'N'));
        assertEquals("{u = 228189351935217557851910030866009271211, s = -112093014985720905611464576565758940245}",
                Aarch64RegisterText.text("q11", s, 'N'));
        assertEquals("{u = 171, s = -85}", Aarch64RegisterText.text("b11", s, 'N'));
        assertEquals("{bf = 0, f = 0, u = 0, s = 0}", Aarch64RegisterText.text("h9", s, 'N'));
        assertEquals("{d = {f = {0xabababababababab, 0xabababababababab}, u = {0xabababababababab, 0xabababababababab}, "
                + "s = {0xabababababababab, 0xabababababababab}}, s = {f = {0xabababab, 0xabababab, 0xabababab, 0xabababab}, "
                + "u = {0xabababab, 0xabababab, 0xabababab, 0xabababab}, s = {0xabababab, 0xabababab, 0xabababab, 0xabababab}}, "
                + "h = {bf = {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}, f = {0xabab, 0xabab, 0xabab, 0xabab, "
                + "0xabab, 0xabab, 0xabab, 0xabab}, u = {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}, "
                + "s = {0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab, 0xabab}}, b = {u = {0xab <repeats 16 times>}, "
                + "s = {0xab <repeats 16 times>}}, q = {u = {0xabababababababababababababababab}, s = {0xabababababababababababababababab}}}",
                Aarch64RegisterText.text("v11", s, 'x'));
        assertEquals("{d = {f = {-6076574518398440533, -6076574518398440533}, u = {-6076574518398440533, -6076574518398440533}, "
                + "s = {-6076574518398440533, -6076574518398440533}}, s = {f = {-1414812757, -1414812757, -1414812757, -1414812757}, "
                + "u = {-1414812757, -1414812757, -1414812757, -1414812757}, s = {-1414812757, -1414812757, -1414812757, -1414812757}}, "
                + "h = {bf = {-21589, -21589, -21589, -21589, -21589, -21589, -21589, -21589}, f = {-21589, -21589, -21589, -21589, "
                + "-21589, -21589, -21589, -21589}, u = {-21589, -21589, -21589, -21589, -21589, -21589, -21589, -21589}, "
                + "s = {-21589, -21589, -21589, -21589, -21589, -21589, -21589, -21589}}, b = {u = {-85 <repeats 16 times>}, "
                + "s = {-85 <repeats 16 times>}}, q = {u = {-112093014985720905611464576565758940245}, "
                + "s = {-112093014985720905611464576565758940245}}}", Aarch64RegisterText.text("v11", s, 'd'));
        // print $v11: the natural format
        assertEquals("{d = {f = {-2.5301706769843864e-98, -2.5301706769843864e-98}, u = {12370169555311111083, 12370169555311111083}" +
                ", s = {-6076574518398440533, -6076574518398440533}}, s = {f = {-1.21979282e-12, -1.21979282e-12, -1.21979282e-" +
                "12, -1.21979282e-12}, u = {2880154539, 2880154539, 2880154539, 2880154539}, s = {-1414812757, -1414812757, -14" +
                "14812757, -1414812757}}, h = {bf = {-1.215e-12, -1.215e-12, -1.215e-12, -1.215e-12, -1.215e-12, -1.215e-12, -1" +
                ".215e-12, -1.215e-12}, f = {-0.059906, -0.059906, -0.059906, -0.059906, -0.059906, -0.059906, -0.059906, -0.05" +
                "9906}, u = {43947, 43947, 43947, 43947, 43947, 43947, 43947, 43947}, s = {-21589, -21589, -21589, -21589, -215" +
                "89, -21589, -21589, -21589}}, b = {u = {171 <repeats 16 times>}, s = {-85 <repeats 16 times>}}, q = {u = {2281" +
                "89351935217557851910030866009271211}, s = {-112093014985720905611464576565758940245}}}", Aarch64RegisterText.text("v11", s, 'N'));
    }
}
