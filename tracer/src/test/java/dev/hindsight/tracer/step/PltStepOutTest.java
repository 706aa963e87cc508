package dev.hindsight.tracer.step;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.GdbFinishOracle;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Step out from inside a PLT stub (entered by stepping into the call instruction) returns to the
 * caller just after the call, where gdb's {@code finish} does: same pc, function and line.
 */
class PltStepOutTest {
    @ParameterizedTest(name = "{0} {1} +{2}")
    @CsvSource({
            "puts, '', 0",
            "puts, '', 1",
            "puts, '', 2",
            "puts, '', 3",
            "puts, -no-pie, 0",
            "puts, gcc, 0",
            "puts, gcc, 1",
            "puts, gcc -fcf-protection=full, 0",
            "puts, gcc -fcf-protection=full, 1",
            "puts, '-Wl,-z,now', 0",
            "puts, '-Wl,-z,now', 1",
            "qsort, '', 0",
    })
    void stepOutOfAStubReturnsWhereGdbsFinishDoes(String marker, String flags, int moreSteps) throws Exception {
        Path exe = Fixtures.compileSpec("my_code.c", flags);
        String file = Fixtures.source("my_code.c").toString();
        int line = Fixtures.line("my_code.c", marker);
        GdbFinishOracle.Result gdb = GdbFinishOracle.fromPltStub(exe, file, line, moreSteps);
        assertEquals(marker + "@plt", gdb.stub(), "gdb entered the stub");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().addLine(file, line);
            stopped(t.execution().resume());
            for (int i = 0; i < 200 && t.registers().current().rip() != gdb.stubPc(); i++) stopped(t.execution().stepInstruction());
            assertEquals(gdb.stubPc(), t.registers().current().rip(), "where gdb started finish");
            StopEvent.Stopped s = stopped(t.execution().stepOut());
            assertEquals(StopEvent.Reason.STEP, s.reason());
            assertEquals(Long.toHexString(gdb.pc()), Long.toHexString(s.pc()), "pc after finish");
            assertEquals(gdb.function(), t.symbols().sourceAt(s.pc()).orElseThrow().function());
            assertEquals(gdb.line(), t.symbols().sourceAt(s.pc()).orElseThrow().line().line());
        }
    }

    /** Frameless assembly without CFI (the web page's example): the return address is at rsp, not at [rbp+8]. */
    @Test
    void stepOutOfAFramelessAssemblyMainReturnsToItsCaller() {
        Path exe = Fixtures.compile("frameless_main.s");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            stopped(t.execution().runTo(t.symbols().addressOf("main").orElseThrow()));
            long rsp = t.registers().current().rsp();
            long returnAddress = java.nio.ByteBuffer.wrap(t.memory().read(rsp, 8)).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            var loop = t.breakpoints().addLine(Fixtures.source("frameless_main.s").toString(), Fixtures.line("frameless_main.s", "loop body"));
            stopped(t.execution().resume());
            stopped(t.execution().resume()); // the second time round the loop
            t.breakpoints().remove(loop.id());
            StopEvent.Stopped s = stopped(t.execution().stepOut());
            assertEquals(StopEvent.Reason.STEP, s.reason());
            assertEquals(returnAddress, s.pc(), "back in main's caller");
            assertEquals(rsp + 8, t.registers().current().rsp());
        }
    }
}
