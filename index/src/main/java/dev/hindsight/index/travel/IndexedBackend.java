package dev.hindsight.index.travel;

import dev.hindsight.index.IndexReader;
import dev.hindsight.index.Output;
import dev.hindsight.tracer.Signal;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.StopEvent.Reason;
import dev.hindsight.tracer.StopEvent.Stopped;
import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.backend.History;
import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.backend.StepObserver;
import dev.hindsight.tracer.breakpoints.WatchKind;
import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.replay.OutputRelay;
import dev.hindsight.tracer.replay.RecordedTrace;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * A recorded run served from its index: the program "is" at one time of the run, and every
 * question (registers, memory, the next or previous breakpoint hit) is a lookup. Forward
 * execution moves through the same history and stops at its last instruction instead of exiting;
 * going backwards is {@link History}. Nothing can be changed. The output the run wrote is handed
 * to the front end the first time execution passes it.
 */
public final class IndexedBackend implements Backend, History {
    /** A data breakpoint: the range and what it watches (writes, reads or both: the index has each instruction's). */
    private record Watch(long address, int length, WatchKind kind) {}

    private static final int WATCH_SLOTS = 4;

    private final IndexReader index;
    private final RecordedTrace trace;
    private final HistoryQueries queries;
    private final RecordedMaps maps;
    private final int tid;
    private final long last;
    private final List<Output> outputs;
    private final OutputRelay stdout = new OutputRelay(), stderr = new OutputRelay();
    private final Set<Long> breakpoints = ConcurrentHashMap.newKeySet();
    private final Map<Long, BooleanSupplier> silent = new ConcurrentHashMap<>();
    private final Watch[] watches = new Watch[WATCH_SLOTS];
    private volatile long now;
    private int delivered;
    private volatile boolean killed;

    public IndexedBackend(RecordedTrace trace, IndexReader index) {
        if (index.instructionCount() == 0) throw new IllegalArgumentException("the index holds no instruction");
        this.trace = trace;
        this.index = index;
        this.queries = new HistoryQueries(index);
        this.maps = new RecordedMaps(trace, index);
        this.tid = index.threadAt(0);
        this.last = index.instructionCount() - 1;
        this.outputs = index.output();
    }

    public java.io.InputStream stdout() { return stdout; }

    public java.io.InputStream stderr() { return stderr; }

    // ---- History ------------------------------------------------------------------------------

    @Override public long length() { return last + 1; }

    @Override public long now() { return now; }

    @Override public long pcAt(long time) { return index.pcAt(time); }

    @Override
    public void seek(long time) {
        checkTime(time);
        now = time;
        deliverOutput();
    }

    private void checkTime(long time) {
        if (time < 0 || time > last) throw new IllegalArgumentException("time " + time + " is outside the recording (0 to " + last + ")");
    }

    @Override
    public void inspect(long time) {
        checkTime(time);
        now = time;
    }

    @Override
    public CompletableFuture<StopEvent> resumeBackward(Resume request) {
        if (now == 0) return done(Stopped.simple(Reason.ENTRY, tid, pc()));
        if (request.kind() == Resume.Kind.STEP_INSTRUCTION) {
            seek(now - 1);
            return done(Stopped.simple(now == 0 ? Reason.ENTRY : Reason.STEP, tid, pc()));
        }
        long best = -1, watched = -1;
        for (long a : breakpoints) best = Math.max(best, queries.previousExecution(a, now));
        for (Watch w : watches) {
            if (w == null) continue;
            long t = previousAccess(w, now);
            if (t > best) {
                best = t;
                watched = w.address();
            }
        }
        if (best < 0) {
            seek(0);
            return done(Stopped.simple(Reason.ENTRY, tid, pc()));
        }
        seek(best);
        return done(watched >= 0 ? stop(Reason.WATCHPOINT, watched) : stop(Reason.BREAKPOINT, pc()));
    }

    @Override
    public long lastTimeOutside(java.util.function.LongPredicate inside, long before) {
        return queries.lastTimeOutside(inside, before);
    }

    @Override
    public long callTimeOf(long time) {
        return queries.callTimeOf(time);
    }

    @Override
    public String ending() {
        if (trace.exitSignal() != 0) {
            Signal s = Signal.of(trace.exitSignal());
            return "the program was killed by " + s.name() + " (" + s.description() + ")";
        }
        return "the program exited with status " + trace.exitCode();
    }

    // ---- forward ------------------------------------------------------------------------------

    @Override
    public CompletableFuture<StopEvent> resume(Resume request) {
        if (now >= last) return done(end());
        if (request.kind() == Resume.Kind.STEP_INSTRUCTION) {
            seek(now + 1);
            return done(now == last ? end() : Stopped.simple(Reason.STEP, tid, pc()));
        }
        long from = now + 1;
        while (true) {
            long best = last, watched = -1;
            for (long a : breakpoints) best = earliest(best, queries.nextExecution(a, from));
            for (long a : silent.keySet()) best = earliest(best, queries.nextExecution(a, from));
            for (Watch w : watches) {
                if (w == null) continue;
                long t = nextAccess(w, from - 1);
                // A hardware watchpoint stops after the accessing instruction, before any breakpoint there.
                if (t >= 0 && t + 1 <= best) {
                    best = t + 1;
                    watched = w.address();
                }
            }
            seek(best);
            if (watched >= 0) return done(stop(Reason.WATCHPOINT, watched));
            if (best == last) return done(end());
            long pc = pc();
            BooleanSupplier action = silent.get(pc);
            boolean wanted = breakpoints.contains(pc) || action != null && action.getAsBoolean();
            if (wanted) return done(stop(Reason.BREAKPOINT, pc));
            from = best + 1;
        }
    }

