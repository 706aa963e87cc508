package dev.hindsight.tracer.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.StopEvent.Reason;
import dev.hindsight.tracer.StopEvent.Stopped;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.testing.CrossFixtures;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Finish and stepping into code without line information on AArch64, where a call leaves its
 * return address in x30 rather than on the stack: finish from a callee's first line (unwound with
 * CFI) and from its {@code ret} (the address still in x30) comes back to the caller's line just
 * after the {@code bl}, with the callee's int result (x0) as the returned value; {@code step} into
 * a PLT/C-library call comes back out to the next line; a {@code double} argument reads from the
 * stack and a {@code double} result comes from d0. Expected values: the guest's gdb ({@link GuestGdb}:
 * the same session, where each finish and step stopped and what finish printed as returned), the
 * fixture's constants ({@code programs/aarch64/finish.c}), binutils' symbol address of the callee
 * and the ISA's encodings of {@code bl} and {@code ret}, never the engine's unwinder.
 */
@EnabledIfSystemProperty(named = "os.arch", matches = "aarch64", disabledReason = "AArch64 only: misc/aarch64/run-tests.sh runs it")
class FinishTest {
    private static final String FIXTURE = "aarch64/finish.c";
    private static final int TIMEOUT = 60;
    /** {@code ret} (x30): the A64 encoding 0xd65f03c0. */
    private static final int RET = 0xd65f03c0;

