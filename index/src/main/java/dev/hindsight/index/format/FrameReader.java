package dev.hindsight.index.format;

import com.github.luben.zstd.Zstd;
import dev.hindsight.index.IndexException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/** Reads the frames {@link FrameWriter} wrote, checking each one's checksum. Thread-safe. */
public final class FrameReader implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final long size;

    public FrameReader(Path file) {
        this.file = file;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.size = channel.size();
        } catch (IOException e) {
            throw new IndexException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public long size() { return size; }

    /** The frame at {@code offset}, decompressed; its total length on disk is {@link #lastLength}. */
    public byte[] read(long offset) {
        ByteBuffer head = ByteBuffer.allocate(FrameWriter.HEADER).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        readFully(head, offset);
        int rawLength = head.getInt(0), packedLength = head.getInt(4), crc = head.getInt(8);
        if (rawLength < 0 || packedLength < 0 || offset + FrameWriter.HEADER + packedLength > size) {
            throw new CorruptIndexException(file.getFileName() + " has a frame at " + offset + " that runs past its end");
        }
        ByteBuffer body = ByteBuffer.allocate(packedLength);
        readFully(body, offset + FrameWriter.HEADER);
        CRC32C check = new CRC32C();
        check.update(body.array(), 0, packedLength);
        if ((int) check.getValue() != crc) {
            throw new CorruptIndexException(file.getFileName() + " fails its checksum at offset " + offset);
        }
        byte[] out = new byte[rawLength];
        long n;
        try {
            n = Zstd.decompressByteArray(out, 0, rawLength, body.array(), 0, packedLength);
        } catch (RuntimeException e) { // zstd-jni throws ZstdException on bad input
            throw new CorruptIndexException(file.getFileName() + " has an undecodable frame at " + offset);
        }
        if (Zstd.isError(n) || n != rawLength) throw new CorruptIndexException(file.getFileName() + " has an undecodable frame at " + offset);
        return out;
    }

    /** The offset of the frame after the one at {@code offset}. */
    public long next(long offset) {
        ByteBuffer head = ByteBuffer.allocate(FrameWriter.HEADER).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        readFully(head, offset);
        return offset + FrameWriter.HEADER + head.getInt(4);
    }

    /** Every frame of the file in order (for the small files read whole at open). */
    public java.util.List<byte[]> readAll() {
        java.util.List<byte[]> frames = new java.util.ArrayList<>();
        for (long at = 0; at < size; at = next(at)) frames.add(read(at));
        return frames;
    }

    private void readFully(ByteBuffer b, long at) {
        try {
            while (b.hasRemaining()) {
                int n = channel.read(b, at + b.position());
                if (n < 0) throw new CorruptIndexException(file.getFileName() + " is truncated");
            }
        } catch (IOException e) {
            throw new IndexException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a read-only channel loses nothing
        }
    }
}
