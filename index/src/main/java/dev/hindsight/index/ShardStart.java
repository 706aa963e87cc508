package dev.hindsight.index;

import java.util.List;

/**
 * Where a shard starts: the trace's event index there, the registers of the thread about to run
 * (kernel order, 27 longs), its 512-byte fxsave image (or null), and the whole memory image.
 */
public record ShardStart(long firstEvent, int tid, long[] registers, byte[] fxsave, List<Region> memory) {
    public ShardStart {
        if (registers == null || registers.length != 27) throw new IllegalArgumentException("need 27 registers in kernel order");
        if (fxsave != null && fxsave.length != 512) throw new IllegalArgumentException("an fxsave image has 512 bytes");
        memory = List.copyOf(memory);
    }
}
