package dev.hindsight.tracer.ptrace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/**
 * Reads /proc/PID/auxv: pairs of 64-bit type and value, ended by AT_NULL (the types are
 * {@link dev.hindsight.tracer.backend.AuxvType}'s).
 */
public final class Auxv {
    private Auxv() {}

    public static LinkedHashMap<Long, Long> read(int pid) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(Path.of("/proc/" + pid + "/auxv")))
                    .order(ByteOrder.LITTLE_ENDIAN);
            LinkedHashMap<Long, Long> out = new LinkedHashMap<>();
            while (b.remaining() >= 16) {
                long type = b.getLong();
                long value = b.getLong();
                if (type == 0) break;
                out.put(type, value);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
