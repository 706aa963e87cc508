package dev.hindsight.tracer;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.backend.AuxvType;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.GdbOracle;
import dev.hindsight.tracer.testing.Nm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The register state after every one of thousands of single steps from the start symbol equals
 * gdb's {@code stepi} on the same binary with the same environment.
 */
class GdbLockstepTest {
    /** Where Linux maps a PIE executable when randomisation is off. */
    private static final long PIE_BASE = 0x555555554000L;
    private static final List<String> ENV = List.of("HINDSIGHT_LOCKSTEP=1", "LANG=C", "PATH=/usr/bin:/bin");

    @ParameterizedTest(name = "{0} {1} from {2}")
    @CsvSource({
            "lockstep.c, -no-pie, main, 4000",
            "lockstep.c, -fPIE -pie, main, 4000",
            "lockstep.cpp, '', main, 4000",
            "lockstep.s, '', _start, 1000",
    })
    void registersMatchGdbAfterEveryStep(String fixture, String flags, String symbol, int steps) throws Exception {
        Path exe = flags.isBlank() ? Fixtures.compile(fixture) : Fixtures.compile(fixture, flags.split(" "));
        long linkAddress = Nm.address(exe, symbol);
        // ASLR is off on both sides, so gdb's addresses are ours: gdb runs first and tells which
        // per-run secrets it zeroed.
        long start = linkAddress + (Nm.isPie(exe) ? PIE_BASE : 0);
        GdbOracle.Run run = GdbOracle.stepi(exe, start, steps, ENV);
        List<Map<String, Long>> gdb = run.stops();
        List<Map<String, Long>> ours = new ArrayList<>();
        try (Target t = Target.launch(LaunchSpec.of(exe).withEnvironment(ENV))) {
            t.memory().write(t.memory().auxv().get(AuxvType.AT_RANDOM), new byte[16]);
            assertEquals(start - linkAddress, t.memory().auxv().get(AuxvType.AT_ENTRY) - Nm.entry(exe), "load bias");
            if (t.registers().current().rip() != start) t.execution().runTo(start).get(30, TimeUnit.SECONDS);
            for (long word : run.zeroedWords()) t.memory().write(word, new byte[8]);
            ours.add(snapshot(t.registers().current()));
            t.execution().trace(steps, (i, regs) -> ours.add(snapshot(regs))).get(120, TimeUnit.SECONDS);
        }
        assertTrue(gdb.size() > 20, "gdb recorded only " + gdb.size() + " stops");
        int n = Math.min(ours.size(), gdb.size());
        for (int i = 0; i < n; i++) {
            for (String r : GdbOracle.REGISTERS) {
                long expected = gdb.get(i).get(r), actual = ours.get(i).get(r);
                if (expected != actual) {
                    fail(String.format("step %d at rip=0x%x: %s is 0x%x, gdb says 0x%x", i, gdb.get(i).get("rip"), r,
                            actual, expected));
                }
            }
        }
        // gdb records a final state after its last step; ending within one stop of each other is fine.
        assertTrue(Math.abs(ours.size() - gdb.size()) <= 1, "ours " + ours.size() + " stops, gdb " + gdb.size());
    }

    private static Map<String, Long> snapshot(Registers r) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String name : GdbOracle.REGISTERS) m.put(name, r.get(name));
        return m;
    }
}
