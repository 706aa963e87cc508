package dev.hindsight.index.testing;

import dev.hindsight.index.Region;
import dev.hindsight.index.StepKind;
import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.backend.AuxvType;
import dev.hindsight.tracer.backend.Resume;
import dev.hindsight.tracer.disasm.Disassembler;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.elf.ProcMaps;
import dev.hindsight.tracer.ptrace.PtraceBackend;
import dev.hindsight.tracer.regs.Registers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Single-steps a real program through the tracer's live ptrace backend from its entry point and
 * reports every instruction (registers before, kind, memory writes) to a visitor. The writes are
 * found independently of any instruction decoding: after each step the writable memory is
 * compared with a copy of it (a byte written with the value it had is not seen, which changes no
 * state). A system call's changes are the kernel's, reported with the call. Every
 * {@code probeEvery} steps, live memory around the stack pointer and in each writable region is
 * reported as a probe: what memoryAt must answer.
 */
public final class LiveRecorder {
    private static final int RAX = 10, RDI = 14, RSI = 13, RDX = 12, R10 = 7, R8 = 9, R9 = 8, RSP = 19;

    private final PtraceBackend backend;
    private final int tid;
    private final Recording.Visitor out;
    private final Disassembler disassembler = new Disassembler();
    private final Map<Long, Integer> kinds = new HashMap<>();
    /** The writable memory as of the last step: start address to bytes. */
    private final List<long[]> shadowRanges = new ArrayList<>();
    private final List<byte[]> shadow = new ArrayList<>();
    private final int probeEvery;
    private long time;
    private long[] before;
    private byte[] fxBefore, fxChanged;

    private LiveRecorder(PtraceBackend backend, Recording.Visitor out, int probeEvery) {
        this.backend = backend;
        this.tid = backend.pid();
        this.out = out;
        this.probeEvery = probeEvery;
    }

    /** Records up to {@code maxSteps} instructions of {@code program} from its entry point; returns how many. */
    public static long record(Path program, List<String> args, long maxSteps, int probeEvery, Recording.Visitor out) throws Exception {
        LaunchSpec spec = LaunchSpec.of(program).withArgs(args)
                .withStdio(LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL, LaunchSpec.Stdio.NULL);
        try (PtraceBackend backend = PtraceBackend.launch(spec, t -> {}, t -> {})) {
            long entry = backend.auxv().get(AuxvType.AT_ENTRY);
            backend.insertBreakpoint(entry);
            backend.resume(Resume.proceed(backend.pid())).get(60, TimeUnit.SECONDS);
            backend.removeBreakpoint(entry);
            if (backend.registers(backend.pid()).rip() != entry) throw new IllegalStateException("did not stop at the entry point");
            LiveRecorder r = new LiveRecorder(backend, out, probeEvery);
            r.begin();
            backend.trace(r.tid, maxSteps, (i, regs) -> r.afterStep(regs)).get(30, TimeUnit.MINUTES);
            return r.time;
        }
    }

    private void begin() throws Exception {
        before = backend.registers(tid).raw();
        fxBefore = backend.fpRegisters(tid).fxsaveImage();
        List<Region> memory = new ArrayList<>();
        for (ProcMaps.Mapping m : ProcMaps.parse(backend.memoryMap())) {
            if (m.perms().charAt(0) != 'r' || m.path().equals("[vvar]") || m.path().equals("[vsyscall]")) continue;
            byte[] bytes = read(m.start(), (int) (m.end() - m.start()));
            memory.add(new Region(m.start(), bytes, m.perms(), m.path()));
            if (m.perms().charAt(1) == 'w') track(m.start(), bytes);
        }
        out.start(tid, before, fxBefore, memory);
        probe();
    }

    private void track(long start, byte[] bytes) {
        shadowRanges.add(new long[] {start, start + bytes.length});
        shadow.add(bytes.clone());
    }

    private byte[] read(long address, int length) {
        byte[] b = new byte[length];
        int n = backend.readMemory(address, b, 0, length);
        return n == length ? b : Arrays.copyOf(b, Math.max(n, 0));
    }

