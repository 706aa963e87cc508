package dev.hindsight.tracer.ptrace;

import dev.hindsight.tracer.sys.Files;
import dev.hindsight.tracer.sys.NativeBuffer;

/**
 * Bulk access to the tracee's memory through /proc/PID/mem: one pread/pwrite per request, and
 * (unlike process_vm_writev) able to write read-only text, which is how breakpoints are planted.
 * The descriptor belongs to one address space and is reopened after an exec.
 */
final class ProcMemory implements AutoCloseable {
    private static final int CHUNK = 1 << 20;
    /** Writes so far through any instance (any tracee): a cache of decoded code is stale after one. */
    static final java.util.concurrent.atomic.AtomicLong WRITES = new java.util.concurrent.atomic.AtomicLong();
    private final int fd;
    private NativeBuffer scratch = NativeBuffer.allocate(4096);

    ProcMemory(int pid) {
        fd = Files.open("/proc/" + pid + "/mem", Files.O_RDWR, false);
    }

    /** Reads as much of [address, address+length) as is mapped, from the start; returns the count. */
    int read(long address, byte[] dst, int offset, int length) {
        int done = 0;
        while (done < length) {
            int want = Math.min(length - done, CHUNK);
            ensure(want);
            long n = Files.pread(fd, scratch, want, address + done);
            if (n <= 0) break;
            scratch.read(0, dst, offset + done, (int) n);
            done += (int) n;
        }
        return done;
    }

    /** Writes all bytes; returns false if any part is not writable or not mapped. */
    boolean write(long address, byte[] src, int offset, int length) {
        WRITES.incrementAndGet();
        int done = 0;
        while (done < length) {
            int want = Math.min(length - done, CHUNK);
            ensure(want);
            scratch.write(0, src, offset + done, want);
            long n = Files.pwrite(fd, scratch, want, address + done);
            if (n <= 0) return false;
            done += (int) n;
        }
        return true;
    }

    private void ensure(int size) {
        if (scratch.size() < size) scratch = NativeBuffer.allocate(Math.max(size, scratch.size() * 2));
    }

    @Override
    public void close() {
        Files.closeQuietly(fd);
    }
}
