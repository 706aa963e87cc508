package dev.hindsight.tracer.record;

import dev.hindsight.tracer.ptrace.SyscallHook;
import dev.hindsight.tracer.ptrace.Tracee;
import dev.hindsight.tracer.sys.SigInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The recorder's view of the run: every system call (with what the kernel wrote), every trapped
 * rdtsc/rdtscp/cpuid (answered here) and every delivered signal become {@link TraceEvent}s in
 * the order they happen. Runs on the ptrace thread.
 */
final class RecordingHook implements SyscallHook {
    static final long SYS_ARCH_PRCTL = 158, ARCH_SET_CPUID = 0x1012, SYS_PRCTL = 157, PR_SET_TSC = 26,
            PR_TSC_ENABLE = 1, PR_TSC_SIGSEGV = 2;
    private static final long ENOSYS = -38, SYS_MUNMAP = 11, SYS_SHMAT = 30;

    private final EventLog.Writer log;
    private final TraceFiles files;
    private final Map<String, long[]> cpuidAnswers = new HashMap<>();
    final List<Integer> unrecordedChildren = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    private long[] entryRegs;
    private SyscallTable.Mode mode;
    private String mappedFile;
    /** Registers as the last system call returned, to tell a signal delivered right then. */
    private long[] lastExitRegs;
    private final long tscBase = System.nanoTime();
    /** The program's system-call buffer once its filter is in place (null: none, every call stops). */
    private SyscallBuffer buffer;
    private boolean bufferedEver;
    /** A stepped recording stops at the buffer's own calls too: the library logs those, not this hook. */
    private boolean passThrough;

    /** Children forked while the buffer's filter is in place, kept traced (unrecorded) until they end or the recording does. */
    final UnrecordedChildren keptChildren = new UnrecordedChildren();

    RecordingHook(EventLog.Writer log, TraceFiles files) {
        this.log = log;
        this.files = files;
    }

    long[] presented(long leaf, long subleaf) {
        return cpuidAnswers.get(leaf + "." + subleaf);
    }

    @Override
    public boolean seccompStops() {
        return buffer != null;
    }

    /** Whether the program's system-call buffer was in use. */
    boolean buffered() {
        return bufferedEver;
    }

    /** The calls the buffer logged since the last stop become events, before the one of this stop. */
    private void flush(Tracee t) {
        if (buffer != null) for (TraceEvent e : buffer.drain(t)) append(e);
    }

    @Override
    public void entry(Tracee t) {
        long[] r = t.registers();
        if (buffer != null && r[Tracee.RIP] == buffer.syscallIp) {
            passThrough = true;
            return;
        }
        flush(t);
        long nr = r[Tracee.ORIG_RAX];
        long[] a = t.syscallArgs();
        if (buffer != null) refuseMappingOverBuffer(nr, a);
        lastExitRegs = null;
        mode = SyscallTable.modeAtEntry(nr, a, t);
        mappedFile = null;
        entryRegs = r.clone();
        if (nr == 60 || nr == 231) {
            // exit and exit_group never return: recorded at their entry.
            append(new TraceEvent.Syscall(entryRegs, 0, mode, List.of(), null, -1, new byte[0]));
            entryRegs = null;
        } else if (mode == SyscallTable.Mode.ENOSYS) {
            r[Tracee.ORIG_RAX] = -1;
            t.setRegisters(r);
        } else if (mode == SyscallTable.Mode.MMAP && (a[3] & 0x20) == 0) {
            mappedFile = copyMapped(t.pid(), (int) a[4]);
        }
    }

    /**
     * The buffer sits at a fixed address in the program's memory; a program that maps over it
     * (MAP_FIXED, mremap to a fixed place, shmat with SHM_REMAP) or unmaps it would have the
     * library's next records written into its own data, or fault. Refused before it happens.
     */
    private static void refuseMappingOverBuffer(long nr, long[] a) {
        long start, length;
        if (nr == SyscallTable.MMAP && (a[3] & 0x10) != 0) { // MAP_FIXED
            start = a[0];
            length = a[1];
        } else if (nr == SYS_MUNMAP) {
            start = a[0];
            length = a[1];
        } else if (nr == SyscallTable.MREMAP) {
            if (overlapsBuffer(a[0], a[1])) refuseOver(nr);
            if ((a[3] & 2) == 0) return; // not MREMAP_FIXED
            start = a[4];
            length = a[2];
        } else if (nr == SYS_SHMAT && (a[2] & 040000) != 0) { // SHM_REMAP
            start = a[1];
            length = SyscallBuffer.SIZE; // the segment's size is not in the call: any overlap of its start is refused
        } else {
            return;
        }
        if (overlapsBuffer(start, length)) refuseOver(nr);
    }

