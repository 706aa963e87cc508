package dev.hindsight.tracer.stack;

import dev.hindsight.tracer.dwarf.DwarfFormatException;
import dev.hindsight.tracer.dwarf.info.Die;
import dev.hindsight.tracer.dwarf.info.DieNames;
import dev.hindsight.tracer.dwarf.info.DieRanges;
import dev.hindsight.tracer.dwarf.info.DwAt;
import dev.hindsight.tracer.dwarf.info.PcScope;
import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.source.ModuleSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Functions that tail-called their way to a frame and left no stack frame behind, recovered the
 * way gdb does from DWARF call sites: the caller's call at the return address names a target;
 * if following tail-call sites from that target reaches the callee's function along exactly one
 * path, every function on the path gets a frame, at the address after its jump.
 */
final class TailCalls {
    private static final int CALL_SITE = 0x48, GNU_CALL_SITE = 0x4109;
    private static final int CALL_RETURN_PC = 0x7d, CALL_ORIGIN = 0x7f, CALL_TAIL_CALL = 0x82, GNU_TAIL_CALL = 0x2115;
    private static final int MAX_DEPTH = 8, MAX_PATHS = 4;

    private record Site(long returnPc, OptionalLong target, boolean tail) {}

    private TailCalls() {}

    /**
     * Link-time pcs of the tail-call frames between a call returning to {@code returnPc} and the
     * function starting at {@code calleeStart} (both in {@code src}), innermost first; empty when
     * there are none or the path is not unique.
     */
    static List<Long> between(ModuleSource src, long returnPc, long calleeStart) {
        try {
            Optional<Site> call = sites(src, returnPc - 1).stream().filter(s -> s.returnPc() == returnPc).findFirst();
            if (call.isEmpty() || call.get().target().isEmpty() || call.get().target().getAsLong() == calleeStart) return List.of();
            List<List<Long>> paths = new ArrayList<>();
            search(src, call.get().target().getAsLong(), calleeStart, new ArrayDeque<>(), paths);
            if (paths.size() != 1) return List.of();
            List<Long> innermostFirst = new ArrayList<>(paths.get(0));
            java.util.Collections.reverse(innermostFirst);
            return innermostFirst;
        } catch (DwarfFormatException e) {
            return List.of();
        }
    }

    private static void search(ModuleSource src, long function, long goal, Deque<Long> path, List<List<Long>> paths) {
        if (paths.size() > MAX_PATHS || path.size() >= MAX_DEPTH) return;
        for (Site s : sites(src, function)) {
            if (!s.tail() || s.target().isEmpty()) continue;
            path.addLast(s.returnPc());
            if (s.target().getAsLong() == goal) paths.add(List.copyOf(path));
            else if (s.target().getAsLong() != function) search(src, s.target().getAsLong(), goal, path, paths);
            path.removeLast();
        }
    }

    /** The call sites of the function containing {@code pc}. */
    private static List<Site> sites(ModuleSource src, long pc) {
        Optional<Die> function = src.scopeAt(pc).flatMap(PcScope::function);
        List<Site> out = new ArrayList<>();
        if (function.isEmpty()) return out;
        Deque<Die> todo = new ArrayDeque<>(function.get().children());
        for (int budget = 100_000; !todo.isEmpty() && budget > 0; budget--) {
            Die d = todo.pop();
            if (d.tag() == CALL_SITE || d.tag() == GNU_CALL_SITE) {
                OptionalLong ret = d.address(CALL_RETURN_PC);
                if (ret.isEmpty()) ret = d.address(DwAt.LOW_PC);
                boolean tail = d.flag(CALL_TAIL_CALL) || d.flag(GNU_TAIL_CALL);
                if (ret.isPresent()) out.add(new Site(ret.getAsLong(), target(src.elf(), d), tail));
            } else {
                todo.addAll(d.children());
            }
        }
        return out;
    }

    /** The called function's start: from its DIE when that has code, else its symbol (declarations). */
    private static OptionalLong target(ElfFile elf, Die site) {
        Optional<Die> origin = site.reference(CALL_ORIGIN);
        if (origin.isEmpty()) origin = site.reference(DwAt.ABSTRACT_ORIGIN);
        if (origin.isEmpty()) return OptionalLong.empty();
        var ranges = DieRanges.of(origin.get());
        if (!ranges.isEmpty()) return OptionalLong.of(ranges.get(0).low());
        for (String name : new String[] {DieNames.linkageName(origin.get()), DieNames.name(origin.get())}) {
            if (name == null) continue;
            OptionalLong a = elf.addressOf(name);
            if (a.isPresent()) return a;
        }
        return OptionalLong.empty();
    }
}
