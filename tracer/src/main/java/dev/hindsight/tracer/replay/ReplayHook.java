package dev.hindsight.tracer.replay;

import dev.hindsight.tracer.ptrace.SyscallHook;
import dev.hindsight.tracer.ptrace.Tracee;
import dev.hindsight.tracer.record.InitialState;
import dev.hindsight.tracer.record.SyscallTable;
import dev.hindsight.tracer.record.TraceEvent;
import dev.hindsight.tracer.regs.Registers;
import dev.hindsight.tracer.sys.SigInfo;
import dev.hindsight.tracer.sys.Syscall;
import java.util.List;
import java.util.Map;

/**
 * Steers a replay by the recorded events: at each system call entry the next event must be that
 * call with the same registers; emulated calls are skipped and given the recorded result and
 * memory, address-space calls run (mmap at the recorded address, from the trace's file copies);
 * trapped rdtsc/cpuid get the recorded answers; recorded signals are sent at their position.
 * Anything else is a {@link ReplayDivergence}. Runs on the tracee's ptrace thread.
 */
final class ReplayHook implements SyscallHook {
    private static final long[] RESTART_CODES = {-512, -513, -514, -516};
    private static final long SYS_RESTART_SYSCALL = 219, SYS_GETPID = 39, RESUME_FLAG = 0x10000;

    private final List<TraceEvent> events;
    private final Map<String, Integer> fileFds;
    private final OutputRelay stdout, stderr;
    private volatile int next;
    /**
     * Whether rdtsc and cpuid trap in the tracee now (ReplayStart turns it on; a fork inherits it).
     * On while the replay continues, so the traps catch them; off while it single-steps, where
     * {@link #beforeStep} emulates them from their bytes (stepping a trapping task is ~2x slower).
     */
    private volatile boolean trapping;
    private TraceEvent.Syscall current;
    private boolean skipped;
    /** The event index whose asynchronous signal's position is being trapped for, and the one whose signal was sent (-1: none). */
    private int armedFor = -1, sentFor = -1;

    /** The filter a confined recording ran under (null: not confined, or recorded without the buffer). */
    private final ConfinementFilter confinement;
    /** Whether the buffer's filter is in place (the recording's seccomp call has returned 0): from then on the confinement's refusals left no event. */
    private boolean bufferFilterIn;
    /** A call refused by the confinement, emulated: its number and errno (0: none). */
    private long refusedNr;
    private int refusedErrno;

    ReplayHook(List<TraceEvent> events, int next, boolean trapping, Map<String, Integer> fileFds, OutputRelay stdout,
               OutputRelay stderr, ConfinementFilter confinement) {
        this.events = events;
        this.next = next;
        this.trapping = trapping;
        this.fileFds = fileFds;
        this.stdout = stdout;
        this.stderr = stderr;
        this.confinement = confinement;
        for (int i = 0; i < next && confinement != null; i++) {
            if (events.get(i) instanceof TraceEvent.Syscall s && installsFilter(s)) bufferFilterIn = true;
        }
    }

    private static boolean installsFilter(TraceEvent.Syscall s) {
        return s.number() == SyscallTable.SECCOMP && s.result() == 0;
    }

    /**
     * A call the confinement refuses once the buffer's filter is in place fails without a stop in
     * the recording (the most severe answer of all filters wins), so no event has it: it is given
     * the same error here, unless the recording met it anyway (a stepped recording sees every
     * call at its entry) and the next event is that call.
     */
    private boolean refusedWithoutEvent(Tracee t, long[] r, TraceEvent next) {
        if (confinement == null || !bufferFilterIn) return false;
        int errno = confinement.refusal(r[Tracee.ORIG_RAX], new long[] {r[Tracee.RDI], r[Tracee.RSI], r[Tracee.RDX], r[Tracee.R10], r[Tracee.R8], r[Tracee.R9]}, r[Tracee.RIP]);
        if (errno == 0) return false;
        if (next instanceof TraceEvent.Syscall s && s.number() == r[Tracee.ORIG_RAX] && difference(s.entryRegisters(), r) == null) return false;
        refusedNr = r[Tracee.ORIG_RAX];
        refusedErrno = errno;
        r[Tracee.ORIG_RAX] = SYS_GETPID; // as for an emulated call: its result is replaced at exit
        t.setRegisters(r);
        return true;
    }

    /** How many events the replay has consumed: it is between event {@code index-1} and event {@code index}. */
    int eventIndex() {
        return next;
    }