    @Test
    void finishReturnsToTheCallerWithX0AndStepPassesCodeWithoutLines() throws Exception {
        Path exe = Fixtures.compile(FIXTURE, CrossFixtures.C_FLAGS);
        String source = "programs/" + FIXTURE;
        long twice = Nm.address(exe, "twice");
        List<String> seen = new ArrayList<>(); // Hindsight's answers, in the order of gdb's below
        long ret;
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            // a double: its argument and local read from the stack, its return value from d0 (v0's low 8 bytes)
            t.breakpoints().addLine(source, Fixtures.line(FIXTURE, "half-entry"));
            stopped(t.execution().resume(), Reason.BREAKPOINT);
            seen.add("v = " + t.frames().evaluate("v", t.frames().backtrace().get(0)).value());
            Stopped fromHalf = stopped(t.execution().stepOut(), Reason.STEP);
            assertEquals(Fixtures.line(FIXTURE, "call-half"), line(t, fromHalf.pc()));
            assertEquals(Nm.address(exe, "half"), blTarget(t, fromHalf.pc() - 4), "just after the bl to half");
            assertEquals(2.5, t.execution().lastReturnValue().orElseThrow().xmm0(), "the floating-point return register d0");
            seen.add(finished(t, fromHalf));

            t.breakpoints().addLine(source, Fixtures.line(FIXTURE, "twice-entry"));
            stopped(t.execution().resume(), Reason.BREAKPOINT);

            Stopped back = stopped(t.execution().stepOut(), Reason.STEP);
            assertEquals(Fixtures.line(FIXTURE, "first-twice"), line(t, back.pc()), "finish returns to the caller's line");
            assertEquals(twice, blTarget(t, back.pc() - 4), "just after the bl to twice");
            assertEquals(40, t.execution().lastReturnValue().orElseThrow().rax(), "the integer return register x0");
            seen.add(finished(t, back));

            // step into atoi's PLT stub: no line information there, so out again through x30 to the next line.
            stopped(t.execution().stepLine(), Reason.STEP);
            Stopped afterLibc = stopped(t.execution().stepIntoLine(), Reason.STEP);
            assertEquals(Fixtures.line(FIXTURE, "second-twice"), line(t, afterLibc.pc()), "step passes code without lines");
            seen.add(where(t, afterLibc));

            // finish from the ret itself: the return address is x30, the stack pointer already the caller's.
            stopped(t.execution().resume(), Reason.BREAKPOINT);
            for (int i = 0; word(t, t.registers().current().pc()) != RET; i++) {
                assertTrue(i < 64, "no ret within 64 instructions of twice's first line");
                stopped(t.execution().stepInstruction(), Reason.STEP);
            }
            ret = t.registers().current().pc();
            Stopped fromRet = stopped(t.execution().stepOut(), Reason.STEP);
            assertEquals(Fixtures.line(FIXTURE, "second-twice"), line(t, fromRet.pc()));
            assertEquals(twice, blTarget(t, fromRet.pc() - 4), "just after the second bl to twice");
            seen.add(finished(t, fromRet));

            StopEvent end = t.execution().resume().get(TIMEOUT, TimeUnit.SECONDS);
            assertEquals(new StopEvent.Exited(41, null), end, "40 + 7 + 94 - 100");
            seen.add("exit " + ((StopEvent.Exited) end).exitCode());
        }
        // The same session in the guest's gdb; the ret is the one found above, gdb reading its word itself.
        List<String> gdb = GuestGdb.run(exe, List.of(
                "break finish.c:" + Fixtures.line(FIXTURE, "half-entry"), "run", "info args", // 2
                "finish", "frame", "info registers pc",                                        // 5
                "break finish.c:" + Fixtures.line(FIXTURE, "twice-entry"), "continue",
                "finish", "frame", "info registers pc",                                        // 10
                "next", "step", "frame", "info registers pc",                                  // 14
                "continue", "tbreak *" + ret, "continue", "x/wx $pc",                          // 18
                "finish", "frame", "info registers pc",                                        // 21
                "delete", "continue"));                                                        // 23
        assertTrue(gdb.get(18).contains("0x" + Integer.toHexString(RET)), "gdb sees the ret there too: " + gdb.get(18));
        List<String> expected = List.of(
                gdb.get(2).trim(),
                finished(gdb.get(3), gdb.get(4), gdb.get(5)),
                finished(gdb.get(8), gdb.get(9), gdb.get(10)),
                where(gdb.get(13), gdb.get(14)),
                finished(gdb.get(19), gdb.get(20), gdb.get(21)),
                "exit " + GuestGdb.exitCode(gdb.get(23)));
        assertEquals(expected, seen, "Hindsight's answers are gdb's");
    }

    /** Where a finish stopped (function, line, pc) and the value it returned, in one comparable line. */
    private static String finished(Target t, Stopped s) {
        return where(t, s) + " returned " + t.frames().returnedValue(t.currentThread()).orElseThrow().value();
    }

    private static String finished(String finish, String frame, String pc) {
        return where(frame, pc) + " returned " + GuestGdb.value(finish);
    }

    private static String where(Target t, Stopped s) {
        return t.frames().backtrace().get(0).function() + ":" + line(t, s.pc()) + " pc 0x" + Long.toHexString(s.pc());
    }

    private static String where(String frame, String pc) {
        GuestGdb.Frame f = GuestGdb.frames(frame).get(0);
        return f.function() + ":" + f.line() + " pc 0x" + Long.toHexString(GuestGdb.registers(pc).get("pc"));
    }

    private static int word(Target t, long address) {
        return ByteBuffer.wrap(t.memory().read(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    /** Where the {@code bl} at {@code address} calls, decoded by the ISA's rule: opcode 100101, a signed imm26 of words. */
    private static long blTarget(Target t, long address) {
        int instruction = word(t, address);
        assertEquals(0b100101, instruction >>> 26, "a bl at 0x" + Long.toHexString(address) + ": 0x" + Integer.toHexString(instruction));
        return address + ((long) (instruction << 6 >> 6) << 2);
    }

    private static Stopped stopped(CompletableFuture<StopEvent> f, Reason reason) throws Exception {
        StopEvent e = f.get(TIMEOUT, TimeUnit.SECONDS);
        assertTrue(e instanceof Stopped s && s.reason() == reason, "expected a " + reason + " stop, got " + e);
        return (Stopped) e;
    }

    private static int line(Target t, long pc) {
        return t.symbols().sourceAt(pc).orElseThrow(() -> new AssertionError("no line at 0x" + Long.toHexString(pc))).line().line();
    }
}
