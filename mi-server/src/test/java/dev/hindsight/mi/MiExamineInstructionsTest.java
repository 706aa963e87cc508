package dev.hindsight.mi;

import dev.hindsight.mi.testing.Lockstep;
import dev.hindsight.tracer.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * {@code x/i} and {@code x/Ni ADDR} in lockstep with gdb: the same console text, line for line
 * ({@code => } at the pc, other lines indented, address, symbol, instruction), and gdb's error
 * after the line's head where memory cannot be read; a bare {@code x} goes on where the last one
 * stopped, in its format.
 */
class MiExamineInstructionsTest {
    @Test
    void examiningInstructionsPrintsWhatGdbPrints() throws Exception {
        new Lockstep()
                .console("break add")
                .exec("run")
                .console("x/i")
                .console("x/i $pc")
                .console("-interpreter-exec console \"x/3i $pc\"")
                .console("x/i")
                .console("x/2i main")
                .console("x/2xb $pc")
                .console("x/i")
                .console("x/i 0")
                .console("x/2i")
                .console("frame 1")
                .console("x/2i $pc")
                .run(Fixtures.compile("hello.c"));
    }
}
