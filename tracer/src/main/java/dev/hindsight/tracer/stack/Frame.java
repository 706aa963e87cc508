package dev.hindsight.tracer.stack;

import dev.hindsight.tracer.source.SourceLine;
import java.util.Map;
import java.util.Optional;

/**
 * One frame of a backtrace, innermost first. A function inlined into another gets a frame of its
 * own, as in gdb: it shares pc, cfa and registers with the frame it was inlined into.
 *
 * @param index     0 for the executing frame
 * @param pc        where the frame executes (for callers: the return address)
 * @param cfa       the canonical frame address (the caller's stack pointer before the call)
 * @param function  the function's name as gdb shows it, from debug information or the symbol table; null if unknown
 * @param symbol    {@code symbol+offset} of pc, when a symbol covers it
 * @param line      the source line (for callers, the line of the call), when known
 * @param module    the file name of the object the pc is in ({@code libc.so.6})
 * @param registers the frame's registers in DWARF numbering (callers: only those recoverable)
 * @param signalTrampoline the kernel's signal return trampoline (gdb's "signal handler called")
 * @param scopePc   the pc to look scopes, lines and location lists up at: pc for a frame that is
 *                  executing there (frame 0, a frame a signal interrupted), pc-1 for a caller,
 *                  whose pc is a return address that may lie past the end of its function
 * @param inlineDepth 0 for the out-of-line function; n for the n-th inlined call within it,
 *                  counted from the outside (the scope chain's n-th DW_TAG_inlined_subroutine)
 * @param tailCall  a function that tail-called the frame below it and so has no stack frame of
 *                  its own any more, recovered from DWARF call-site information as gdb does; pc is
 *                  the address after its jump, registers are its caller's
 * @param tid       the thread whose stack this frame is on: its values use that thread's registers
 */
public record Frame(int index, long pc, long cfa, String function, String symbol, SourceLine line, String module,
                    Map<Integer, Long> registers, boolean signalTrampoline, long scopePc, int inlineDepth,
                    boolean tailCall, int tid) {
    public Frame(int index, long pc, long cfa, String function, String symbol, SourceLine line, String module,
                 Map<Integer, Long> registers, boolean signalTrampoline, int tid) {
        this(index, pc, cfa, function, symbol, line, module, registers, signalTrampoline, index == 0 ? pc : pc - 1, 0,
                false, tid);
    }

    public Optional<SourceLine> source() {
        return Optional.ofNullable(line);
    }

    /** Whether this frame is a call that the compiler inlined (it has no registers of its own). */
    public boolean inlined() {
        return inlineDepth > 0;
    }

    /** gdb's name for the frame: the function, {@code <signal handler called>}, or {@code ??}. */
    public String displayName() {
        if (signalTrampoline) return "<signal handler called>";
        return function != null ? function : "??";
    }
}
