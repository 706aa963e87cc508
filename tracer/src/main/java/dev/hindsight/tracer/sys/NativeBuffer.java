package dev.hindsight.tracer.sys;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * Native memory owned by Java, allocated once and reused on hot paths (register blocks, status
 * words, iovecs) so a ptrace step allocates nothing.
 */
public final class NativeBuffer {
    private final Memory memory;
    private final long address;

    private NativeBuffer(long size) {
        this.memory = new Memory(size);
        this.memory.clear();
        this.address = Pointer.nativeValue(memory);
    }

    public static NativeBuffer allocate(long size) {
        return new NativeBuffer(size);
    }

    public long address() {
        return address;
    }

    public long size() {
        return memory.size();
    }

    public long getLong(long offset) {
        return memory.getLong(offset);
    }

    public void setLong(long offset, long value) {
        memory.setLong(offset, value);
    }

    public int getInt(long offset) {
        return memory.getInt(offset);
    }

    public void setInt(long offset, int value) {
        memory.setInt(offset, value);
    }

    public void read(long offset, byte[] dst, int dstOffset, int length) {
        memory.read(offset, dst, dstOffset, length);
    }

    public void write(long offset, byte[] src, int srcOffset, int length) {
        memory.write(offset, src, srcOffset, length);
    }

    /** Bulk copy in one native call (a loop of getLong pays JNI once per element). */
    public void readLongs(long offset, long[] dst, int dstOffset, int count) {
        memory.read(offset, dst, dstOffset, count);
    }

    public void writeLongs(long offset, long[] src, int srcOffset, int count) {
        memory.write(offset, src, srcOffset, count);
    }

    public void clear() {
        memory.clear();
    }

    Pointer pointer() {
        return memory;
    }
}
