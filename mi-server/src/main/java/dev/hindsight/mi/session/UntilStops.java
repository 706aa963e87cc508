package dev.hindsight.mi.session;

import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.TargetEvent;
import dev.hindsight.tracer.stack.Frame;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * gdb's {@code until}, which the engine has no single request for: the stops it makes on the way
 * that gdb would not report, and the request that goes on from each.
 * <ul>
 * <li>Without a location: line steps over calls, going on while the frame is the same and the pc
 *     went back (into [function start, the line's pc]): a loop is left, not repeated.</li>
 * <li>With one: runs to it in the very same frame (a deeper recursion reaching it goes on;
 *     {@code advance} stops there in any frame), or to
 *     the return into the caller (a breakpoint of the engine's at the return address, ignored
 *     when a deeper recursion returns through it), whichever comes first.</li>
 * </ul>
 */
final class UntilStops {
    private final long functionStart, startPc, cfa, location;
    private final Integer returnBreakpoint;
    /** {@code advance}: the location stops in any frame. */
    private final boolean anywhere;

    private UntilStops(long functionStart, long startPc, long cfa, long location, Integer returnBreakpoint, boolean anywhere) {
        this.functionStart = functionStart;
        this.startPc = startPc;
        this.cfa = cfa;
        this.location = location;
        this.returnBreakpoint = returnBreakpoint;
        this.anywhere = anywhere;
    }

    /** {@code until} without a location, from frame 0. */
    static UntilStops nextLine(Target t) {
        Frame f = t.frames().backtrace(t.currentThread(), 1).get(0);
        return new UntilStops(functionStart(f), f.pc(), f.cfa(), 0, null, false);
    }

    /**
     * {@code until LOCATION} ({@code anywhere} false) or {@code advance LOCATION} (true: in any
     * frame) from the selected frame; a breakpoint of the engine's waits at its return.
     */
    static UntilStops location(Target t, Frame selected, Frame caller, long location, boolean anywhere) {
        Integer ret = caller == null ? null : t.breakpoints().add(caller.pc()).id();
        return new UntilStops(functionStart(selected), selected.pc(), selected.cfa(), location, ret, anywhere);
    }

    /** The next request of a line-wise until, or of a run to the location. */
    CompletableFuture<StopEvent> request(Target t) {
        return returnBreakpoint == null && location == 0 ? t.execution().stepLine() : t.execution().runTo(location);
    }

    /**
     * Whether this stop is one gdb would not report; if so the next request is made ({@code failed}
     * hears of it failing). Otherwise the until is over (its breakpoint removed).
     */
    boolean goesOn(Target t, TargetEvent.Stopped e, Consumer<Throwable> failed) {
        StopEvent.Stopped stop = e.stop();
        boolean ours = stop.reason() == StopEvent.Reason.STEP
                || stop.reason() == StopEvent.Reason.BREAKPOINT && onlyOurs(e.breakpointIds());
        if (ours) {
            Frame f = t.frames().backtrace(stop.tid(), 1).get(0);
            boolean again = location == 0 && returnBreakpoint == null
                    ? f.cfa() == cfa && f.pc() >= functionStart && f.pc() <= startPc
                    : f.pc() == location ? !anywhere && f.cfa() < cfa : f.cfa() <= cfa; // deeper frames go on
            if (again) {
                request(t).whenComplete((s, error) -> {
                    if (error != null) failed.accept(error);
                });
                return true;
            }
        }
        end(t);
        return false;
    }

    private boolean onlyOurs(List<Integer> ids) {
        return ids.isEmpty() || returnBreakpoint != null && ids.equals(List.of(returnBreakpoint));
    }

    /** Takes the return breakpoint out (the until ended, or another command replaced it). */
    void end(Target t) {
        if (returnBreakpoint != null && t.state() != Target.State.EXITED) {
            try {
                t.breakpoints().remove(returnBreakpoint);
            } catch (RuntimeException ignored) {
                // the program is gone
            }
        }
    }

    private static long functionStart(Frame f) {
        String sym = f.symbol();
        if (sym == null || !sym.contains("+")) return f.pc();
        return f.pc() - Long.decode(sym.substring(sym.lastIndexOf('+') + 1));
    }
}
