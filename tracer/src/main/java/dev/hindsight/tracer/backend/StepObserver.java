package dev.hindsight.tracer.backend;

import dev.hindsight.tracer.regs.Registers;

/** Sees the registers after every step of a trace; runs on the engine thread, so keep it quick. */
@FunctionalInterface
public interface StepObserver {
    /** @return false to end the trace here */
    boolean afterStep(long step, Registers registers);
}
