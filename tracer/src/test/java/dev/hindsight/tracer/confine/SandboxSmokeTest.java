package dev.hindsight.tracer.confine;

import static dev.hindsight.tracer.testing.Await.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.hindsight.tracer.LaunchSpec;
import dev.hindsight.tracer.StopEvent;
import dev.hindsight.tracer.Target;
import dev.hindsight.tracer.compile.ClangDriver;
import dev.hindsight.tracer.compile.CompileRequest;
import dev.hindsight.tracer.compile.CompileResult;
import dev.hindsight.tracer.compile.SessionDirectory;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxSmokeTest {
    @Test
    void compilesAndTracesInside() throws Exception {
        Confinement c = Confinement.create(SandboxLimits.DEFAULTS);
        try (SessionDirectory dir = SessionDirectory.create(); Sandbox box = c.open(dir.path(), List.of(), null)) {
            CompileRequest req = CompileRequest.ofText("m.c", "#include <stdio.h>\n#include <unistd.h>\nint main(void){printf(\"uid=%d pid=%d\\n\", (int)getuid(), (int)getpid());return 3;}\n", List.of(), dir, CompileRequest.DEFAULT_TIMEOUT);
            CompileResult r = new ClangDriver().compile(req, box);
            assertTrue(r.success(), r.toString());
            LaunchSpec spec = LaunchSpec.of(r.executable().orElseThrow()).withEnvironment(List.of("PATH=/usr/bin")).withSandbox(box);
            try (Target t = Target.launch(spec)) {
                System.out.println("pid " + t.pid() + " " + Files.readString(java.nio.file.Path.of("/proc/" + t.pid() + "/status")).lines().filter(l -> l.startsWith("Uid")).findFirst());
                t.stepInstruction().join();
                StopEvent e = stop(t.resume());
                String out = new String(t.stdio().stdout().readAllBytes());
                System.out.println(e + " " + out);
                assertEquals(new StopEvent.Exited(3, null), e);
                assertTrue(out.contains("uid=" + box.uid() + " pid=2"), out);
            }
        }
    }
}
