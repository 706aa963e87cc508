package dev.hindsight.tracer.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** SHF_COMPRESSED sections: an Elf64_Chdr then zlib data (zstd is reported, not guessed). */
final class Inflate {
    private static final int ELFCOMPRESS_ZLIB = 1, ELFCOMPRESS_ZSTD = 2;
    private static final long MAX_INFLATED = 1L << 30;

    private Inflate() {}

    static ByteBuffer section(ByteBuffer raw, String what) {
        CheckedBuffer b = new CheckedBuffer(raw, what);
        int type = b.i32(0);
        long size = b.u64(8);
        if (type == ELFCOMPRESS_ZSTD) throw new ElfFormatException(what + ": zstd-compressed sections are not supported");
        if (type != ELFCOMPRESS_ZLIB) throw new ElfFormatException(what + ": unknown compression " + type);
        if (size < 0 || size > MAX_INFLATED) throw new ElfFormatException(what + ": implausible inflated size " + size);
        ByteBuffer in = b.slice(24, b.size() - 24L);
        // Grow with what actually inflates instead of trusting the header's size: a damaged size
        // field must not make us allocate a gigabyte.
        byte[] out = new byte[(int) Math.min(size, Math.max(4096, 4L * in.remaining()))];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in);
            int n = 0;
            while (n < size && !inflater.finished()) {
                if (n == out.length) out = java.util.Arrays.copyOf(out, (int) Math.min(size, 2L * out.length));
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
                n += got;
            }
            if (n != size) throw new ElfFormatException(what + ": compressed data ends after " + n + " of " + size + " bytes");
            return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        } catch (DataFormatException e) {
            throw new ElfFormatException(what + ": corrupt zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
