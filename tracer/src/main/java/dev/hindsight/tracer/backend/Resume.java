package dev.hindsight.tracer.backend;

/** How to resume: one instruction on one thread, or everything until an event. */
public record Resume(Kind kind, int tid) {
    public enum Kind { STEP_INSTRUCTION, CONTINUE }

    public static Resume step(int tid) {
        return new Resume(Kind.STEP_INSTRUCTION, tid);
    }

    /** Continue all threads; {@code tid} is the thread whose stop is current (stepped off its breakpoint first). */
    public static Resume proceed(int tid) {
        return new Resume(Kind.CONTINUE, tid);
    }
}