    /** Whether rdtsc and cpuid trap in the tracee now (for a checkpoint: the forked copy has the same). */
    boolean trapping() {
        return trapping;
    }

    @Override
    public boolean beforeStep(Tracee t, Instruction insn, boolean alone) {
        armPosition(t);
        // The signal comes before this instruction runs, as it came in the recording: the step delivers it.
        if (deliverIfThere(t)) return false;
        TraceEvent.Instruction.Kind kind = switch (insn) {
            case RDTSC -> TraceEvent.Instruction.Kind.RDTSC;
            case RDTSCP -> TraceEvent.Instruction.Kind.RDTSCP;
            case CPUID -> TraceEvent.Instruction.Kind.CPUID;
            default -> null;
        };
        if (kind != null) {
            // Emulated without running it, trapping or not, exactly as the SIGSEGV path below does.
            long[] r = t.registers();
            TraceEvent e = peek();
            if (!(e instanceof TraceEvent.Instruction i && i.pc() == r[Tracee.RIP] && i.kind() == kind)) {
                throw new ReplayDivergence("the replay executes " + kind.name().toLowerCase() + " at 0x" + Long.toHexString(r[Tracee.RIP])
                        + " where the recording has " + describe(e) + " (event " + next + ")");
            }
            long[] after = i.applied(r);
            // The recording single-stepped it trapping, and its #GP left RF set in the saved flags (the CPU
            // does so for faults) and orig_rax -1 (the kernel's mark of an exception): the same here.
            after[Tracee.EFLAGS] |= RESUME_FLAG;
            after[Tracee.ORIG_RAX] = -1;
            t.setRegisters(after);
            next++;
            armPosition(t);
            return true;
        }
        // A prefixed form the recorder did not emulate faulted there (a recorded signal): let it fault here too.
        if (insn == Instruction.PREFIXED_TRAPPING) setTrapping(t, true);
        else if (alone) setTrapping(t, false);
        return false;
    }

    @Override
    public void beforeContinue(Tracee t) {
        setTrapping(t, true);
        armPosition(t);
        deliverIfThere(t);
    }

    /** The next event, when it is a signal that came in the middle of a computation (not at a system call, not raised by an instruction). */
    private TraceEvent.Signal pendingAsync() {
        return peek() instanceof TraceEvent.Signal s && !s.afterSyscall() && !s.synchronous() ? s : null;
    }

    /**
     * While the next event is an asynchronous signal, a running replay traps at its recorded pc
     * (a stepped one checks before every step): the signal is due the first time after the
     * previous event that the registers are the recorded ones. (Without an instruction counter
     * a state that repeats exactly is indistinguishable: the first occurrence is taken.)
     */
    private void armPosition(Tracee t) {
        TraceEvent.Signal s = pendingAsync();
        if (s == null || sentFor == next) {
            disarm(t);
            return;
        }
        if (armedFor == next) return;
        t.stopAt(s.registers()[Tracee.RIP], () -> deliverIfThere(t));
        armedFor = next;
    }

    /** Takes the trap out (before a checkpoint forks the tracee: the copy arms its own). */
    void disarm(Tracee t) {
        if (armedFor < 0) return;
        t.clearStopAt();
        armedFor = -1;
    }

    /** At the recorded position of the pending asynchronous signal: sends it (delivered when the thread resumes). */
    private boolean deliverIfThere(Tracee t) {
        TraceEvent.Signal s = pendingAsync();
        if (s == null || sentFor == next) return false;
        long[] r = t.registers();
        if (!samePosition(s.registers(), r)) return false;
        if (s.stackDigest() != 0 && dev.hindsight.tracer.record.StackDigest.of(t, r[Tracee.RSP]) != s.stackDigest()) return false;
        Syscall.tgkill(t.pid(), t.tid(), s.signal());
        sentFor = next;
        disarm(t);
        return true;
    }

    /** The program's state: every register but orig_rax (how the kernel was last entered) and the resume and trap flags. */
    static boolean samePosition(long[] recorded, long[] now) {
        for (int i = 0; i < recorded.length; i++) {
            long mask = i == Tracee.EFLAGS ? ~(RESUME_FLAG | 0x100L) : -1L;
            if (i != Tracee.ORIG_RAX && (recorded[i] & mask) != (now[i] & mask)) return false;
        }
        return true;
    }

