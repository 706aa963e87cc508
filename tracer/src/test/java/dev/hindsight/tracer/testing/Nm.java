package dev.hindsight.tracer.testing;

import java.nio.file.Path;
import java.util.List;

/** Symbol addresses and header facts from binutils: an oracle independent of our own ELF reader. */
public final class Nm {
    private Nm() {}

    /** The link-time address of a defined symbol. */
    public static long address(Path binary, String symbol) {
        for (String line : Commands.output(List.of("nm", binary.toString())).split("\n")) {
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
        return Commands.output(List.of("readelf", "-h", binary.toString()));
    }
}
