package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.breakpoints.Breakpoint;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.testing.Fixtures;
import dev.hindsight.tracer.testing.Nm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StepOverTest {
    private final Path exe = Fixtures.compile("recurse.c", "-no-pie");

    /** Steps main until its call to recurse, returning that call instruction. */
    private Instruction stepToCall(Target t, String callee) {
        long target = Nm.address(exe, callee);
        for (int i = 0; i < 100; i++) {
            Instruction insn = t.disassembly().instructionAt(t.registers().current().rip()).orElseThrow();
            if (insn.isCall() && insn.branchTarget().orElse(-1) == target) return insn;
            stopped(t.execution().stepInstruction());
        }
        throw new AssertionError("no call to " + callee);
    }

    @Test
    void stepOverARecursiveCallLandsAfterItWithTheResult() {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            stopped(t.execution().runTo(Nm.address(exe, "main")));
            Instruction call = stepToCall(t, "recurse");
            long rsp = t.registers().current().rsp();
            StopEvent.Stopped s = stopped(t.execution().stepOverInstruction());
            assertEquals(StopEvent.Reason.STEP, s.reason());
            assertEquals(call.nextAddress(), s.pc());
            assertEquals(rsp, t.registers().current().rsp());
            assertEquals(4, t.registers().current().rax(), "recurse(4) returned 4");
        }
    }

    @Test
    void stepOverInsideTheRecursionReturnsToTheSameFrame() {
        long recurse = Nm.address(exe, "recurse");
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            stopped(t.execution().runTo(recurse)); // the outermost activation, n = 4
            Instruction call = stepToCall(t, "recurse");
            long rsp = t.registers().current().rsp();
            // The inner activations pass through the same return address at deeper stacks.
            StopEvent.Stopped s = stopped(t.execution().stepOverInstruction());
            assertEquals(call.nextAddress(), s.pc());
            assertEquals(rsp, t.registers().current().rsp(), "back in the n = 4 frame, not a deeper one");
            assertEquals(3, t.registers().current().rax(), "recurse(3) returned 3");
        }
    }

    @Test
    void aBreakpointInsideTheCalleeStopsTheStepOver() {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            stopped(t.execution().runTo(Nm.address(exe, "main")));
            stepToCall(t, "recurse");
            Breakpoint bp = t.breakpoints().add(Nm.address(exe, "recurse"));
            StopEvent.Stopped s = stopped(t.execution().stepOverInstruction());
            assertEquals(StopEvent.Reason.BREAKPOINT, s.reason());
            assertEquals(Nm.address(exe, "recurse"), s.pc());
            t.breakpoints().remove(bp.id());
            assertEquals(new StopEvent.Exited(4, null), stop(t.execution().resume()));
        }
    }

    @Test
    void stepOverAnOrdinaryInstructionIsAStep() {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            long main = Nm.address(exe, "main");
            stopped(t.execution().runTo(main));
            StopEvent.Stopped s = stopped(t.execution().stepOverInstruction());
            assertEquals(main + 1, s.pc(), "push %rbp");
        }
    }

    @Test
    void disassemblyHidesBreakpoints() {
        try (Target t = Target.launch(LaunchSpec.of(exe))) {
            long main = Nm.address(exe, "main");
            t.breakpoints().add(main);
            Instruction first = t.disassembly().disassemble(main, 3).get(0);
            assertEquals("push", first.mnemonic());
            assertEquals("%rbp", first.operands());
        }
    }
}