    /** The last instruction before {@code before} that accessed the watched range as the watch asks, or -1. */
    private long previousAccess(Watch w, long before) {
        long write = w.kind() == WatchKind.READ ? -1 : queries.previousWrite(w.address(), w.length(), before);
        long read = w.kind() == WatchKind.WRITE ? -1 : queries.previousRead(w.address(), w.length(), before);
        return Math.max(write, read);
    }

    /** The first instruction at or after {@code from} that accessed the watched range as the watch asks, or -1. */
    private long nextAccess(Watch w, long from) {
        long write = w.kind() == WatchKind.READ ? -1 : queries.nextWrite(w.address(), w.length(), from);
        long read = w.kind() == WatchKind.WRITE ? -1 : queries.nextRead(w.address(), w.length(), from);
        return write < 0 ? read : read < 0 ? write : Math.min(write, read);
    }

    private static long earliest(long best, long t) {
        return t >= 0 && t < best ? t : best;
    }

    /** The last instruction: how the run ended (a fatal signal is shown as the live engine shows it). */
    private Stopped end() {
        if (now == last && trace.exitSignal() != 0) {
            return new Stopped(Reason.SIGNAL, tid, pc(), Signal.of(trace.exitSignal()), OptionalLong.empty(), List.of());
        }
        return Stopped.simple(Reason.END_OF_HISTORY, tid, pc());
    }

    @Override
    public CompletableFuture<StopEvent> trace(int tid, long maxSteps, StepObserver observer) {
        for (long step = 1; step <= maxSteps; step++) {
            if (now >= last) return done(end());
            seek(now + 1);
            if (!observer.afterStep(step, registers(tid)) || now >= last) break;
        }
        return done(now >= last ? end() : Stopped.simple(Reason.STEP, this.tid, pc()));
    }

    /** Hands the front end the output of every system call completed before now, once. */
    private synchronized void deliverOutput() {
        while (delivered < outputs.size() && outputs.get(delivered).time() < now) {
            Output o = outputs.get(delivered++);
            (o.fd() == 2 ? stderr : stdout).deliver(o.bytes());
        }
    }

    // ---- state --------------------------------------------------------------------------------

    @Override public int pid() { return tid; }

    @Override public List<Integer> threads() { return List.of(tid); }

    @Override
    public Registers registers(int tid) {
        return new Registers(index.registersAt(now));
    }

    @Override
    public FpRegisters fpRegisters(int tid) {
        byte[] fx = index.fxsaveAt(now);
        return new FpRegisters(fx == null ? new byte[512] : fx, null);
    }

    @Override
    public int readMemory(long address, byte[] buffer, int offset, int length) {
        byte[] b = index.memoryAt(now, address, length);
        System.arraycopy(b, 0, buffer, offset, b.length);
        return b.length;
    }

    @Override public void setRegisters(int tid, Registers registers) { throw refused("registers"); }

    @Override public void setFpRegisters(int tid, FpRegisters registers) { throw refused("registers"); }

    @Override public void writeMemory(long address, byte[] data) { throw refused("memory"); }

    private static UnsupportedOperationException refused(String what) {
        return new UnsupportedOperationException("this is a recording: its " + what + " cannot be changed");
    }

    @Override public void insertBreakpoint(long address) { breakpoints.add(address); }

    @Override
    public void removeBreakpoint(long address) {
        breakpoints.remove(address);
        silent.remove(address);
    }

    @Override
    public void onBreakpointSilently(long address, BooleanSupplier action) {
        breakpoints.remove(address);
        silent.put(address, action);
    }

    @Override public int watchpointSlots() { return WATCH_SLOTS; }

    @Override
    public synchronized void setWatchpoint(int slot, long address, int length, WatchKind kind) {
        watches[slot] = new Watch(address, length, kind);
    }

    @Override public synchronized void clearWatchpoint(int slot) { watches[slot] = null; }

    @Override public void requestPause() {} // every request is answered by lookups: none runs long enough to pause

    @Override public void discardPause() {}

    @Override
    public CompletableFuture<StopEvent.Exited> kill() {
        killed = true;
        stdout.end();
        stderr.end();
        Signal s = trace.exitSignal() == 0 ? null : Signal.of(trace.exitSignal());
        return CompletableFuture.completedFuture(new StopEvent.Exited(trace.exitCode(), s));
    }

    @Override public String memoryMap() { return maps.at(now); }

    @Override public Path executable() { return trace.executable(); }

    @Override public LinkedHashMap<Long, Long> auxv() { return trace.initial().auxv(); }

    @Override public boolean exited() { return killed; }

    @Override
    public void close() {
        kill();
        index.close();
    }

    private long pc() {
        return index.pcAt(now);
    }

    private Stopped stop(Reason reason, long address) {
        return new Stopped(reason, tid, pc(), null, OptionalLong.empty(), List.of(address));
    }

    private static CompletableFuture<StopEvent> done(StopEvent stop) {
        return CompletableFuture.completedFuture(stop);
    }
}
