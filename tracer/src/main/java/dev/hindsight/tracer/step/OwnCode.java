package dev.hindsight.tracer.step;

import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.StopEvent.Reason;
import dev.hindsight.tracer.StopEvent.Stopped;
import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.breakpoints.BreakpointTable;
import dev.hindsight.tracer.elf.ElfSymbol;
import dev.hindsight.tracer.elf.LoadedModule;
import dev.hindsight.tracer.elf.ModuleMap;
import dev.hindsight.tracer.source.SourceView;
import dev.hindsight.tracer.stack.CallerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * "My code only" stepping (VS Code's justMyCode, gdb's {@code skip} of every library): the
 * program's own code is code with line information in the main executable or in a library outside
 * the system's library directories; libc, the loader and PLT stubs are not. From code that is not
 * the program's own, {@link #runToOwnCode} runs on until the program's own code runs again: a
 * return into the nearest frame of its own, or a call into one of its functions (a callback such
 * as qsort's comparator, an atexit handler), whichever comes first, or the program ends.
 */
final class OwnCode {
    private static final List<String> SYSTEM_LIBRARY_DIRS = List.of("/lib/", "/lib64/", "/lib32/", "/usr/lib/",
            "/usr/lib64/", "/usr/lib32/", "/usr/libexec/");

    private final Backend backend;
    private final BreakpointTable breakpoints;
    private final Supplier<ModuleMap> modules;

    OwnCode(Backend backend, BreakpointTable breakpoints, Supplier<ModuleMap> modules) {
        this.backend = backend;
        this.breakpoints = breakpoints;
        this.modules = modules;
    }

    /** Whether pc is in the program's own code (line information, not a system library). */
    boolean contains(long pc) {
        ModuleMap map = modules.get();
        Optional<LoadedModule> m = map.moduleAt(pc);
        return m.isPresent() && isOwnModule(m.get()) && new SourceView(map).lineAt(pc).isPresent();
    }

    private static boolean isOwnModule(LoadedModule m) {
        return m.mainExecutable() || SYSTEM_LIBRARY_DIRS.stream().noneMatch(m.path()::startsWith);
    }

    /** The first address of every function of the program's own code (where a callback enters it). */
    private List<Long> functionEntries() {
        ModuleMap map = modules.get();
        SourceView view = new SourceView(map);
        List<Long> entries = new ArrayList<>();
        for (LoadedModule m : map.modules()) {
            if (!isOwnModule(m)) continue;
            for (ElfSymbol s : m.elf().symbols().all()) {
                long at = s.value() + m.bias();
                if ((s.isFunction() || s.type() == ElfSymbol.STT_NOTYPE && s.binding() == ElfSymbol.STB_GLOBAL) && s.value() != 0 && m.contains(at) && !entries.contains(at) && view.lineAt(at).isPresent()) {
                    entries.add(at);
                }
            }
        }
        return entries;
    }

    /**
     * From code that is not the program's own, runs until it is again; the stop is a STEP at
     * the first instruction of the program's own code reached, or whatever else ended the run.
     */
    CompletableFuture<StopEvent> runToOwnCode(int tid) {
        List<Long> entries = functionEntries();
        // A caller outside every module (a zero return address ends the stack) is never returned to.
        Optional<CallerFrame> caller = CallerFrame.of(backend, modules.get(), backend.registers(tid))
                .filter(c -> modules.get().moduleAt(c.pc()).isPresent());
        List<Long> armed = new ArrayList<>(entries);
        caller.ifPresent(c -> armed.add(c.pc()));
        armed.forEach(breakpoints::acquire);
        return until(tid, entries, caller).whenComplete((r, e) -> armed.forEach(breakpoints::release)).thenCompose(stop -> {
            // Returned into a caller that is not the program's own either (libc calling libc): go on from there.
            if (stop instanceof Stopped s && s.reason() == Reason.STEP && !contains(s.pc())) return runToOwnCode(tid);
            return CompletableFuture.completedFuture(stop);
        });
    }

    private CompletableFuture<StopEvent> until(int tid, List<Long> entries, Optional<CallerFrame> caller) {
        return backend.resume(Resume.proceed(tid)).thenCompose(stop -> {
            if (!(stop instanceof Stopped s) || s.reason() != Reason.BREAKPOINT || !breakpoints.userBreakpointsAt(s.pc()).isEmpty()) {
                return CompletableFuture.completedFuture(stop);
            }
            boolean ours = s.tid() == tid;
            boolean entered = entries.contains(s.pc());
            boolean returned = caller.isPresent() && s.pc() == caller.get().pc() && backend.registers(tid).rsp() >= caller.get().sp();
            if (ours && (entered || returned)) return CompletableFuture.completedFuture(Stopped.simple(Reason.STEP, tid, s.pc()));
            if (entered || caller.isPresent() && s.pc() == caller.get().pc()) return until(tid, entries, caller); // another thread, or a deeper activation
            return CompletableFuture.completedFuture(stop);
        });
    }
}
