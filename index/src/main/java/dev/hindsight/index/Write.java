package dev.hindsight.index;

/**
 * A memory write: by the instruction at {@code time} (global), or by the kernel during it
 * ({@code kernel}: a system call's results, a signal frame). Visible from {@code time + 1} on.
 */
public record Write(long time, long address, byte[] bytes, boolean kernel) {
    public long end() { return address + bytes.length; }
}
