package dev.hindsight.index.format;

import java.util.Arrays;

/** A growable byte array with the LEB128 varints every column of the index is written in. */
public final class ByteSink {
    private byte[] data;
    private int size;

    public ByteSink(int capacity) {
        data = new byte[Math.max(16, capacity)];
    }

    public int size() { return size; }

    public byte[] array() { return data; }

    public byte[] toArray() { return Arrays.copyOf(data, size); }

    public void reset() { size = 0; }

    private void ensure(int more) {
        if (size + more > data.length) data = Arrays.copyOf(data, Math.max(data.length * 2, size + more));
    }

    public void put(int b) {
        ensure(1);
        data[size++] = (byte) b;
    }

    public void put(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, data, size, len);
        size += len;
    }

    public void put(byte[] b) { put(b, 0, b.length); }

    public void putVarint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            data[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        data[size++] = (byte) v;
    }

    /** Signed values (deltas) as zigzag varints, so small negatives stay short. */
    public void putSigned(long v) { putVarint((v << 1) ^ (v >> 63)); }

    public void putLong(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) data[size++] = (byte) (v >>> (8 * i));
    }

    public void putInt(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) data[size++] = (byte) (v >>> (8 * i));
    }

    /** A length-prefixed byte string. */
    public void putBytes(byte[] b) {
        putVarint(b.length);
        put(b);
    }

    public void putString(String s) { putBytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)); }
}
