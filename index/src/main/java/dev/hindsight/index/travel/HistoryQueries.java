package dev.hindsight.index.travel;

import dev.hindsight.index.CallRecord;
import dev.hindsight.index.IndexReader;
import dev.hindsight.index.StepKind;
import dev.hindsight.index.Write;
import java.util.List;

/**
 * The searches time travel makes, in one place over the index: the next or previous execution of
 * an address, the next or previous write to a range, and the call that began an activation.
 */
final class HistoryQueries {
    private final IndexReader index;

    HistoryQueries(IndexReader index) {
        this.index = index;
    }

    /** The first time ≥ {@code from} that {@code pc} is about to run, or -1. */
    long nextExecution(long pc, long from) {
        if (from >= index.instructionCount()) return -1;
        return index.firstExecutionFrom(pc, pc + 1, from);
    }

    /** The last time < {@code before} that {@code pc} was about to run, or -1. */
    long previousExecution(long pc, long before) {
        return index.lastExecutionBefore(pc, pc + 1, before);
    }

    /** The time of the first instruction ≥ {@code from} writing a byte of the range, or -1. */
    long nextWrite(long address, int length, long from) {
        if (from >= index.instructionCount()) return -1;
        Write w = index.firstWriteFrom(address, length, from);
        return w == null ? -1 : w.time();
    }

    /** The time of the last instruction < {@code before} writing a byte of the range, or -1. */
    long previousWrite(long address, int length, long before) {
        if (before <= 0) return -1;
        Write w = index.lastWriteBefore(address, length, before);
        return w == null ? -1 : w.time();
    }

    /** The latest time < {@code before} whose pc fails {@code inside}, or -1: blocks whose pcs all pass are skipped whole. */
    long lastTimeOutside(java.util.function.LongPredicate inside, long before) {
        if (before <= 0) return -1;
        return index.lastExecutionMatching(pc -> !inside.test(pc), -1, Math.min(before, index.instructionCount()), 0);
    }

    /** The time of the first instruction ≥ {@code from} reading a byte of the range, or -1. */
    long nextRead(long address, int length, long from) {
        if (from >= index.instructionCount()) return -1;
        return index.firstReadFrom(address, length, from);
    }

    /** The time of the last instruction < {@code before} reading a byte of the range, or -1. */
    long previousRead(long address, int length, long before) {
        return before <= 0 ? -1 : index.lastReadBefore(address, length, before);
    }

    /**
     * The call instruction whose activation runs at {@code time}: going back from it, each return
     * passed is matched by the next call (a callee that came and went); the first unmatched call
     * is the one. Searched in windows growing backwards, so a near caller costs little.
     */
    long callTimeOf(long time) {
        int tid = index.threadAt(Math.min(time, index.instructionCount() - 1));
        int open = 0;
        long to = time;
        for (long window = 1 << 12; to > 0; window *= 2) {
            long from = Math.max(0, to - window);
            List<CallRecord> calls = index.calls(from, to);
            for (int i = calls.size() - 1; i >= 0; i--) {
                CallRecord c = calls.get(i);
                if (c.tid() != tid) continue;
                if (c.kind() == StepKind.RETURN) {
                    open++;
                } else if (c.kind() == StepKind.CALL) {
                    if (open == 0) return c.time();
                    open--;
                }
            }
            to = from;
        }
        return -1;
    }
}
