package dev.hindsight.tracer;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.breakpoints.Breakpoint;
import dev.hindsight.tracer.dwarf.Mutations;
import dev.hindsight.tracer.elf.ElfFile;
import dev.hindsight.tracer.elf.ElfSection;
import dev.hindsight.tracer.stack.Frame;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program whose debug information (and unwind tables) are damaged still runs under a session:
 * breakpoints by symbol, backtraces and source queries answer, perhaps with less, and never throw.
 */
class DamagedDebugInfoSessionTest {
    @Test
    void sessionsSurviveDamagedDebugSections(@TempDir Path dir) throws Exception {
        Path good = Fixtures.compile("hello.c");
        byte[] bytes = Files.readAllBytes(good);
        ElfFile elf = ElfFile.open(good);
        List<ElfSection> targets = elf.sections().stream()
                .filter(s -> s.name().startsWith(".debug") || s.name().equals(".eh_frame")).toList();
        assertTrue(targets.size() > 4);
        long add = elf.addressOf("add").orElseThrow();
        Random random = new Random(7);
        for (int i = 0; i < 12; i++) {
            byte[] bad = bytes.clone();
            for (ElfSection s : targets) {
                if (random.nextInt(3) != 0) continue;
                byte[] part = java.util.Arrays.copyOfRange(bytes, (int) s.offset(), (int) (s.offset() + s.size()));
                byte[] damaged = Mutations.damage(part, random);
                System.arraycopy(damaged, 0, bad, (int) s.offset(), Math.min(damaged.length, part.length));
            }
            Path exe = dir.resolve("damaged-" + i);
            Files.write(exe, bad);
            assertTrue(exe.toFile().setExecutable(true));
            try (Target t = Target.launch(LaunchSpec.of(exe))) {
                long bias = t.symbols().addressOf("main").orElseThrow() - elf.addressOf("main").orElseThrow();
                Breakpoint b = t.breakpoints().add(add + bias);
                StopEvent.Stopped s = stopped(t.execution().resume());
                assertEquals(add + bias, s.pc(), "variant " + i);
                List<Frame> bt = t.frames().backtrace();
                assertFalse(bt.isEmpty(), "variant " + i);
                assertEquals(add + bias, bt.get(0).pc());
                for (Frame f : bt) t.symbols().sourceAt(f.pc());
                t.symbols().source().resolve(Fixtures.source("hello.c").toString(), Fixtures.line("hello.c", "loop"));
                t.symbols().source().functionBreakpoint("add");
                t.breakpoints().remove(b.id());
                assertEquals(0, exited(t.execution().resume()).exitCode(), "variant " + i);
            }
        }
    }
}
