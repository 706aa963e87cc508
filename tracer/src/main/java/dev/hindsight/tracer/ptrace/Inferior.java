package dev.hindsight.tracer.ptrace;

import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.Signal;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.StopEvent.Reason;
import dev.hindsight.tracer.StopEvent.Stopped;
import dev.hindsight.tracer.backend.StepObserver;
import dev.hindsight.tracer.sys.ArmTlsRegisterSet;
import dev.hindsight.tracer.sys.FpsimdRegisterSet;
import dev.hindsight.tracer.sys.GeneralRegisterAccess;
import dev.hindsight.tracer.sys.NativeBuffer;
import dev.hindsight.tracer.sys.NativeException;
import dev.hindsight.tracer.sys.Ptrace;
import dev.hindsight.tracer.sys.Regs;
import dev.hindsight.tracer.sys.SigInfo;
import dev.hindsight.tracer.sys.Signals;
import dev.hindsight.tracer.sys.Syscall;
import dev.hindsight.tracer.sys.Wait;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * The engine-side state machine of one traced process: resuming, waiting, classifying stops,
 * all-stop, breakpoints. Every method runs on the inferior's {@link PtraceThread}.
 */
final class Inferior {
    /** Signals that stop the program where it faulted; every other signal is passed through. */
    private static final int[] REPORTED = {Signals.SIGSEGV, Signals.SIGFPE, Signals.SIGILL, Signals.SIGBUS,
            Signals.SIGABRT, Signals.SIGTRAP};
    private static final Architecture ARCH = Architecture.host();
    private static final int PC = ARCH.pcIndex();

    final int pid;
    final Map<Integer, TraceeThread> threads = new LinkedHashMap<>();
    final SoftwareBreakpoints breakpoints = new SoftwareBreakpoints();
    /** x86's GETREGS, FP and XSAVE transfers (also the general registers' path there). */
    final Regs regs = new Regs();
    private FpsimdRegisterSet fpsimd;

    /** AArch64's NT_FPREGSET transfers, made on first use. */
    FpsimdRegisterSet fpsimd() {
        if (fpsimd == null) fpsimd = new FpsimdRegisterSet();
        return fpsimd;
    }

    private ArmTlsRegisterSet tls;

    /** AArch64's NT_ARM_TLS transfers (the thread pointer), made on first use. */
    ArmTlsRegisterSet tls() {
        if (tls == null) tls = new ArmTlsRegisterSet();
        return tls;
    }

    /** The general registers, through the host architecture's path. */
    private final GeneralRegisterAccess gprs = GeneralRegisterAccess.of(ARCH, regs);
    final DebugRegisters watchpoints = DebugRegisters.forHost();
    ProcMemory memory;
    volatile boolean pauseRequested;
    volatile StopEvent.Exited exit;
    /** Set by {@link PtraceBackend#kill()} before its SIGKILL. */
    volatile boolean killed;
    volatile int[] threadSnapshot;

    /**
     * Threads we sent a SIGSTOP that they have not reported yet (from a pause on any thread, or
     * all-stop on the engine thread). One at most per thread: a second SIGSTOP sent after the
     * first was taken would stay pending and, not recognised later, be passed to the program as
     * its own, putting it in a group-stop.
     */
    private final Set<Integer> stopSignalled = ConcurrentHashMap.newKeySet();
    private volatile boolean executing;
    private volatile int steppingTid = -1;
    private long[] cachedRegs;
    private int cachedTid = -1;
    private final Deque<Stopped> deferred = new ArrayDeque<>();
    /**
     * Children of fork whose first stop came before their parent's fork event (the kernel does not
     * order the two; under load, as in a fork bomb, it happens often). They wait, stopped, for that
     * event, which says whether their memory is a copy (fork) or shared (vfork), and are let go then.
     */
    private final Set<Integer> forkChildrenSeenFirst = new java.util.HashSet<>();
    /** Breakpoints whose hits are the engine's business: their action runs and the program goes on. */
    final java.util.Map<Long, java.util.function.BooleanSupplier> silentBreakpoints = new java.util.HashMap<>();
    /** Addresses the engine planted (the rest of {@link #breakpoints} is a position being waited for). */
    private final java.util.Set<Long> engineBreakpoints = new java.util.HashSet<>();
    /** A position a replay waits for ({@link #stopAt}): its address, the action run when a thread traps there, -1 if none. */
    private long positionAddress = -1;
    private Runnable positionAction;
    private boolean positionPlanted;
    private final NativeBuffer status = NativeBuffer.allocate(8);
    private final NativeBuffer eventMsg = NativeBuffer.allocate(8);
    private final SigInfo siginfo = new SigInfo();
    private final IntConsumer threadStarted;
    private final IntConsumer threadExited;
    /** Sees syscalls and signals when installed (record, replay); null for normal debugging. */
    SyscallHook hook;
    final SyscallInjector injector = new SyscallInjector(this);
    private final NativeBuffer syscallInfo = NativeBuffer.allocate(88);

