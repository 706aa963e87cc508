import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.effects.EffectsTracker;
import dev.hindsight.tracer.effects.MemoryAccess;
import dev.hindsight.tracer.effects.StepEffects;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the effects tracker costs per single step. Usage: java -cp … EffectsCost.java PROGRAM [ROUNDS]
 * 1. Tracker alone: the registers of every step of a real run (from the first instruction) are
 *    recorded, the program's memory is copied, and the tracker replays beforeStep/afterStep over
 *    them against that copy, ROUNDS times (best round; ns and bytes allocated per step).
 * 2. Live: the whole run single-stepped by the engine without and with the tracker reading
 *    /proc/PID/mem (ns per step each, best of ROUNDS).
 */
public class EffectsCost {
    public static void main(String[] args) throws Exception {
        Path program = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<long[]> regs = new ArrayList<>();
        TreeMap<Long, byte[]> image = new TreeMap<>();
        try (Target t = Target.launch(LaunchSpec.of(program))) {
            regs.add(t.registers().current().raw());
            long total = countSteps(program);
            t.execution().trace(total - 50, (i, r) -> regs.add(r.raw())).get(10, TimeUnit.MINUTES); // stop before exit
            try (FileChannel mem = FileChannel.open(Path.of("/proc/" + t.pid() + "/mem"), StandardOpenOption.READ)) {
                for (String line : Files.readAllLines(Path.of("/proc/" + t.pid() + "/maps"))) {
                    String[] f = line.split("\\s+");
                    if (f[1].charAt(0) != 'r' || line.contains("[vvar]") || line.contains("[vsyscall]")) continue;
                    String[] range = f[0].split("-");
                    long start = Long.parseUnsignedLong(range[0], 16), end = Long.parseUnsignedLong(range[1], 16);
                    ByteBuffer b = ByteBuffer.allocate((int) (end - start));
                    try {
                        while (b.hasRemaining() && mem.read(b, start + b.position()) > 0) { }
                        image.put(start, b.array());
                    } catch (java.io.IOException unreadable) {
                        // e.g. a file mapping past the end of its file: the program cannot touch it either
                    }
                }
            }
        }
        MemoryAccess copy = (address, buffer, offset, length) -> {
            Map.Entry<Long, byte[]> e = image.floorEntry(address);
            if (e == null || address + length > e.getKey() + e.getValue().length) return 0;
            System.arraycopy(e.getValue(), (int) (address - e.getKey()), buffer, offset, length);
            return length;
        };
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double bestNs = Double.MAX_VALUE, bytesPerStep = 0;
        long writes = 0;
        try (EffectsTracker tracker = new EffectsTracker(copy)) {
            for (int r = 0; r < rounds; r++) {
                long allocated = threads.getCurrentThreadAllocatedBytes();
                long start = System.nanoTime();
                writes = 0;
                for (int i = 0; i + 1 < regs.size(); i++) {
                    tracker.beforeStep(regs.get(i));
                    StepEffects e = tracker.afterStep(regs.get(i + 1));
                    writes += e.writes().size();
                }
                double ns = (System.nanoTime() - start) / (double) (regs.size() - 1);
                if (System.getenv("EFFECTS_COST_VERBOSE") != null) System.out.printf("round %d: %.0f ns/step%n", r, ns);
                if (ns < bestNs) {
                    bestNs = ns;
                    bytesPerStep = (threads.getCurrentThreadAllocatedBytes() - allocated) / (double) (regs.size() - 1);
                }
            }
        }
        System.out.printf("tracker alone: %d steps (%d writes), best of %d rounds: %.0f ns/step, %.1f bytes allocated/step%n",
                regs.size() - 1, writes, rounds, bestNs, bytesPerStep);
        double plain = Double.MAX_VALUE, tracked = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            plain = Math.min(plain, live(program, false));
            tracked = Math.min(tracked, live(program, true));
        }
        System.out.printf("live single-stepping of the whole run: %.0f ns/step plain, %.0f ns/step with the tracker (+%.0f)%n",
                plain, tracked, tracked - plain);
    }

    private static long countSteps(Path program) throws Exception {
        try (Target t = Target.launch(LaunchSpec.of(program))) {
            long[] n = {0};
            t.execution().trace(Long.MAX_VALUE, (i, r) -> { n[0] = i; return true; }).get(10, TimeUnit.MINUTES);
            return n[0];
        }
    }

    private static double live(Path program, boolean withTracker) throws Exception {
        try (Target t = Target.launch(LaunchSpec.of(program));
             FileChannel mem = FileChannel.open(Path.of("/proc/" + t.pid() + "/mem"), StandardOpenOption.READ);
             EffectsTracker tracker = new EffectsTracker((address, buffer, offset, length) -> {
                 try {
                     return Math.max(0, mem.read(ByteBuffer.wrap(buffer, offset, length), address));
                 } catch (java.io.IOException e) {
                     return 0;
                 }
             })) {
            long[] steps = {0};
            if (withTracker) tracker.beforeStep(t.registers().current().raw());
            long start = System.nanoTime();
            t.execution().trace(Long.MAX_VALUE, (i, r) -> {
                steps[0] = i;
                if (withTracker) {
                    long[] now = r.raw();
                    tracker.afterStep(now);
                    tracker.beforeStep(now);
                }
                return true;
            }).get(10, TimeUnit.MINUTES);
            return (System.nanoTime() - start) / (double) steps[0];
        }
    }
}
