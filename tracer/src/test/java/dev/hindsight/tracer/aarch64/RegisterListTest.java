package dev.hindsight.tracer.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.StopEvent.Reason;
import dev.hindsight.tracer.StopEvent.Stopped;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.arch.Architecture.FlagBit;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.testing.CrossFixtures;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The register list and flags the front ends show (DAP's and the web page's Registers scope,
 * {@code trace --json}) come from the host's {@link Architecture}: on AArch64 x0-x30, sp, pc and
 * cpsr (gdb's names), cpsr decoded into N, Z, C, V. Checked on live stops after {@code cmp} of
 * equal values, which by the A64 rules sets Z and C alone (cpsr bits 31-28 = 0110), and of 1 with 2,
 * which sets N alone (1000).
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class RegisterListTest {
    private static final String FIXTURE = "aarch64/flags.c";

    @Test
    void gdbNamesAndDecodedNzcvOfALiveStop() throws Exception {
        Architecture arch = Architecture.host();
        List<String> gdbNames = new ArrayList<>();
        for (int i = 0; i <= 30; i++) gdbNames.add("x" + i);
        gdbNames.addAll(List.of("sp", "pc", "cpsr"));
        assertEquals(gdbNames, arch.displayRegisterOrder(), "gdb's `info registers` names and order on aarch64");
        assertEquals("cpsr", arch.flagsRegister());

        Path exe = Fixtures.compile(FIXTURE, CrossFixtures.C_FLAGS);
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().addLine("programs/" + FIXTURE, Fixtures.line(FIXTURE, "flags-equal"));
            t.breakpoints().addLine("programs/" + FIXTURE, Fixtures.line(FIXTURE, "flags-less"));
            stop(t);
            Registers r = t.registers().current();
            for (String name : arch.displayRegisterOrder()) r.get(name); // every listed name is readable
            long cpsr = r.get("cpsr");
            assertEquals(0b0110, cpsr >>> 28 & 0xf, "N=0 Z=1 C=1 V=0 after cmp 1, 1");
            assertEquals("[ Z C ]", arch.describeFlags(cpsr));
            assertEquals(List.of("N=0", "Z=1", "C=1", "V=0"), shown(arch, cpsr), "the flags' children, NZCV at bits 31-28");

            stop(t);
            cpsr = t.registers().current().get("cpsr");
            assertEquals(0b1000, cpsr >>> 28 & 0xf, "N=1 Z=0 C=0 V=0 after cmp 1, 2");
            assertEquals("[ N ]", arch.describeFlags(cpsr));
            assertEquals(List.of("N=1", "Z=0", "C=0", "V=0"), shown(arch, cpsr));
        }
    }

    private static void stop(Target t) throws Exception {
        StopEvent e = t.execution().resume().get(60, TimeUnit.SECONDS);
        assertTrue(e instanceof Stopped s && s.reason() == Reason.BREAKPOINT, "stopped at a marker: " + e);
    }

    private static List<String> shown(Architecture arch, long cpsr) {
        List<String> shown = new ArrayList<>();
        for (FlagBit f : arch.flagBits()) shown.add(f.name() + "=" + (f.isSet(cpsr) ? 1 : 0));
        return shown;
    }
}
