package dev.hindsight.dap.variables;

import dev.hindsight.tracer.stack.Frame;

/** What a {@code frameId} stands for: one frame of one thread's stack at the current stop. */
public record FrameRef(Frame frame) {
    /** The thread whose stack the frame is on. */
    public int tid() {
        return frame.tid();
    }
}