    private static boolean overlapsBuffer(long start, long length) {
        long end = start + Math.max(length, 1);
        return Long.compareUnsigned(start, SyscallBuffer.ADDRESS + SyscallBuffer.SIZE) < 0 && Long.compareUnsigned(end, SyscallBuffer.ADDRESS) > 0;
    }

    private static void refuseOver(long nr) {
        throw new RecordingRefused("the program's " + SyscallTable.name(nr) + " would replace the system-call buffer at 0x"
                + Long.toHexString(SyscallBuffer.ADDRESS) + ": record it with --no-syscall-buffer");
    }

    private String copyMapped(int pid, int fd) {
        Path target;
        try {
            target = Files.readSymbolicLink(Path.of("/proc/" + pid + "/fd/" + fd));
        } catch (IOException e) {
            return null; // a bad fd: mmap fails with EBADF, recorded as such
        }
        if (target.toString().equals("/dev/zero")) return null;
        // Read through the descriptor, not the path: a confined program owns its directory and could
        // put a link to any file of the (root) recorder's in its place between its open and this copy.
        Path open = Path.of("/proc/" + pid + "/fd/" + fd);
        if (!Files.isRegularFile(open)) {
            throw new RecordingRefused("the program maps " + target + ", which is not a regular file: its contents cannot be recorded");
        }
        return files.copy(target, open);
    }

    @Override
    public void exit(Tracee t) {
        if (passThrough) {
            passThrough = false;
            return;
        }
        if (entryRegs == null) return; // the exit of the exec that started the program
        long[] r = t.registers();
        long nr = entryRegs[Tracee.ORIG_RAX];
        long[] a = argsOf(entryRegs);
        long result = r[Tracee.RAX];
        if (mode == SyscallTable.Mode.ENOSYS) {
            result = ENOSYS;
            r[Tracee.RAX] = ENOSYS;
            r[Tracee.ORIG_RAX] = nr;
            t.setRegisters(r);
        }
        List<TraceEvent.KernelWrite> writes = new ArrayList<>();
        if (mode == SyscallTable.Mode.EMULATE) {
            for (long[] range : SyscallTable.writes(nr, a, result, t)) {
                writes.add(new TraceEvent.KernelWrite(range[0], t.read(range[0], (int) Math.min(range[1], 1 << 30))));
            }
        }
        int fd = -1;
        byte[] output = new byte[0];
        if ((nr == SyscallTable.WRITE || nr == SyscallTable.PWRITE || nr == SyscallTable.WRITEV) && (a[0] == 1 || a[0] == 2) && result > 0) {
            fd = (int) a[0];
            output = nr == SyscallTable.WRITEV ? gather(t, a[1], a[2], result) : t.read(a[1], (int) result);
        }
        append(new TraceEvent.Syscall(entryRegs, result, mode, writes, mappedFile, fd, output));
        entryRegs = null;
        lastExitRegs = r;
        if (nr == SyscallTable.SECCOMP && result == 0 && buffer == null) {
            // The preload library's filter (if this is it): from now on its calls do not stop.
            buffer = SyscallBuffer.find(t);
            bufferedEver |= buffer != null;
        }
    }

