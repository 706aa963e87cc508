package dev.hindsight.tracer.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.StopEvent.Reason;
import dev.hindsight.tracer.StopEvent.Stopped;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.testing.CrossFixtures;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Registers in expressions on AArch64, by gdb's aarch64 names, through the architecture seam:
 * {@code $x9} and its low half {@code $w9}, {@code $d9} and {@code $s10} (the low 8 and 4 bytes of
 * v9 and v10, gdb's {f, u, s} unions), {@code $q11}/{@code $v11} whole, {@code $cpsr} decoded, {@code $fpsr},
 * {@code $fpcr} as gdb's flags, {@code $pc}, {@code $sp}, {@code $lr}; x86's names are no registers here.
 * Expected values: what the fixture's instructions put there by the ISA
 * ({@code programs/aarch64/register_expr.c}), and the kernel's NT_PRSTATUS for pc, sp and x30.
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class RegisterExpressionTest {
    private static final String FIXTURE = "aarch64/register_expr.c";

    @Test
    void registersByTheirAarch64Names() throws Exception {
        Path exe = Fixtures.compile(FIXTURE, CrossFixtures.C_FLAGS);
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().addLine("programs/" + FIXTURE, Fixtures.line(FIXTURE, "regs-set"));
            StopEvent e = t.execution().resume().get(60, TimeUnit.SECONDS);
            assertTrue(e instanceof Stopped s && s.reason() == Reason.BREAKPOINT, "stopped at the marker: " + e);
            Frame f = t.frames().backtrace().get(0);
            assertEquals(String.valueOf(0x1122334455667788L), t.frames().evaluate("$x9", f).value(), "movz/movk x9");
            assertEquals(String.valueOf(0x55667788), t.frames().evaluate("$w9", f).value(), "w9: x9's low 32 bits");
            // d, s and q are gdb's one-lane unions {f, u, s}; v its aarch64v union of lane vectors (WideValuesTest prints them whole)
            assertEquals("2.5", t.frames().evaluate("$d9.f", f).value(), "fmov d9, #2.5");
            assertEquals("1.5", t.frames().evaluate("$s10.f", f).value(), "fmov s10, #1.5");
            assertEquals("4", t.frames().evaluate("$d9.f + $s10.f", f).value(), "registers in arithmetic");
            assertEquals(String.valueOf(Double.doubleToRawLongBits(2.5)), t.frames().evaluate("$d9.u", f).value(), "d9's bits");
            String sixteenAb = new java.math.BigInteger("ab".repeat(16), 16).toString();
            assertEquals(sixteenAb, t.frames().evaluate("$q11.u", f).value(), "movi v11.16b, #0xab: all 16 bytes");
            assertEquals(sixteenAb, t.frames().evaluate("$v11.q.u[0]", f).value());
            assertEquals(String.valueOf(0xab), t.frames().evaluate("$v11.b.u[15]", f).value());
            assertEquals("[ Z C ]", t.frames().evaluate("$cpsr", f).value(), "cmp x9, x9: Z and C");
            assertEquals("cpsr_flags", t.frames().evaluate("$cpsr", f).type());
            assertEquals("[ IXC ]", t.frames().evaluate("$fpsr", f).value(), "1.0/3.0: inexact (IXC, bit 4), as gdb's fpsr_flags");
            assertEquals("0x10", t.frames().evaluate("$fpsr", f).value(dev.hindsight.tracer.values.ValueFormat.HEX));
            assertEquals("[ Len=0 Stride=0 RMode=1 ]", t.frames().evaluate("$fpcr", f).value(), "RMode 01 at bits 23:22, as gdb's fpcr_flags");
            long pc = t.registers().current().pc();
            String pcShown = t.frames().evaluate("$pc", f).value();
            assertTrue(pcShown.startsWith("(void (*)()) 0x" + Long.toHexString(pc) + " <main+"), "$pc: " + pcShown);
            assertEquals("(void *) 0x" + Long.toHexString(t.registers().current().get("sp")), t.frames().evaluate("$sp", f).value());
            assertEquals(String.valueOf(t.registers().current().get("x30")), t.frames().evaluate("$lr", f).value(), "lr is x30");
            assertEquals("(void *) 0x" + Long.toHexString(t.registers().current().get("x29")), t.frames().evaluate("$fp", f).value(), "fp is x29, a pointer");
            assertEquals("void", t.frames().evaluate("$rax", f).type(), "x86's names are no registers on AArch64, as in gdb");
            assertEquals("void", t.frames().evaluate("$eflags", f).type());
            // Printed for web-ui's registers-aarch64 browser fixture: the names and values DAP's Registers scope sends
            // (RegisterScope: hex, the flags register followed by its decoded flags), recorded once from a real stop.
            var arch = dev.hindsight.tracer.arch.Architecture.host();
            for (String name : arch.displayRegisterOrder()) {
                long v = t.registers().current().get(name);
                System.out.println("DAP-REGISTER " + name + " 0x" + Long.toHexString(v)
                        + (name.equals(arch.flagsRegister()) ? " " + arch.describeFlags(v) : ""));
            }
        }
    }
}
