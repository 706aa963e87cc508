package dev.hindsight.tracer.confine;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.compile.ClangDriver;
import dev.hindsight.tracer.compile.CompileRequest;
import dev.hindsight.tracer.compile.CompileResult;
import dev.hindsight.tracer.compile.ServerRoot;
import dev.hindsight.tracer.compile.SessionDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's side of confinement: clang and a traced program inside one session's sandbox. */
class SandboxTest {
    private static final String PROGRAM = "#include <stdio.h>\n#include <unistd.h>\n"
            + "int main(void){printf(\"uid=%d pid=%d\\n\", (int)getuid(), (int)getpid());return 3;}\n";

    @Test
    void clangAndTheTracedProgramRunInsideAsTheSessionsUser(@TempDir Path base) throws Exception {
        // JUnit's temp directory is owner-only; a server's base directory (/tmp) lets others pass.
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
        Path serverRoot = ServerRoot.create(base);
        Confinement c = Confinement.create(SandboxLimits.DEFAULTS, serverRoot);
        try (SessionDirectory dir = SessionDirectory.create(Map.of("HINDSIGHT_TMPDIR", serverRoot.toString())::get);
             Sandbox box = c.open(dir.path(), List.of(), null)) {
            CompileResult r = new ClangDriver().compile(CompileRequest.ofText("m.c", PROGRAM, List.of(), dir,
                    CompileRequest.DEFAULT_TIMEOUT), box);
            assertTrue(r.success(), r.toString());
            assertEquals(box.uid(), (int) Files.getAttribute(r.executable().orElseThrow(), "unix:uid"),
                    "clang ran as the session's user");
            LaunchSpec spec = LaunchSpec.of(r.executable().orElseThrow()).withEnvironment(List.of("PATH=/usr/bin"))
                    .withSandbox(box);
            try (Target t = Target.launch(spec)) {
                String status = Files.readString(Path.of("/proc/" + t.pid() + "/status"));
                assertTrue(status.contains("\nUid:\t" + box.uid() + "\t"), status);
                assertEquals(StopEvent.Reason.ENTRY, ((StopEvent.Stopped) t.lastStop()).reason());
                assertInstanceOf(StopEvent.Stopped.class, stop(t.execution().stepInstruction()));
                assertEquals(new StopEvent.Exited(3, null), stop(t.execution().resume()));
                String out = new String(t.stdio().stdout().readAllBytes());
                assertEquals("uid=" + box.uid() + " pid=2\n", out);
            }
        }
    }

    @Test
    void aServerRootOthersCannotReachIsRefusedWithAReason(@TempDir Path ownerOnly) throws Exception {
        ConfinementException e = assertThrows(ConfinementException.class,
                () -> Confinement.create(SandboxLimits.DEFAULTS, ServerRoot.create(ownerOnly)));
        assertTrue(e.getMessage().contains("must be reachable by the session users"), e.getMessage());
    }
}
