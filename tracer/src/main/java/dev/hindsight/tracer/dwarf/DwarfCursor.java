package dev.hindsight.tracer.dwarf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A bounds-checked reader over DWARF bytes. Every read past the end, every over-long LEB128 and every length that
 * does not fit the remaining bytes becomes a {@link DwarfFormatException}, so no buffer exception or huge
 * allocation can escape from hostile input.
 */
public final class DwarfCursor {
    private final ByteBuffer buf;
    private final String section;
    private int pos;
    private final int limit;

    public DwarfCursor(ByteBuffer buf, String section) {
        this(buf.duplicate().order(ByteOrder.LITTLE_ENDIAN), section, 0, buf.limit());
    }

    private DwarfCursor(ByteBuffer buf, String section, int pos, int limit) {
        this.buf = buf;
        this.section = section;
        this.pos = pos;
        this.limit = limit;
    }

    public String section() { return section; }

    public int position() { return pos; }

    public int limit() { return limit; }

    public int size() { return buf.limit(); }

    public int remaining() { return limit - pos; }

    public boolean hasRemaining() { return pos < limit; }

    /** Moves to an absolute section offset; the offset must lie inside the whole section. */
    public DwarfCursor seek(long offset) {
        if (offset < 0 || offset > buf.limit()) throw error("offset 0x" + Long.toHexString(offset) + " outside section");
        pos = (int) offset;
        return this;
    }

    /** A cursor over [offset, offset+length) of the same section, for one unit or one list. */
    public DwarfCursor slice(long offset, long length) {
        if (offset < 0 || length < 0 || offset > buf.limit() || length > buf.limit() - offset) {
            throw error("range 0x" + Long.toHexString(offset) + "+0x" + Long.toHexString(length) + " outside section");
        }
        return new DwarfCursor(buf, section, (int) offset, (int) (offset + length));
    }

    /** A cursor starting at an absolute offset that may read to the end of the section. */
    public DwarfCursor at(long offset) {
        if (offset < 0 || offset > buf.limit()) throw error("offset 0x" + Long.toHexString(offset) + " outside section");
        return slice(offset, buf.limit() - offset);
    }

    private void need(long n) {
        if (n < 0 || n > limit - pos) {
            throw error("truncated: need " + n + " bytes, " + (limit - pos) + " left");
        }
    }

    public DwarfFormatException error(String what) {
        return new DwarfFormatException(section + " at 0x" + Integer.toHexString(pos) + ": " + what);
    }

    public int u8() { need(1); return buf.get(pos++) & 0xff; }

    public int s8() { need(1); return buf.get(pos++); }

    public int u16() { need(2); int v = buf.getShort(pos) & 0xffff; pos += 2; return v; }

    public int s16() { need(2); int v = buf.getShort(pos); pos += 2; return v; }

    public long u32() { need(4); long v = buf.getInt(pos) & 0xffffffffL; pos += 4; return v; }

    public int s32() { need(4); int v = buf.getInt(pos); pos += 4; return v; }

    public long u64() { need(8); long v = buf.getLong(pos); pos += 8; return v; }

    /** Unsigned integer of 1, 2, 3, 4 or 8 bytes (3 is used by strx3/addrx3). */
    public long unsigned(int size) {
        switch (size) {
            case 1: return u8();
            case 2: return u16();
            case 3: { int lo = u16(); return lo | ((long) u8() << 16); }
            case 4: return u32();
            case 8: return u64();
            default: throw error("unsupported integer size " + size);
        }
    }

    /** Address-sized value; DWARF allows 4 and 8 byte addresses (and 2 for odd targets). */
    public long address(int size) { return unsigned(size); }

    public long offset(boolean dwarf64) { return dwarf64 ? u64() : u32(); }

    public long uleb() {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = u8();
            // Over-long encodings are legal padding; only the low 64 bits matter.
            if (shift < 64) result |= (long) (b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0) return result;
        }
    }

    public long sleb() {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift < 64) result |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) result |= -1L << shift;
        return result;
    }

    /** ULEB128 that must fit a non-negative int (counts, lengths, indices). */
    public int ulebInt(String what) {
        long v = uleb();
        if (v < 0 || v > Integer.MAX_VALUE) throw error(what + " too large: " + Long.toUnsignedString(v));
        return (int) v;
    }

    public String cstring() {
        int end = pos;
        while (end < limit && buf.get(end) != 0) end++;
        if (end >= limit) throw error("unterminated string");
        byte[] b = new byte[end - pos];
        buf.get(pos, b);
        pos = end + 1;
        return new String(b, StandardCharsets.UTF_8);
    }

    /** NUL-terminated string at an absolute offset, without moving this cursor. */
    public String cstringAt(long offset) {
        int saved = pos;
        try {
            seek(offset);
            if (pos >= limit) throw error("string offset at end of section");
            return cstring();
        } finally {
            pos = saved;
        }
    }

    public byte[] bytes(long n) {
        need(n);
        byte[] b = new byte[(int) n];
        buf.get(pos, b);
        pos += (int) n;
        return b;
    }

    public void skip(long n) { need(n); pos += (int) n; }

    /**
     * Reads an initial length: returns the unit length and sets {@code dwarf64[0]} when the 64-bit escape is used.
     */
    public long initialLength(boolean[] dwarf64) {
        long len = u32();
        if (len == 0xffffffffL) {
            dwarf64[0] = true;
            len = u64();
        } else {
            dwarf64[0] = false;
            if (len >= 0xfffffff0L) throw error("reserved initial length 0x" + Long.toHexString(len));
        }
        if (len < 0 || len > remaining()) throw error("unit length 0x" + Long.toHexString(len) + " exceeds section");
        return len;
    }
}
