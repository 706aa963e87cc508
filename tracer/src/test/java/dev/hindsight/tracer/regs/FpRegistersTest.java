package dev.hindsight.tracer.regs;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** x87/SSE/AVX state read and written, checked against gdb at the same stop. */
class FpRegistersTest {
    private final Path exe = Fixtures.compile("floats.c", "-no-pie");

    @Test
    void vectorRegistersMatchGdb() throws Exception {
        long scale = Nm.address(exe, "scale");
        String gdb = gdb("break *" + scale, "run", "p/x $xmm0.uint128", "p/x $xmm1.uint128", "p/x $mxcsr", "p/x $fctrl");
        String[] values = gdb.lines().filter(l -> l.startsWith("$")).map(l -> l.substring(l.indexOf('=') + 2)).toArray(String[]::new);
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            stopped(t.execution().runTo(scale));
            FpRegisters fp = t.registers().fp(t.currentThread());
            assertEquals(1.5, fp.xmmDouble(0, 0));
            assertEquals(2.5, fp.xmmDouble(1, 0));
            assertEquals(Long.decode(values[0].length() > 18 ? "0x" + values[0].substring(values[0].length() - 16) : values[0]),
                    ByteBuffer.wrap(fp.xmm(0)).order(ByteOrder.LITTLE_ENDIAN).getLong(0));
            assertEquals(Integer.decode(values[2]), fp.mxcsr() & 0xffff);
            assertEquals(Integer.decode(values[3]), fp.fcw());
            if (fp.hasAvx()) {
                byte[] ymm0 = fp.ymm(0).orElseThrow();
                assertArrayEquals(fp.xmm(0), java.util.Arrays.copyOf(ymm0, 16), "ymm's low half is xmm");
            }
        }
    }

    @Test
    void writingXmmChangesTheComputation() throws Exception {
        long scale = Nm.address(exe, "scale");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            stopped(t.execution().runTo(scale));
            int tid = t.currentThread();
            byte[] four = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0, 4.0).array();
            t.registers().setFp(tid, t.registers().fp(tid).withXmm(1, four));
            assertEquals(4.0, t.registers().fp(tid).xmmDouble(1, 0));
            assertEquals(new StopEvent.Exited(0, null), stop(t.execution().resume()));
            assertEquals("6.000 0.333333\n", new String(t.stdio().stdout().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void ymmUpperHalvesCanBeWritten() {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            int tid = t.currentThread();
            FpRegisters fp = t.registers().fp(tid);
            org.junit.jupiter.api.Assumptions.assumeTrue(fp.hasAvx(), "this CPU has no AVX");
            byte[] high = new byte[FpRegisters.YMM_HIGH_SIZE];
            for (int i = 0; i < high.length; i++) high[i] = (byte) i;
            t.registers().setFp(tid, new FpRegisters(fp.fxsaveImage(), high));
            FpRegisters after = t.registers().fp(tid);
            assertArrayEquals(high, after.ymmHighImage().orElseThrow());
            byte[] ymm3 = after.ymm(3).orElseThrow();
            assertEquals(48, ymm3[16], "upper half of ymm3 starts at byte 3*16");
        }
    }

    @Test
    void x87ExtendedConvertsToDouble() {
        // 1/3 in 80-bit: sign 0, exponent 0x3ffd, mantissa 0xaaaaaaaaaaaaaaab
        byte[] ten = new byte[10];
        ByteBuffer.wrap(ten).order(ByteOrder.LITTLE_ENDIAN).putLong(0xaaaaaaaaaaaaaaabL).putShort((short) 0x3ffd);
        assertEquals(1.0 / 3.0, X87.toDouble(ten), 1e-15);
        assertEquals(2.0, X87.toDouble(HexFormat.of().parseHex("00000000000000800040")));
        assertEquals(-2.0, X87.toDouble(HexFormat.of().parseHex("000000000000008000c0")));
        assertEquals(Double.POSITIVE_INFINITY, X87.toDouble(HexFormat.of().parseHex("0000000000000080ff7f")));
        assertEquals(0.0, X87.toDouble(new byte[10]));
    }

    private String gdb(String... commands) {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("gdb", "-nx", "-batch"));
        for (String c : commands) cmd.addAll(java.util.List.of("-ex", c));
        cmd.add(exe.toString());
        return dev.hindsight.tracer.testing.Commands.output(cmd);
    }
}
