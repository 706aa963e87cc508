package dev.hindsight.tracer;

import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.dwarf.cfi.Unwinder;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.elf.SymbolicAddress;
import dev.hindsight.tracer.source.ModuleSource;
import dev.hindsight.tracer.source.SourcePoint;
import dev.hindsight.tracer.source.SourceView;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Walks a thread's stack with each module's call-frame information (falling back to the frame
 * pointer where a module has none), through libc and signal trampolines.
 */
final class Backtracer {
    /** DWARF register numbers of the general registers, in Registers' kernel order (-1: none). */
    private static final String[] DWARF_ORDER = {"rax", "rdx", "rcx", "rbx", "rsi", "rdi", "rbp", "rsp", "r8", "r9",
            "r10", "r11", "r12", "r13", "r14", "r15", "rip"};

    private final Backend backend;
    private final ModuleMap modules;

    Backtracer(Backend backend, ModuleMap modules) {
        this.backend = backend;
        this.modules = modules;
    }

    static Map<Integer, Long> dwarfRegisters(Registers r) {
        Map<Integer, Long> m = new HashMap<>();
        for (int i = 0; i < DWARF_ORDER.length; i++) m.put(i, r.get(DWARF_ORDER[i]));
        return m;
    }

    List<Frame> frames(int tid, int max) {
        List<Frame> frames = new ArrayList<>();
        Map<Integer, Long> regs = dwarfRegisters(backend.registers(tid));
        SourceView view = new SourceView(modules);
        Unwinder.Memory memory = (address, size) -> read(address, size);
        boolean innermost = true;
        while (frames.size() < max) {
            long pc = regs.get(Unwinder.RIP);
            Optional<LoadedModule> module = modules.moduleAt(pc);
            Unwinder unwinder = module.map(m -> ModuleSource.of(m.elf()).unwinder()).orElse(new Unwinder(List.of()));
            long bias = module.map(LoadedModule::bias).orElse(0L);
            Map<Integer, Long> lookup = new HashMap<>(regs);
            lookup.put(Unwinder.RIP, pc - bias);
            Optional<Unwinder.Step> step = unwinder.step(lookup, memory, innermost);
            boolean trampoline = unwinder.rowAt(pc - bias).map(r -> r.signalFrame()).orElse(false);
            // A caller's pc is a return address: the call it made is the byte before.
            long where = innermost || trampoline ? pc : pc - 1;
            Optional<SourcePoint> src = view.at(where);
            Optional<SymbolicAddress> sym = modules.symbolize(pc);
            String function = src.map(SourcePoint::function).orElse(sym.map(SymbolicAddress::symbol).orElse(null));
            long cfa = step.map(s -> s.registers().getOrDefault(Unwinder.RSP, 0L)).orElse(0L);
            frames.add(new Frame(frames.size(), pc, cfa, function, sym.map(SymbolicAddress::toString).orElse(null),
                    src.map(SourcePoint::line).orElse(null), module.map(LoadedModule::name).orElse(null), Map.copyOf(regs), trampoline));
            if (step.isEmpty()) break;
            Map<Integer, Long> caller = step.get().registers();
            Long callerSp = caller.get(Unwinder.RSP), sp = regs.get(Unwinder.RSP);
            // The stack grows down: a caller's frame is above ours. Anything else is a corrupt chain.
            if (callerSp == null || sp == null || (Long.compareUnsigned(callerSp, sp) <= 0 && !trampoline)) break;
            regs = caller;
            innermost = trampoline; // the frame a signal interrupted executes at its exact pc
        }
        return frames;
    }

    private OptionalLong read(long address, int size) {
        byte[] b = new byte[8];
        if (size < 1 || size > 8 || backend.readMemory(address, b, 0, size) != size) return OptionalLong.empty();
        return OptionalLong.of(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong());
    }
}
