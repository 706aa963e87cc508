package dev.hindsight.tracer.record;

import dev.hindsight.tracer.ptrace.SyscallInjector;
import dev.hindsight.tracer.ptrace.Tracee;
import dev.hindsight.tracer.sys.NativeBuffer;
import dev.hindsight.tracer.sys.NativeException;
import dev.hindsight.tracer.sys.Ptrace;
import dev.hindsight.tracer.sys.Signals;
import dev.hindsight.tracer.sys.Syscall;
import dev.hindsight.tracer.sys.Wait;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Children of fork while the system-call buffer is on. They inherit its seccomp filter, whose
 * {@code SECCOMP_RET_TRACE} makes every system call fail with ENOSYS in a process nobody traces,
 * so they stay traced, unrecorded: each child, with the children it forks in turn, by a thread of
 * its own ({@link Keeper}) that continues every stop at once (the call then runs) and passes
 * signals on. The recorder's ptrace thread cannot keep them (it waits for the recorded program
 * only), and ptrace requests must come from the thread that attached, so the child is handed over:
 * parked on a {@code jmp .} in the scratch page, detached, seized by its keeper, given its
 * registers back. {@link #close} (at the end of the recording) lets every one still running go;
 * from then on its system calls fail (ENOSYS), which is said in the trace's warnings.
 */
final class UnrecordedChildren implements AutoCloseable {
    /** An unused spot of the injector's scratch page (its code is at 0 and 8): {@code jmp .}. */
    private static final long PARK = SyscallInjector.SCRATCH + 16;
    private static final byte[] JMP_SELF = {(byte) 0xeb, (byte) 0xfe};
    private static final int OPTIONS = Ptrace.O_TRACESECCOMP | Ptrace.O_TRACEFORK | Ptrace.O_TRACEVFORK | Ptrace.O_TRACECLONE;

    private final List<Keeper> keepers = new ArrayList<>();

    /** On the recorder's ptrace thread, at the child's first stop: hands it to a keeper of its own. */
    synchronized void adopt(Tracee child) {
        int pid = child.tid();
        long[] regs = child.registers();
        writeMemory(pid, PARK, JMP_SELF);
        long[] parked = regs.clone();
        parked[Tracee.RIP] = PARK;
        parked[Tracee.ORIG_RAX] = -1; // not in a system call: nothing to restart when it is interrupted
        child.setRegisters(parked);
        Ptrace.call(Ptrace.DETACH, pid, 0, 0);
        Keeper k = new Keeper(pid, regs);
        keepers.add(k);
        k.start();
    }

    /** Lets every child still running go, and waits (bounded) until they are. */
    @Override
    public void close() {
        List<Keeper> all;
        synchronized (this) {
            all = List.copyOf(keepers);
        }
        for (Keeper k : all) k.release();
        for (Keeper k : all) {
            try {
                k.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Pids of children that were still running when the recording ended (let go then). */
    synchronized List<Integer> released() {
        List<Integer> out = new ArrayList<>();
        for (Keeper k : keepers) out.addAll(k.releasedPids);
        return out;
    }

    private static void writeMemory(int pid, long address, byte[] bytes) {
        try (RandomAccessFile mem = new RandomAccessFile("/proc/" + pid + "/mem", "rw")) {
            mem.seek(address);
            mem.write(bytes);
        } catch (IOException e) {
            throw new RecordingRefused("cannot hand the forked child " + pid + " over to be kept unrecorded: " + e.getMessage());
        }
    }

    /** Traces one child and its descendants until they end or are released. */
    private static final class Keeper extends Thread {
        private final int child;
        private final long[] registers;
        private final NativeBuffer status = NativeBuffer.allocate(8), word = NativeBuffer.allocate(8);
        private final Set<Integer> live = new HashSet<>(), leaders = new HashSet<>(), started = new HashSet<>();
        private boolean released, othersInterrupted;
        /** The process sent SIGSTOP to wake this thread at release; that stop is swallowed. */
        private int wakeTarget;
        final List<Integer> releasedPids = new ArrayList<>();

        Keeper(int child, long[] registers) {
            super("unrecorded-child-" + child);
            setDaemon(true);
            this.child = child;
            this.registers = registers;
        }

        @Override
        public void run() {
            if (!seize()) return;
            while (true) {
                int w;
                try {
                    w = Wait.waitpid(-1, status, Wait.WALL);
                } catch (NativeException e) {
                    return; // ECHILD: every one has ended
                }
                int s = status.getInt(0);
                synchronized (this) {
                    if (!Wait.stopped(s)) {
                        live.remove(w);
                        leaders.remove(w);
                        if (live.isEmpty()) return;
                    } else if (released) {
                        if (!othersInterrupted) {
                            // ptrace requests come from this thread only: the others are stopped from here.
                            othersInterrupted = true;
                            for (int t : live) if (t != wakeTarget) Ptrace.tryCall(Ptrace.INTERRUPT, t, 0, 0);
                        }
                        releaseAt(w, s);
                        if (live.isEmpty()) return;
                    } else {
                        resume(w, s);
                    }
                }
            }
        }

        /** Seizes the parked child (the recorder's ptrace thread has let it go), puts its registers back and starts it. */
        private boolean seize() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Ptrace.tryCall(Ptrace.SEIZE, child, 0, OPTIONS) != 0) {
                if (System.nanoTime() > deadline) return false;
                Thread.onSpinWait();
            }
            Ptrace.call(Ptrace.INTERRUPT, child, 0, 0);
            while (true) {
                Wait.waitpid(child, status, Wait.WALL);
                int s = status.getInt(0);
                if (!Wait.stopped(s)) return false;
                if (Wait.event(s) == Ptrace.EVENT_STOP) break;
                // A signal that came while it was parked: its handler runs and returns to the loop.
                Ptrace.call(Ptrace.CONT, child, 0, Wait.event(s) == 0 ? Wait.stopSignal(s) : 0);
            }
            NativeBuffer regs = NativeBuffer.allocate(registers.length * 8L);
            regs.writeLongs(0, registers, 0, registers.length);
            Ptrace.call(Ptrace.SETREGS, child, 0, regs.address());
            synchronized (this) {
                if (released) {
                    // The recording ended while it was handed over: let go at once.
                    Ptrace.tryCall(Ptrace.DETACH, child, 0, 0);
                    releasedPids.add(child);
                    return false;
                }
                live.add(child);
                leaders.add(child);
                started.add(child);
            }
            Ptrace.call(Ptrace.CONT, child, 0, 0);
            return true;
        }

        /** Any stop: the call runs, the signal is delivered, a new child is kept too. */
        private void resume(int w, int s) {
            int event = Wait.event(s), sig = Wait.stopSignal(s);
            if (event == Ptrace.EVENT_FORK || event == Ptrace.EVENT_VFORK || event == Ptrace.EVENT_CLONE) {
                Ptrace.call(Ptrace.GETEVENTMSG, w, 0, word.address());
                int kid = (int) word.getLong(0);
                live.add(kid);
                if (event != Ptrace.EVENT_CLONE) leaders.add(kid);
            }
            if (event == Ptrace.EVENT_STOP) {
                if (started.add(w) || !(sig == Signals.SIGSTOP || sig == Signals.SIGTSTP || sig == Signals.SIGTTIN || sig == Signals.SIGTTOU)) {
                    Ptrace.tryCall(Ptrace.CONT, w, 0, 0);
                } else {
                    Ptrace.tryCall(Ptrace.LISTEN, w, 0, 0); // the program's own group-stop: stays stopped until SIGCONT
                }
                return;
            }
            Ptrace.tryCall(Ptrace.CONT, w, 0, event == 0 ? sig : 0);
        }

        /** From another thread: stop keeping them; a SIGSTOP (swallowed) wakes this thread from its wait. */
        synchronized void release() {
            if (released || live.isEmpty()) {
                released = true;
                return;
            }
            released = true;
            for (int t : leaders) {
                if (Syscall.tgkill(t, t, Signals.SIGSTOP)) {
                    wakeTarget = t;
                    break;
                }
            }
        }

        /** Released: every tracee is let go at its next stop, the wake-up SIGSTOP swallowed. */
        private void releaseAt(int w, int s) {
            int event = Wait.event(s), sig = Wait.stopSignal(s);
            if (event == Ptrace.EVENT_FORK || event == Ptrace.EVENT_VFORK || event == Ptrace.EVENT_CLONE) {
                Ptrace.call(Ptrace.GETEVENTMSG, w, 0, word.address());
                live.add((int) word.getLong(0)); // detached at its first stop
            }
            if (w == wakeTarget) {
                if (event != 0 || sig != Signals.SIGSTOP) {
                    Ptrace.tryCall(Ptrace.CONT, w, 0, event == 0 ? sig : 0);
                    return;
                }
                wakeTarget = 0;
                sig = 0;
            }
            Ptrace.tryCall(Ptrace.DETACH, w, 0, event == 0 ? sig : 0);
            live.remove(w);
            if (leaders.remove(w)) releasedPids.add(w);
        }
    }
}
