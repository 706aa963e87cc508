package dev.hindsight.tracer.core;

import dev.hindsight.tracer.Signal;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.TargetStateException;
import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.backend.StepObserver;
import dev.hindsight.tracer.breakpoints.WatchKind;
import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.regs.XstateLayout;
import dev.hindsight.tracer.regs.Registers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A process as its core dump left it: every thread stopped for good, where the signal that killed
 * it (or gcore) found it. Registers, memory, the auxiliary vector and the memory map answer from
 * the dump (see {@link CoreMemory}); nothing can execute or be changed.
 */
public final class CoreBackend implements Backend {
    /** gdb's words for any execution request on a core dump. */
    public static final String NOT_RUNNING = "The program is not being run.";

    private final CoreFile core;
    private final CoreMemory memory;
    private final Path executable;
    private final Map<Integer, CoreNotes.ThreadState> threads = new LinkedHashMap<>();
    private volatile boolean killed;

    private CoreBackend(CoreFile core, Path program) {
        this.core = core;
        if (program != null) core.assumeMapped(program);
        var exeMapping = core.executableMapping();
        Map<String, Path> substitutes = new LinkedHashMap<>();
        if (program != null) exeMapping.ifPresent(m -> substitutes.put(m.path(), program));
        this.executable = program != null ? program : exeMapping.map(m -> Path.of(m.path())).orElse(null);
        this.memory = new CoreMemory(core, substitutes);
        for (CoreNotes.ThreadState t : core.notes.threads) threads.putIfAbsent(t.tid(), t);
    }

    /**
     * Opens a core dump. {@code program}: the executable it came from, read in place of the one
     * the dump names (which may have moved); null: the one the dump names.
     *
     * @throws CoreFileException with a sentence when the file is no usable core dump
     */
    public static CoreBackend open(Path coreFile, Path program) {
        return new CoreBackend(CoreFile.open(coreFile), program == null ? null : program.toAbsolutePath().normalize());
    }

    /** The stop the dump shows: the first thread's (the one that took the signal), with the signal and its fault address. */
    public StopEvent.Stopped stop() {
        CoreNotes.ThreadState first = core.notes.threads.get(0);
        int signo = first.signal() != 0 ? first.signal() : core.notes.siginfoSignal;
        long pc = new Registers(first.registers().clone()).rip();
        if (signo == 0) return StopEvent.Stopped.simple(StopEvent.Reason.PAUSE, first.tid(), pc);
        Signal signal = Signal.of(signo);
        boolean fault = signal.isFault() && signo != 5 && core.notes.hasSiginfo && core.notes.siginfoSignal == signo;
        return new StopEvent.Stopped(StopEvent.Reason.SIGNAL, first.tid(), pc, signal,
                fault ? OptionalLong.of(core.notes.siginfoAddress) : OptionalLong.empty(), List.of());
    }

    /** The command line the process ran with, as the dump recorded it (at most 80 bytes of it). */
    public String commandLine() {
        return core.notes.commandLine;
    }

    public Path coreFile() {
        return core.path();
    }

    @Override
    public int pid() {
        return core.notes.pid != 0 ? core.notes.pid : core.notes.threads.get(0).tid();
    }

    /** In the dump's order: the thread that took the signal first, as gdb numbers them. */
    @Override
    public List<Integer> threads() {
        return new ArrayList<>(threads.keySet());
    }

    private CoreNotes.ThreadState thread(int tid) {
        CoreNotes.ThreadState t = threads.get(tid);
        if (t == null) throw new IllegalArgumentException("no thread " + tid + " in the core dump");
        return t;
    }

    @Override
    public Registers registers(int tid) {
        return new Registers(thread(tid).registers().clone());
    }

    @Override
    public FpRegisters fpRegisters(int tid) {
        CoreNotes.ThreadState t = thread(tid);
        // cut at this CPU's offsets: right for dumps made here (a dump from another vendor's CPU may differ)
        return XstateLayout.host().registers(t.fxsave(), t.xstate());
    }

    @Override
    public void setRegisters(int tid, Registers registers) {
        throw refused("registers");
    }

    @Override
    public void setFpRegisters(int tid, FpRegisters registers) {
        throw refused("registers");
    }

    @Override
    public int readMemory(long address, byte[] buffer, int offset, int length) {
        return memory.read(address, buffer, offset, length);
    }

    @Override
    public void writeMemory(long address, byte[] data) {
        throw refused("memory");
    }

    private static UnsupportedOperationException refused(String what) {
        return new UnsupportedOperationException("this is a core dump: its " + what + " cannot be changed");
    }

    /** Breakpoints may be set (a front end sets its own before it knows), but nothing ever runs into them. */
    @Override public void insertBreakpoint(long address) {}

    @Override public void removeBreakpoint(long address) {}

    @Override public void onBreakpointSilently(long address, BooleanSupplier action) {}

    @Override public int watchpointSlots() { return 4; }

    @Override public void setWatchpoint(int slot, long address, int length, WatchKind kind) {}

    @Override public void clearWatchpoint(int slot) {}

    @Override
    public boolean executes() {
        return false;
    }

    @Override
    public CompletableFuture<StopEvent> resume(Resume request) {
        return CompletableFuture.failedFuture(new TargetStateException(NOT_RUNNING));
    }

    @Override
    public CompletableFuture<StopEvent> trace(int tid, long maxSteps, StepObserver observer) {
        return CompletableFuture.failedFuture(new TargetStateException(NOT_RUNNING));
    }

    @Override public void requestPause() {}

    @Override public void discardPause() {}

    /** The process is long dead: "killing" it ends the session, with the signal that killed it. */
    @Override
    public CompletableFuture<StopEvent.Exited> kill() {
        killed = true;
        StopEvent.Stopped s = stop();
        return CompletableFuture.completedFuture(new StopEvent.Exited(0, s.signal()));
    }

    /**
     * In {@code /proc/PID/maps} form: every mapped file of NT_FILE (the executable under the name
     * it is read from), then the dumped anonymous segments, the vDSO's named {@code [vdso]}.
     */
    @Override
    public String memoryMap() {
        return CoreMaps.text(core, executable);
    }

    /** A dump's map never changes. */
    @Override
    public long memoryMapVersion() {
        return 0;
    }

    @Override
    public Path executable() {
        return executable;
    }

    @Override
    public LinkedHashMap<Long, Long> auxv() {
        return new LinkedHashMap<>(core.notes.auxv);
    }

    @Override
    public boolean exited() {
        return killed;
    }

    @Override
    public void close() {
        killed = true;
        memory.close();
    }
}