    private void setTrapping(Tracee t, boolean on) {
        if (trapping == on) return;
        InitialState.setInstructionTrapping(t, on);
        trapping = on;
    }

    Map<String, Integer> fileFds() {
        return fileFds;
    }

    private TraceEvent peek() {
        return next < events.size() ? events.get(next) : null;
    }

    @Override
    public void entry(Tracee t) {
        long[] r = t.registers();
        TraceEvent e = peek();
        if (refusedWithoutEvent(t, r, e)) return;
        if (pendingAsync() != null) {
            throw new ReplayDivergence("the replay makes the system call " + SyscallTable.name(r[Tracee.ORIG_RAX])
                    + " without having met the recorded position of signal " + pendingAsync().signal() + " at 0x"
                    + Long.toHexString(pendingAsync().registers()[Tracee.RIP]) + " (event " + next + ")");
        }
        if (!(e instanceof TraceEvent.Syscall s)) {
            throw new ReplayDivergence("the replay makes the system call " + SyscallTable.name(r[Tracee.ORIG_RAX]) + " at 0x"
                    + Long.toHexString(r[Tracee.RIP] - 2) + " where the recording has " + describe(e) + " (event " + next + ")");
        }
        boolean buffered = s.mode() == SyscallTable.Mode.BUFFERED;
        String diff = buffered ? difference(s.entryRegisters(), r, BUFFERED_REGISTERS) : difference(s.entryRegisters(), r);
        if (diff != null) {
            throw new ReplayDivergence("the replay diverged at event " + next + " (" + SyscallTable.name(s.number()) + "): " + diff);
        }
        if (buffered ? !SyscallTable.bufferable(s.number()) : s.mode() != SyscallTable.modeOf(s.number())) {
            throw new ReplayDivergence("the trace is corrupt: event " + next + " says " + SyscallTable.name(s.number())
                    + " is to be handled as " + s.mode() + ", which this Hindsight never records");
        }
        current = s;
        long result = s.result();
        boolean failed = result < 0 && result > -4096;
        skipped = switch (s.mode()) {
            case EMULATE, ENOSYS, BUFFERED -> true;
            case MMAP, MREMAP -> failed;
            default -> false;
        };
        if (skipped) {
            // Not -1: a confined replay's seccomp filter kills any number outside the x86-64 table,
            // and runs after this stop. getpid is harmless and allowed; its result is replaced at exit.
            r[Tracee.ORIG_RAX] = SYS_GETPID;
        } else if (s.mode() == SyscallTable.Mode.MMAP) {
            r[Tracee.RDI] = result;
            long flags = r[Tracee.R10] & ~0x100000L; // no MAP_FIXED_NOREPLACE: the place is the recorded one
            flags |= 0x10; // MAP_FIXED
            if (s.mappedFile() != null) {
                Integer fd = fileFds.get(s.mappedFile());
                if (fd == null) throw new ReplayDivergence("the replay has no copy of mapped file " + s.mappedFile());
                r[Tracee.R8] = fd;
                flags = (flags & ~0x0fL) | 0x02; // MAP_PRIVATE: a replay never writes a file
            }
            r[Tracee.R10] = flags;
        } else if (s.mode() == SyscallTable.Mode.MREMAP && result != r[Tracee.RDI]) {
            r[Tracee.R10] |= 3; // MREMAP_MAYMOVE | MREMAP_FIXED
            r[Tracee.R8] = result;
        }
        t.setRegisters(r);
    }

