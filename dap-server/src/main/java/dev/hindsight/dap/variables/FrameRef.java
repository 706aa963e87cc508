package dev.hindsight.dap.variables;

import dev.hindsight.tracer.Frame;

/** What a {@code frameId} stands for: one frame of one thread's stack at the current stop. */
public record FrameRef(int tid, Frame frame) {}
