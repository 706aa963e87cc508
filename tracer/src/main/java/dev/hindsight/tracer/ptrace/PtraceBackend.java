package dev.hindsight.tracer.ptrace;

import dev.hindsight.tracer.arch.Architecture;
import dev.hindsight.tracer.arch.X86_64;
import dev.hindsight.tracer.regs.FpRegisters;
import dev.hindsight.tracer.regs.FpsimdRegisters;
import dev.hindsight.tracer.regs.XstateLayout;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.backend.Backend;
import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.backend.StepObserver;
import dev.hindsight.tracer.sys.Files;
import dev.hindsight.tracer.sys.NativeBuffer;
import dev.hindsight.tracer.sys.NativeException;
import dev.hindsight.tracer.sys.Wait;
import dev.hindsight.tracer.sys.Ptrace;
import dev.hindsight.tracer.sys.Signals;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/** The live ptrace backend; every call is carried out on the inferior's own {@link PtraceThread}. */
public final class PtraceBackend implements Backend {
    /** Whether the host is x86-64 (its FP state is FXSAVE/XSAVE; AArch64's is NT_FPREGSET). */
    private static final boolean X86 = Architecture.host() == X86_64.INSTANCE;
    private final PtraceThread engine;
    private final Inferior inferior;
    private final int[] stdioFds;
    private int terminalFd = -1;
    private final boolean attached;
    /** Our own child when the program runs confined (the sandbox's outer process), else the program. */
    private final int outerPid;
    private volatile boolean closed;

    private PtraceBackend(PtraceThread engine, Inferior inferior, int[] stdioFds, boolean attached, int outerPid) {
        this.engine = engine;
        this.inferior = inferior;
        this.stdioFds = stdioFds;
        this.attached = attached;
        this.outerPid = outerPid;
    }