    @Override
    public void exit(Tracee t) {
        if (refusedErrno != 0) {
            long[] r = t.registers();
            r[Tracee.RAX] = -refusedErrno;
            r[Tracee.ORIG_RAX] = refusedNr;
            t.setRegisters(r);
            refusedErrno = 0;
            return;
        }
        TraceEvent.Syscall s = current;
        if (s == null) return;
        current = null;
        long[] r = t.registers();
        long nr = s.number();
        if (s.mode() == SyscallTable.Mode.MMAP || s.mode() == SyscallTable.Mode.MREMAP) {
            // The kernel leaves the argument registers alone: put back those the entry changed.
            // (Not for every call: rt_sigreturn sets them all.)
            for (int reg : new int[] {Tracee.RDI, Tracee.RSI, Tracee.RDX, Tracee.R10, Tracee.R8, Tracee.R9}) {
                r[reg] = s.entryRegisters()[reg];
            }
        }
        if (skipped || s.mode() == SyscallTable.Mode.EXECUTE_RECORDED_RESULT) {
            for (TraceEvent.KernelWrite w : s.writes()) t.write(w.address(), w.bytes());
            r[Tracee.RAX] = s.result();
            r[Tracee.ORIG_RAX] = nr;
        } else if (r[Tracee.RAX] != s.result()) {
            throw new ReplayDivergence("the replay diverged at event " + next + ": " + SyscallTable.name(nr) + " returned 0x"
                    + Long.toHexString(r[Tracee.RAX]) + " where the recording got 0x" + Long.toHexString(s.result()));
        }
        if (s.outputFd() == 1) stdout.deliver(s.output());
        if (s.outputFd() == 2) stderr.deliver(s.output());
        if (confinement != null && installsFilter(s)) bufferFilterIn = true;
        next++;
        TraceEvent following = peek();
        boolean signalNow = following instanceof TraceEvent.Signal sig && sig.afterSyscall();
        if (skipped && isRestart(s.result()) && !signalNow) {
            // In the recording the kernel restarted the call (its signal was ignored); no signal comes here, so do it.
            r[Tracee.RIP] -= 2;
            r[Tracee.RAX] = s.result() == -516 ? SYS_RESTART_SYSCALL : nr;
        }
        t.setRegisters(r);
        if (signalNow) Syscall.tgkill(t.pid(), t.tid(), ((TraceEvent.Signal) following).signal());
        armPosition(t);
    }

    private static boolean isRestart(long result) {
        for (long c : RESTART_CODES) if (c == result) return true;
        return false;
    }

    @Override
    public SignalAction signal(Tracee t, int signal, SigInfo info) {
        long[] r = t.registers();
        TraceEvent e = peek();
        if (signal == 11 && info.code() == SigInfo.SI_KERNEL && e instanceof TraceEvent.Instruction i && i.pc() == r[Tracee.RIP]) {
            t.setRegisters(i.applied(r));
            next++;
            armPosition(t);
            return SignalAction.EMULATED;
        }
        boolean async = pendingAsync() != null;
        if (e instanceof TraceEvent.Signal s && s.signal() == signal
                && (async ? sentFor == next && samePosition(s.registers(), r) : difference(s.registers(), r) == null)) {
            info.write(t.tid(), s.siginfo());
            next++;
            armPosition(t);
            return SignalAction.PASS;
        }
        boolean fault = (signal == 4 || signal == 5 || signal == 7 || signal == 8 || signal == 11) && info.code() > 0;
        if (fault && signal != 5) {
            throw new ReplayDivergence("the replay got signal " + signal + " at 0x" + Long.toHexString(r[Tracee.RIP])
                    + " where the recording has " + describe(e) + " (event " + next + ")");
        }
        return SignalAction.SUPPRESS; // not the program's: a checkpoint child's SIGCHLD, a terminal's SIGWINCH
    }

    /**
     * What a system-call buffer's call is recorded with (number, arguments, the pc after its
     * instruction): its other registers are the library's own, the same whenever these are.
     */
    private static final int[] BUFFERED_REGISTERS = {Tracee.ORIG_RAX, Tracee.RDI, Tracee.RSI, Tracee.RDX, Tracee.R10, Tracee.R8,
            Tracee.R9, Tracee.RIP};

    /** Null when equal, else the first differing register with both values. */
    static String difference(long[] recorded, long[] now) {
        int[] all = new int[recorded.length];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return difference(recorded, now, all);
    }

    /** As {@link #difference(long[], long[])}, over the registers {@code which} only. */
    static String difference(long[] recorded, long[] now, int[] which) {
        for (int i : which) {
            if (recorded[i] != now[i]) {
                return String.format("%s is 0x%x in the replay, 0x%x in the recording (pc 0x%x)", Registers.KERNEL_ORDER.get(i),
                        now[i], recorded[i], now[Tracee.RIP]);
            }
        }
        return null;
    }

    private static String describe(TraceEvent e) {
        if (e == null) return "the end of the run";
        if (e instanceof TraceEvent.Syscall s) return "the system call " + SyscallTable.name(s.number());
        if (e instanceof TraceEvent.Instruction i) return "an emulated " + i.kind().name().toLowerCase() + " at 0x" + Long.toHexString(i.pc());
        return "signal " + ((TraceEvent.Signal) e).signal();
    }

    void endOutput() {
        stdout.end();
        stderr.end();
    }
}
