package dev.hindsight.index.build;

import dev.hindsight.index.IndexStore;
import dev.hindsight.index.ShardStart;
import dev.hindsight.index.ShardWriter;
import dev.hindsight.index.StepKind;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.effects.EffectsTracker;
import dev.hindsight.tracer.effects.MemoryWrite;
import dev.hindsight.tracer.effects.StepEffects;
import dev.hindsight.tracer.record.TraceEvent;
import dev.hindsight.tracer.replay.ReplayBackend;
import dev.hindsight.tracer.sys.NativeException;
import dev.hindsight.tracer.sys.Sched;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One shard: single-steps its checkpoint from its start to the next shard's start (or the end of
 * the run) and writes every instruction, with what it wrote, to its own {@link ShardWriter}.
 * The stepping and the writing both happen on the checkpoint's ptrace thread, inside the step
 * observer: no hand-off per instruction.
 */
final class ShardRun {
    private static final System.Logger LOG = System.getLogger(ShardRun.class.getName());
    private static final int RSP = 19;
    /**
     * The thread as the index names it: gdb's number of the one thread (each checkpoint is a
     * process of its own, with its own pid, so pids would differ from shard to shard).
     */
    private static final int THREAD = 1;
    private static final long RED_ZONE = 128, LARGEST_FRAME = 64 << 10;
    /** The index's kind of each effects kind, by ordinal (the same names; no name lookup per step). */
    private static final StepKind[] STEP_KINDS = java.util.Arrays.stream(dev.hindsight.tracer.effects.InstructionKind.values())
            .map(k -> StepKind.valueOf(k.name())).toArray(StepKind[]::new);

    private final int shard;
    private final Cut start;
    private final Position end;
    private final Path traceDir;
    private final ProgressBar progress;
    private final List<TraceEvent> events;
    private final ReplayBackend replay;
    private final Set<String> unknownWrites = new HashSet<>();
    private final MappedMemory mapped;
    /** The CPU this shard's ptrace thread and tracee run on; -1: wherever they are. */
    private final int cpu;
    private boolean pinned;
    private ShardWriter writer;
    private EffectsTracker effects;
    private final dev.hindsight.index.origin.MemoryReads reads;
    private long[] before;
    private byte[] fxsavePending;
    private int eventsSeen;
    private boolean reachedEnd;
    private final SteppingCost cost = new SteppingCost();

    /** More stops than any instruction's faults and signals could make before it runs (a signal per stop, each a handler's). */
    private static final int STOPS_WITHOUT_A_STEP = 1000;

    ShardRun(int shard, Cut start, Position end, Path traceDir, ProgressBar progress, int cpu) {
        this.shard = shard;
        this.cpu = cpu;
        this.start = start;
        this.end = end;
        this.traceDir = traceDir;
        this.progress = progress;
        this.replay = start.checkpoint();
        this.events = replay.trace().events();
        this.mapped = new MappedMemory(replay);
        this.reads = new dev.hindsight.index.origin.MemoryReads(pc -> {
            byte[] code = new byte[15];
            return java.util.Arrays.copyOf(code, Math.max(0, replay.readMemory(pc, code, 0, code.length)));
        });
    }

