package dev.hindsight.tracer.values;

import static dev.hindsight.tracer.testing.Await.exited;
import static dev.hindsight.tracer.testing.Await.stopped;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Assignments read back as written, and the program computes with the new values after it continues. */
class AssignTest {
    @Test
    void scalarsOfEveryKindAreWrittenAndTheProgramSeesThem() throws Exception {
        Path exe = Fixtures.compile("assign.c");
        LaunchSpec spec = LaunchSpec.of(exe).withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.PIPE, LaunchSpec.Stdio.INHERIT);
        try (Target t = Target.launch(spec)) {
            t.breakpoints().addLine(Fixtures.source("assign.c").toString(), Fixtures.line("assign.c", "assign"));
            stopped(t.execution().resume());
            Frame frame = t.frames().backtrace().get(0);
            Map<String, String[]> writes = new LinkedHashMap<>();
            writes.put("c", new String[] {"'z'", "122 'z'"});
            writes.put("s", new String[] {"-32768", "-32768"});
            writes.put("i", new String[] {"40 + 2", "42"});
            writes.put("l", new String[] {"-5000000000", "-5000000000"});
            writes.put("uc", new String[] {"255", "255 '\\377'"});
            writes.put("ull", new String[] {"18446744073709551615", "18446744073709551615"});
            writes.put("f", new String[] {"0.25", "0.25"});
            writes.put("d", new String[] {"1.0 / 3", "0.33333333333333331"});
            writes.put("ld", new String[] {"-2", "-2"});
            writes.put("flag", new String[] {"1", "true"});
            writes.put("lv", new String[] {"HIGH", "HIGH"});
            writes.put("p", new String[] {"&other", null});
            writes.put("v", new String[] {"7", "7"});
            Map<String, Variable> locals = VariablesTest.byName(t.frames().locals(frame));
            for (var w : writes.entrySet()) {
                Variable v = locals.get(w.getKey());
                assertTrue(v.isWritable(), w.getKey());
                Variable after = t.frames().assign(v, w.getValue()[0], frame);
                if (w.getValue()[1] != null) assertEquals(w.getValue()[1], after.value(), w.getKey());
                assertEquals(after.value(), VariablesTest.byName(t.frames().locals(frame)).get(w.getKey()).value(), "read back " + w.getKey());
            }
            List<Variable> pair = locals.get("pr").children();
            assertEquals("3", t.frames().assign(pair.get(0), "3", frame).value());
            assertEquals("15", t.frames().assign(pair.get(1), "15", frame).value());
            assertEquals("-4", t.frames().assign(pair.get(2), "-4", frame).value());
            Variable counter = t.frames().globals(frame).stream().filter(g -> g.name().equals("counter")).findFirst().orElseThrow();
            assertEquals("100", t.frames().assign(counter, "counter * 100", frame).value());

            assertThrows(EvaluationException.class, () -> t.frames().assign(locals.get("s"), "40000", frame), "too big for short");
            assertThrows(EvaluationException.class, () -> t.frames().assign(locals.get("uc"), "-300", frame));
            assertThrows(EvaluationException.class, () -> t.frames().assign(pair.get(1), "16", frame), "4-bit field");
            assertThrows(EvaluationException.class, () -> t.frames().assign(locals.get("pr"), "1", frame), "aggregate");
            assertFalse(locals.get("pr").isWritable());
            EvaluationException e = assertThrows(EvaluationException.class, () -> t.frames().assign(locals.get("i"), "nosuch", frame));
            assertEquals("No symbol \"nosuch\" in current context.", e.getMessage());

            exited(t.execution().resume());
            String out = new String(t.stdio().stdout().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals("z -32768 42 -5000000000 255 18446744073709551615 0.25 0.333333 -2 1 2 9 3 15 -4 8 100", out);
        }
    }

    @Test
    void anAssignmentExpressionWritesAsGdbsPrintDoes() throws Exception {
        VariablesTest.at("assign.c", "assign", (t, frame) -> {
            assertEquals("12", t.frames().evaluate("i = other + 3", frame).value());
            assertEquals("12", t.frames().evaluate("i", frame).value());
            assertEquals("12", t.frames().evaluate("*p", frame).value());
            assertEquals("5", t.frames().evaluate("l = i = 5", frame).value());
            assertEquals("5", t.frames().evaluate("i", frame).value());
            assertEquals("15", t.frames().evaluate("i *= 3", frame).value());
            assertEquals("13", t.frames().evaluate("i -= 2", frame).value());
            assertEquals("52", t.frames().evaluate("i <<= 2", frame).value());
            assertEquals("52", t.frames().evaluate("*p", frame).value());
            EvaluationException e = assertThrows(EvaluationException.class, () -> t.frames().evaluate("3 = i", frame));
            assertEquals("Left operand of assignment is not an lvalue.", e.getMessage());
            assertThrows(EvaluationException.class, () -> t.frames().evaluate("pr = 1", frame));
        });
    }

    @Test
    void registerOfTheInnermostFrame() throws Exception {
        VariablesTest.at("assign.c", "assign", (t, frame) -> {
            Variable rax = t.frames().evaluate("$rax", frame);
            assertTrue(rax.isWritable());
            assertEquals("1234", t.frames().assign(rax, "1234", frame).value());
            assertEquals(1234, t.registers().current().rax());
        });
    }
}
