package dev.hindsight.tracer.stack;

import dev.hindsight.tracer.elf.ModuleMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one module map says about code addresses, remembered for as long as that map stands: a
 * frame's names and source lines at a pc ({@link FrameDescriber}), where the function around a
 * pc begins, where {@code main} is. Each is a function of the map alone (a loaded module's ELF
 * file and its DWARF are read once and never change under it), so nothing here is ever stale: a
 * re-read map that differs is a new {@code ModuleMap} and gets facts of its own
 * ({@link Backtraces} keeps the facts of the latest map only). Describing a frame (DWARF scopes,
 * names, line tables) was ~10% of a DAP instruction step's round trip, at every stop anew.
 * Thread-safe; each table is emptied when it grows past {@link #LIMIT} entries.
 */
final class FrameFacts {
    static final int LIMIT = 1 << 14;

    private final ModuleMap modules;
    private final FrameDescriber describer;
    private final Map<Description, List<Frame>> described = new ConcurrentHashMap<>();
    private final Map<Long, OptionalLong> functionStarts = new ConcurrentHashMap<>();
    private volatile OptionalLong main;

    /** The inputs a description depends on besides the map; breakpoint names matter only at a stop's own frame. */
    private record Description(long pc, long scopePc, boolean trampoline, boolean justStopped, Set<String> breakpointNames) { }

    FrameFacts(ModuleMap modules) {
        this.modules = modules;
        this.describer = new FrameDescriber(modules);
    }

    ModuleMap modules() {
        return modules;
    }

    /** {@link FrameDescriber#describe}, the same frames, from what an earlier call found at this pc. */
    List<Frame> describe(int tid, int index, long pc, long scopePc, long cfa, Map<Integer, Long> regs, boolean trampoline,
                         boolean justStopped, Set<String> breakpointNames) {
        Description key = new Description(pc, scopePc, trampoline, justStopped, justStopped ? Set.copyOf(breakpointNames) : Set.of());
        List<Frame> known = described.get(key);
        if (known == null) {
            // Described at index 0 with no cfa, registers or thread: those are this walk's.
            known = List.copyOf(describer.describe(-1, 0, pc, scopePc, 0, Map.of(), trampoline, justStopped, key.breakpointNames()));
            remember(described, key, known);
        }
        List<Frame> out = new ArrayList<>(known.size());
        for (Frame f : known) {
            out.add(new Frame(index + f.index(), pc, cfa, f.function(), f.symbol(), f.line(), f.module(), regs,
                    f.signalTrampoline(), f.scopePc(), f.inlineDepth(), f.tailCall(), tid));
        }
        return out;
    }

    /** {@link FrameDescriber#tailCall}: rare, not remembered. */
    Frame tailCall(int tid, int index, long pc, long cfa, Map<Integer, Long> regs) {
        return describer.tailCall(tid, index, pc, cfa, regs);
    }

    /** {@link CallerFrame#functionStart}. */
    OptionalLong functionStart(long scopePc) {
        OptionalLong known = functionStarts.get(scopePc);
        if (known == null) {
            known = CallerFrame.functionStart(modules, scopePc);
            remember(functionStarts, scopePc, known);
        }
        return known;
    }

    /** Where {@code main}'s symbol is (the executable's first), if any module has one. */
    OptionalLong main() {
        OptionalLong m = main;
        if (m == null) main = m = modules.resolve("main");
        return m;
    }

    private static <K, V> void remember(Map<K, V> table, K key, V value) {
        if (table.size() >= LIMIT) table.clear(); // a program wandering through that much code: start again
        table.put(key, value);
    }
}
