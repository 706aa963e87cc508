package dev.hindsight.tracer.ptrace;

import dev.hindsight.tracer.arch.Architecture;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Physical breakpoints: the architecture's breakpoint instruction at an address (int3's one byte,
 * {@code BRK #0}'s four) and the bytes it replaced. Reads see the original bytes; writes over a
 * breakpoint update the saved bytes and keep the breakpoint.
 */
final class SoftwareBreakpoints {
    private final byte[] instruction;
    /** Concurrent: reads of a running program hide breakpoints from the caller's thread ({@code readMemoryWhileRunning}). */
    private final Map<Long, byte[]> saved = new ConcurrentHashMap<>();

    SoftwareBreakpoints() {
        this(Architecture.host());
    }

    SoftwareBreakpoints(Architecture arch) {
        this.instruction = arch.breakpointInstruction();
    }

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
        byte[] original = new byte[instruction.length];
        if (mem.read(address, original, 0, original.length) != original.length) throw new IllegalArgumentException(unmapped(address));
        if (!plant(mem, address)) throw new IllegalArgumentException(unmapped(address));
        saved.put(address, original);
    }

    void remove(ProcMemory mem, long address) {
        byte[] original = saved.remove(address);
        if (original != null) mem.write(address, original, 0, original.length);
    }

    /** Puts the original bytes back while a thread steps over them; {@link #rearm} undoes that. */
    void disarm(ProcMemory mem, long address) {
        byte[] original = saved.get(address);
        if (original != null) mem.write(address, original, 0, original.length);
    }

    void rearm(ProcMemory mem, long address) {
        if (saved.containsKey(address)) plant(mem, address);
    }

    /** Replaces planted breakpoint bytes in a read buffer with what the program really has there. */
    void hide(long address, byte[] buf, int offset, int length) {
        if (saved.isEmpty()) return;
        for (Map.Entry<Long, byte[]> e : saved.entrySet()) {
            byte[] original = e.getValue();
            for (int i = 0; i < original.length; i++) {
                long delta = e.getKey() + i - address;
                if (delta >= 0 && delta < length) buf[offset + (int) delta] = original[i];
            }
        }
    }

    /** After the program's own bytes were written over breakpoints: remember them, re-plant the breakpoints. */
    void afterWrite(ProcMemory mem, long address, byte[] data) {
        for (Map.Entry<Long, byte[]> e : saved.entrySet()) {
            byte[] original = e.getValue();
            boolean overlapped = false;
            for (int i = 0; i < original.length; i++) {
                long delta = e.getKey() + i - address;
                if (delta >= 0 && delta < data.length) {
                    original[i] = data[(int) delta];
                    overlapped = true;
                }
            }
            if (overlapped) plant(mem, e.getKey());
        }
    }

    /** Forgets everything, e.g. after exec replaced the address space. */
    void clear() {
        saved.clear();
    }

    /** Copies this process's breakpoints' original bytes into a forked child's memory, so the child doesn't trap. */
    void restoreOriginalsIn(ProcMemory childMem) {
        for (Map.Entry<Long, byte[]> e : saved.entrySet()) childMem.write(e.getKey(), e.getValue(), 0, e.getValue().length);
    }

    private boolean plant(ProcMemory mem, long address) {
        return mem.write(address, instruction, 0, instruction.length);
    }

    private static String unmapped(long address) {
        return "cannot set a breakpoint at 0x" + Long.toHexString(address) + ": address not mapped";
    }
}
