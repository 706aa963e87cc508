package dev.hindsight.tracer.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * Symbol addresses and header facts from binutils: an oracle independent of our own ELF reader.
 * Where a binary has sidecars {@code BINARY.nm} and {@code BINARY.readelf-h} (written on the host
 * by {@link CrossFixtures} for a guest without binutils), their binutils output is read instead.
 */
public final class Nm {
    private Nm() {}

    /** The link-time address of a defined symbol. */
    public static long address(Path binary, String symbol) {
        for (String line : binutils(binary, ".nm", List.of("nm", binary.toString())).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].equals(symbol)) return Long.parseUnsignedLong(f[0], 16);
        }
        throw new IllegalArgumentException("no symbol " + symbol + " in " + binary);
    }

    /** The ELF entry point from readelf's header dump. */
    public static long entry(Path binary) {
        for (String line : header(binary).split("\n")) {
            if (line.contains("Entry point address:")) return Long.decode(line.split(":")[1].trim());
        }
        throw new IllegalArgumentException("no entry in " + binary);
    }

    /** Whether the binary is position independent (ELF type DYN). */
    public static boolean isPie(Path binary) {
        return header(binary).contains("DYN (");
    }

    private static String header(Path binary) {
        return binutils(binary, ".readelf-h", List.of("readelf", "-h", binary.toString()));
    }

    private static String binutils(Path binary, String sidecar, List<String> command) {
        Path saved = binary.resolveSibling(binary.getFileName() + sidecar);
        try {
            if (java.nio.file.Files.isRegularFile(saved)) return java.nio.file.Files.readString(saved);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Commands.output(command);
    }
}