    /** Steps the whole shard; returns how many instructions it has. */
    long run() throws IOException, InterruptedException {
        int tid = replay.pid();
        before = programState(replay.registers(tid).raw().clone());
        eventsSeen = replay.eventIndex();
        mapped.startAt(eventsSeen);
        ShardStart at = new ShardStart(eventsSeen, THREAD, before, replay.fxsaveImage(tid), MemoryImage.of(replay));
        try (ShardWriter w = IndexStore.createShard(traceDir, shard, at);
             EffectsTracker fx = new EffectsTracker(replay::readMemory)) {
            writer = w;
            effects = fx;
            StopEvent stop;
            int stillStops = 0;
            do {
                effects.beforeStep(before);
                long stepped = writer.count();
                stop = CutPlanner.await(replay.trace(tid, Long.MAX_VALUE, (step, regs) -> afterStep(tid, regs.raw())));
                // A fault stops the trace before its instruction ran; the next step delivers it. A
                // replay that keeps stopping without running anything would loop here for ever.
                stillStops = writer.count() == stepped ? stillStops + 1 : 0;
                if (stillStops > STOPS_WITHOUT_A_STEP) {
                    throw new IllegalStateException("shard " + shard + ": the replay stopped " + stillStops
                            + " times in a row without running an instruction (" + stop + ")");
                }
            } while (!reachedEnd && !(stop instanceof StopEvent.Exited));
            if (stop instanceof StopEvent.Exited) {
                if (end != null) {
                    // Its instructions would be indexed twice: by this shard and by the next.
                    throw new IllegalStateException("shard " + shard + " ran to the end of the program without meeting the next shard's start ("
                            + end + ")");
                }
                // The instruction that ended the program (exit_group, or a fatal fault) ran too.
                writer.instruction(THREAD, before, StepKind.SYSCALL, null, null, fxsavePending);
            }
            long count = writer.finish();
            progress.update(shard, count, 1);
            if (!unknownWrites.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "shard {0}: memory writes of {1} are not in the index", shard, unknownWrites);
            }
            return count;
        }
    }

    private boolean afterStep(int tid, long[] registersAfter) {
        if (!pinned) pin(tid);
        long[] after = programState(registersAfter); // the observer's own copy (Registers.raw())
        StepEffects e = effects.afterStep(registersAfter);
        if (e.hasUnknownWrite()) unknownWrites.add(e.unknownWrite());
        List<MemoryWrite> writes = e.writes();
        if (writes.isEmpty()) {
            writer.instruction(THREAD, before, STEP_KINDS[e.kind().ordinal()], null, null, fxsavePending);
        } else {
            writer.instruction(THREAD, before, STEP_KINDS[e.kind().ordinal()],
                    addresses(writes, MemoryWrite::address), values(writes, MemoryWrite::bytes), fxsavePending);
        }
        reads.of(before, writer::read);
        fxsavePending = e.fpStateChanged() ? replay.fxsaveImage(tid) : null;
        int now = replay.eventIndex();
        for (; eventsSeen < now; eventsSeen++) recordEvent(events.get(eventsSeen), after);
        before = after;
        if (end != null && end.matches(now, after)) {
            reachedEnd = true;
            return false;
        }
        effects.beforeStep(after);
        long n = writer.count();
        if ((n & 0xffff) == 0) {
            progress.update(shard, n, fraction(now));
            cost.sample(n, tid);
        }
        return true;
    }

    /** What stepping has cost so far on the CPU (the tracer's ptrace thread and the tracee), sampled every 65,536 instructions. */
    SteppingCost cost() {
        return cost;
    }

    /**
     * Moves this shard's ptrace thread (the caller: step observers run on it) and its tracee to the
     * job's CPU. The thread was pinned round robin when the checkpoint was made, but the jobs that
     * step shards at once must not share a CPU while another is idle, and a step costs several
     * times more when the tracer and the tracee sit on different CPUs.
     */
    private void pin(int tid) {
        pinned = true;
        if (cpu < 0) return;
        try {
            Sched.setAffinity(cpu);
            Sched.setAffinityOf(tid, cpu);
        } catch (NativeException e) {
            LOG.log(System.Logger.Level.DEBUG, "shard {0}: not pinned to CPU {1}: {2}", shard, cpu, e.getMessage());
        }
    }

    private static final int EFLAGS = 18;
    private static final long RESUME_FLAG = 0x10000L, TRAP_FLAG = 0x100L;

    /**
     * The registers as the program's state: without the resume and trap flags, which say how the
     * debugger last stopped it (the resume flag is set after a trapped rdtsc when running at full
     * speed, not after the same instruction stepped), so every shard count indexes the same values.
     */
    static long[] programState(long[] regs) {
        regs[EFLAGS] &= ~(RESUME_FLAG | TRAP_FLAG);
        return regs;
    }

    /** What an event consumed by the last instruction did to memory, in the index. */
    private void recordEvent(TraceEvent event, long[] after) {
        if (event instanceof TraceEvent.Syscall s) {
            long[] args = new long[6];
            for (int i = 0; i < 6; i++) args[i] = s.arg(i);
            writer.syscall(s.number(), args, s.result(), addresses(s.writes(), TraceEvent.KernelWrite::address),
                    values(s.writes(), TraceEvent.KernelWrite::bytes));
            if (s.output() != null && s.output().length > 0) writer.output(writer.count() - 1, s.outputFd(), s.output());
            mapped.after(s, writer);
        } else if (event instanceof TraceEvent.Signal sig) {
            // The kernel wrote the signal frame below the red zone of the interrupted stack.
            long from = after[RSP], to = before[RSP] - RED_ZONE;
            if (to <= from || to - from > LARGEST_FRAME) to = from + 4096;
            var frame = MemoryImage.read(replay, from, to, "rw-p", "");
            writer.signal(sig.signal(), new long[] {from}, new byte[][] {frame.bytes()});
        }
        // rdtsc/rdtscp/cpuid events change registers only: they are in the next instruction's.
    }

    /** The writer takes writes as parallel arrays: the effects tracker's and the trace's alike. */
    private static <W> long[] addresses(List<W> writes, java.util.function.ToLongFunction<W> address) {
        long[] a = new long[writes.size()];
        for (int i = 0; i < a.length; i++) a[i] = address.applyAsLong(writes.get(i));
        return a;
    }

    private static <W> byte[][] values(List<W> writes, java.util.function.Function<W, byte[]> bytes) {
        byte[][] v = new byte[writes.size()][];
        for (int i = 0; i < v.length; i++) v[i] = bytes.apply(writes.get(i));
        return v;
    }

    private double fraction(int eventsNow) {
        if (end == null || end.eventIndex() <= start.position().eventIndex()) return 0;
        return (double) (eventsNow - start.position().eventIndex()) / (end.eventIndex() - start.position().eventIndex());
    }
}
