package dev.hindsight.mi.session;

import dev.hindsight.mi.protocol.MiException;
import dev.hindsight.mi.protocol.MiTuple;

/**
 * Breakpoints planted in the program or taken out of it, as MI and console commands add, delete,
 * enable and disable them: in the running program (stopped), or resolved in the program file
 * before it runs.
 */
public final class Placement {
    private final MiSession s;

    Placement(MiSession s) {
        this.s = s;
    }

    /** Deletes a breakpoint (the engine's too) and tells the front end when asked. */
    public void deleteBreakpoint(MiBreakpoint bp, boolean notify) {
        if (s.target() != null && bp.engineId != null) requireNotRunning();
        Breakpoints.disarm(bp, s.target());
        s.breakpoints().remove(bp.number);
        if (notify) s.out().notify("breakpoint-deleted", MiTuple.of().add("id", bp.number));
    }

    /** {@code -break-watch}: a hardware watchpoint on the running program. */
    public MiBreakpoint insertWatchpoint(MiBreakpoint bp) {
        if (s.target() == null) throw new MiException("Hindsight sets watchpoints once the program runs.");
        requireNotRunning();
        try {
            Breakpoints.arm(bp, s.target());
        } catch (IllegalArgumentException e) {
            throw new MiException("Hindsight watches 1, 2, 4 or 8 aligned bytes: " + e.getMessage());
        }
        s.breakpoints().add(bp);
        return bp;
    }

    /** Adds a breakpoint: resolved in the running program, or in the file before it runs. */
    public MiBreakpoint insertBreakpoint(MiBreakpoint bp, boolean pendingAllowed) {
        if (s.target() != null) {
            requireNotRunning();
            if (!Breakpoints.arm(bp, s.target()) && !pendingAllowed) {
                Breakpoints.disarm(bp, s.target());
                throw notFound(bp);
            }
            if (!bp.enabled) Breakpoints.disarm(bp, s.target());
        } else if (!Breakpoints.resolveStatic(bp, s.program()) && !pendingAllowed) {
            throw notFound(bp);
        }
        s.breakpoints().add(bp);
        return bp;
    }

    public void setEnabled(MiBreakpoint bp, boolean enabled) {
        if (bp.enabled == enabled) return;
        if (s.target() != null) {
            requireNotRunning();
            if (enabled) Breakpoints.arm(bp, s.target());
            else Breakpoints.disarm(bp, s.target());
        }
        bp.enabled = enabled;
    }

    private void requireNotRunning() {
        if (s.running()) throw new MiException("Cannot change breakpoints while the program runs; interrupt it first.");
    }

    private static MiException notFound(MiBreakpoint bp) {
        return switch (bp.kind) {
            case FUNCTION -> new MiException("Function \"" + bp.spec + "\" not defined.");
            case LINE -> new MiException("No source file named " + bp.spec + ".");
            case ADDRESS -> new MiException("Cannot access memory at address 0x" + Long.toHexString(bp.requestedAddress));
            case WATCH -> new MiException("Cannot watch " + bp.spec + ".");
        };
    }
}
