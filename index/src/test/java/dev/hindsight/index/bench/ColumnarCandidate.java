package dev.hindsight.index.bench;

import dev.hindsight.index.IndexReader;
import dev.hindsight.index.IndexStore;
import dev.hindsight.index.Region;
import dev.hindsight.index.ShardStart;
import dev.hindsight.index.ShardWriter;
import dev.hindsight.index.StepKind;
import java.nio.file.Path;
import java.util.List;

/** The index module itself (zstd column blocks; level and block size from system properties). */
final class ColumnarCandidate implements Candidate {
    private final String name;

    ColumnarCandidate(String name) {
        this.name = name;
    }

    @Override
    public String name() { return name; }

    @Override
    public Sink writer(Path dir) {
        IndexStore.prepare(dir);
        return new Sink() {
            ShardWriter w;

            @Override
            public void start(int tid, long[] regs, byte[] fxsave, List<Region> memory) {
                w = IndexStore.createShard(dir, 0, new ShardStart(0, tid, regs, fxsave, memory));
            }

            @Override
            public void instruction(int tid, long[] regs, int kind, long[] addresses, byte[][] values, byte[] fxsave) {
                w.instruction(tid, regs, StepKind.values()[kind], addresses, values, fxsave);
            }

            @Override
            public void syscall(long number, long[] args, long result, long[] addresses, byte[][] values) {
                w.syscall(number, args, result, addresses, values);
            }

            @Override
            public void output(long time, int fd, byte[] bytes) { w.output(time, fd, bytes); }

            @Override
            public void mapped(Region region) { w.mapped(region); }

            @Override
            public void close() {
                w.finish();
                IndexStore.commit(dir, 1);
            }
        };
    }

    @Override
    public Queries open(Path dir) {
        IndexReader r = IndexReader.open(dir);
        return new Queries() {
            @Override
            public long[] registersAt(long t) { return r.registersAt(t); }

            @Override
            public byte[] memoryAt(long t, long address, int length) { return r.memoryAt(t, address, length); }

            @Override
            public long[] executionsOf(long pc) { return r.executionsOf(pc, pc + 1, 0, Integer.MAX_VALUE); }

            @Override
            public int writesTo(long address, int length, long from, long to) { return r.writesTo(address, length, from, to).size(); }

            @Override
            public void close() { r.close(); }
        };
    }
}
