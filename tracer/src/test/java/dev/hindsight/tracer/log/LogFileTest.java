package dev.hindsight.tracer.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {
    @Test
    void everyLineStartsWithItsLevelAndLowerLevelsAreLeftOut(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("h.log");
        LogFile.install(LogFile.parse("info=" + file));
        System.Logger log = System.getLogger("dev.hindsight.test.Component");
        log.log(System.Logger.Level.ERROR, "broken trace");
        log.log(System.Logger.Level.WARNING, "slow shard");
        log.log(System.Logger.Level.INFO, "built {0} instructions", 42);
        log.log(System.Logger.Level.DEBUG, "not shown at info");
        log.log(System.Logger.Level.ERROR, "with a cause", new IllegalStateException("why"));
        for (var h : java.util.logging.Logger.getLogger("").getHandlers()) h.flush();
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(0).startsWith("ERROR ") && lines.get(0).endsWith("Component: broken trace"), lines.get(0));
        assertTrue(lines.get(1).startsWith("WARN "), lines.get(1));
        assertTrue(lines.get(2).startsWith("INFO ") && lines.get(2).endsWith("built 42 instructions"), lines.get(2));
        assertTrue(lines.stream().noneMatch(l -> l.contains("not shown")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("ERROR") && l.contains("IllegalStateException: why")), lines.toString());
        for (String l : lines) assertTrue(l.matches("^(ERROR|WARN|INFO|DEBUG) .*"), l);
    }

    @Test
    void theOptionIsTakenOutOfACommandLineButNotOutOfTheProgramsArguments() {
        LogFile.Extracted e = LogFile.extract(new String[] {"-o", "t", "--log", "warn=a.log", "prog", "--", "--log", "x"});
        assertEquals(Level.WARNING, e.spec().level());
        assertEquals(Path.of("a.log"), e.spec().file());
        assertEquals(List.of("-o", "t", "prog", "--", "--log", "x"), List.of(e.rest()));
        assertEquals(Path.of("b.log"), LogFile.extract(new String[] {"--log=info=b.log"}).spec().file());
        assertEquals(null, LogFile.extract(new String[] {"prog"}).spec());
        assertThrows(IllegalArgumentException.class, () -> LogFile.extract(new String[] {"--log"}));
    }

    @Test
    void badSpecificationsSaySo() {
        assertEquals(Level.FINE, LogFile.parse("debug=x.log").level());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogFile.parse("x.log")).getMessage().contains("LEVEL=FILE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogFile.parse("loud=x.log")).getMessage().contains("error, warn, info or debug"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LogFile.parse("info=")).getMessage().contains("LEVEL=FILE"));
    }
}
