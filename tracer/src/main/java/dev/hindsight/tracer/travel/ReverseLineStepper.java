package dev.hindsight.tracer.travel;

import dev.hindsight.tracer.backend.History;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.source.SourceLine;
import dev.hindsight.tracer.source.SourcePoint;
import dev.hindsight.tracer.source.SourceView;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/**
 * Finds where a reverse line step ends, walking the history back one instruction of the current
 * frame at a time: first to an instruction of another line (or of the caller, when the function's
 * start is passed), then back to the start of that line's execution, the earliest statement start
 * of the contiguous run of that line. Calls in between are passed whole by jumping from their
 * {@code ret} to their {@code call}; in {@code INTO} mode a callee with line information is
 * entered at its last line instead, as gdb's {@code reverse-step} does.
 */
final class ReverseLineStepper {
    enum Mode { OVER, INTO }

    private static final long MAX_INSTRUCTIONS = 5_000_000;

    private final History history;
    private final LongUnaryOperator pcAt;
    private final LongFunction<Optional<Instruction>> decode;
    private final SourceView view;
    private final Mode mode;

    ReverseLineStepper(History history, LongUnaryOperator pcAt, LongFunction<Optional<Instruction>> decode,
                       SourceView view, Mode mode) {
        this.history = history;
        this.pcAt = pcAt;
        this.decode = decode;
        this.view = view;
        this.mode = mode;
    }

    /** The time the step ends at. */
    long run() {
        long t = history.now();
        if (t == 0) return 0;
        Optional<SourcePoint> here = view.lineAt(pcAt.applyAsLong(t));
        if (here.isEmpty()) return previousInFrame(t); // no lines here: one instruction back, as a forward step would
        SourceLine start = withoutColumn(here.get().line());
        SourceLine target = null;
        long best = -1, earliest = t;
        for (long steps = 0; t > 0 && steps < MAX_INSTRUCTIONS; steps++) {
            long from = plainRunStart(t, target != null ? target : start, target != null, MAX_INSTRUCTIONS - steps);
            if (from < t) {
                // [from, t) is walked as one: what the walk below does for each of its instructions.
                if (target != null) {
                    long first = firstStatementStart(from, t, target);
                    if (first >= 0) best = first;
                    earliest = from;
                }
                steps += t - from - 1;
                t = from;
                continue;
            }
            long p = t - 1;
            long pc = pcAt.applyAsLong(p);
            Optional<Instruction> insn = decode.apply(pc);
            boolean crossed = false;
            if (insn.map(Instruction::isReturn).orElse(false)) {
                // p is the last instruction of a callee that returned into this frame. A forward
                // step from the callee's last line stops at the first statement start after the
                // return: if the line walked back through has one, that is where this step ends;
                // if not, the forward step came from inside the callee, so enter it.
                boolean enter = mode == Mode.INTO && hasLine(pc) && forwardStepEnters(p);
                if (enter && target != null && best >= 0) return best;
                if (enter) {
                    SourcePoint last = view.lineAt(pc).get();
                    target = withoutColumn(last.line());
                    best = last.statementStart() ? p : -1;
                    earliest = p;
                    t = p;
                    continue;
                }
                p = Math.max(history.callTimeOf(p), 0);
                pc = pcAt.applyAsLong(p);
            } else if (insn.map(Instruction::isCall).orElse(false)) {
                crossed = true; // t began its function: p is in the caller
            }
            Optional<SourcePoint> at = view.lineAt(pc);
            if (target != null) {
                if (crossed && earliest == t && isPrologue(t)) {
                    // The line began at the function's entry: its prologue, where no forward
                    // step stops (a step into a function stops after it). Go on in the caller,
                    // unless the body's first statement is on the same line (a function written
                    // on one line): there the forward step-in stopped, so this one does too.
                    long body = bodyOnSameLine(t, target);
                    if (body >= 0) return body;
                    target = null;
                } else if (crossed || at.isEmpty()) {
                    return best >= 0 ? best : earliest;
                }
            }
            if (target != null) {
                SourceLine l = withoutColumn(at.get().line());
                if (l.line() != 0 && !l.equals(target)) return best >= 0 ? best : earliest;
                if (l.line() != 0 && at.get().statementStart()) best = p;
                earliest = p;
                t = p;
                continue;
            }
            t = p;
            if (at.isEmpty()) {
                if (crossed) return p; // back out into a caller without lines: at its call
                continue;
            }
            SourceLine l = withoutColumn(at.get().line());
            if (l.line() == 0) continue;
            if (crossed || !l.equals(start)) {
                target = l;
                earliest = p;
                best = at.get().statementStart() ? p : -1;
            }
        }
        if (target != null) return best >= 0 ? best : earliest;
        return t;
    }

