package dev.hindsight.tracer.ptrace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/** Reads /proc/PID/auxv: pairs of 64-bit type and value, ended by AT_NULL. */
public final class Auxv {
    public static final long AT_PHDR = 3, AT_ENTRY = 9, AT_BASE = 7, AT_RANDOM = 25, AT_EXECFN = 31,
            AT_SYSINFO_EHDR = 33;

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
