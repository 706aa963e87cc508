package dev.hindsight.index.build;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One line on a terminal, redrawn in place at most every {@link #INTERVAL_NANOS}: how far the
 * shards are, the instructions indexed and the rate. Shards report on their own threads.
 * Off the terminal (a log, CI) it prints nothing: the summary line at the end is enough there.
 */
final class ProgressBar {
    private static final long INTERVAL_NANOS = 200_000_000L;
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final boolean enabled;
    private final long[] done;
    private final double[] fraction;
    private final long started = System.nanoTime();
    private long lastDrawn;

    ProgressBar(PrintStream out, boolean enabled, int shards) {
        this.out = out;
        this.enabled = enabled;
        this.done = new long[shards];
        this.fraction = new double[shards];
    }

    /** Whether stdout and stdin are a terminal (the JVM only knows that much). */
    static boolean onTerminal() {
        return System.console() != null;
    }

    /** Shard {@code shard} has indexed {@code instructions}, about {@code fractionDone} of its part. */
    synchronized void update(int shard, long instructions, double fractionDone) {
        done[shard] = instructions;
        fraction[shard] = Math.max(0, Math.min(1, fractionDone));
        long now = System.nanoTime();
        if (!enabled || now - lastDrawn < INTERVAL_NANOS) return;
        lastDrawn = now;
        out.print("\r" + line(now));
        out.flush();
    }

    synchronized String line(long now) {
        double f = 0;
        long total = 0;
        for (int i = 0; i < done.length; i++) {
            f += fraction[i] / done.length;
            total += done[i];
        }
        int filled = (int) Math.round(f * WIDTH);
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %,d instructions  %,.0f/s  %d shards",
                "#".repeat(filled), ".".repeat(WIDTH - filled), Math.round(f * 100), total, total / seconds, done.length);
    }

    /** Clears the line, so the summary that follows starts clean. */
    synchronized void finish() {
        if (enabled && lastDrawn != 0) {
            out.print("\r" + " ".repeat(WIDTH + 70) + "\r");
            out.flush();
        }
    }
}
