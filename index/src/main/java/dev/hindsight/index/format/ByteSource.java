package dev.hindsight.index.format;

/** Reads what {@link ByteSink} wrote; running past the end is a corrupt index, said so. */
public final class ByteSource {
    private final byte[] data;
    private int pos;
    private final int end;

    public ByteSource(byte[] data) { this(data, 0, data.length); }

    public ByteSource(byte[] data, int from, int to) {
        this.data = data;
        this.pos = from;
        this.end = to;
    }

    public int position() { return pos; }

    public boolean hasMore() { return pos < end; }

    public byte[] array() { return data; }

    private void need(int n) {
        if (pos + n > end) throw new CorruptIndexException("a record runs past the end of its block");
    }

    public int get() {
        need(1);
        return data[pos++] & 0xFF;
    }

    public long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            byte b = data[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) return v;
        }
        throw new CorruptIndexException("a varint is longer than 10 bytes");
    }

    public int varintInt() {
        long v = varint();
        if (v < 0 || v > Integer.MAX_VALUE) throw new CorruptIndexException("a count is out of range: " + v);
        return (int) v;
    }

    public long signed() {
        long v = varint();
        return (v >>> 1) ^ -(v & 1);
    }

    public long getLong() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) v |= (data[pos++] & 0xFFL) << (8 * i);
        return v;
    }

    public int getInt() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) v |= (data[pos++] & 0xFF) << (8 * i);
        return v;
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }

    public byte[] bytes(int n) {
        need(n);
        byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return b;
    }

    public byte[] bytes() { return bytes(varintInt()); }

    public String string() { return new String(bytes(), java.nio.charset.StandardCharsets.UTF_8); }
}