    private static byte[] gather(Tracee t, long iov, long count, long total) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] v = t.read(iov, (int) Math.min(count, 1024) * 16);
        for (int i = 0; i + 16 <= v.length && total > 0; i += 16) {
            long n = Math.min(SyscallTable.le(v, i + 8), total);
            out.writeBytes(t.read(SyscallTable.le(v, i), (int) n));
            total -= n;
        }
        return out.toByteArray();
    }

    static long[] argsOf(long[] r) {
        return new long[] {r[Tracee.RDI], r[Tracee.RSI], r[Tracee.RDX], r[Tracee.R10], r[Tracee.R8], r[Tracee.R9]};
    }

    @Override
    public SignalAction signal(Tracee t, int signal, SigInfo info) {
        long[] r = t.registers();
        flush(t);
        if (signal == 11 && info.code() == SigInfo.SI_KERNEL) {
            TraceEvent.Instruction emulated = emulate(t, r);
            if (emulated != null) {
                append(emulated);
                lastExitRegs = null;
                return SignalAction.EMULATED;
            }
        }
        if (ignored(t.pid(), signal)) return SignalAction.SUPPRESS;
        if (buffer != null && r[Tracee.RIP] == buffer.syscallIp && SyscallTable.bufferable(r[Tracee.ORIG_RAX])) {
            // Right after a buffered call, whose record the library has not logged yet: it is recorded
            // here, so the signal comes after it in the trace as in the run.
            append(buffer.atSignal(t, r));
            lastExitRegs = r;
        }
        boolean afterSyscall = lastExitRegs != null && Arrays.equals(r, lastExitRegs);
        TraceEvent.Signal event = new TraceEvent.Signal(signal, info.raw(), r, afterSyscall);
        if (!afterSyscall && !event.synchronous()) {
            event = new TraceEvent.Signal(signal, info.raw(), r, false, StackDigest.of(t, r[Tracee.RSP]));
        }
        append(event);
        lastExitRegs = null;
        return SignalAction.PASS;
    }

    /** rdtsc, rdtscp and cpuid trap (PR_TSC_SIGSEGV, CPUID faulting) as SIGSEGV with SI_KERNEL; null for a real fault. */
    private TraceEvent.Instruction emulate(Tracee t, long[] r) {
        long pc = r[Tracee.RIP];
        byte[] insn = t.read(pc, 3);
        if (insn.length < 2 || insn[0] != 0x0f) return null;
        TraceEvent.Instruction.Kind kind;
        long[] out = {r[Tracee.RAX], r[5], r[Tracee.RCX], r[Tracee.RDX]};
        if (insn[1] == 0x31) {
            kind = TraceEvent.Instruction.Kind.RDTSC;
            long tsc = tsc();
            out[0] = tsc & 0xffffffffL;
            out[3] = tsc >>> 32;
        } else if (insn[1] == 0x01 && insn.length == 3 && (insn[2] & 0xff) == 0xf9) {
            kind = TraceEvent.Instruction.Kind.RDTSCP;
            long tsc = tsc();
            out[0] = tsc & 0xffffffffL;
            out[3] = tsc >>> 32;
            out[2] = 0; // TSC_AUX: the recording runs on one CPU
        } else if ((insn[1] & 0xff) == 0xa2) {
            kind = TraceEvent.Instruction.Kind.CPUID;
            long leaf = r[Tracee.RAX] & 0xffffffffL, sub = r[Tracee.RCX] & 0xffffffffL;
            out = cpuidAnswers.computeIfAbsent(leaf + "." + sub, k -> {
                t.inject(SYS_ARCH_PRCTL, ARCH_SET_CPUID, 1);
                long[] real = t.realCpuid(leaf, sub);
                t.inject(SYS_ARCH_PRCTL, ARCH_SET_CPUID, 0);
                return CpuidPolicy.present(leaf, sub, real);
            }).clone();
        } else {
            return null;
        }
        TraceEvent.Instruction event = new TraceEvent.Instruction(kind, pc, out);
        applyTo(t, r, event);
        return event;
    }

    /** Puts an emulated instruction's results in the registers and moves past it (recorder and replayer alike). */
    static void applyTo(Tracee t, long[] r, TraceEvent.Instruction e) {
        t.setRegisters(e.applied(r));
    }

    /** A made-up but monotonic time-stamp counter at 2 GHz since the recording began. */
    private long tsc() {
        return (System.nanoTime() - tscBase) * 2 + 1_000_000_000L;
    }

    /** Whether the program neither catches the signal nor is changed by it (ignored, or ignored by default). */
    private static boolean ignored(int pid, int signal) {
        try {
            long ign = 0, cgt = 0;
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("SigIgn:")) ign = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                if (line.startsWith("SigCgt:")) cgt = Long.parseUnsignedLong(line.substring(7).trim(), 16);
            }
            long bit = 1L << (signal - 1);
            if ((cgt & bit) != 0) return false;
            if ((ign & bit) != 0) return true;
            return signal == 17 || signal == 23 || signal == 28; // SIGCHLD, SIGURG, SIGWINCH: ignored by default
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void forked(Tracee child) {
        // The child runs unrecorded and natively: no trapping rdtsc or cpuid in it.
        child.inject(SYS_PRCTL, PR_SET_TSC, PR_TSC_ENABLE);
        child.inject(SYS_ARCH_PRCTL, ARCH_SET_CPUID, 1);
        unrecordedChildren.add(child.tid());
        // With the buffer's filter inherited, every call of a child nobody traces fails (ENOSYS): it stays traced.
        if (buffer != null) keptChildren.adopt(child);
    }

    private void append(TraceEvent e) {
        try {
            log.write(e);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }
}
