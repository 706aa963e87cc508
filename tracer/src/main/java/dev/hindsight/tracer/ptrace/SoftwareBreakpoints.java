package dev.hindsight.tracer.ptrace;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Physical breakpoints: an int3 byte at an address and the byte it replaced. Reads see the
 * original bytes; writes over a breakpoint update the saved byte and keep the int3.
 */
final class SoftwareBreakpoints {
    static final byte INT3 = (byte) 0xcc;
    /** Concurrent: reads of a running program hide breakpoints from the caller's thread ({@code readMemoryWhileRunning}). */
    private final Map<Long, Byte> saved = new ConcurrentHashMap<>();

    boolean contains(long address) {
        return saved.containsKey(address);
    }

    java.util.List<Long> addresses() {
        return new java.util.ArrayList<>(saved.keySet());
    }

    /** Whether a breakpoint is planted in [address, address+length). */
    boolean anyIn(long address, int length) {
        for (long a : saved.keySet()) if (a - address >= 0 && a - address < length) return true;
        return false;
    }

    boolean isEmpty() {
        return saved.isEmpty();
    }

    void insert(ProcMemory mem, long address) {
        if (saved.containsKey(address)) return;
        byte[] one = new byte[1];
        if (mem.read(address, one, 0, 1) != 1) throw new IllegalArgumentException(unmapped(address));
        if (!mem.write(address, new byte[] {INT3}, 0, 1)) throw new IllegalArgumentException(unmapped(address));
        saved.put(address, one[0]);
    }

    void remove(ProcMemory mem, long address) {
        Byte original = saved.remove(address);
        if (original != null) mem.write(address, new byte[] {original}, 0, 1);
    }

    /** Puts the original byte back while a thread steps over it; {@link #rearm} undoes that. */
    void disarm(ProcMemory mem, long address) {
        Byte original = saved.get(address);
        if (original != null) mem.write(address, new byte[] {original}, 0, 1);
    }

    void rearm(ProcMemory mem, long address) {
        if (saved.containsKey(address)) mem.write(address, new byte[] {INT3}, 0, 1);
    }

    /** Replaces planted int3 bytes in a read buffer with what the program really has there. */
    void hide(long address, byte[] buf, int offset, int length) {
        if (saved.isEmpty()) return;
        for (Map.Entry<Long, Byte> e : saved.entrySet()) {
            long delta = e.getKey() - address;
            if (delta >= 0 && delta < length) buf[offset + (int) delta] = e.getValue();
        }
    }

    /** After the program's own bytes were written over breakpoints: remember them, re-plant int3. */
    void afterWrite(ProcMemory mem, long address, byte[] data) {
        for (Map.Entry<Long, Byte> e : saved.entrySet()) {
            long delta = e.getKey() - address;
            if (delta >= 0 && delta < data.length) {
                e.setValue(data[(int) delta]);
                mem.write(e.getKey(), new byte[] {INT3}, 0, 1);
            }
        }
    }

    /** Forgets everything, e.g. after exec replaced the address space. */
    void clear() {
        saved.clear();
    }

    /** Copies this process's int3s out of a forked child's memory, so the child doesn't trap. */
    void restoreOriginalsIn(ProcMemory childMem) {
        for (Map.Entry<Long, Byte> e : saved.entrySet()) childMem.write(e.getKey(), new byte[] {e.getValue()}, 0, 1);
    }

    private static String unmapped(long address) {
        return "cannot set a breakpoint at 0x" + Long.toHexString(address) + ": address not mapped";
    }
}
