package dev.hindsight.mi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hindsight.mi.testing.MiProcess;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The program's output, without a terminal of its own, comes as {@code @} target records (gdb's
 * form for it), all of it before the exit is told.
 */
class MiProgramOutputTest {
    @Test
    void programOutputComesAsTargetRecordsBeforeTheExit() throws Exception {
        try (MiProcess h = MiProcess.hindsight(Fixtures.compile("hello.c"))) {
            assertEquals("running", h.send("-exec-run").cls());
            List<MiRecord> rs = h.awaitStopped();
            StringBuilder out = new StringBuilder();
            for (MiRecord r : rs) if (r.kind() == '@') out.append(r.text());
            assertEquals("hello 3\n", out.toString(), String.join("\n", h.transcript()));
            MiRecord stopped = rs.get(rs.size() - 1);
            assertEquals("exited-normally", stopped.str("reason"));
            assertTrue(rs.stream().anyMatch(r -> r.kind() == '=' && r.cls().equals("thread-group-exited")
                    && "0".equals(r.str("exit-code"))));
        }
    }
}
