package dev.hindsight.dap.protocol;

import java.util.List;

/**
 * The body of {@code hindsight/timeline}: the recording's {@code length} (instructions; times are
 * 0 … length-1), the time it is stopped at ({@code now}), how the run ended ({@code ending}), and
 * {@code markers} in time order, at most a few thousand ({@code truncated} says some were left out).
 */
public record TimelineResponse(long length, long now, String ending, List<Marker> markers, boolean truncated) {
    /** {@code kind}: "output", "syscall", "signal" or "breakpoint"; {@code label}: what happened, in words. */
    public record Marker(long time, String kind, String label) { }
}