    /** Attaches to a running process and stops all its threads; closing detaches instead of killing. */
    public static PtraceBackend attach(int pid, IntConsumer threadStarted, IntConsumer threadExited) {
        PtraceThread engine = new PtraceThread(false);
        try {
            return engine.call(() -> {
                java.util.Set<Integer> tids = Attacher.attach(pid);
                Inferior inf = new Inferior(pid, threadStarted, threadExited);
                inf.adoptThreads(tids);
                return new PtraceBackend(engine, inf, new int[] {-1, -1, -1}, true, pid);
            });
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** Whether the process was attached to (and is detached, not killed, at close). */
    public boolean attached() {
        return attached;
    }

    /**
     * Starts the program stopped at its first instruction (the dynamic loader's entry for a
     * dynamic executable). Thread listeners are called on the engine thread.
     */
    public static PtraceBackend launch(LaunchSpec spec, IntConsumer threadStarted, IntConsumer threadExited) {
        PtraceThread engine = new PtraceThread(spec.pinCpu());
        try {
            return engine.call(() -> {
                Spawner.Spawned s = Spawner.spawn(spec);
                Inferior inf = new Inferior(s.pid(), threadStarted, threadExited);
                inf.settleAfterExec(s.pid());
                if (spec.terminal() != null) TerminalSession.takeControllingTerminal(inf, s.pid(), spec.terminal());
                PtraceBackend b = new PtraceBackend(engine, inf, new int[] {s.stdinFd(), s.stdoutFd(), s.stderrFd()}, false, s.outerPid());
                b.terminalFd = s.terminalFd();
                return b;
            });
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * Installs (or, with null, removes) the hook that sees every system call and signal; while
     * one is installed the program runs from syscall stop to syscall stop (see {@link SyscallHook}).
     */
    public void setSyscallHook(SyscallHook hook) {
        engine.run(() -> {
            inferior.hook = hook;
            for (int tid : inferior.threadSnapshot) {
                Ptrace.call(Ptrace.SETOPTIONS, tid, 0, Spawner.OPTIONS | Ptrace.O_TRACESYSGOOD | Ptrace.O_TRACESECCOMP);
            }
        });
    }

    /** Runs {@code work} on the ptrace thread with a stopped thread of the program (injections, raw access). */
    public <T> T withTracee(int tid, java.util.function.Function<Tracee, T> work) {
        return engine.call(() -> work.apply(new Tracee(inferior, tid)));
    }

    /** Maps the injector's scratch page now (the recorder and the replayer do so first, alike). */
    public void mapScratch(int tid) {
        engine.run(() -> inferior.injector.mapScratch(tid));
    }

    /**
     * Forks the stopped program by injecting fork(2) into {@code tid} and leaves the child stopped
     * (in a group-stop, not traced) with the registers the parent has now, for
     * {@link #adopt} on another thread. Returns the child's pid.
     */
    public int forkStopped(int tid) {
        return engine.call(() -> {
            long[] regs = inferior.regsOf(tid).clone();
            long child = inferior.injector.inject(tid, 57);
            List<Integer> forked = inferior.injector.takeChildren();
            if (child <= 0) throw new IllegalStateException("fork for a checkpoint failed: errno " + -child);
            // fork's result is the child's pid in the program's PID namespace; the fork event's is
            // ours. They differ when the program runs confined (a namespace of its own).
            int pid = forked.size() == 1 ? forked.get(0) : (int) child;
            NativeBuffer status = NativeBuffer.allocate(8);
            Wait.waitpid(pid, status, Wait.WALL);
            Ptrace.call(Ptrace.SETREGS, pid, 0, toNative(regs).address());
            // Only at a signal-delivery stop does DETACH hand a signal over: stop it with one first.
            dev.hindsight.tracer.sys.Syscall.tgkill(pid, pid, Signals.SIGSTOP);
            while (true) {
                Ptrace.call(Ptrace.CONT, pid, 0, 0);
                Wait.waitpid(pid, status, Wait.WALL);
                int s = status.getInt(0);
                if (Wait.stopped(s) && Wait.event(s) == 0 && Wait.stopSignal(s) == Signals.SIGSTOP) break;
                if (!Wait.stopped(s)) throw new IllegalStateException("the checkpoint process ended");
            }
            Ptrace.call(Ptrace.DETACH, pid, 0, Signals.SIGSTOP);
            return pid;
        });
    }

    private static NativeBuffer toNative(long[] regs) {
        NativeBuffer b = NativeBuffer.allocate(regs.length * 8L);
        b.writeLongs(0, regs, 0, regs.length);
        return b;
    }

    /**
     * Traces a process left stopped by {@link #forkStopped} on a ptrace thread of its own; it has
     * the scratch page of its parent. Killed when closed.
     */
    public static PtraceBackend adopt(int pid, boolean pinCpu) {
        PtraceThread engine = new PtraceThread(pinCpu);
        try {
            return engine.call(() -> {
                Ptrace.call(Ptrace.SEIZE, pid, 0, Spawner.OPTIONS | Ptrace.O_TRACESYSGOOD);
                NativeBuffer status = NativeBuffer.allocate(8);
                Wait.waitpid(pid, status, Wait.WALL);
                if (!Wait.stopped(status.getInt(0))) throw new IllegalStateException("the checkpoint process ended");
                // The copy runs where its parent ran; a step costs several times more when the
                // tracee and this thread sit on different CPUs (measured: 80 against 25 us).
                if (pinCpu) {
                    try {
                        dev.hindsight.tracer.sys.Sched.setAffinityOf(pid, dev.hindsight.tracer.sys.Sched.allowedCpus());
                    } catch (dev.hindsight.tracer.sys.NativeException e) {
                        // only speed is lost
                    }
                }
                Inferior inf = new Inferior(pid, t -> {}, t -> {});
                inf.injector.assumeMapped();
                return new PtraceBackend(engine, inf, new int[] {-1, -1, -1}, false, pid);
            });
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** Our ends of the program's stdin, stdout and stderr pipes; -1 where not piped. Caller owns them. */
    /** Our master of the program's new pseudo-terminal (the caller takes it), or -1. */
    public int terminalFd() {
        return terminalFd;
    }

    public int[] stdioFds() {
        return stdioFds.clone();
    }

    @Override
    public int pid() {
        return inferior.pid;
    }

    @Override
    public List<Integer> threads() {
        return Arrays.stream(inferior.threadSnapshot).boxed().toList();
    }

    @Override
    public Registers registers(int tid) {
        return engine.call(() -> new Registers(inferior.regsOf(tid).clone()));
    }

    @Override
    public void setRegisters(int tid, Registers registers) {
        engine.run(() -> inferior.setRegs(tid, registers.raw()));
    }

    @Override
    public FpRegisters fpRegisters(int tid) {
        if (!X86) throw new UnsupportedOperationException("x87/SSE/AVX state is x86-64's; " + Architecture.host().name() + " has fpsimdRegisters");
        return engine.call(() -> XstateLayout.host().registers(inferior.regs.getFp(tid), inferior.regs.getXstate(tid)));
    }

    /**
     * The thread's fxsave image alone: one PTRACE_GETFPREGS, where {@link #fpRegisters} also reads
     * the whole xsave area (a build reads the image after every instruction that may change it).
     */
    public byte[] fxsaveImage(int tid) {
        if (!X86) throw new UnsupportedOperationException("the fxsave image is x86-64's");
        return engine.call(() -> inferior.regs.getFp(tid));
    }

    @Override
    public void setFpRegisters(int tid, FpRegisters registers) {
        if (!X86) throw new UnsupportedOperationException("x87/SSE/AVX state is x86-64's; " + Architecture.host().name() + " has fpsimdRegisters");
        engine.run(() -> {
            inferior.regs.setFp(tid, registers.fxsaveImage());
            if (registers.hasAvx()) {
                byte[] area = inferior.regs.getXstate(tid); // after SETFPREGS: its legacy area is the new one
                XstateLayout.host().write(area, registers);
                inferior.regs.setXstate(tid, area);
            }
        });
    }


    @Override
    public FpsimdRegisters fpsimdRegisters(int tid) {
        if (X86) return Backend.super.fpsimdRegisters(tid);
        return engine.call(() -> new FpsimdRegisters(inferior.fpsimd().get(tid)));
    }

    @Override
    public void setFpsimdRegisters(int tid, FpsimdRegisters registers) {
        if (X86) Backend.super.setFpsimdRegisters(tid, registers);
        engine.run(() -> inferior.fpsimd().set(tid, registers.image()));
    }

    @Override
    public long threadPointer(int tid) {
        if (X86) return Backend.super.threadPointer(tid);
        return engine.call(() -> inferior.tls().threadPointer(tid));
    }

    @Override
    public int readMemory(long address, byte[] buffer, int offset, int length) {
        return engine.call(() -> {
            int n = inferior.memory.read(address, buffer, offset, length);
            inferior.breakpoints.hide(address, buffer, offset, n);
            return n;
        });
    }

    @Override
    public void writeMemory(long address, byte[] data) {
        engine.run(() -> {
            if (!inferior.memory.write(address, data, 0, data.length)) {
                throw new IllegalArgumentException("cannot write " + data.length + " bytes at 0x" + Long.toHexString(address));
            }
            inferior.breakpoints.afterWrite(inferior.memory, address, data);
        });
    }

    /**
     * While the program runs the engine thread waits in waitpid, so this reads /proc/PID/mem on the
     * caller's thread, through a descriptor of its own (no ptrace call: a running tracee's memory
     * is readable without stopping it), breakpoints hidden as always.
     */
    @Override
    public int readMemoryWhileRunning(long address, byte[] buffer, int offset, int length) {
        if (engine.isCurrent()) return readMemory(address, buffer, offset, length);
        try (ProcMemory memory = new ProcMemory(inferior.pid)) {
            int n = memory.read(address, buffer, offset, length);
            inferior.breakpoints.hide(address, buffer, offset, n);
            return n;
        }
    }

    /**
     * As {@link #readMemoryWhileRunning}; a write over a planted breakpoint is refused (the engine
     * thread may be stepping over it, and owns its saved byte).
     */
    @Override
    public void writeMemoryWhileRunning(long address, byte[] data) {
        if (engine.isCurrent()) {
            writeMemory(address, data);
            return;
        }
        if (inferior.breakpoints.anyIn(address, data.length)) {
            throw new IllegalArgumentException("cannot write over a breakpoint at 0x" + Long.toHexString(address) + " while the program runs");
        }
        try (ProcMemory memory = new ProcMemory(inferior.pid)) {
            if (!memory.write(address, data, 0, data.length)) {
                throw new IllegalArgumentException("cannot write " + data.length + " bytes at 0x" + Long.toHexString(address));
            }
        }
    }

    @Override
    public void insertBreakpoint(long address) {
        engine.run(() -> inferior.insertEngineBreakpoint(address));
    }

    @Override
    public void removeBreakpoint(long address) {
        engine.run(() -> inferior.removeEngineBreakpoint(address));
    }

    @Override
    public int watchpointSlots() {
        return DebugRegisters.SLOTS;
    }

    @Override
    public void setWatchpoint(int slot, long address, int length, dev.hindsight.tracer.breakpoints.WatchKind kind) {
        engine.run(() -> {
            inferior.watchpoints.set(slot, address, length, kind);
            inferior.applyWatchpoints();
        });
    }

    @Override
    public void clearWatchpoint(int slot) {
        engine.run(() -> {
            inferior.watchpoints.clear(slot);
            inferior.applyWatchpoints();
        });
    }

    @Override
    public void onBreakpointSilently(long address, java.util.function.BooleanSupplier action) {
        engine.run(() -> inferior.silentBreakpoints.put(address, action));
    }

    @Override
    public CompletableFuture<StopEvent> resume(Resume request) {
        return engine.submit(() -> switch (request.kind()) {
            case STEP_INSTRUCTION -> inferior.running(request.tid(), () -> inferior.step(request.tid()));
            case CONTINUE -> inferior.running(-1, () -> inferior.proceed(request.tid()));
        });
    }

    @Override
    public CompletableFuture<StopEvent> trace(int tid, long maxSteps, StepObserver observer) {
        return engine.submit(() -> inferior.running(tid, () -> inferior.trace(tid, maxSteps, observer)));
    }

    @Override
    public void requestPause() {
        inferior.requestPause();
    }

    @Override
    public void discardPause() {
        inferior.discardPause();
    }

    @Override
    public CompletableFuture<StopEvent.Exited> kill() {
        StopEvent.Exited exit = inferior.exit;
        if (exit != null) return CompletableFuture.completedFuture(exit);
        inferior.killed = true;
        Signals.kill(inferior.pid, Signals.SIGKILL, true);
        // Queued behind a pending resumption, which reaps the death itself and completes first.
        return engine.submit(inferior::reapUntilExit);
    }

    @Override
    public String memoryMap() throws java.io.IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + inferior.pid + "/maps"));
    }

    @Override
    public long memoryMapVersion() {
        return inferior.mapVersion.current();
    }

    @Override
    public java.nio.file.Path executable() throws java.io.IOException {
        java.nio.file.Path link = java.nio.file.Path.of("/proc/" + inferior.pid + "/exe");
        try {
            return link.toRealPath();
        } catch (java.nio.file.NoSuchFileException e) {
            // Deleted or replaced by a rebuild: the link names "PATH (deleted)", which is nowhere.
            String target = java.nio.file.Files.readSymbolicLink(link).toString();
            String deleted = dev.hindsight.tracer.elf.ModuleMap.DELETED;
            if (!target.endsWith(deleted)) throw e;
            return java.nio.file.Path.of(target.substring(0, target.length() - deleted.length()));
        }
    }

    /**
     * The mapped inode itself: /proc/PID/map_files (opening it needs CAP_SYS_ADMIN), else, for the
     * executable, /proc/PID/exe (ptrace access suffices).
     */
    @Override
    public java.util.Optional<java.nio.file.Path> mappedFile(dev.hindsight.tracer.elf.ProcMaps.Mapping m) {
        java.nio.file.Path mapped = java.nio.file.Path.of("/proc/" + inferior.pid + "/map_files/"
                + Long.toHexString(m.start()) + "-" + Long.toHexString(m.end()));
        if (java.nio.file.Files.isReadable(mapped)) return java.util.Optional.of(mapped);
        java.nio.file.Path exe = java.nio.file.Path.of("/proc/" + inferior.pid + "/exe");
        try {
            Object inode = java.nio.file.Files.getAttribute(exe, "unix:ino");
            if (inode instanceof Long n && n == m.inode()) return java.util.Optional.of(exe);
        } catch (java.io.IOException | UnsupportedOperationException e) {
            // Not readable either: the module cannot be read as it was mapped, and is left out.
        }
        return java.util.Optional.empty();
    }

    @Override
    public java.util.LinkedHashMap<Long, Long> auxv() {
        return Auxv.read(inferior.pid);
    }

    @Override
    public boolean exited() {
        return inferior.exit != null;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (attached && !inferior.exited()) {
            // A running process must be stopped before it can be detached.
            requestPause();
            engine.submit(() -> {
                inferior.detach();
                return null;
            });
            engine.close();
            return;
        }
        kill();
        engine.submit(() -> {
            inferior.memory.close();
            if (outerPid != inferior.pid) reapSandbox();
            return null;
        });
        engine.close();
    }

    /**
     * The sandbox's outer process is our child: killing it kills the namespace's init (it dies with
     * its parent), and with it every process left in the namespace; reaping it leaves no zombie.
     */
    private void reapSandbox() {
        Signals.kill(outerPid, Signals.SIGKILL, true);
        try {
            Wait.waitpid(outerPid, NativeBuffer.allocate(8), Wait.WALL);
        } catch (NativeException e) {
            // ECHILD: a waitpid(-1) of the engine already reaped it.
        }
    }
}
