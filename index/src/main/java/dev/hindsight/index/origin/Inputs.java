package dev.hindsight.index.origin;

import dev.hindsight.index.IndexReader;
import dev.hindsight.index.Syscall;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's system calls, by time, and where a byte a read-like call stored sits in its input:
 * the offset in the call's buffer and in the stream read from that fd, counted from the recorded
 * results of the earlier read-like calls on the same fd since it was last closed (pread's own
 * offset for pread64). An lseek is not followed.
 */
final class Inputs {
    static final int READ = 0, CLOSE = 3, PREAD64 = 17, READV = 19, RECVFROM = 45, RT_SIGRETURN = 15;
    private static final Map<Long, String> NAMES = Map.ofEntries(Map.entry(0L, "read"), Map.entry(1L, "write"), Map.entry(2L, "open"),
            Map.entry(3L, "close"), Map.entry(4L, "stat"), Map.entry(5L, "fstat"), Map.entry(9L, "mmap"), Map.entry(12L, "brk"),
            Map.entry(15L, "rt_sigreturn"), Map.entry(16L, "ioctl"), Map.entry(17L, "pread64"), Map.entry(19L, "readv"),
            Map.entry(45L, "recvfrom"), Map.entry(47L, "recvmsg"), Map.entry(257L, "openat"), Map.entry(262L, "newfstatat"),
            Map.entry(318L, "getrandom"), Map.entry(334L, "rseq"), Map.entry(302L, "prlimit64"), Map.entry(228L, "clock_gettime"));

    private final IndexReader index;
    private final List<Syscall> calls;
    private final long[] times;

    Inputs(IndexReader index) {
        this.index = index;
        this.calls = index.syscalls();
        this.times = calls.stream().mapToLong(Syscall::time).toArray();
    }

    static String name(long number) { return NAMES.getOrDefault(number, "syscall " + number); }

    Syscall syscallAt(long time) {
        int i = java.util.Arrays.binarySearch(times, time);
        return i >= 0 ? calls.get(i) : null;
    }

    /** The latest rt_sigreturn at a time in (after, before), or null. */
    Syscall lastSigreturnIn(long after, long before) {
        int i = java.util.Arrays.binarySearch(times, before);
        for (i = (i >= 0 ? i : -i - 1) - 1; i >= 0 && times[i] > after; i--) if (calls.get(i).number() == RT_SIGRETURN) return calls.get(i);
        return null;
    }

    /** A call's number, result and arguments; for a read-like call that stored {@code byteAddress}: fd, bufferOffset, streamOffset. */
    Map<String, Long> facts(Syscall s, long byteAddress) {
        Map<String, Long> f = new LinkedHashMap<>();
        f.put("number", s.number());
        f.put("result", s.result());
        for (int a = 0; a < s.args().length; a++) f.put("arg" + a, s.args()[a]);
        if (byteAddress < 0 || s.result() <= 0) return f;
        long fd = s.args()[0], inCall = -1, base;
        if (s.number() == READ || s.number() == PREAD64 || s.number() == RECVFROM) {
            long buffer = s.args()[1];
            if (byteAddress >= buffer && byteAddress < buffer + s.result()) inCall = byteAddress - buffer;
        } else if (s.number() == READV) {
            inCall = offsetInIovecs(s, byteAddress);
        }
        if (inCall < 0) return f;
        base = s.number() == PREAD64 ? s.args()[3] : consumedBefore(fd, s.time());
        f.put("fd", fd);
        f.put("bufferOffset", inCall);
        f.put("streamOffset", base + inCall);
        return f;
    }

    /** Bytes read from fd by read-like calls before {@code time}, since fd was last closed. */
    private long consumedBefore(long fd, long time) {
        long n = 0;
        for (Syscall c : calls) {
            if (c.time() >= time) break;
            if (c.args().length == 0 || c.args()[0] != fd) continue;
            if (c.number() == CLOSE && c.result() == 0) n = 0;
            else if ((c.number() == READ || c.number() == READV || c.number() == RECVFROM) && c.result() > 0) n += c.result();
        }
        return n;
    }

    private long offsetInIovecs(Syscall s, long byteAddress) {
        int count = (int) Math.min(s.args()[2], 1024);
        byte[] iov = index.memoryAt(s.time(), s.args()[1], 16 * count);
        long before = 0, left = s.result();
        for (int i = 0; i + 16 <= iov.length && left > 0; i += 16) {
            long base = java.nio.ByteBuffer.wrap(iov, i, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            long len = Math.min(left, java.nio.ByteBuffer.wrap(iov, i + 8, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
            if (byteAddress >= base && byteAddress < base + len) return before + byteAddress - base;
            before += len;
            left -= len;
        }
        return -1;
    }
}
