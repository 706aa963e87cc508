package dev.hindsight.mi;

import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.mi.testing.MiProcess;
import dev.hindsight.mi.testing.MiRecord;
import dev.hindsight.tracer.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hindsight gdb --confine}: the program runs as a session user of its own, in its own PID namespace. */
class MiConfineTest {
    @Test
    void withConfineTheProgramRunsSandboxedAndStillStopsAtItsBreakpoints(@TempDir Path dir) throws Exception {
        // The session's user reads the program's folder; JUnit's temp directory is owner-only.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path program = Files.copy(Fixtures.compile("hello.c"), dir.resolve("hello"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (List<String> options : List.of(List.of("--confine"), List.<String>of())) {
            try (MiProcess h = MiProcess.hindsightWith(options, program)) {
                assertEquals("done", h.send("-break-insert main").cls());
                List<MiRecord> records = new java.util.ArrayList<>(h.exchange("-exec-run"));
                assertEquals("running", records.get(records.size() - 1).cls());
                records.addAll(h.awaitStopped());
                MiRecord stopped = records.get(records.size() - 1);
                assertEquals("breakpoint-hit", stopped.str("reason"), stopped.line());
                assertEquals("main", stopped.str("frame.func"));
                String pid = records.stream().filter(r -> r.kind() == '=' && r.cls().equals("thread-group-started"))
                        .findFirst().orElseThrow().str("pid");
                String status = Files.readString(Path.of("/proc/" + pid + "/status"));
                long uid = Long.parseLong(status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1]);
                String nspid = status.lines().filter(l -> l.startsWith("NSpid:")).findFirst().orElseThrow();
                if (options.isEmpty()) {
                    assertEquals(ProcessHandle.current().info().user().orElse("").equals("root") ? 0 : uid, uid);
                    assertEquals("NSpid:\t" + pid, nspid, "unconfined: the machine's PID namespace");
                } else {
                    assertTrue(uid >= 1_900_000_000L, "a session user of its own, not " + uid);
                    assertEquals("NSpid:\t" + pid + "\t2", nspid, "confined: pid 2 of a namespace of its own");
                }
                assertEquals("running", h.send("-exec-continue").cls());
                assertEquals("exited-normally", h.awaitStopped().stream().filter(r -> r.kind() == '*')
                        .reduce((a, b) -> b).orElseThrow().str("reason"));
            }
        }
    }
}
