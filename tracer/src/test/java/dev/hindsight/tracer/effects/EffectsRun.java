package dev.hindsight.tracer.effects;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.disasm.Disassembler;
import dev.hindsight.tracer.disasm.Instruction;
import dev.hindsight.tracer.sys.Regs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Single-steps a whole fixture program through the live engine with an {@link EffectsTracker},
 * checking every step against the memory itself ({@link ShadowMemory}): after each step the pages
 * around rsp, rdi and the reported write must equal the copy the reported writes maintain, and
 * every {@link #FULL_CHECK_EVERY} steps and right before each system call (whose kernel writes
 * are not the tracker's: the copy is taken afresh after it) all writable
 * memory must. The FP registers are read at every step: if they changed, the step must have said
 * they may have. The instruction text comes from the engine's own disassembler, not the tracker.
 */
final class EffectsRun {
    /** -Deffects.fullCheckEvery=1 pins an unreported write to its step. */
    static final int FULL_CHECK_EVERY = Integer.getInteger("effects.fullCheckEvery", 64);
    private static final int WINDOW = 512;
    private static final long MAX_STEPS = 5_000_000;

    /** One step as a check sees it. */
    record Step(long index, long[] before, long[] after, StepEffects effects, String mnemonic) {
        long pc() {
            return before[16];
        }
    }

    /** A fixture-specific check; returns what is wrong, or null. */
    interface StepCheck {
        String check(Step step);
    }

    record Result(long steps, Map<String, Integer> mnemonics, Map<InstructionKind, Integer> kinds, String failure, StopEvent end) {}

    /** glibc's rseq area is written by the kernel at any preemption; these runs turn it off (see package-info). */
    static final List<String> ENV = List.of("LANG=C", "PATH=/usr/bin:/bin", "GLIBC_TUNABLES=glibc.pthread.rseq=0");

    private EffectsRun() {}

    static Result run(Path exe, List<String> env, StepCheck extra) throws Exception {
        Map<String, Integer> mnemonics = new TreeMap<>();
        Map<InstructionKind, Integer> kinds = new TreeMap<>();
        String[] failure = {null};
        long[] steps = {0};
        try (Target t = Target.launch(LaunchSpec.of(exe).withEnvironment(env));
             ProcMemory memory = new ProcMemory(t.pid());
             EffectsTracker tracker = new EffectsTracker(memory);
             Disassembler text = new Disassembler()) {
            int tid = t.pid();
            ShadowMemory shadow = new ShadowMemory(tid, memory);
            shadow.resync();
            Regs regs = new Regs();
            long[][] before = {t.registers().current().raw()};
            byte[][] fp = {null};
            tracker.beforeStep(before[0]);
            StopEvent end = t.execution().trace(MAX_STEPS, (i, r) -> {
                long[] after = r.raw();
                StepEffects effects = tracker.afterStep(after);
                String mnemonic = mnemonicAt(text, memory, before[0][16]);
                Step step = new Step(i, before[0], after, effects, mnemonic);
                mnemonics.merge(mnemonic, 1, Integer::sum);
                kinds.merge(effects.kind(), 1, Integer::sum);
                byte[] fpNow = fpState(regs, tid);
                String problem = checkMemory(step, shadow, i, mnemonicAt(text, memory, after[16]).equals("syscall"));
                if (problem == null && fp[0] != null && !Arrays.equals(fp[0], fpNow) && !effects.fpStateChanged()) {
                    problem = "the FP/vector registers changed but the step said they could not";
                }
                if (problem == null && extra != null) problem = extra.check(step);
                if (problem != null) {
                    failure[0] = describe(step, problem);
                    return false;
                }
                fp[0] = fpNow;
                steps[0] = i;
                before[0] = after;
                tracker.beforeStep(after);
                return true;
            }).get(15, TimeUnit.MINUTES);
            return new Result(steps[0], mnemonics, kinds, failure[0], end);
        }
    }

    private static String checkMemory(Step step, ShadowMemory shadow, long i, boolean nextIsSyscall) {
        StepEffects e = step.effects();
        if (e.hasUnknownWrite()) return "unknown write: " + e.unknownWrite();
        if (e.kind() == InstructionKind.SYSCALL) {
            // The kernel has written by now; the comparison was made right before (see nextIsSyscall).
            if (!e.writes().isEmpty()) return "a syscall instruction reported writes of its own";
            shadow.resync();
            return null;
        }
        for (MemoryWrite w : e.writes()) {
            if (!shadow.apply(w)) return "reported " + w + " lies outside writable memory";
        }
        long[] around = {step.before()[19], step.after()[19], step.before()[14], step.before()[13]};
        for (long a : around) {
            long d = shadow.firstDifference(a - WINDOW / 2, WINDOW);
            if (d >= 0) return unreported(shadow, d, "near a register");
        }
        for (MemoryWrite w : e.writes()) {
            long d = shadow.firstDifference(w.address() - WINDOW / 2, w.size() + WINDOW);
            if (d >= 0) return unreported(shadow, d, "near the write");
        }
        if (i % FULL_CHECK_EVERY == 0 || nextIsSyscall) {
            long d = shadow.firstDifference();
            if (d >= 0) return unreported(shadow, d, "in a full comparison: at this step or since the last one");
        }
        return null;
    }

    private static String unreported(ShadowMemory shadow, long address, String where) {
        return String.format("byte 0x%x changed (%s) but no reported write covers it; the copy has 0x%02x",
                address, where, shadow.shadowByte(address) & 0xff);
    }

    private static String describe(Step step, String problem) {
        return String.format("step %d at pc 0x%x (%s): %s; reported %s", step.index(), step.pc(), step.mnemonic(),
                problem, step.effects());
    }

    private static String mnemonicAt(Disassembler text, ProcMemory memory, long pc) {
        byte[] code = new byte[Disassembler.MAX_INSTRUCTION_LENGTH];
        int n = memory.read(pc, code, 0, code.length);
        return text.decodeOne(Arrays.copyOf(code, n), pc).map(Instruction::mnemonic).orElse("(bad)");
    }

    private static byte[] fpState(Regs regs, int tid) {
        byte[] fx = regs.getFp(tid);
        byte[] high = regs.getYmmHigh(tid);
        if (high == null) return fx;
        byte[] both = Arrays.copyOf(fx, fx.length + high.length);
        System.arraycopy(high, 0, both, fx.length, high.length);
        return both;
    }
}
