package dev.hindsight.index.build;

import dev.hindsight.index.Region;
import dev.hindsight.index.ShardWriter;
import dev.hindsight.tracer.record.SyscallTable;
import dev.hindsight.tracer.record.TraceEvent;
import dev.hindsight.tracer.replay.ReplayBackend;
import java.util.List;

/**
 * Memory that system calls make appear without any instruction writing it — a mapped file, fresh
 * zeroed pages from mmap or brk, a region moved by mremap, pages madvise(DONTNEED) zeroed — read
 * from the replay right after the call and given to the index as a mapped region.
 */
final class MappedMemory {
    private static final System.Logger LOG = System.getLogger(MappedMemory.class.getName());
    private static final int BRK = 12, MREMAP = 25, MADVISE = 28, MADV_DONTNEED = 4;
    /** Beyond this a mapping is left out of the index (its bytes stay unknown there), with a warning. */
    private static final long LARGEST = 64L << 20;

    private final ReplayBackend replay;
    private long brk = -1;

    MappedMemory(ReplayBackend replay) {
        this.replay = replay;
    }

    /** The program break before event {@code eventIndex}: the last brk result before it. */
    void startAt(int eventIndex) {
        List<TraceEvent> events = replay.trace().events();
        for (int i = eventIndex - 1; i >= 0 && brk < 0; i--) {
            if (events.get(i) instanceof TraceEvent.Syscall s && s.number() == BRK) brk = s.result();
        }
    }

    void after(TraceEvent.Syscall s, ShardWriter writer) {
        long nr = s.number(), result = s.result();
        if (result < 0 && result > -4096) return;
        long from, to;
        if (nr == BRK) {
            long old = brk;
            brk = result;
            if (old < 0 || result <= old) return;
            from = old;
            to = result;
        } else if (s.mode() == SyscallTable.Mode.MMAP) {
            from = result;
            to = result + s.arg(1);
        } else if (s.mode() == SyscallTable.Mode.MREMAP || nr == MREMAP) {
            from = result;
            to = result + s.arg(2);
        } else if (nr == MADVISE && s.arg(2) == MADV_DONTNEED) {
            from = s.arg(0);
            to = s.arg(0) + s.arg(1);
        } else {
            return;
        }
        to = (to + 4095) & ~4095L;
        if (to - from > LARGEST) {
            LOG.log(System.Logger.Level.WARNING, "a mapping of {0} bytes at 0x{1} is not in the index", to - from, Long.toHexString(from));
            return;
        }
        Region region = MemoryImage.read(replay, from, to, "", s.mappedFile() == null ? "" : s.mappedFile());
        if (region.bytes().length > 0) writer.mapped(region);
    }
}
