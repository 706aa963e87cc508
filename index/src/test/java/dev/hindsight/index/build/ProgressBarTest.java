package dev.hindsight.index.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void theLineShowsTheShardsAverageAndTheInstructionsSoFar() {
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream()), true, 2);
        bar.update(0, 1000, 1.0);
        bar.update(1, 500, 0.5);
        String line = bar.line(System.nanoTime());
        assertTrue(line.startsWith("[" + "#".repeat(23) + ".".repeat(7) + "]  75%  1,500 instructions"), line);
        assertTrue(line.endsWith("2 shards"), line);
    }

    @Test
    void offATerminalNothingIsDrawn() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), false, 1);
        bar.update(0, 70000, 0.9);
        bar.finish();
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onATerminalItRedrawsOneLineInPlaceAndClearsIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), true, 1);
        bar.update(0, 70000, 0.9);
        bar.finish();
        String drawn = out.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.startsWith("\r[") && drawn.contains(" 90%  70,000 instructions"), drawn);
        assertTrue(drawn.endsWith("\r") && !drawn.contains("\n"), drawn);
    }
}
