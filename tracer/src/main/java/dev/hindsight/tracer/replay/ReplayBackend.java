package dev.hindsight.tracer.replay;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.ResourceLimits;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.backend.StepObserver;
import dev.hindsight.tracer.breakpoints.WatchKind;
import dev.hindsight.tracer.confine.Sandbox;
import dev.hindsight.tracer.ptrace.PtraceBackend;
import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.regs.Registers;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/**
 * A recorded run replayed as a live tracee of the recorded executable, steered by the trace
 * (see the package documentation). Reads, breakpoints, steps and runs behave as on a live
 * program; register and memory writes are refused. {@link #checkpoint()} forks the replay for
 * another thread to drive.
 */
public final class ReplayBackend implements Backend {
    private final RecordedTrace trace;
    private final PtraceBackend live;
    private final ReplayHook hook;
    private final OutputRelay stdout, stderr;
    private final boolean confined;

    private ReplayBackend(RecordedTrace trace, PtraceBackend live, ReplayHook hook, OutputRelay stdout, OutputRelay stderr,
                          boolean confined) {
        this.trace = trace;
        this.live = live;
        this.hook = hook;
        this.stdout = stdout;
        this.stderr = stderr;
        this.confined = confined;
    }

    /**
     * Starts a replay of {@code trace}, stopped at the program's first instruction (event index 0).
     *
     * @param sandbox where the replayed program runs confined (the trace directory must be readable in it); null: unconfined
     */
    public static ReplayBackend start(RecordedTrace trace, Sandbox sandbox) {
        LaunchSpec spec = new LaunchSpec(trace.executable(), trace.args(), trace.environment(), trace.directory(),
                LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, true, true, ResourceLimits.DEFAULT, sandbox);
        PtraceBackend live = PtraceBackend.launch(spec, t -> {}, t -> {});
        try {
            Map<String, Integer> fds = ReplayStart.prepare(live, trace);
            OutputRelay out = new OutputRelay(), err = new OutputRelay();
            ReplayHook hook = new ReplayHook(trace.events(), 0, true, fds, out, err, trace.confinementFilter()); // ReplayStart made them trap
            live.setSyscallHook(hook);
            return new ReplayBackend(trace, live, hook, out, err, sandbox != null);
        } catch (RuntimeException e) {
            live.close();
            throw e;
        }
    }

    /** The trace being replayed. */
    public RecordedTrace trace() {
        return trace;
    }

    /** Whether the replayed program runs in a sandbox. */
    public boolean confined() {
        return confined;
    }

    /** How many events the replay has consumed: it is after event {@code eventIndex()-1} and before event {@code eventIndex()}. */
    public int eventIndex() {
        return hook.eventIndex();
    }

    /** The program's recorded stdout and stderr as it writes them in the replay (nothing is written anywhere else). */
    public InputStream stdout() {
        return stdout;
    }

    public InputStream stderr() {
        return stderr;
    }

    /**
     * A checkpoint: forks the stopped replay (fork(2) injected into the tracee) and returns a
     * replay of the child, at the same instruction and event index, traced from a ptrace thread
     * of its own, so another Java thread can drive it ({@link #trace}, {@link #resume}) while
     * this one goes on. Its output goes to its own {@link #stdout()}. Close it when done.
     */
    public ReplayBackend checkpoint() {
        int tid = live.pid();
        live.withTracee(tid, t -> {
            hook.disarm(t); // the copy must not inherit a trap its own replay does not know of
            return null;
        });
        int child = live.forkStopped(tid);
        PtraceBackend adopted = PtraceBackend.adopt(child, true);
        OutputRelay out = new OutputRelay(), err = new OutputRelay();
        ReplayHook copy = new ReplayHook(trace.events(), hook.eventIndex(), hook.trapping(), new HashMap<>(hook.fileFds()), out, err,
                trace.confinementFilter());
        adopted.setSyscallHook(copy);
        return new ReplayBackend(trace, adopted, copy, out, err, confined);
    }

    /** Runs {@code work} on the replay's ptrace thread with its stopped tracee (tests ask the kernel for its state). */
    <T> T withTracee(java.util.function.Function<dev.hindsight.tracer.ptrace.Tracee, T> work) {
        return live.withTracee(live.pid(), work);
    }

    @Override
    public int pid() {
        return live.pid();
    }

    @Override
    public List<Integer> threads() {
        return live.threads();
    }

    @Override
    public Registers registers(int tid) {
        return live.registers(tid);
    }

    @Override
    public void setRegisters(int tid, Registers registers) {
        throw refused("registers");
    }

    @Override
    public FpRegisters fpRegisters(int tid) {
        return live.fpRegisters(tid);
    }

    /** {@code fpRegisters(tid).fxsaveImage()} in one system call instead of two (no xsave area). */
    public byte[] fxsaveImage(int tid) {
        return live.fxsaveImage(tid);
    }

    @Override
    public void setFpRegisters(int tid, FpRegisters registers) {
        throw refused("registers");
    }

    @Override
    public int readMemory(long address, byte[] buffer, int offset, int length) {
        return live.readMemory(address, buffer, offset, length);
    }

    @Override
    public void writeMemory(long address, byte[] data) {
        throw refused("memory");
    }

    private static UnsupportedOperationException refused(String what) {
        return new UnsupportedOperationException("this is a replay of a recording: its " + what
                + " cannot be changed (the replay would no longer match the recording)");
    }

    @Override
    public void insertBreakpoint(long address) {
        live.insertBreakpoint(address);
    }

    @Override
    public void removeBreakpoint(long address) {
        live.removeBreakpoint(address);
    }

    @Override
    public void onBreakpointSilently(long address, BooleanSupplier action) {
        live.onBreakpointSilently(address, action);
    }

    @Override
    public int watchpointSlots() {
        return live.watchpointSlots();
    }

    @Override
    public void setWatchpoint(int slot, long address, int length, WatchKind kind) {
        live.setWatchpoint(slot, address, length, kind);
    }

    @Override
    public void clearWatchpoint(int slot) {
        live.clearWatchpoint(slot);
    }

    @Override
    public CompletableFuture<StopEvent> resume(Resume request) {
        return watch(live.resume(request));
    }

    @Override
    public CompletableFuture<StopEvent> trace(int tid, long maxSteps, StepObserver observer) {
        return watch(live.trace(tid, maxSteps, observer));
    }

    /** Ends the output at the program's exit; a divergence kills the replay and is passed on. */
    private CompletableFuture<StopEvent> watch(CompletableFuture<StopEvent> f) {
        return f.handle((stop, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                live.kill();
                hook.endOutput();
                if (cause instanceof RuntimeException r) throw r;
                throw new CompletionException(cause);
            }
            if (stop instanceof StopEvent.Exited) hook.endOutput();
            return stop;
        });
    }

    @Override
    public void requestPause() {
        live.requestPause();
    }

    @Override
    public void discardPause() {
        live.discardPause();
    }

    @Override
    public CompletableFuture<StopEvent.Exited> kill() {
        return live.kill().whenComplete((e, x) -> hook.endOutput());
    }

    @Override
    public String memoryMap() throws java.io.IOException {
        return live.memoryMap();
    }

    @Override
    public java.nio.file.Path executable() throws java.io.IOException {
        return live.executable();
    }

    /** As the program saw it: the recorded auxiliary vector (AT_SYSINFO_EHDR was hidden from it). */
    @Override
    public LinkedHashMap<Long, Long> auxv() {
        return trace.initial().auxv();
    }

    @Override
    public boolean exited() {
        return live.exited();
    }

    @Override
    public void close() {
        live.close();
        hook.endOutput();
    }
}
