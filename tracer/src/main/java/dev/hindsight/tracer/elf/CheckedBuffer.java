package dev.hindsight.tracer.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Little-endian reads that fail with {@link ElfFormatException} instead of running off the end. */
final class CheckedBuffer {
    private final ByteBuffer buf;
    private final String what;

    CheckedBuffer(ByteBuffer buf, String what) {
        this.buf = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.what = what;
    }

    int size() {
        return buf.limit();
    }

    private int at(long offset, int width) {
        if (offset < 0 || offset > buf.limit() - (long) width) {
            throw new ElfFormatException(what + ": offset " + offset + " (+" + width + ") outside " + buf.limit() + " bytes");
        }
        return (int) offset;
    }

    int u8(long offset) {
        return buf.get(at(offset, 1)) & 0xff;
    }

    int u16(long offset) {
        return buf.getShort(at(offset, 2)) & 0xffff;
    }

    int i32(long offset) {
        return buf.getInt(at(offset, 4));
    }

    long u32(long offset) {
        return buf.getInt(at(offset, 4)) & 0xffffffffL;
    }

    long u64(long offset) {
        return buf.getLong(at(offset, 8));
    }

    /** A view of [offset, offset+length), bounds-checked. */
    ByteBuffer slice(long offset, long length) {
        if (length < 0 || length > Integer.MAX_VALUE) throw new ElfFormatException(what + ": bad length " + length);
        int start = at(offset, 0);
        if (start + length > buf.limit()) {
            throw new ElfFormatException(what + ": range " + offset + "+" + length + " outside " + buf.limit() + " bytes");
        }
        return buf.slice(start, (int) length).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A NUL-terminated string at {@code offset}; an unterminated one ends at the buffer's end. */
    String cString(long offset) {
        int start = at(offset, 0);
        int end = start;
        while (end < buf.limit() && buf.get(end) != 0) end++;
        byte[] b = new byte[end - start];
        buf.get(start, b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
