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
import dev.hindsight.tracer.values.EvaluationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * AArch64's vector registers and {@code long double} print as the guest's gdb prints them:
 * {@code $v0} as gdb's {@code aarch64v} union ({@code d}, {@code s}, {@code h}, {@code b},
 * {@code q} lanes), its lanes by member and index ({@code $v12.d.u[1]}), the q/d/s/h/b pseudo
 * registers as gdb's one-lane unions, fpsr and fpcr; {@code long double} (IEEE binary128 here) as a
 * local, a struct member and the value {@code finish} returns in q0. Oracle: {@link GuestGdb} on
 * the same program ({@code programs/aarch64/wide_values.c}), one session each.
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class WideValuesTest {
    private static final String FIXTURE = "aarch64/wide_values.c";
    private static final List<String> EXPRESSIONS = List.of("$v11", "$v12", "$v12.s.f[1]", "$v12.d.u[1]", "$v12.b.s",
            "$v9.d.f[0] * 2", "$q12", "$d9", "$s12", "$h12", "$b11", "$fpsr", "$fpcr", "ld", "box", "box.q", "/x $v12");

    @Test
    void vectorRegistersAndLongDoublesAsGdbPrintsThem() throws Exception {
        Path exe = Fixtures.compile(FIXTURE, CrossFixtures.C_FLAGS);
        String source = "programs/" + FIXTURE;
        List<String> seen = new ArrayList<>();
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            t.breakpoints().addLine(source, Fixtures.line(FIXTURE, "wide-set"));
            stopped(t.execution().resume(), Reason.BREAKPOINT);
            Frame f = t.frames().backtrace().get(0);
            for (String e : EXPRESSIONS) {
                try {
                    seen.add(e + " = " + (e.startsWith("/x ") ? t.frames().evaluate(e.substring(3), f).value(dev.hindsight.tracer.values.ValueFormat.HEX)
                            : t.frames().evaluate(e, f).value()));
                } catch (EvaluationException ex) {
                    seen.add(e + " = error: " + ex.getMessage());
                }
            }
            t.breakpoints().addLine(source, Fixtures.line(FIXTURE, "third-entry"));
            stopped(t.execution().resume(), Reason.BREAKPOINT);
            stopped(t.execution().stepOut(), Reason.STEP);
            seen.add("finish = " + t.frames().returnedValue(t.currentThread()).orElseThrow().value());
        }
        List<String> commands = new ArrayList<>(List.of("break wide_values.c:" + Fixtures.line(FIXTURE, "wide-set"), "run"));
        for (String e : EXPRESSIONS) commands.add(e.startsWith("/x ") ? "print/x " + e.substring(3) : "print " + e);
        commands.addAll(List.of("break wide_values.c:" + Fixtures.line(FIXTURE, "third-entry"), "continue", "finish"));
        List<String> gdb = GuestGdb.run(exe, commands);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < EXPRESSIONS.size(); i++) expected.add(EXPRESSIONS.get(i) + " = " + answer(gdb.get(2 + i)));
        expected.add("finish = " + GuestGdb.value(gdb.get(gdb.size() - 1)));
        assertEquals(String.join("\n", expected), String.join("\n", seen), "Hindsight's values are the guest gdb's");
    }

    /** A print's value, or its error as the evaluator words errors. */
    private static String answer(String output) {
        return output.matches("(?s)\\$\\d+ = .*") ? GuestGdb.value(output) : "error: " + output.strip();
    }

    private static void stopped(CompletableFuture<StopEvent> f, Reason reason) throws Exception {
        StopEvent e = f.get(60, TimeUnit.SECONDS);
        assertTrue(e instanceof Stopped s && s.reason() == reason, "expected a " + reason + " stop, got " + e);
    }
}
