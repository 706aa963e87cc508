package dev.hindsight.tracer.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Symbol addresses from binutils' nm: an oracle independent of our own ELF reader. */
public final class Nm {
    private Nm() {}

    /** The link-time address of a defined symbol. */
    public static long address(Path binary, String symbol) {
        try {
            Process p = new ProcessBuilder("nm", binary.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3 && f[2].equals(symbol)) return Long.parseUnsignedLong(f[0], 16);
            }
            throw new IllegalArgumentException("no symbol " + symbol + " in " + binary);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ELF entry point from readelf's header dump. */
    public static long entry(Path binary) {
        try {
            Process p = new ProcessBuilder("readelf", "-h", binary.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            for (String line : out.split("\n")) {
                if (line.contains("Entry point address:")) return Long.decode(line.split(":")[1].trim());
            }
            throw new IllegalArgumentException("no entry in " + binary);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the binary is position independent (ELF type DYN). */
    public static boolean isPie(Path binary) {
        try {
            Process p = new ProcessBuilder("readelf", "-h", binary.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.contains("DYN (");
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
