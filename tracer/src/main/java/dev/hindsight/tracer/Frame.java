package dev.hindsight.tracer;

import dev.hindsight.tracer.source.SourceLine;
import java.util.Map;
import java.util.Optional;

/**
 * One frame of a backtrace, innermost first.
 *
 * @param index     0 for the executing frame
 * @param pc        where the frame executes (for callers: the return address)
 * @param cfa       the canonical frame address (the caller's stack pointer before the call)
 * @param function  the function's name, from debug information or the symbol table; null if unknown
 * @param symbol    {@code symbol+offset} of pc, when a symbol covers it
 * @param line      the source line (for callers, the line of the call), when known
 * @param module    the file name of the object the pc is in ({@code libc.so.6})
 * @param registers the frame's registers in DWARF numbering (callers: only those recoverable)
 * @param signalTrampoline the kernel's signal return trampoline (gdb's "signal handler called")
 */
public record Frame(int index, long pc, long cfa, String function, String symbol, SourceLine line, String module,
                    Map<Integer, Long> registers, boolean signalTrampoline) {
    public Optional<SourceLine> source() {
        return Optional.ofNullable(line);
    }

    /** gdb's name for the frame: the function, {@code <signal handler called>}, or {@code ??}. */
    public String displayName() {
        if (signalTrampoline) return "<signal handler called>";
        return function != null ? function : "??";
    }
}