    /**
     * Where the run of "plain" instructions ending at t-1 begins (t when t-1 is not plain, or the
     * run is longer than {@code budget}): instructions of {@code line} (of line 0 too; outside the
     * target phase also of no line) that neither call nor return, over which the walk only moves
     * back. A loop within one line (a relocation loop in ld.so, a digit loop in printf) is
     * thousands of them; the history's index finds its start from its blocks' distinct pcs.
     */
    private long plainRunStart(long t, SourceLine line, boolean targetPhase, long budget) {
        if (plainLine == null || !plainLine.equals(line) || plainTargetPhase != targetPhase) {
            plainLine = line;
            plainTargetPhase = targetPhase;
            plain.clear();
        }
        LongPredicate inside = pc -> plain.computeIfAbsent(pc, this::isPlain);
        if (!inside.test(pcAt.applyAsLong(t - 1))) return t;
        if (t == 1 || !inside.test(pcAt.applyAsLong(t - 2))) return t - 1; // a run of one: no need to ask the index
        long from = history.lastTimeOutside(inside, t) + 1;
        return t - from > budget ? t : from;
    }

    private SourceLine plainLine;
    private boolean plainTargetPhase;
    private final Map<Long, Boolean> plain = new HashMap<>();

    private boolean isPlain(long pc) {
        Optional<Instruction> insn = decode.apply(pc);
        if (insn.map(i -> i.isCall() || i.isReturn()).orElse(false)) return false;
        Optional<SourcePoint> at = view.lineAt(pc);
        if (at.isEmpty()) return !plainTargetPhase;
        SourceLine l = withoutColumn(at.get().line());
        return l.line() == 0 || l.equals(plainLine);
    }

    /** The earliest time in [from, to) at a statement start of {@code line}, or -1. */
    private long firstStatementStart(long from, long to, SourceLine line) {
        for (long p = from; p < to; p++) {
            Optional<SourcePoint> at = view.lineAt(pcAt.applyAsLong(p));
            if (at.isPresent() && at.get().statementStart() && at.get().line().line() != 0 && withoutColumn(at.get().line()).equals(line)) return p;
        }
        return -1;
    }

    private long previousInFrame(long t) {
        return previousInFrame(history, pcAt, decode, t);
    }

    /**
     * One instruction back from {@code t} (> 0) in its frame: a callee's {@code ret} is passed to
     * the call that entered it (time 0 when that call came before the run).
     */
    static long previousInFrame(History history, LongUnaryOperator pcAt, LongFunction<Optional<Instruction>> decode, long t) {
        long p = t - 1;
        if (decode.apply(pcAt.applyAsLong(p)).map(Instruction::isReturn).orElse(false)) p = Math.max(history.callTimeOf(p), 0);
        return p;
    }

    /**
     * Whether a forward step-in at the call that began the activation returning at {@code ret}
     * entered it: it does when the call's target has lines (a call through a PLT stub, which has
     * none, is run whole even if the library has debug information), or the call is indirect.
     */
    private boolean forwardStepEnters(long ret) {
        long call = history.callTimeOf(ret);
        if (call < 0) return false;
        Optional<Instruction> insn = decode.apply(pcAt.applyAsLong(call));
        if (insn.isEmpty() || !insn.get().isCall()) return false;
        return insn.get().branchTarget().isEmpty() || hasLine(insn.get().branchTarget().getAsLong());
    }

    /** Whether a forward step into the function starting at time t would stop after its entry (past a prologue). */
    private boolean isPrologue(long t) {
        long entry = pcAt.applyAsLong(t);
        return view.at(entry).map(SourcePoint::function)
                .map(f -> view.functionBreakpoint(f).orElse(entry) > entry).orElse(false);
    }

    /**
     * The time the activation entered at {@code entry} reaches its body (past the prologue, where
     * a forward step-in stops) when that is on {@code line} too, else -1. The prologue is straight
     * code: the body comes within a few instructions.
     */
    private long bodyOnSameLine(long entry, SourceLine line) {
        long pc = pcAt.applyAsLong(entry);
        Optional<String> function = view.at(pc).map(SourcePoint::function);
        if (function.isEmpty()) return -1;
        java.util.OptionalLong body = view.functionBreakpoint(function.get());
        if (body.isEmpty() || !view.lineAt(body.getAsLong()).map(p -> withoutColumn(p.line()).equals(line)).orElse(false)) return -1;
        for (long u = entry + 1; u < Math.min(entry + 64, history.now()); u++) if (pcAt.applyAsLong(u) == body.getAsLong()) return u;
        return -1;
    }

    private boolean hasLine(long pc) {
        return view.lineAt(pc).map(s -> s.line().line() != 0).orElse(false);
    }

    private static SourceLine withoutColumn(SourceLine l) {
        return new SourceLine(l.file(), l.line(), 0);
    }
}
