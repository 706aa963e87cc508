package dev.hindsight.tracer.stack;

import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.dwarf.cfi.Prologue;
import dev.hindsight.tracer.dwarf.cfi.Unwinder;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.elf.SymbolicAddress;
import dev.hindsight.tracer.regs.DwarfRegisters;
import dev.hindsight.tracer.source.ModuleSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Walks a thread's stack with each module's call-frame information (falling back to prologue
 * analysis and the frame pointer where a module has none, as in hand-written assembly), through
 * libc and signal trampolines (marked by CFI, or known by their code: {@link SignalFrames}). Stops where gdb's {@code bt} does by default: after main (or the
 * entry point), at an undefined return address (a thread's first frame), or at a corrupt chain.
 */
final class Backtracer {
    private static final Unwinder NO_CFI = new Unwinder(List.of());
    private static final Architecture ARCH = Architecture.host();

    private final Backend backend;
    private final StopCache stop;
    private final Supplier<FrameFacts> reread;
    private FrameFacts facts;
    private ModuleMap modules;
    private boolean rereadDone;

    /**
     * {@code facts} is what the module map as known says about pcs; {@code reread} reads the
     * process's module map again, for a pc in a library loaded since; registers and stack memory
     * come through the stop's cache.
     */
    Backtracer(Backend backend, StopCache stop, FrameFacts facts, Supplier<FrameFacts> reread) {
        this.backend = backend;
        this.stop = stop;
        this.reread = reread;
        this.facts = facts;
        this.modules = facts.modules();
    }

    private Optional<LoadedModule> moduleAt(long pc) {
        Optional<LoadedModule> m = modules.moduleAt(pc);
        if (m.isEmpty() && !rereadDone) {
            rereadDone = true;
            facts = reread.get();
            modules = facts.modules();
            m = modules.moduleAt(pc);
        }
        return m;
    }

    /**
     * Up to {@code max} frames of thread {@code tid}. {@code justStopped}: the thread just reported
     * a stop other than a step, at breakpoints named {@code breakpointNames} (see
     * {@link FrameDescriber#describe}).
     */
    List<Frame> frames(int tid, int max, boolean justStopped, Set<String> breakpointNames) {
        List<Frame> frames = new ArrayList<>();
        Map<Integer, Long> regs = DwarfRegisters.of(stop.registers(tid));
        Unwinder.Memory memory = stop::readWord;
        OptionalLong main = facts.main();
        OptionalLong entry = entryPoint();
        boolean exact = true; // frame 0 and frames a signal interrupted execute at their pc
        while (frames.size() < max) {
            long pc = regs.get(Unwinder.RIP);
            Optional<LoadedModule> module = moduleAt(pc);
            Unwinder unwinder = module.map(m -> ModuleSource.of(m.elf()).unwinder()).orElse(NO_CFI);
            long bias = module.map(LoadedModule::bias).orElse(0L);
            Optional<Map<Integer, Long>> interrupted = SignalFrames.interrupted(ARCH, regs, memory);
            boolean trampoline = interrupted.isPresent() || unwinder.rowAt(pc - bias).map(r -> r.signalFrame()).orElse(false);
            long scopePc = exact || trampoline ? pc : pc - 1;
            Map<Integer, Long> lookup = new HashMap<>(regs);
            lookup.put(Unwinder.RIP, pc - bias);
            Optional<Unwinder.Step> step = interrupted.isPresent()
                    ? Optional.of(new Unwinder.Step(interrupted.get(), false, Optional.empty()))
                    : unwinder.step(lookup, memory, exact, () -> prologue(pc, scopePc));
            long cfa = step.map(s -> s.registers().getOrDefault(Unwinder.RSP, 0L)).orElse(0L);
            boolean innermost = frames.isEmpty() && justStopped;
            for (Frame f : facts.describe(tid, frames.size(), pc, scopePc, cfa, Map.copyOf(regs), trampoline, innermost,
                    breakpointNames)) {
                if (frames.size() < max) frames.add(f);
            }
            if (pc == 0 && !exact) break; // a zero return address ends the stack, shown as gdb shows it
            OptionalLong function = functionStart(scopePc);
            if (!trampoline && function.isPresent() && (same(function, main) || same(function, entry))) break;
            if (step.isEmpty()) break;
            Map<Integer, Long> caller = step.get().registers();
            if (!trampoline && module.isPresent()) {
                for (long tail : tailCalls(module.get(), scopePc, caller.getOrDefault(Unwinder.RIP, 0L))) {
                    if (frames.size() < max) frames.add(facts.tailCall(tid, frames.size(), tail, cfa, caller));
                }
            }
            Long callerSp = caller.get(Unwinder.RSP), sp = regs.get(Unwinder.RSP);
            // The stack grows down: a caller's frame is above ours. Anything else is a corrupt chain.
            if (callerSp == null || sp == null || (Long.compareUnsigned(callerSp, sp) <= 0 && !trampoline)) break;
            regs = caller;
            exact = trampoline;
        }
        return frames;
    }

    /** Runtime pcs of the frames of functions that tail-called from the caller's call to here. */
    private List<Long> tailCalls(LoadedModule module, long scopePc, long callerPc) {
        if (!module.contains(callerPc)) return List.of(); // calls between objects go through the PLT
        long bias = module.bias();
        ModuleSource src = ModuleSource.of(module.elf());
        OptionalLong start = functionStart(scopePc);
        if (start.isEmpty()) return List.of();
        return TailCalls.between(src, callerPc - bias, start.getAsLong() - bias).stream().map(p -> p + bias).toList();
    }

    private static boolean same(OptionalLong a, OptionalLong b) {
        return a.isPresent() && b.isPresent() && a.getAsLong() == b.getAsLong();
    }

    private OptionalLong entryPoint() {
        for (LoadedModule m : modules.modules()) {
            if (m.mainExecutable()) return OptionalLong.of(m.elf().entry() + (m.elf().isDynamicType() ? m.bias() : 0));
        }
        return OptionalLong.empty();
    }

    private OptionalLong functionStart(long scopePc) {
        return facts.functionStart(scopePc);
    }

    private Prologue prologue(long pc, long scopePc) {
        return CallerFrame.prologue(backend, modules, pc, scopePc);
    }
}
