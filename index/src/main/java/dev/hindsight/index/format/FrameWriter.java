package dev.hindsight.index.format;

import com.github.luben.zstd.Zstd;
import dev.hindsight.index.IndexException;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Appends frames to one file: {@code [raw length][compressed length][CRC32C of the compressed
 * bytes]} (little-endian ints) then the zstd-compressed bytes. Every read checks the checksum, so
 * a flipped bit is reported instead of decoded.
 */
public final class FrameWriter implements AutoCloseable {
    public static final int HEADER = 12;
    /** zstd level 1 unless a benchmark says otherwise (see the package documentation). */
    private final int level = Integer.getInteger("hindsight.index.zstdLevel", 1);

    private final Path file;
    private final FileOutputStream raw;
    private final OutputStream out;
    private long offset;

    public FrameWriter(Path file) {
        this.file = file;
        try {
            this.raw = new FileOutputStream(file.toFile());
        } catch (IOException e) {
            throw new IndexException("cannot create " + file + ": " + e.getMessage(), e);
        }
        this.out = new BufferedOutputStream(raw, 1 << 16);
    }

    /** Where the next frame starts. */
    public long offset() { return offset; }

    /** Writes one frame of {@code data[0, length)}; returns its offset. */
    public long write(byte[] data, int length) {
        byte[] packed = new byte[(int) Zstd.compressBound(length)];
        long n = Zstd.compressByteArray(packed, 0, packed.length, data, 0, length, level);
        if (Zstd.isError(n)) throw new IndexException("zstd failed: " + Zstd.getErrorName(n));
        CRC32C crc = new CRC32C();
        crc.update(packed, 0, (int) n);
        ByteSink head = new ByteSink(HEADER);
        head.putInt(length);
        head.putInt((int) n);
        head.putInt((int) crc.getValue());
        long at = offset;
        try {
            out.write(head.array(), 0, HEADER);
            out.write(packed, 0, (int) n);
        } catch (IOException e) {
            throw new IndexException("cannot write " + file + ": " + e.getMessage(), e);
        }
        offset += HEADER + n;
        return at;
    }

    public long write(ByteSink sink) { return write(sink.array(), sink.size()); }

    /** Flushes and forces the bytes to disk, so a commit never names data still in a cache. */
    @Override
    public void close() {
        try {
            out.flush();
            raw.getFD().sync();
            out.close();
        } catch (IOException e) {
            throw new IndexException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
