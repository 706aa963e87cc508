package dev.hindsight.index.testing;

import dev.hindsight.index.IndexStore;
import dev.hindsight.index.Region;
import dev.hindsight.index.ShardStart;
import dev.hindsight.index.ShardWriter;
import dev.hindsight.index.StepKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds an index from a recording cut into shards, as the builder would: each shard starts from
 * the state at its cut (registers, fxsave, the whole memory image: the start image plus every
 * write and mapping before the cut), written by its own {@link ShardWriter}.
 */
public final class ShardedBuild implements Recording.Visitor {
    private final Path traceDir;
    private final long[] cuts;
    private final TreeMap<Long, Region> memory = new TreeMap<>();
    private ShardWriter writer;
    private int shard = -1, tid;
    private long time;
    private byte[] fxsave;

    private ShardedBuild(Path traceDir, long total, int shards) {
        this.traceDir = traceDir;
        cuts = new long[shards];
        for (int k = 0; k < shards; k++) cuts[k] = total * k / shards;
    }

    /** Builds and commits; {@code total} is the recording's instruction count. */
    public static long build(Path recording, Path traceDir, long total, int shards) throws IOException {
        IndexStore.prepare(traceDir);
        ShardedBuild b = new ShardedBuild(traceDir, total, shards);
        Recording.read(recording, b);
        b.writer.finish();
        while (b.shard < shards - 1) b.next(new long[27]); // cuts past the end: empty shards
        return IndexStore.commit(traceDir, shards);
    }

    @Override
    public void start(int tid, long[] regs, byte[] fxsave, List<Region> regions) {
        for (Region r : regions) memory.put(r.start(), new Region(r.start(), r.bytes().clone(), r.perms(), r.name()));
        this.tid = tid;
        this.fxsave = fxsave;
    }

    private void next(long[] regs) {
        if (writer != null) writer.finish();
        shard++;
        List<Region> image = new ArrayList<>();
        for (Region r : memory.values()) image.add(new Region(r.start(), r.bytes().clone(), r.perms(), r.name()));
        writer = IndexStore.createShard(traceDir, shard, new ShardStart(shard, tid, regs, fxsave, image));
    }

    @Override
    public void instruction(int tid, long[] regs, int kind, long[] addresses, byte[][] values, byte[] fx) {
        while (shard + 1 < cuts.length && cuts[shard + 1] == time || shard < 0) {
            this.tid = tid;
            if (fx != null) fxsave = fx;
            next(regs);
        }
        writer.instruction(tid, regs, StepKind.values()[kind], addresses, values, writer.count() == 0 ? null : fx);
        if (fx != null) fxsave = fx;
        apply(addresses, values);
        time++;
    }

    @Override
    public void syscall(long number, long[] args, long result, long[] addresses, byte[][] values) {
        writer.syscall(number, args, result, addresses, values);
        apply(addresses, values);
    }

    @Override
    public void output(long t, int fd, byte[] bytes) {
        writer.output(t - cuts[shard], fd, bytes);
    }

    @Override
    public void mapped(Region region) {
        // At a cut the mapping is part of the next shard's start image, taken from memory there.
        boolean atCut = shard + 1 < cuts.length && time == cuts[shard + 1];
        if (!atCut) writer.mapped(region);
        memory.put(region.start(), new Region(region.start(), region.bytes().clone(), region.perms(), region.name()));
    }

    private void apply(long[] addresses, byte[][] values) {
        for (int i = 0; i < addresses.length; i++) {
            for (int j = 0; j < values[i].length; j++) {
                long a = addresses[i] + j;
                Map.Entry<Long, Region> e = memory.floorEntry(a);
                if (e != null && a < e.getValue().end()) e.getValue().bytes()[(int) (a - e.getKey())] = values[i][j];
            }
        }
    }
}