    Inferior(int pid, IntConsumer threadStarted, IntConsumer threadExited) {
        this.pid = pid;
        this.threadStarted = threadStarted;
        this.threadExited = threadExited;
        threads.put(pid, new TraceeThread(pid));
        memory = new ProcMemory(pid);
        insnCache = new InstructionCache(pid);
        snapshot();
    }

    private void snapshot() {
        threadSnapshot = threads.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    TraceeThread thread(int tid) {
        TraceeThread t = threads.get(tid);
        if (t == null) throw new IllegalArgumentException("no thread " + tid);
        return t;
    }

    /** Registers of a stopped thread, cached until it runs again. Do not modify the array. */
    long[] regsOf(int tid) {
        if (cachedTid != tid) {
            cachedRegs = gprs.get(tid);
            cachedTid = tid;
        }
        return cachedRegs;
    }

    long pcOf(int tid) {
        return regsOf(tid)[PC];
    }

    /** Forgets the register cache (the thread is about to run). */
    void forgetRegs() {
        cachedTid = -1;
    }

    /** A signal that arrived while the engine ran code of its own in {@code tid}: the program gets it later. */
    void keepSignal(int tid, int sig) {
        TraceeThread t = threads.get(tid);
        if (t == null) return;
        if (sig == Signals.SIGSTOP && consumeOurSigstop(t)) return;
        if (t.pendingSignal == 0) t.pendingSignal = sig;
    }

    /** PTRACE_CONT, or PTRACE_SYSCALL while a hook wants every system call (unless a seccomp filter stops them). */
    private int contRequest() {
        return hook != null && !hook.seccompStops() ? Ptrace.SYSCALL : Ptrace.CONT;
    }

    private static final int SYSCALL_STOP = Signals.SIGTRAP | 0x80;

    /** A syscall stop (TRACESYSGOOD): tells the hook; returns true at the exit stop. */
    private boolean syscallStop(TraceeThread t) {
        Ptrace.call(Ptrace.GET_SYSCALL_INFO, t.tid, 88, syscallInfo.address());
        int op = syscallInfo.getInt(0) & 0xff;
        if (syscallInfo.getInt(4) != ARCH.auditArch() && op != 0) {
            throw new IllegalStateException("a 32-bit system call (int 0x80) is not supported here");
        }
        if (op == 2) t.inFilteredCall = false;
        if (hook == null) return op == 2;
        if (op == 1) hook.entry(new Tracee(this, t.tid));
        else if (op == 2) hook.exit(new Tracee(this, t.tid));
        return op == 2;
    }

    /** Offers a signal-delivery stop to the hook (PASS without one). */
    private SyscallHook.SignalAction offerSignal(TraceeThread t, int sig) {
        if (hook == null) return SyscallHook.SignalAction.PASS;
        siginfo.read(t.tid);
        return hook.signal(new Tracee(this, t.tid), sig, siginfo);
    }

    /** Changes whenever the memory map may have (see {@link MapVersion}). */
    final MapVersion mapVersion = new MapVersion();
    private final byte[] insnBytes = new byte[16];
    private final InstructionCache insnCache;

    /** What the instruction at {@code pc} is, from one read of its bytes (a hook is installed). */
    private SyscallHook.Instruction instructionAt(long pc) {
        SyscallHook.Instruction known = insnCache.lookup(pc);
        if (known != null) return known;
        // Near the end of a mapping the read is short; what was read is classified.
        int n = memory.read(pc, insnBytes, 0, insnBytes.length);
        SyscallHook.Instruction kind = SyscallHook.Instruction.classify(insnBytes, n);
        insnCache.remember(pc, n, kind);
        return kind;
    }

    void setRegs(int tid, long[] values) {
        gprs.set(tid, values);
        cachedRegs = values.clone();
        cachedTid = tid;
    }

    /**
     * At an exec-event stop execve has not returned yet: rax still holds the kernel's -ENOSYS
     * placeholder, and a single-step from here would only reach the syscall's exit. Running to
     * the syscall-exit stop leaves the thread exactly at the program's first instruction.
     */
    void settleAfterExec(int tid) {
        cachedTid = -1;
        Ptrace.call(Ptrace.SYSCALL, tid, 0, 0);
        Wait.waitpid(tid, status, Wait.WALL);
        int s = status.getInt(0);
        if (!Wait.stopped(s) || (Wait.stopSignal(s) & 0x7f) != Signals.SIGTRAP) {
            throw new IllegalStateException("unexpected stop after exec: status 0x" + Integer.toHexString(s));
        }
    }

    private boolean consumeOurSigstop(TraceeThread t) {
        return stopSignalled.remove(t.tid);
    }

    /** Sends {@code tid} our SIGSTOP unless one is already on its way. Any thread. */
    private void sendStop(int tid) {
        if (stopSignalled.add(tid) && !Syscall.tgkill(pid, tid, Signals.SIGSTOP)) stopSignalled.remove(tid);
    }

    boolean exited() {
        return exit != null;
    }

    /** Adds threads found at attach time, which are already stopped. */
    void adoptThreads(Iterable<Integer> tids) {
        for (int tid : tids) threads.putIfAbsent(tid, new TraceeThread(tid));
        snapshot();
    }

    /** Lets the process go: our int3s and watchpoints out, every thread detached with its pending signal. */
    void detach() {
        if (exit != null) return;
        for (long address : breakpoints.addresses()) breakpoints.remove(memory, address);
        for (int i = 0; i < DebugRegisters.SLOTS; i++) watchpoints.clear(i);
        applyWatchpoints();
        for (TraceeThread t : threads.values()) Ptrace.tryCall(Ptrace.DETACH, t.tid, 0, t.pendingSignal);
        threads.clear();
        snapshot();
        memory.close();
    }

    // ---- breakpoints ----------------------------------------------------------------------

    void insertEngineBreakpoint(long address) {
        engineBreakpoints.add(address);
        breakpoints.insert(memory, address);
    }

    void removeEngineBreakpoint(long address) {
        engineBreakpoints.remove(address);
        if (address == positionAddress) {
            positionPlanted = true; // the position still needs its trap
            return;
        }
        breakpoints.remove(memory, address);
    }

    /**
     * Traps at {@code address} for a replay waiting for a recorded position (an asynchronous
     * signal's): whenever a thread is about to execute it while running, {@code action} runs on
     * this thread, every thread stopped, and the program goes on, unless the engine has a
     * breakpoint of its own there. One position at a time; a new one replaces the old.
     */
    void stopAt(long address, Runnable action) {
        clearStopAt();
        positionAddress = address;
        positionAction = action;
        if (!breakpoints.contains(address)) {
            breakpoints.insert(memory, address);
            positionPlanted = true;
        }
    }

    void clearStopAt() {
        if (positionAddress < 0) return;
        if (positionPlanted && !engineBreakpoints.contains(positionAddress)) breakpoints.remove(memory, positionAddress);
        positionAddress = -1;
        positionAction = null;
        positionPlanted = false;
    }

    // ---- single step ----------------------------------------------------------------------

    /** Executes one instruction of {@code tid}, other threads staying stopped. */
    StopEvent step(int tid) {
        return step(tid, true);
    }

    /** {@code alone}: a step of its own, not the first of a continue (stepping off a breakpoint). */
    private StopEvent step(int tid, boolean alone) {
        if (exit != null) return exit;
        TraceeThread t = thread(tid);
        if (skipOwnBreakInstruction(t)) return Stopped.simple(Reason.STEP, tid, pcOf(tid)); // the skip is the step, as in gdb
        long pc = pcOf(tid);
        boolean overBreakpoint = breakpoints.contains(pc);
        if (overBreakpoint) breakpoints.disarm(memory, pc);
        try {
            return singleStep(t, pc, alone);
        } finally {
            if (overBreakpoint && exit == null) breakpoints.rearm(memory, pc);
        }
    }

    private StopEvent singleStep(TraceeThread t, long pcBefore, boolean alone) {
        int sig = t.pendingSignal;
        t.pendingSignal = 0;
        SyscallHook.Instruction next = hook != null && sig == 0 ? instructionAt(pcBefore) : SyscallHook.Instruction.OTHER;
        if (hook != null && sig == 0) {
            if (hook.beforeStep(new Tracee(this, t.tid), next, alone)) return Stopped.simple(Reason.STEP, t.tid, pcOf(t.tid));
            sig = t.pendingSignal; // one that arrived while the hook injected: the program's, delivered now
            t.pendingSignal = 0;
        }
        // With a hook, a step over `syscall` runs to its exit stop so the hook sees both ends.
        int request = sig == 0 && next == SyscallHook.Instruction.SYSCALL ? Ptrace.SYSCALL : Ptrace.SINGLESTEP;
        resume(t, request, sig);
        while (true) {
            int tid = Wait.waitpid(-1, status, Wait.WALL);
            int s = status.getInt(0);
            if (tid != t.tid || !Wait.stopped(s) || Wait.event(s) != 0 || Wait.stopSignal(s) != Signals.SIGTRAP) {
                insnCache.forget(); // not a plain step: another thread, an event, a system call, a signal, an exit
                mapVersion.unusualStop();
            } else {
                mapVersion.plainStep(regsOf(tid));
            }
            if (tid != t.tid) {
                StopEvent other = handleBystander(tid, s);
                if (other != null) return other;
                continue;
            }
            t.running = false;
            if (Wait.exited(s) || Wait.signaled(s)) {
                StopEvent gone = threadGone(tid, s);
                if (gone != null) return gone;
                return reapUntilExit();
            }
            int event = Wait.event(s);
            int stopSig = Wait.stopSignal(s);
            if (event != 0) {
                StopEvent e = handleEvent(t, event, stopSig);
                if (e != null) return e;
                resume(t, request, 0);
                continue;
            }
            if (stopSig == SYSCALL_STOP) {
                if (syscallStop(t) && request == Ptrace.SYSCALL) return Stopped.simple(Reason.STEP, tid, pcOf(tid));
                resume(t, request, 0);
                continue;
            }
            if (stopSig == Signals.SIGTRAP) {
                // A step that left the pc other than where a breakpoint instruction at pcBefore would
                // (x86: one byte on; AArch64: on it) cannot have been the program's own breakpoint
                // instruction, so the common case needs no GETSIGINFO (a step costs ~20us; that's ~1.5).
                long pcAfter = pcOf(tid);
                if (watchpoints.anyActive()) {
                    Stopped hit = watchpointStop(t);
                    if (hit != null) return hit;
                }
                if (ARCH.breakpointAddress(pcAfter) != pcBefore) return Stopped.simple(Reason.STEP, tid, pcAfter);
                siginfo.read(tid);
                int code = siginfo.code();
                // TRAP_TRACE: the step itself; TRAP_BRKPT: a step over `syscall` (the kernel reports
                // it so) on x86, the program's own BRK on AArch64 (the pc left on it); SI_KERNEL: the
                // program executed its own int3.
                if (code == SigInfo.TRAP_BRKPT && ARCH.breakpointAddress(pcAfter) == pcAfter) return signalStop(t, Signals.SIGTRAP);
                if (code == SigInfo.TRAP_TRACE || code == SigInfo.TRAP_BRKPT || code == SigInfo.TRAP_HWBKPT) {
                    return Stopped.simple(Reason.STEP, tid, pcOf(tid));
                }
                return signalStop(t, Signals.SIGTRAP);
            }
            if (stopSig == Signals.SIGSTOP && consumeOurSigstop(t)) {
                if (pauseRequested) {
                    pauseRequested = false;
                    return Stopped.simple(Reason.PAUSE, tid, pcOf(tid));
                }
                resume(t, request, 0);
                continue;
            }
            SyscallHook.SignalAction action = offerSignal(t, stopSig);
            if (action == SyscallHook.SignalAction.EMULATED) return Stopped.simple(Reason.STEP, tid, pcOf(tid));
            if (action == SyscallHook.SignalAction.SUPPRESS) {
                resume(t, request, 0);
                continue;
            }
            if (isReported(stopSig)) return signalStop(t, stopSig);
            // Passed through: the step continues into the program's handler, as under gdb.
            resume(t, Ptrace.SINGLESTEP, stopSig);
        }
    }

    /** Steps up to {@code max} instructions on the engine thread, with an observer per step. */
    StopEvent trace(int tid, long max, StepObserver observer) {
        StopEvent last = null;
        for (long i = 1; i <= max; i++) {
            if (pauseRequested) {
                pauseRequested = false;
                return Stopped.simple(Reason.PAUSE, tid, pcOf(tid));
            }
            last = step(tid);
            if (!(last instanceof Stopped st) || st.reason() != Reason.STEP) return last;
            // Not copied: the cached array is never modified (regsOf), and Registers hands out copies only.
            if (!observer.afterStep(i, new Registers(ARCH, regsOf(tid)))) return last;
        }
        return last;
    }

    // ---- continue -------------------------------------------------------------------------

    /** Runs every thread until something worth reporting happens, then stops them all. */
    StopEvent proceed(int currentTid) {
        if (exit != null) return exit;
        if (!deferred.isEmpty()) return deferred.poll();
        TraceeThread current = threads.get(currentTid);
        if (hook != null) hook.beforeContinue(new Tracee(this, current != null ? currentTid : pid));
        StopEvent early = resumeAll(currentTid);
        return early != null ? early : waitForStop();
    }

    /** Steps {@code currentTid} off a breakpoint it stands on, then lets every thread run; a stop on the way is returned. */
    private StopEvent resumeAll(int currentTid) {
        TraceeThread current = threads.get(currentTid);
        if (current != null && breakpoints.contains(pcOf(currentTid))) {
            StopEvent e = step(currentTid, false);
            if (!(e instanceof Stopped st) || st.reason() != Reason.STEP) return e;
        }
        for (TraceeThread t : new ArrayList<>(threads.values())) {
            if (!t.running && !t.awaitingFirstStop) {
                skipOwnBreakInstruction(t);
                int sig = t.pendingSignal;
                t.pendingSignal = 0;
                resume(t, contRequest(), sig);
            }
        }
        if (pauseRequested) interruptAll();
        return null;
    }

    private StopEvent waitForStop() {
        while (true) {
            int tid = Wait.waitpid(-1, status, Wait.WALL);
            int s = status.getInt(0);
            StopEvent e = classifyWhileRunning(tid, s);
            if (e instanceof Stopped st) {
                stopAll(st.tid());
                if (st.reason() == Reason.BREAKPOINT && st.pc() == positionAddress) {
                    positionAction.run();
                    if (!engineBreakpoints.contains(st.pc()) && !silentBreakpoints.containsKey(st.pc())) {
                        // Not there yet (or there, and the signal now pending): on, without a frame per hit.
                        StopEvent early = resumeAll(st.tid());
                        if (early != null) return early;
                        continue;
                    }
                }
                var silent = st.reason() == Reason.BREAKPOINT ? silentBreakpoints.get(st.pc()) : null;
                if (silent == null || silent.getAsBoolean()) return st;
                // Steps the thread over the int3 and lets everyone run again (or reports what another thread did meanwhile).
                return proceed(st.tid());
            }
            if (e != null) return e;
        }
    }

    /** One waitpid result while running; null means "keep going" (the thread was resumed if needed). */
    private StopEvent classifyWhileRunning(int tid, int s) {
        TraceeThread t = threads.get(tid);
        if (Wait.exited(s) || Wait.signaled(s)) {
            return threadGone(tid, s);
        }
        if (t == null) {
            if (isForkChild(tid)) return null;
            // A new thread's first stop can arrive before its parent's clone event.
            t = addThread(tid);
        }
        t.running = false;
        int event = Wait.event(s);
        int sig = Wait.stopSignal(s);
        if (event == Ptrace.EVENT_SECCOMP && hook != null && hook.seccompStops()) {
            // The entry of a call the filter stops: the hook sees it, then its exit stop.
            hook.entry(new Tracee(this, t.tid));
            t.inFilteredCall = true;
            resume(t, Ptrace.SYSCALL, 0);
            return null;
        }
        if (event != 0) {
            StopEvent e = handleEvent(t, event, sig);
            if (e != null) return e;
            if (!t.awaitingFirstStop) resume(t, t.inFilteredCall ? Ptrace.SYSCALL : contRequest(), 0);
            return null;
        }
        if (sig == SYSCALL_STOP) {
            syscallStop(t);
            resume(t, contRequest(), 0);
            return null;
        }
        if (sig == Signals.SIGTRAP) {
            long pc = pcOf(tid);
            long trapped = ARCH.breakpointAddress(pc);
            if (breakpoints.contains(trapped)) return breakpointStop(t, trapped);
            siginfo.read(tid);
            if (siginfo.code() == SigInfo.TRAP_HWBKPT) {
                Stopped hit = watchpointStop(t);
                if (hit != null) return hit;
            }
            if (siginfo.code() == SigInfo.TRAP_TRACE || siginfo.code() == SigInfo.TRAP_HWBKPT) {
                resume(t, contRequest(), 0);
                return null;
            }
            return signalStop(t, sig);
        }
        if (sig == Signals.SIGSTOP && consumeOurSigstop(t)) {
            if (pauseRequested) {
                pauseRequested = false;
                return Stopped.simple(Reason.PAUSE, tid, pcOf(tid));
            }
            resume(t, contRequest(), 0);
            return null;
        }
        SyscallHook.SignalAction action = offerSignal(t, sig);
        if (action != SyscallHook.SignalAction.PASS) {
            resume(t, contRequest(), 0);
            return null;
        }
        if (isReported(sig)) return signalStop(t, sig);
        resume(t, contRequest(), sig);
        return null;
    }

    /**
     * A data watchpoint fired on {@code t}: the pc is after the accessing instruction. Where the
     * trap comes before the access (AArch64), the access is stepped over with the slots off first,
     * as gdb does, so the stop shows the new value as on x86.
     */
    private Stopped watchpointStop(TraceeThread t) {
        long accessed = 0;
        if (watchpoints.trapsBeforeAccess()) {
            siginfo.read(t.tid);
            if (siginfo.code() != SigInfo.TRAP_HWBKPT) return null;
            accessed = siginfo.address();
        }
        int slot = watchpoints.takeFired(t.tid, accessed);
        if (slot < 0) return null;
        if (watchpoints.trapsBeforeAccess() && !stepOverAccess(t)) return null;
        return new Stopped(Reason.WATCHPOINT, t.tid, pcOf(t.tid), null, OptionalLong.empty(),
                List.of(watchpoints.address(slot)));
    }

    /** Single-steps the access that trapped with the slots off in that thread; false when the thread ended meanwhile. */
    private boolean stepOverAccess(TraceeThread t) {
        mapVersion.unusualStop(); // rare (AArch64's watchpoints): not worth telling what was stepped
        watchpoints.disable(t.tid);
        resume(t, Ptrace.SINGLESTEP, 0);
        int tid = Wait.waitpid(t.tid, status, Wait.WALL);
        int s = status.getInt(0);
        t.running = false;
        if (Wait.exited(s) || Wait.signaled(s)) {
            threadGone(tid, s);
            return false;
        }
        int sig = Wait.stopSignal(s);
        if (Wait.event(s) == 0 && sig != Signals.SIGTRAP && !(sig == Signals.SIGSTOP && consumeOurSigstop(t))) t.pendingSignal = sig;
        watchpoints.apply(t.tid);
        return true;
    }

    /** Programs the watchpoint slots into every thread (all are stopped). */
    void applyWatchpoints() {
        for (TraceeThread t : threads.values()) if (!t.awaitingFirstStop) watchpoints.apply(t.tid);
    }

    private Stopped breakpointStop(TraceeThread t, long address) {
        long[] r = regsOf(t.tid).clone();
        r[PC] = address;
        setRegs(t.tid, r);
        return new Stopped(Reason.BREAKPOINT, t.tid, address, null, OptionalLong.empty(), List.of(address));
    }

    /** Moves a thread stopped on the program's own BRK past it (unless its pc was changed since); true if it did. */
    private boolean skipOwnBreakInstruction(TraceeThread t) {
        long at = t.atOwnBreakInstruction;
        t.atOwnBreakInstruction = -1;
        if (at == -1 || pcOf(t.tid) != at) return false;
        long[] r = regsOf(t.tid).clone();
        r[PC] = at + ARCH.breakpointInstruction().length;
        setRegs(t.tid, r);
        return true;
    }

    private Stopped signalStop(TraceeThread t, int sig) {
        siginfo.read(t.tid);
        Signal signal = Signal.of(sig);
        OptionalLong fault = (sig == Signals.SIGSEGV || sig == Signals.SIGBUS || sig == Signals.SIGFPE
                || sig == Signals.SIGILL) ? OptionalLong.of(siginfo.address()) : OptionalLong.empty();
        // gdb passes a fault on resume (so the program's handler or death follows) but not SIGTRAP.
        t.pendingSignal = sig == Signals.SIGTRAP ? 0 : sig;
        long pc = pcOf(t.tid);
        if (sig == Signals.SIGTRAP && siginfo.code() == SigInfo.TRAP_BRKPT && ARCH.breakpointAddress(pc) == pc) {
            t.atOwnBreakInstruction = pc;
        }
        return new Stopped(Reason.SIGNAL, t.tid, pcOf(t.tid), signal, fault, List.of());
    }

    // ---- all-stop -------------------------------------------------------------------------

    /** Stops every running thread but {@code except}, keeping what they report meanwhile. */
    void stopAll(int except) {
        for (TraceeThread t : threads.values()) {
            if (t.tid != except && t.running && !t.awaitingFirstStop) sendStop(t.tid);
        }
        while (true) {
            TraceeThread waiting = threads.values().stream().filter(x -> x.tid != except && x.running).findFirst().orElse(null);
            if (waiting == null) return;
            int tid = Wait.waitpid(waiting.tid, status, Wait.WALL);
            int s = status.getInt(0);
            TraceeThread t = threads.get(tid);
            if (Wait.exited(s) || Wait.signaled(s)) {
                threadGone(tid, s);
                continue;
            }
            t.running = false;
            int event = Wait.event(s);
            int sig = Wait.stopSignal(s);
            if (event != 0) {
                handleEvent(t, event, sig);
                continue;
            }
            if (sig == Signals.SIGSTOP && consumeOurSigstop(t)) {
                // ours, swallowed
            } else if (sig == Signals.SIGTRAP && breakpoints.contains(ARCH.breakpointAddress(pcOf(tid)))) {
                breakpointStop(t, ARCH.breakpointAddress(pcOf(tid))); // rewound: it will hit the breakpoint again when resumed
            } else if (isReported(sig)) {
                deferred.add(signalStop(t, sig));
            } else {
                t.pendingSignal = sig;
            }
        }
    }

    private void interruptAll() {
        for (TraceeThread t : threads.values()) {
            if (t.running) sendStop(t.tid);
        }
    }

    /** From any thread: make the running program stop soon with a pause; no-op when stopped. */
    void requestPause() {
        if (exit != null) return;
        // Latched before the check: a pause that arrives before the engine thread has begun the
        // resumption is taken by it (proceed interrupts right after resuming; steps see the flag).
        pauseRequested = true;
        if (!executing) return;
        int stepping = steppingTid;
        int[] targets = stepping > 0 ? new int[] {stepping} : threadSnapshot;
        for (int tid : targets) sendStop(tid);
    }

    /** Forgets a pause that arrived after the last resumption ended; called before the next begins. */
    void discardPause() {
        if (!executing) pauseRequested = false;
    }

    /** Marks the start and end of a resumption, so pause knows whether there is anything to stop. */
    StopEvent running(int stepTid, java.util.function.Supplier<StopEvent> body) {
        steppingTid = stepTid;
        executing = true;
        try {
            return body.get();
        } finally {
            executing = false;
            steppingTid = -1;
            pauseRequested = false;
        }
    }

    // ---- events ---------------------------------------------------------------------------

    private StopEvent handleEvent(TraceeThread t, int event, int sig) {
        switch (event) {
            case Ptrace.EVENT_CLONE -> {
                int child = eventMessage(t.tid);
                if (!threads.containsKey(child)) {
                    TraceeThread c = addThread(child);
                    c.awaitingFirstStop = true;
                    c.running = true;
                }
                return null;
            }
            case Ptrace.EVENT_STOP -> {
                if (t.awaitingFirstStop) {
                    t.awaitingFirstStop = false;
                    t.running = false;
                    if (watchpoints.anyActive()) watchpoints.apply(t.tid);
                    return null;
                }
                if (sig == Signals.SIGSTOP || sig == Signals.SIGTSTP || sig == Signals.SIGTTIN || sig == Signals.SIGTTOU) {
                    // Group-stop from the program's own stop signal: leave it stopped until SIGCONT.
                    Ptrace.tryCall(Ptrace.LISTEN, t.tid, 0, 0);
                    t.running = true;
                }
                return null;
            }
            case Ptrace.EVENT_FORK, Ptrace.EVENT_VFORK -> {
                detachChild(eventMessage(t.tid), event == Ptrace.EVENT_FORK);
                return null;
            }
            case Ptrace.EVENT_EXEC -> {
                memory.close();
                memory = new ProcMemory(pid);
                breakpoints.clear();
                threads.keySet().removeIf(tid -> tid != t.tid);
                settleAfterExec(t.tid);
                return Stopped.simple(Reason.EXEC, t.tid, pcOf(t.tid));
            }
            default -> {
                return null;
            }
        }
    }

    /** Children of fork are not debugged: take our breakpoints out of their copy and let go. */
    private void detachChild(int child, boolean separateMemory) {
        if (!forkChildrenSeenFirst.remove(child)) Wait.waitpid(child, status, Wait.WALL);
        if (hook != null) {
            hook.forked(new Tracee(this, child));
            if (cachedTid == child) cachedTid = -1;
        }
        if (separateMemory && !breakpoints.isEmpty()) {
            try (ProcMemory childMem = new ProcMemory(child)) {
                breakpoints.restoreOriginalsIn(childMem);
            }
        }
        Ptrace.tryCall(Ptrace.DETACH, child, 0, 0);
    }

    private int eventMessage(int tid) {
        Ptrace.call(Ptrace.GETEVENTMSG, tid, 0, eventMsg.address());
        return (int) eventMsg.getLong(0);
    }

    /**
     * Whether an unknown tracee that just stopped is another process (a fork child reported before
     * its parent's fork event) rather than a new thread of ours; such a child is kept stopped for
     * {@link #detachChild}.
     */
    private boolean isForkChild(int tid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + tid + "/status"))) {
                if (line.startsWith("Tgid:")) {
                    if (Integer.parseInt(line.substring(5).trim()) == pid) return false;
                    forkChildrenSeenFirst.add(tid);
                    return true;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // gone already: treat as ours, its exit is reported next
        }
        return false;
    }

    private TraceeThread addThread(int tid) {
        TraceeThread t = new TraceeThread(tid);
        threads.put(tid, t);
        snapshot();
        threadStarted.accept(tid);
        return t;
    }

    /** A thread ended; returns the process's exit when it was the last one. */
    private StopEvent threadGone(int tid, int s) {
        stopSignalled.remove(tid);
        if (tid == pid) {
            exit = Wait.exited(s) ? new StopEvent.Exited(Wait.exitCode(s), null)
                    : new StopEvent.Exited(128 + Wait.termSignal(s), Signal.of(Wait.termSignal(s)));
            threads.clear();
            snapshot();
            return exit;
        }
        if (threads.remove(tid) != null) {
            snapshot();
            threadExited.accept(tid);
        }
        return null;
    }

    /** An event from a thread other than the one stepping (it can only be an ending). */
    private StopEvent handleBystander(int tid, int s) {
        if (Wait.exited(s) || Wait.signaled(s)) return threadGone(tid, s);
        TraceeThread t = threads.get(tid);
        if (t == null) {
            if (isForkChild(tid)) return null;
            t = addThread(tid);
        }
        t.running = false;
        int event = Wait.event(s);
        if (event != 0) {
            handleEvent(t, event, Wait.stopSignal(s));
        } else if (Wait.stopSignal(s) == Signals.SIGSTOP && consumeOurSigstop(t)) {
            // ours, swallowed
        } else {
            t.pendingSignal = Wait.stopSignal(s);
        }
        return null;
    }

    StopEvent.Exited reapUntilExit() {
        while (exit == null) {
            int tid = Wait.waitpid(-1, status, Wait.WALL);
            int s = status.getInt(0);
            if (Wait.exited(s) || Wait.signaled(s)) {
                threadGone(tid, s);
            } else {
                Ptrace.tryCall(Ptrace.CONT, tid, 0, 0);
            }
        }
        return exit;
    }

    private void resume(TraceeThread t, int request, int sig) {
        if (cachedTid == t.tid) cachedTid = -1;
        int r = Ptrace.tryCall(request, t.tid, 0, sig);
        // A SIGKILL from kill() can take the thread out of its ptrace-stop before we resume it:
        // it is dying, and waitpid reports its end.
        if (r != 0 && !(r == -NativeException.ESRCH && killed)) {
            throw new NativeException("ptrace(" + request + ", " + t.tid + ")", -r);
        }
        t.running = true;
    }

    private static boolean isReported(int sig) {
        for (int r : REPORTED) if (r == sig) return true;
        return false;
    }
}
