package dev.hindsight.dap.variables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.dap.session.Handles;
import dev.hindsight.dap.testing.Gdb;
import dev.hindsight.dap.testing.Programs;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.stack.Frame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The Registers scope's group of registers as expressions give them (AArch64's v0-v31, fpsr,
 * fpcr): each row is gdb's {@code print $NAME}, expands into the union's members and their lanes,
 * each with an evaluateName that gives the same value again. AArch64 lists its group through
 * {@code Architecture.vectorRegisterGroup()} and its values are checked against the guest's gdb by
 * {@code tracer.aarch64.WideValuesTest}; here the same container is driven with x86-64's xmm
 * registers against the host's gdb ({@code programs/vector_regs.c} loads xmm3 and xmm4).
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64", disabledReason = "x86-64's xmm registers drive it here")
class EvaluatedRegistersTest {
    /** The tracer's fixture (its VectorRegisterOracleTest's), by a path from the DAP fixtures' directory. */
    private static final String FIXTURE = "../../../../../tracer/src/test/resources/programs/vector_regs.c";

    @Test
    void rowsArePrintedRegistersExpandingIntoLanes() throws Exception {
        Path exe = Programs.compile(FIXTURE);
        int line = Programs.line(FIXTURE, "vectors");
        List<String> exprs = List.of("$xmm3", "$xmm4", "$xmm3.v4_float", "$xmm3.v4_float[1]", "$xmm4.v2_int64[1]");
        Map<String, String> gdb = Gdb.lineStop(exe, exe.getParent(), "vector_regs.c:" + line, exprs).values();
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().addLine(Programs.source(FIXTURE).toString(), line);
            StopEvent e = t.execution().resume().get(60, TimeUnit.SECONDS);
            assertTrue(e instanceof StopEvent.Stopped, "stopped at the marker: " + e);
            Frame frame = t.frames().backtrace().get(0);
            Handles handles = new Handles();
            List<Variable> rows = new EvaluatedRegisters(t, frame, List.of("xmm3", "xmm4")).variables(0, 0, false, handles);
            assertEquals(List.of("xmm3", "xmm4"), rows.stream().map(Variable::getName).toList());
            assertEquals(gdb.get("$xmm3"), rows.get(0).getValue());
            assertEquals(gdb.get("$xmm4"), rows.get(1).getValue());
            assertEquals("$xmm3", rows.get(0).getEvaluateName());

            List<Variable> members = children(handles, rows.get(0));
            assertEquals(List.of("v8_bfloat16", "v8_half", "v4_float", "v2_double", "v16_int8", "v8_int16", "v4_int32", "v2_int64", "uint128"),
                    members.stream().map(Variable::getName).toList(), "gdb's vec128 members");
            Variable floats = members.get(2);
            assertEquals(gdb.get("$xmm3.v4_float"), floats.getValue());
            Variable lane = children(handles, floats).get(1);
            assertEquals(gdb.get("$xmm3.v4_float[1]"), lane.getValue());
            assertEquals(gdb.get("$xmm3.v4_float[1]"), t.frames().evaluate(lane.getEvaluateName(), frame).value(), "its evaluateName: " + lane.getEvaluateName());
            assertEquals(gdb.get("$xmm4.v2_int64[1]"), children(handles, children(handles, rows.get(1)).get(7)).get(1).getValue());
        }
        List<String> aarch64 = new ArrayList<>(IntStream.range(0, 32).mapToObj(i -> "v" + i).toList());
        aarch64.addAll(List.of("fpsr", "fpcr"));
        assertEquals("v0-31, fpsr, fpcr", RegisterScope.summary(aarch64), "the group's value, as x86's reads 'xmm0-15, …'");
    }

    private static List<Variable> children(Handles handles, Variable v) {
        assertTrue(v.getVariablesReference() > 0, v.getName() + " expands");
        return handles.get(v.getVariablesReference(), Container.class, "variables").variables(0, 0, false, handles);
    }
}
