package dev.hindsight.tracer.inspect;

import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.stack.Backtraces;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.step.ReturnValue;
import dev.hindsight.tracer.values.EvaluationException;
import dev.hindsight.tracer.values.ReturnClasses;
import dev.hindsight.tracer.values.Values;
import dev.hindsight.tracer.values.Variable;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Stacks and the values in their frames, as a front end asks for them ({@code target.frames()}):
 * backtraces ({@link Backtraces}), a frame's locals, arguments and globals, expressions and
 * assignments in its scope ({@link FrameValues}), the value a {@code finish} returned, and
 * expressions over globals while the program runs ({@link AnyTimeAccess}). Everything but the
 * last is refused unless the program is stopped.
 */
public final class Frames {
    /** Where the engine's state checks and current stop come from. */
    public interface Stops {
        /** Throws unless the program is stopped. */
        void requireStopped();

        /** Throws when the program has exited. */
        void requireAlive();

        StopEvent lastStop();

        /** The thread that last stopped. */
        int currentThread();
    }

    private final Stops stops;
    private final Backtraces stacks;
    private final FrameValues values;
    private final AnyTimeAccess anyTime;
    private final Supplier<ReturnValue> lastReturn;

    /** @param lastReturn what the last step out left in the return registers, or null */
    public Frames(Stops stops, Backtraces stacks, FrameValues values, AnyTimeAccess anyTime, Supplier<ReturnValue> lastReturn) {
        this.stops = stops;
        this.stacks = stacks;
        this.values = values;
        this.anyTime = anyTime;
        this.lastReturn = lastReturn;
    }

    /** The thread's stack, innermost first, at most {@code maxFrames} deep, as gdb's {@code bt} lists it. */
    public List<Frame> backtrace(int tid, int maxFrames) {
        stops.requireStopped();
        return stacks.of(tid, maxFrames, stops.lastStop());
    }

    /** The current thread's stack, up to 256 frames. */
    public List<Frame> backtrace() { return backtrace(stops.currentThread(), 256); }

    /** Local variables in scope at the frame's pc, innermost lexical block first (parameters excluded). */
    public List<Variable> locals(Frame frame) { return values.at(frame).locals(frame); }

    /** The parameters of the frame's function, in declaration order. */
    public List<Variable> arguments(Frame frame) { return values.at(frame).arguments(frame); }

    /** Globals and statics of the compilation unit of the frame's pc (file-scope first, then function statics). */
    public List<Variable> globals(Frame frame) { return values.at(frame).globals(frame); }

    /**
     * A C expression in the frame's scope, printed as gdb's {@code print} shows it; assignments
     * ({@code x = 5}) write the program's variable (see {@link Values#evaluate}).
     *
     * @throws EvaluationException with a message for the user
     */
    public Variable evaluate(String expression, Frame frame) { return values.at(frame).evaluate(expression, frame); }

    /**
     * Writes the value of {@code expression} (evaluated in the frame) to a writable variable and
     * returns it as it reads back.
     *
     * @throws EvaluationException when it is not writable or the value does not fit
     */
    public Variable assign(Variable variable, String expression, Frame frame) {
        return values.at(frame).assign(variable, expression, frame);
    }

    /**
     * A C expression evaluated as gdb does without a frame, while the program runs: globals and
     * functions, main executable first ({@link AnyTimeAccess#evaluate}).
     *
     * @throws EvaluationException with a message for the user
     */
    public Variable evaluateWhileRunning(String expression) {
        stops.requireAlive();
        return anyTime.evaluate(expression, stops.currentThread());
    }

    /**
     * The value the function of the last step out returned, as gdb's {@code finish} prints it
     * ({@link FrameValues#returned}); empty for {@code void} or without debug information.
     */
    public Optional<Variable> returnedValue(int tid) {
        ReturnValue rv = lastReturn.get();
        if (rv == null || rv.function() == null) return Optional.empty();
        return values.returned(rv.function(), backtrace(tid, 1).get(0));
    }

    /** How {@code function} returns its value ({@link ReturnClasses}), looked up in the frame; empty without its type. */
    public Optional<List<ReturnClasses.Kind>> returnClasses(String function, Frame frame) {
        return values.at(frame).returnClasses(function, frame);
    }
}