    private boolean afterStep(Registers after) {
        long[] regs = after.raw();
        int kind = kindOf(before[16]);
        List<Long> addresses = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        // The program writes no lower than 128 bytes (the red zone) under its stack pointer; the
        // kernel may (a signal frame), so a system call compares the whole stack.
        diff(addresses, values, kind == StepKind.SYSCALL.ordinal() ? 0 : Math.min(before[RSP], regs[RSP]) - 128);
        long[] a = addresses.stream().mapToLong(Long::longValue).toArray();
        byte[][] v = values.toArray(byte[][]::new);
        boolean syscall = kind == StepKind.SYSCALL.ordinal();
        out.instruction(tid, before, kind, syscall ? new long[0] : a, syscall ? new byte[0][] : v, fxChanged);
        if (syscall) {
            long[] args = {before[RDI], before[RSI], before[RDX], before[R10], before[R8], before[R9]};
            out.syscall(before[RAX], args, regs[RAX], a, v);
            if (before[RAX] == 1 && regs[RAX] > 0) out.output(time, (int) before[RDI], read(before[RSI], (int) regs[RAX]));
            remap();
        }
        time++;
        byte[] fx = backend.fpRegisters(tid).fxsaveImage();
        fxChanged = Arrays.equals(fx, fxBefore) ? null : fx;
        fxBefore = fx;
        before = regs;
        if (time % probeEvery == 0) probe();
        return true;
    }

    private void diff(List<Long> addresses, List<byte[]> values, long stackFloor) {
        for (int r = 0; r < shadow.size(); r++) {
            long start = shadowRanges.get(r)[0], end = shadowRanges.get(r)[1];
            byte[] old = shadow.get(r);
            int from = stackFloor > start && stackFloor < end ? (int) (stackFloor - start) : 0;
            byte[] now = new byte[old.length];
            if (backend.readMemory(start + from, now, from, old.length - from) != old.length - from) continue;
            while (true) {
                if (from >= old.length) break;
                int i = Arrays.mismatch(old, from, old.length, now, from, now.length);
                if (i < 0) break;
                i += from;
                int j = i + 1;
                while (j < old.length && old[j] != now[j]) j++;
                addresses.add(start + i);
                values.add(Arrays.copyOfRange(now, i, j));
                System.arraycopy(now, i, old, i, j - i);
                from = j;
            }
        }
    }

    /** After a system call: writable memory that appeared (brk, mmap) is reported as mapped. */
    private void remap() {
        try {
            for (ProcMaps.Mapping m : ProcMaps.parse(backend.memoryMap())) {
                if (!m.perms().startsWith("rw")) continue;
                for (long at = m.start(); at < m.end(); ) {
                    long[] covered = covering(at);
                    if (covered != null) {
                        at = covered[1];
                        continue;
                    }
                    long end = m.end();
                    for (long[] range : shadowRanges) if (range[0] > at && range[0] < end) end = range[0];
                    byte[] bytes = read(at, (int) (end - at));
                    out.mapped(new Region(at, bytes, m.perms(), m.path()));
                    track(at, bytes);
                    at = end;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long[] covering(long address) {
        for (long[] r : shadowRanges) if (r[0] <= address && address < r[1]) return r;
        return null;
    }

    private void probe() {
        long sp = before[RSP];
        out.probe(time, sp - 64, read(sp - 64, 256));
        long salt = time * 0x9E3779B97F4A7C15L;
        for (long[] r : shadowRanges) {
            long span = r[1] - r[0];
            long at = r[0] + Math.floorMod(salt, Math.max(1, span - 64));
            out.probe(time, at, read(at, (int) Math.min(64, span)));
        }
    }

    private int kindOf(long pc) {
        return kinds.computeIfAbsent(pc, p -> {
            Optional<Instruction> insn = disassembler.decodeOne(read(p, Disassembler.MAX_INSTRUCTION_LENGTH), p);
            if (insn.isEmpty()) return StepKind.OTHER.ordinal();
            Instruction i = insn.get();
            if (i.isCall()) return StepKind.CALL.ordinal();
            if (i.isReturn()) return StepKind.RETURN.ordinal();
            if (i.isSyscall()) return StepKind.SYSCALL.ordinal();
            return StepKind.OTHER.ordinal();
        });
    }
}
